// Working days (CN holidays and 调休 make-up days, plain weekdays, roster) and local dates by time zone.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import {
  isWorkingDay,
  isoWeekday,
  localDateOf,
  dayNumber,
  nextWorkingDay,
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
