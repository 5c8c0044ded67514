// Working days (CN holidays and 调休 make-up days, plain weekdays, roster) and local dates by time zone.
import official from 'chinese-days/dist/chinese-days.json';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  extendChineseCalendar,
  hasChineseSchedule,
  hasStatutoryFallback,
  isWorkingDay,
  isoWeekday,
  localDateOf,
  dayNumber,
  nextWorkingDay,
  statutoryHolidays,
  workingDaysInMonth,
} from '../../../src/domain/goals/calendar';
import { errorKey } from '../../helpers/errorKey';

describe('CN calendar', () => {
  it('2026-10: National Day holiday Oct 1–7 and make-up Saturday Oct 10', () => {
    // Oct 1 2026 is a Thursday. Weekdays: Thu 1, Fri 2, then four full weeks 5–9, 12–16, 19–23, 26–30 → 2 + 20 = 22.
    // Holidays on weekdays: 1, 2, 5, 6, 7 → 22 − 5 = 17. Plus make-up Saturday 10 → 18.
    const days = workingDaysInMonth('2026-10', 'CN', []);
    expect(days).toHaveLength(18);
    expect(days[0]).toBe('2026-10-08');
    expect(days).toContain('2026-10-10');
    expect(days).not.toContain('2026-10-01');
    expect(isWorkingDay('2026-10-10', 'CN', [])).toBe(true);
    expect(isWorkingDay('2026-10-10', 'weekdays', [])).toBe(false);
    expect(workingDaysInMonth('2026-10', 'weekdays', [])).toHaveLength(22);
  });

  it('2026-02: Spring Festival Feb 15–23 with make-up Saturdays Feb 14 and 28', () => {
    // Feb 1 2026 is a Sunday. Weekdays: 2–6, 9–13, 16–20, 23–27 → 20.
    // Holiday weekdays: 16, 17, 18, 19, 20, 23 → 14. Plus Saturdays 14 and 28 → 16.
    const days = workingDaysInMonth('2026-02', 'CN', []);
    expect(days).toHaveLength(16);
    expect(days).toContain('2026-02-14');
    expect(days).toContain('2026-02-28');
    expect(days).not.toContain('2026-02-16');
  });

  it('next working day skips the whole Golden Week', () => {
    // Wed Sep 30 → Oct 1–7 are holidays → Thu Oct 8
    expect(nextWorkingDay('2026-09-30', 'CN', [])).toBe('2026-10-08');
    // Fri Oct 9 → the make-up Saturday Oct 10
    expect(nextWorkingDay('2026-10-09', 'CN', [])).toBe('2026-10-10');
    // Sat Feb 28 (make-up day) → Sun Mar 1 → Mon Mar 2
    expect(nextWorkingDay('2026-02-28', 'CN', [])).toBe('2026-03-02');
    expect(nextWorkingDay('2026-12-31', 'weekdays', [])).toBe('2027-01-01');
  });
});

describe('roster overrides', () => {
  it('removes a day off and adds an extra day', () => {
    // March 2026 starts on a Sunday: weekdays 2–6, 9–13, 16–20, 23–27, 30–31 → 22, no CN holidays.
    expect(workingDaysInMonth('2026-03', 'CN', [])).toHaveLength(22);
    const off = [{ agent: 'a1', date: '2026-03-05', off: true }];
    // 22 − 1 = 21
    expect(workingDaysInMonth('2026-03', 'CN', off)).toHaveLength(21);
    expect(isWorkingDay('2026-03-05', 'CN', off)).toBe(false);
    // + Saturday Mar 7 → 22, with the 7th in the list
    const both = [...off, { agent: 'a1', date: '2026-03-07', off: false }];
    expect(workingDaysInMonth('2026-03', 'CN', both)).toHaveLength(22);
    expect(workingDaysInMonth('2026-03', 'CN', both)).toContain('2026-03-07');
    // A roster day on a public holiday makes it a working day
    expect(isWorkingDay('2026-10-03', 'CN', [{ agent: 'a1', date: '2026-10-03', off: false }])).toBe(true);
    // The later entry wins
    expect(isWorkingDay('2026-03-05', 'CN', [...off, { agent: 'a1', date: '2026-03-05', off: false }])).toBe(true);
    // next working day honours the roster: Wed Mar 4 → (Thu 5 off) → Fri 6
    expect(nextWorkingDay('2026-03-04', 'CN', off)).toBe('2026-03-06');
  });
});

describe('local dates', () => {
  it('converts an instant to the agent’s calendar date', () => {
    // 20:00 UTC on Mar 1 is 04:00 on Mar 2 in Shanghai (+08:00)
    expect(localDateOf('2026-03-01T20:00:00Z', 'Asia/Shanghai')).toBe('2026-03-02');
    // 01:00 on Mar 2 in Shanghai is 12:00 on Mar 1 in New York (−05:00)
    expect(localDateOf('2026-03-02T01:00:00+08:00', 'America/New_York')).toBe('2026-03-01');
    expect(localDateOf(new Date(Date.UTC(2026, 2, 1, 15, 59)), 'Asia/Shanghai')).toBe('2026-03-01');
    expect(localDateOf(new Date(Date.UTC(2026, 2, 1, 16, 0)), 'Asia/Shanghai')).toBe('2026-03-02');
  });

  it('agrees with luxon at every instant in zones with DST, half-hour and date-line offsets', () => {
    // The fast path formats with a cached Intl formatter; luxon's own conversion is the reference.
    const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC'];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2099, 11, 31) }), fc.constantFrom(...zones), (ms, tz) => {
        expect(localDateOf(new Date(ms), tz)).toBe(DateTime.fromMillis(ms).setZone(tz).toISODate());
      }),
      { numRuns: 2000 },
    );
    // Around a DST change in New York (2026-03-08 02:00 local = 07:00 UTC) and at midnight.
    expect(localDateOf(new Date(Date.UTC(2026, 2, 8, 4, 59)), 'America/New_York')).toBe('2026-03-07');
    expect(localDateOf(new Date(Date.UTC(2026, 2, 8, 5, 0)), 'America/New_York')).toBe('2026-03-08');
  });

  it('dayNumber matches Date.UTC for every valid date and rejects invalid ones', () => {
    const DAY_MS = 86_400_000;
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(100, 0, 1), max: Date.UTC(9999, 11, 31) }), (ms) => {
        const day = Math.floor(ms / DAY_MS);
        const iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
        expect(dayNumber(iso)).toBe(day);
      }),
      { numRuns: 3000 },
    );
    // 1970-01-01 is day 0; 2000-02-29 exists (divisible by 400); 1900-02-29 does not (by 100, not 400).
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2000-03-01') - dayNumber('2000-02-28')).toBe(2);
    for (const bad of ['1900-02-29', '2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-01', '2026/01/01', '0099-01-01', '２０２６-01-01', '2026-01-1a', '']) {
      expect(errorKey(() => dayNumber(bad)), bad).toBe('goals.error.invalid_date');
    }
  });

  it('weekday arithmetic needs no local time', () => {
    // 2026-03-01 Sunday (7), 2026-03-02 Monday (1), 1970-01-01 Thursday (4)
    expect(isoWeekday('2026-03-01')).toBe(7);
    expect(isoWeekday('2026-03-02')).toBe(1);
    expect(isoWeekday('1970-01-01')).toBe(4);
  });
});

describe('calendar errors', () => {
  it('names the bad value', () => {
    expect(errorKey(() => localDateOf('2026-03-01T00:00:00Z', 'Mars/Olympus'))).toBe('goals.error.invalid_timezone');
    expect(errorKey(() => localDateOf('yesterday', 'Asia/Shanghai'))).toBe('goals.error.invalid_instant');
    expect(errorKey(() => localDateOf(new Date(Number.NaN), 'Asia/Shanghai'))).toBe('goals.error.invalid_instant');
    expect(errorKey(() => workingDaysInMonth('2026-13', 'CN', []))).toBe('goals.error.invalid_month');
    expect(errorKey(() => isWorkingDay('2026-02-30', 'CN', []))).toBe('goals.error.invalid_date');
    expect(errorKey(() => nextWorkingDay('2026-03-01', 'weekdays', [...Array(400)].map((_, i) => ({
      agent: 'a1',
      date: new Date(Date.UTC(2026, 2, 2 + i)).toISOString().slice(0, 10),
      off: true,
    }))))).toBe('goals.error.no_working_days_ahead');
  });
});

describe('time-zone independence', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it('gives the same answers whatever the process time zone', () => {
    const zones = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];
    const instantArb = fc.integer({ min: Date.UTC(2004, 0, 1), max: Date.UTC(2027, 0, 1) });
    const monthArb = fc.tuple(fc.integer({ min: 2004, max: 2027 }), fc.integer({ min: 1, max: 12 }))
      .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(instantArb, monthArb, fc.constantFrom('Asia/Shanghai', 'Europe/London', 'America/New_York'), (ms, month, tz) => {
        const answers = zones.map((zone) => {
          process.env.TZ = zone;
          const local = localDateOf(new Date(ms), tz);
          return JSON.stringify([
            local,
            localDateOf(new Date(ms).toISOString(), tz),
            workingDaysInMonth(month, 'CN', []),
            nextWorkingDay(local, 'CN', []),
            isoWeekday(local),
          ]);
        });
        expect(new Set(answers).size).toBe(1);
      }),
      { numRuns: 60 },
    );
  });
});

describe('statutory fallback for a year with no official schedule', () => {
  const shipped = official as unknown as { holidays: Record<string, string> };

  it('2027: the 13 statutory days fixed by law, from chinese-days’ lunar and solar-term data', () => {
    // 2027 has no official schedule in chinese-days 1.5.7 (the newest on npm).
    expect(hasChineseSchedule(2027)).toBe(false);
    expect(hasStatutoryFallback(2027)).toBe(true);
    // Lunar year 2027 (丁未) starts Sat Feb 6, so 除夕 is Fri Feb 5; 清明 is Mon Apr 5; 端午 (五月初五) Wed
    // Jun 9; 中秋 (八月十五) Wed Sep 15.
    expect(Object.keys(statutoryHolidays(2027))).toEqual([
      '2027-01-01', // 元旦, Fri
      '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', // 除夕 Fri, 初一 Sat, 初二 Sun, 初三 Mon
      '2027-04-05', // 清明, Mon
      '2027-05-01', '2027-05-02', // 劳动节, Sat and Sun
      '2027-06-09', // 端午, Wed
      '2027-09-15', // 中秋, Wed
      '2027-10-01', '2027-10-02', '2027-10-03', // 国庆节, Fri, Sat, Sun
    ]);
    expect(['2027-01-01', '2027-02-05', '2027-02-06', '2027-04-05', '2027-06-09', '2027-09-15', '2027-10-01'].map(isoWeekday)).toEqual([5, 5, 6, 1, 3, 3, 5]);
    expect(statutoryHolidays(2027)['2027-02-05']).toBe('Spring Festival,春节,4');
  });

  it('matches the official schedules chinese-days ships: every statutory day is an official holiday', () => {
    // The official holiday of the same festival on `date`. chinese-days' older data sometimes leaves out a
    // weekend day inside a holiday (2012: 端午 Sat Jun 23 is missing between Fri 22 and Sun 24), so a
    // weekend day also counts when a neighbouring day is that festival's holiday.
    // 中秋 on Oct 1–3 (2009, 2020) is listed under either name.
    const festival = (name: string) => (name.split(',')[1] === '中秋' ? '国庆节' : name.split(',')[1]);
    const sameFestival = (date: string, name: string) => shipped.holidays[date] !== undefined && festival(shipped.holidays[date]) === festival(name);
    const official = (date: string, name: string): boolean =>
      date in shipped.holidays ? sameFestival(date, name) : isoWeekday(date) >= 6 && (sameFestival(addDays(date, -1), name) || sameFestival(addDays(date, 1), name));
    // 2025 and 2026 are under the law as amended in 2024 (in force from 2025): all 13 days.
    for (const year of [2025, 2026]) {
      const days = statutoryHolidays(year);
      const missing = Object.keys(days).filter((date) => !(date in shipped.holidays) || !official(date, days[date]));
      expect(missing, String(year)).toEqual([]);
    }
    // 2008–2024 were under the 2007 law: no 除夕 and only May 1, so those two days are left out; every other
    // day (the lunar ones and 清明 included) must be an official holiday of the same festival: 17 years of
    // lunar and solar-term dates checked against the State Council schedules.
    for (let year = 2008; year <= 2024; year++) {
      const days = statutoryHolidays(year);
      const eve = Object.keys(days).find((date) => days[date].includes('春节'));
      const missing = Object.keys(days).filter((date) => date !== eve && date !== `${year}-05-02` && !official(date, days[date]));
      expect(missing, String(year)).toEqual([]);
      // ... and the day left out really is 除夕: the official Spring Festival holiday covers the next day.
      expect(shipped.holidays[addDays(eve!, 1)], String(year)).toMatch(/春节/);
    }
    // 2024 shows the law change: 除夕 (Feb 9) was a working day, 初一 (Feb 10) a holiday.
    expect('2024-02-09' in shipped.holidays).toBe(false);
    expect(Object.keys(statutoryHolidays(2024))).toContain('2024-02-09');
  });

  it('January and February 2027 working days (CN)', () => {
    // Jan 2027 starts on a Friday: weekdays Fri 1, then 4–8, 11–15, 18–22, 25–29 → 1 + 20 = 21.
    // Statutory weekday holidays: Jan 1 → 21 − 1 = 20 (plain Monday–Friday said 21).
    const jan = workingDaysInMonth('2027-01', 'CN', []);
    expect(jan).toHaveLength(20);
    expect(jan[0]).toBe('2027-01-04');
    expect(workingDaysInMonth('2027-01', 'weekdays', [])).toHaveLength(21);
    // Feb 2027 starts on a Monday and has exactly four weeks: 20 weekdays. Statutory days Fri 5 (除夕),
    // Sat 6, Sun 7, Mon 8; on weekdays: 5 and 8 → 20 − 2 = 18. No make-up Saturdays: not published.
    const feb = workingDaysInMonth('2027-02', 'CN', []);
    expect(feb).toHaveLength(18);
    expect(feb).not.toContain('2027-02-05');
    expect(feb).not.toContain('2027-02-08');
    expect(feb).toContain('2027-02-04');
    expect(feb).toContain('2027-02-09');
    expect(workingDaysInMonth('2027-02', 'weekdays', [])).toHaveLength(20);
    // New Year's Eve 2026 (Thu) → Fri Jan 1 is a holiday → weekend → Mon Jan 4.
    expect(isWorkingDay('2027-01-01', 'CN', [])).toBe(false);
    expect(nextWorkingDay('2026-12-31', 'CN', [])).toBe('2027-01-04');
    // Thu Feb 4 → Fri 5 … Mon 8 off → Tue Feb 9.
    expect(nextWorkingDay('2027-02-04', 'CN', [])).toBe('2027-02-09');
    // A roster entry still wins over the fallback.
    expect(isWorkingDay('2027-01-01', 'CN', [{ agent: 'a1', date: '2027-01-01', off: false }])).toBe(true);
  });

  it('applies only after the shipped schedules and while chinese-days’ lunar tables last', () => {
    expect(hasStatutoryFallback(2026)).toBe(false);
    expect(hasStatutoryFallback(2099)).toBe(true);
    expect(hasStatutoryFallback(2100)).toBe(false);
    expect(hasStatutoryFallback(2003)).toBe(false);
    // 2003 (before the shipped data, under older laws) and 2100 stay Monday–Friday.
    expect(isWorkingDay('2003-10-03', 'CN', [])).toBe(true); // a Friday
    expect(isWorkingDay('2100-01-01', 'CN', [])).toBe(true); // a Friday
    expect(() => statutoryHolidays(2100)).toThrow(RangeError);
  });

  it('every fallback year (2027–2099) gives the same dates in any process zone, and ICU agrees on the lunar ones', () => {
    const original = process.env.TZ;
    let answers: Array<Record<number, Record<string, string>>>;
    try {
      answers = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'].map((zone) => {
        process.env.TZ = zone;
        const years: Record<number, Record<string, string>> = {};
        for (let year = 2027; year <= 2099; year++) years[year] = statutoryHolidays(year);
        return years;
      });
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
    for (const years of answers.slice(1)) expect(years).toEqual(answers[0]);
    const named = (days: Record<string, string>, name: string) => Object.keys(days).filter((date) => days[date].split(',')[1] === name);
    for (const [year, days] of Object.entries(answers[0])) {
      // Four consecutive days of 春节 (除夕 and 初一 to 初三); 清明 on Apr 4–6; the fixed days.
      const spring = named(days, '春节');
      expect(spring.map(dayNumber), year).toEqual([0, 1, 2, 3].map((i) => dayNumber(spring[0]) + i));
      expect(['04-04', '04-05', '04-06'], year).toContain(named(days, '清明')[0].slice(5));
      expect([...named(days, '元旦'), ...named(days, '劳动节')].map((d) => d.slice(5)), year).toEqual(['01-01', '05-01', '05-02']);
      // 中秋 on Oct 1–3 (2028: Oct 3) is listed under National Day: 12 days instead of 13.
      expect(named(days, '国庆节').map((d) => d.slice(5)), year).toEqual(['10-01', '10-02', '10-03']);
      expect(Object.keys(days), year).toHaveLength(named(days, '中秋').length === 1 ? 13 : 12);
    }
    // A second, independent source for the lunar days: the Chinese calendar of Node's ICU (astronomical).
    // ICU puts 初一 a day off in two years whose new moon is minutes from midnight Beijing time: 2027
    // (ICU: Sun Feb 7; the Hong Kong Observatory's 2027 calendar and chinese-days: Sat Feb 6) and 2030
    // (ICU: Sat Feb 2; chinese-days: Sun Feb 3). There either answer is accepted, so a fixed ICU passes too.
    const icu = new Intl.DateTimeFormat('en-u-ca-chinese', { timeZone: 'UTC', month: 'numeric', day: 'numeric' });
    if (icu.resolvedOptions().calendar !== 'chinese') return; // a Node built without full ICU
    const lunar = (date: string) => icu.formatToParts(new Date(`${date}T00:00:00Z`)).filter((p) => p.type !== 'literal').map((p) => p.value).join('/');
    for (const [year, days] of Object.entries(answers[0])) {
      const expected = [['12/29', '1/1', '1/2', '1/3'], ['12/30', '1/1', '1/2', '1/3']];
      if (year === '2027') expected.push(['12/29', '12/30', '1/1', '1/2']);
      if (year === '2030') expected.push(['1/1', '1/2', '1/3', '1/4']);
      expect(expected, `${year} ${named(days, '春节')}`).toContainEqual(named(days, '春节').map(lunar));
      expect(named(days, '端午').map(lunar), year).toEqual(['5/5']);
      const midAutumn = named(days, '中秋');
      if (midAutumn.length === 0) expect(['10-01', '10-02', '10-03'].map((d) => lunar(`${year}-${d}`)), year).toContain('8/15');
      else expect(midAutumn.map(lunar), year).toEqual(['8/15']);
    }
  });

  it('the operator’s calendars/cn-extra.json entries win over the fallback, date by date', () => {
    // 2031 (no official schedule): Wed Jan 1 is 元旦 by the fallback, Thu Jan 2 an ordinary weekday.
    expect(isWorkingDay('2031-01-01', 'CN', [])).toBe(false);
    expect(isWorkingDay('2031-01-02', 'CN', [])).toBe(true);
    expect(isWorkingDay('2031-01-04', 'CN', [])).toBe(false); // a Saturday
    // What src/app/calendarData.ts merges at start-up from the file: a bridge day and a make-up Saturday,
    // plus (to show precedence) a statutory day the operator marks as worked.
    extendChineseCalendar({ holidays: { '2031-01-02': '元旦' }, workdays: { '2031-01-04': '元旦调休', '2031-01-01': 'test only' } });
    expect(isWorkingDay('2031-01-02', 'CN', [])).toBe(false);
    expect(isWorkingDay('2031-01-04', 'CN', [])).toBe(true);
    expect(isWorkingDay('2031-01-01', 'CN', [])).toBe(true);
    expect(hasChineseSchedule(2031)).toBe(true);
    // Days the file does not mention keep the statutory fallback: 2031 春节 is Thu Jan 23 (初一), 除夕 Wed Jan 22.
    expect(Object.keys(statutoryHolidays(2031)).slice(1, 5)).toEqual(['2031-01-22', '2031-01-23', '2031-01-24', '2031-01-25']);
    expect(isWorkingDay('2031-01-22', 'CN', [])).toBe(false);
  });
});
