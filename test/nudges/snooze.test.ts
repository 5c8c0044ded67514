// Reminder settings people change by typing (issue 25, item 3), end to end through the console engine:
// each phrase → the reply and the stored preference, in zh-CN and en, at fixed instants (never the clock).
// "Until X" means reminders resume ON X; the reply names the first day a nudge is actually sent, from the
// same stored preferences the scheduler reads. The last block replays a sequence of changes and checks,
// for each of the next 14 days, that the reply's description is exactly what nudgesFor would send.
//
// Calendar facts used below (chinese-days, checked by hand against the State Council schedules):
// 2026-01-01..03 New Year holiday, 2026-01-04 (Sun) a make-up working day; 2026-02-14 (Sat) make-up,
// 2026-02-15..23 Spring Festival; 2026-04-04..06 Qingming (Sat–Mon); 2026-10-01..07 National Day,
// 2026-10-10 (Sat) make-up.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addDays, isWorkingDay } from '../../src/domain/goals';
import { nudgesFor, sendInstant } from '../../src/nudges/schedule';
import type { Reply } from '../../src/core/reply';
import { agent, teams, useNudgeChat } from './helpers';

// fixture(): a1 (zh-CN) and a2 (en) are agents, l1 leads team t1; all Asia/Shanghai, CN calendar.
const a1 = agent('a1');
const { say, stored } = useNudgeChat();

/** Shanghai wall-clock instant (UTC+8). */
const at = (date: string, time = '20:00') => new Date(`${date}T${time}:00+08:00`);
/** The kinds a1 would be sent on `date` with the stored preferences (the scheduler's own function). */
const sentTo = async (date: string, id = 'a1') => {
  const prefs = await stored(id);
  return nudgesFor(date, [agent(id)], prefs ? { [id]: prefs } : {}, {}, { teams }).map((n) => n.kind);
};

describe('这周别提醒 / skip the rest of this week: back on the first working day of the next week', () => {
  it('Friday before Qingming (Fri 2026-04-03): next Monday 04-06 is a holiday, so reminders resume Tue 04-07', async () => {
    const reply = await say('a1', '这周别提醒', at('2026-04-03'));
    expect(reply.intent).toBe('nudges');
    // ISO week Mon 03-30 … Sun 04-05: next Monday = 04-03 + (8 − 5) = 04-06.
    expect(await stored()).toMatchObject({ pausedUntil: '2026-04-06', stopped: false });
    expect((await stored())?.pausedFrom).toBeUndefined();
    expect(reply.text).toContain('好的,这周剩下的日子不再提醒,4月6日(周一)不是你的工作日,4月7日(周二)起恢复提醒。');
    expect(reply.text).toContain('所有提醒暂停中,4月6日(周一)不是你的工作日,4月7日(周二)起恢复提醒。之后:早间提醒 09:00;下班打卡:关闭。');
    expect(reply.text).toContain('下一次提醒:4月7日 周二 09:00(早间提醒)');
    expect(await sentTo('2026-04-06')).toEqual([]);
    expect(await sentTo('2026-04-07')).toEqual(['agent_morning']);
  });

  it('the same in English', async () => {
    const reply = await say('a2', 'skip the rest of this week', at('2026-04-03'));
    expect(await stored('a2')).toMatchObject({ pausedUntil: '2026-04-06' });
    expect(reply.text).toContain('Done — no more nudges this week; Mon 6 Apr is not one of your working days, so nudges resume on Tue 7 Apr.');
    expect(reply.text).toContain('Next nudge: Tue 7 Apr 09:00 (Morning nudge)');
  });

  it('Friday before the Spring Festival (Fri 2026-02-13): the make-up Saturday 02-14 is skipped too; back Tue 02-24', async () => {
    expect(nudgesFor('2026-02-14', [a1], {}, {}, { teams }).map((n) => n.kind)).toEqual(['agent_morning']); // a working Saturday
    const reply = await say('a1', '这周别提醒了', at('2026-02-13'));
    // Next Monday 02-16; 02-16..23 are holidays, so the first working day is Tue 02-24.
    expect(await stored()).toMatchObject({ pausedUntil: '2026-02-16' });
    expect(reply.text).toContain('2月16日(周一)不是你的工作日,2月24日(周二)起恢复提醒');
    expect(await sentTo('2026-02-14')).toEqual([]);
    expect(await sentTo('2026-02-24')).toEqual(['agent_morning']);
  });

  it('"this week no reminders" on Wed 2025-12-31 skips the make-up Sunday 2026-01-04; back Mon 2026-01-05', async () => {
    const reply = await say('a2', 'this week no reminders', at('2025-12-31'));
    // ISO week Mon 12-29 … Sun 01-04: next Monday = 12-31 + (8 − 3) = 2026-01-05 (a working day).
    expect(await stored('a2')).toMatchObject({ pausedUntil: '2026-01-05' });
    expect(reply.text).toContain('Done — no more nudges this week; nudges resume on Mon 5 Jan 2026.');
    expect(await sentTo('2026-01-04', 'a2')).toEqual([]);
    expect(await sentTo('2026-01-05', 'a2')).toEqual(['agent_morning']);
  });

  it('a lead snoozes their digest the same way', async () => {
    const reply = await say('l1', '这周别提醒', at('2026-12-09'));
    // Wed 12-09 → next Monday 12-14; the digest default is 08:45.
    expect(reply.text).toContain('团队晨报暂停中,12月14日(周一)起恢复提醒;之后每个工作日 08:45。');
  });
});

describe('明天别提醒我 / no reminder tomorrow: tomorrow only', () => {
  it('Fri 2026-10-09: tomorrow is the make-up Saturday 10-10; Sunday is off, so reminders resume Mon 10-12', async () => {
    expect(nudgesFor('2026-10-10', [a1], {}, {}, { teams }).length).toBe(1); // would be sent without the snooze
    const reply = await say('a1', '明天别提醒我', at('2026-10-09'));
    expect(await stored()).toMatchObject({ pausedFrom: '2026-10-10', pausedUntil: '2026-10-11', stopped: false });
    expect(reply.text).toContain('好的,10月10日(周六)不提醒,10月11日(周日)不是你的工作日,10月12日(周一)起恢复提醒。');
    expect(await sentTo('2026-10-10')).toEqual([]);
    expect(await sentTo('2026-10-12')).toEqual(['agent_morning']);
  });

  it('in English', async () => {
    const reply = await say('a2', 'no reminder tomorrow pls', at('2026-10-09'));
    expect(await stored('a2')).toMatchObject({ pausedFrom: '2026-10-10', pausedUntil: '2026-10-11' });
    expect(reply.text).toContain('Done — no nudges on Sat 10 Oct; Sun 11 Oct is not one of your working days, so nudges resume on Mon 12 Oct.');
  });

  it("said in the morning, today's evening check-in is still sent (only tomorrow is skipped)", async () => {
    await say('a1', '打开下班总结', at('2026-03-04', '08:00'));
    const reply = await say('a1', '明天别提醒我', at('2026-03-04', '09:30'));
    // Wed 03-04: today keeps its 18:00 check-in; Thu 03-05 skipped; Fri 03-06 back.
    expect(reply.text).toContain('下一次提醒:3月4日 周三 18:00(下班打卡)');
    expect(reply.text).toContain('早间提醒:开启,时间 09:00;下班打卡:开启(18:00)。3月5日(周四)不提醒,3月6日(周五)起恢复提醒。');
    expect(await sentTo('2026-03-04')).toEqual(['agent_morning', 'agent_end_of_day']);
    expect(await sentTo('2026-03-05')).toEqual([]);
    expect(await sentTo('2026-03-06')).toEqual(['agent_morning', 'agent_end_of_day']);
  });

  it('Wed 2025-12-31 → New Year: 01-01 skipped, 01-02/03 are holidays, the make-up Sunday 2026-01-04 is the first day back', async () => {
    const reply = await say('a1', '明天别提醒我', at('2025-12-31'));
    expect(await stored()).toMatchObject({ pausedFrom: '2026-01-01', pausedUntil: '2026-01-02' });
    // Dates in another year than today's carry the year.
    expect(reply.text).toContain('好的,2026年1月1日(周四)不提醒,2026年1月2日(周五)不是你的工作日,2026年1月4日(周日)起恢复提醒。');
    // January's first working day is the make-up Sunday: the month-start prompt.
    expect(await sentTo('2026-01-04')).toEqual(['month_start']);
  });
});

describe('snooze until a date: reminders resume ON that date (or the first working day after it)', () => {
  const wed = at('2026-12-09');
  it.each([
    // Sun 12-20 is not a working day: the first one after it is Mon 12-21.
    ['12月20号之前别提醒我', '2026-12-20', '好的,12月20日(周日)不是你的工作日,12月21日(周一)起恢复提醒。'],
    ['20号以后再提醒我', '2026-12-20', '好的,12月20日(周日)不是你的工作日,12月21日(周一)起恢复提醒。'],
    // 下周一 from Wed 12-09 = 12-14, a working day.
    ['下周一再提醒', '2026-12-14', '好的,12月14日(周一)起恢复提醒。'],
  ])('%s (zh)', async (text, until, expected) => {
    const reply = await say('a1', text, wed);
    expect(await stored()).toMatchObject({ pausedUntil: until, stopped: false });
    expect(reply.text).toContain(expected);
    expect(reply.data.resumeOn).toBe(until === '2026-12-14' ? '2026-12-14' : '2026-12-21');
  });

  it.each([
    ['snooze until Dec 20', '2026-12-20', 'Done — Sun 20 Dec is not one of your working days, so nudges resume on Mon 21 Dec.'],
    // This week's Monday (12-07) has passed: next Monday 12-14.
    ['pause reminders until Monday', '2026-12-14', 'Done — nudges resume on Mon 14 Dec.'],
    // Dec 3 has passed: Jan 3 2027, a Sunday. 2027 has the statutory fallback (Jan 1 off), Mon 4 Jan works.
    ['no reminders until the 3rd', '2027-01-03', 'Done — Sun 3 Jan 2027 is not one of your working days, so nudges resume on Mon 4 Jan 2027.'],
  ])('%s (en)', async (text, until, expected) => {
    const reply = await say('a2', text, wed);
    expect(await stored('a2')).toMatchObject({ pausedUntil: until });
    expect(reply.text).toContain(expected);
  });

  it('"no reminders until the 3rd" on Thu 2026-09-10 lands in National Day: 10-03..07 are holidays, back Thu 10-08', async () => {
    const reply = await say('a2', 'no reminders until the 3rd', at('2026-09-10'));
    expect(await stored('a2')).toMatchObject({ pausedUntil: '2026-10-03' });
    expect(reply.text).toContain('Sat 3 Oct is not one of your working days, so nudges resume on Thu 8 Oct.');
  });

  it('across the year end: "snooze until Jan 2" and "no reminders until the 3rd" on 2025-12-31 both come back on the make-up Sunday 2026-01-04', async () => {
    let reply = await say('a2', 'snooze until Jan 2', at('2025-12-31'));
    expect(await stored('a2')).toMatchObject({ pausedUntil: '2026-01-02' });
    expect(reply.text).toContain('Done — Fri 2 Jan 2026 is not one of your working days, so nudges resume on Sun 4 Jan 2026.');
    reply = await say('a2', 'no reminders until the 3rd', at('2025-12-31'));
    expect(await stored('a2')).toMatchObject({ pausedUntil: '2026-01-03' });
    expect(reply.text).toContain('nudges resume on Sun 4 Jan 2026');
    // 20号 on 12-31: Dec 20 has passed, so Jan 20 (a Tuesday, a working day).
    reply = await say('a1', '20号以后再提醒我', at('2025-12-31'));
    expect(await stored()).toMatchObject({ pausedUntil: '2026-01-20' });
    expect(reply.text).toContain('好的,2026年1月20日(周二)起恢复提醒。');
  });

  it('a snooze after "stop" turns reminders back on from that date', async () => {
    await say('a1', '不要再提醒', at('2026-12-09'));
    expect(await stored()).toMatchObject({ stopped: true });
    await say('a1', '12月20号之前别提醒我', at('2026-12-09'));
    expect(await stored()).toMatchObject({ stopped: false, pausedUntil: '2026-12-20' });
  });
});

describe('refused: a date in the past, over a year away, or an impossible time (nothing saved)', () => {
  const wed = at('2026-12-09');
  it.each([
    // 2025-12-01 was a Monday (2025-12-31 is a Wednesday, 30 days later).
    ['a1', '2025年12月1日之前别提醒我', '2025年12月1日(周一)不在今天之后,提醒设置没有改动。'],
    ['a1', '12月9号以后再提醒', '12月9日(周三)不在今天之后,提醒设置没有改动。'],
    ['a2', 'snooze until Dec 9', 'Wed 9 Dec is not after today, so nothing was changed.'],
    // 2028-01-01 is a Saturday; the latest allowed is 2026-12-09 + 1 year = 2027-12-09, a Thursday.
    ['a1', '2028年1月1日之前别提醒我', '2028年1月1日(周六)离现在超过一年,提醒设置没有改动。最远可以暂停到2027年12月9日(周四)'],
    // 2028-12-01: 2028-01-01 (Sat) + 335 days (leap year) = Fri.
    ['a2', 'snooze until Dec 1 2028', 'Fri 1 Dec 2028 is more than a year away, so nothing was changed. The latest you can snooze to is Thu 9 Dec 2027'],
    // 2026-12-09 + 400 days = 2027-12-09 + 35 days = 2028-01-13, a Thursday.
    ['a1', '暂停提醒400天', '2028年1月13日(周四)离现在超过一年'],
    ['a1', '每天25点提醒我', '“25点”不是一个有效的数字或时间,我什么都没有保存。'],
    ['a2', 'remind me at 8:75', '"8:75" is not a valid number or time, so nothing was saved.'],
  ])('%s: %s', async (user, text, expected) => {
    const reply = await say(user, text, wed);
    expect(reply.text).toContain(expected);
    expect(await stored(user)).toBeNull();
  });

  it('exactly one year ahead is allowed, one day more is not', async () => {
    await say('a2', 'snooze until Dec 10, 2027', wed);
    expect(await stored('a2')).toBeNull();
    await say('a2', 'snooze until Dec 9, 2027', wed);
    expect(await stored('a2')).toMatchObject({ pausedUntil: '2027-12-09' });
  });
});

describe('周末别提醒 / skip reminders on weekends: already so, nothing changes', () => {
  it.each([
    ['a1', '周末别提醒', '周末和节假日本来就不提醒'],
    ['a2', 'skip reminders on weekends', 'Nudges only go out on your working days'],
  ])('%s: %s', async (user, text, expected) => {
    const reply = await say(user, text, at('2026-12-09'));
    expect(reply.intent).toBe('nudges');
    expect(reply.text).toContain(expected);
    expect(await stored(user)).toBeNull();
  });
});

describe('不要再提醒 / stop reminding me', () => {
  it.each([
    ['a1', '不要再提醒', '已停止每日提醒。'],
    ['a2', 'stop reminding me', 'Daily nudges stopped.'],
  ])('%s: %s stops everything', async (user, text, expected) => {
    const reply = await say(user, text, at('2026-12-09'));
    expect(await stored(user)).toMatchObject({ stopped: true });
    expect(reply.text).toContain(expected);
    for (let i = 1; i <= 14; i++) expect(await sentTo(addDays('2026-12-09', i), user)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// The reply says what will be sent: read the description back out of the reply text, then compare it
// with what the scheduler sends on each of the next 14 days.

interface Described {
  stopped: boolean;
  /** Paused from now on: nothing before this date. */
  resume: string | null;
  /** A later pause: nothing from … to (inclusive). */
  skip: [string, string] | null;
  morning: string;
  eod: string | null;
  /** "Next nudge" line: local date and time. */
  next: [string, string] | null;
}

const EN_DATE = String.raw`(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?: \d{4})?`;
const ZH_DATE = String.raw`(?:\d{4}年)?\d{1,2}月\d{1,2}日\([^)]+\)`;

/** The "next nudge" line names a date within two weeks without its year: the year that puts it on or after today. */
function upcoming(date: string, today: string): string {
  return date >= today ? date : `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`;
}

function zhDate(text: string, year: string): string {
  const m = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日/.exec(text)!;
  return `${m[1] ?? year}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
}

function enDate(text: string, year: string): string {
  const withYear = /\d{4}$/.test(text) ? text : `${text} ${year}`;
  const d = DateTime.fromFormat(withYear, 'ccc d LLL yyyy', { zone: 'UTC', locale: 'en' });
  expect(d.isValid, `${withYear} is a real date with the right weekday`).toBe(true);
  return d.toISODate()!;
}

function describeZh(reply: Reply, today: string): Described {
  const year = today.slice(0, 4);
  const line = reply.text.split('\n').find((l) => l.includes('早间提醒'))!;
  const resume = line.includes('暂停中') ? new RegExp(`(${ZH_DATE})起恢复提醒`).exec(line) : null;
  const skip = new RegExp(`(${ZH_DATE})(?:至(${ZH_DATE}))?不提醒`).exec(line);
  const next = /下一次提醒:(\d{1,2}月\d{1,2}日) \S+ (\d\d:\d\d)/.exec(reply.text);
  const eod = /下班打卡:(?:开启\((\d\d:\d\d)\)|关闭)/.exec(line)!;
  return {
    stopped: line.includes('已停止'),
    resume: resume ? zhDate(resume[1], year) : null,
    skip: skip ? [zhDate(skip[1], year), zhDate(skip[2] ?? skip[1], year)] : null,
    morning: /早间提醒(?::\S+?,时间 | )(\d\d:\d\d)/.exec(line)![1],
    eod: eod[1] ?? null,
    next: next ? [upcoming(zhDate(next[1], year), today), next[2]] : null,
  };
}

function describeEn(reply: Reply, today: string): Described {
  const year = today.slice(0, 4);
  const line = reply.text.split('\n').find((l) => /morning nudge/i.test(l))!;
  const resume = line.startsWith('Paused') ? new RegExp(`nudges resume on (${EN_DATE})`).exec(line) : null;
  const skipOne = new RegExp(`(${EN_DATE}): no nudges`).exec(line);
  const skipMany = new RegExp(`No nudges (${EN_DATE}) to (${EN_DATE})`).exec(line);
  const next = new RegExp(`Next nudge: (${EN_DATE}) (\\d\\d:\\d\\d)`).exec(reply.text);
  // "Next nudge: Sun 4 Jan" said on 2025-12-31 is in 2026 (the weekday says which year).
  const nextDate = next ? [year, String(Number(year) + 1)].map((y) => DateTime.fromFormat(`${next[1]} ${y}`, 'ccc d LLL yyyy', { zone: 'UTC', locale: 'en' })).find((d) => d.isValid)?.toISODate() : null;
  const eod = /end-of-day check-in: (?:on \((\d\d:\d\d)\)|off)/.exec(line)!;
  return {
    stopped: line.includes('stopped'),
    resume: resume ? enDate(resume[1], year) : null,
    skip: skipMany ? [enDate(skipMany[1], year), enDate(skipMany[2], year)] : skipOne ? [enDate(skipOne[1], year), enDate(skipOne[1], year)] : null,
    morning: /[Mm]orning nudge(?:: \w+, at| at) (\d\d:\d\d)/.exec(line)![1],
    eod: eod[1] ?? null,
    next: next && nextDate ? [nextDate, next[2]] : null,
  };
}

/** Checks the description against nudgesFor on each of the 14 days after `today`; returns the days with nudges. */
async function checkNext14Days(user: string, described: Described, today: string, now: Date): Promise<string[]> {
  const prefs = await stored(user);
  const person = agent(user);
  const sending: string[] = [];
  let firstAfterNow: { date: string; at: string } | null = null;
  for (let i = 0; i <= 14; i++) {
    const date = addDays(today, i);
    const sent = nudgesFor(date, [person], prefs ? { [user]: prefs } : {}, {}, { teams });
    for (const n of sent) if (!firstAfterNow && Date.parse(n.at) > now.getTime()) firstAfterNow = { date, at: n.at };
    if (i === 0) continue; // today: only for the "next nudge" line
    const held =
      described.stopped ||
      (described.resume !== null && date < described.resume) ||
      (described.skip !== null && date >= described.skip[0] && date <= described.skip[1]);
    const expected = !held && isWorkingDay(date, 'CN', []);
    expect(sent.length > 0, `${user} ${date}: ${expected ? 'a nudge' : 'nothing'} as the reply says`).toBe(expected);
    if (!expected) continue;
    sending.push(date);
    // The morning nudge (or the month-start prompt that replaces it) at the stated time.
    expect(sent[0].kind === 'agent_morning' || sent[0].kind === 'month_start').toBe(true);
    expect(sent[0].at, `${date} morning`).toBe(sendInstant(date, described.morning, person.tz));
    // The evening: the check-in at the stated time when on; the month-end recap on the month's last working day.
    const evening = sent.slice(1);
    if (described.eod) {
      expect(evening.map((n) => n.at)).toEqual([sendInstant(date, described.eod, person.tz)]);
      expect(['agent_end_of_day', 'month_end']).toContain(evening[0].kind);
    } else {
      expect(evening.every((n) => n.kind === 'month_end')).toBe(true);
    }
  }
  // Paused now: the stated day is the first day anything is sent.
  if (described.resume !== null && described.resume <= addDays(today, 14)) expect(sending[0]).toBe(described.resume);
  // "Next nudge" is the scheduler's first nudge after now.
  if (firstAfterNow) {
    expect(described.next?.[0]).toBe(firstAfterNow.date);
    const local = DateTime.fromISO(firstAfterNow.at).setZone(person.tz).toFormat('HH:mm');
    expect(described.next?.[1]).toBe(local);
  } else {
    expect(described.next).toBeNull();
  }
  return sending;
}

describe('the settings reply matches what the scheduler sends over the next 14 days', () => {
  it('zh, Mon 2026-09-28 evening, across National Day and the make-up Saturday 10-10', async () => {
    const today = '2026-09-28';
    const now = at(today);
    // Working days in 09-29 … 10-12: 09-29, 09-30 (September's last: month-end recap), 10-08 (October's first:
    // month-start prompt), 10-09, 10-10 (make-up Saturday), 10-12. 10-01..07 holidays, 10-11 a Sunday.
    const steps: Array<[string, string[]]> = [
      ['每天8点半提醒我', ['2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12']],
      ['打开下班总结', ['2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12']],
      // Tomorrow (09-29) skipped.
      ['明天别提醒我', ['2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12']],
      // Until next Monday 10-05, a holiday: first day back 10-08.
      ['这周别提醒', ['2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12']],
      // Until the make-up Saturday 10-10, which is a working day: back that Saturday.
      ['10月10号之前别提醒我', ['2026-10-10', '2026-10-12']],
      ['不要再提醒', []],
      ['恢复提醒', ['2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12']],
    ];
    const seen: string[] = [];
    for (const [text, days] of steps) {
      const reply = await say('a1', text, now);
      expect(reply.intent, text).toBe('nudges');
      const described = describeZh(reply, today);
      seen.push(`${text}: ${described.resume ?? described.skip?.join('..') ?? (described.stopped ? 'stopped' : 'on')}`);
      expect(await checkNext14Days('a1', described, today, now), text).toEqual(days);
      expect(described.morning).toBe('08:30');
      expect(described.eod).toBe(text === '每天8点半提醒我' || text === '不要再提醒' ? null : '18:00');
    }
    expect(seen).toEqual([
      '每天8点半提醒我: on',
      '打开下班总结: on',
      '明天别提醒我: 2026-09-29..2026-09-29',
      '这周别提醒: 2026-10-08',
      '10月10号之前别提醒我: 2026-10-10',
      '不要再提醒: stopped',
      '恢复提醒: on',
    ]);
  });

  it('en, Wed 2025-12-31 evening, across New Year and the make-up Sunday 2026-01-04', async () => {
    const today = '2025-12-31';
    const now = at(today);
    // Working days in 01-01 … 01-14: 01-04 (make-up Sunday, January's first: month-start prompt), 01-05..09,
    // 01-12..14. 01-01..03 holidays, 01-10/11 the weekend.
    const all = ['2026-01-04', '2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09', '2026-01-12', '2026-01-13', '2026-01-14'];
    const steps: Array<[string, string[]]> = [
      ['remind me at 8:15 every day', all],
      ['turn on evening summary', all],
      // Tomorrow is New Year's Day, a holiday anyway: nothing changes on the days that send.
      ['no reminder tomorrow pls', all],
      // Until Mon 01-05: the make-up Sunday is skipped.
      ['skip the rest of this week', all.slice(1)],
      // Until Sat 01-10: back Mon 01-12.
      ['snooze until Jan 10', ['2026-01-12', '2026-01-13', '2026-01-14']],
      ['stop reminding me', []],
      ['resume reminders', all],
    ];
    const seen: string[] = [];
    for (const [text, days] of steps) {
      const reply = await say('a2', text, now);
      expect(reply.intent, text).toBe('nudges');
      const described = describeEn(reply, today);
      seen.push(`${text}: ${described.resume ?? described.skip?.join('..') ?? (described.stopped ? 'stopped' : 'on')}`);
      expect(await checkNext14Days('a2', described, today, now), text).toEqual(days);
      expect(described.morning).toBe('08:15');
    }
    expect(seen).toEqual([
      'remind me at 8:15 every day: on',
      'turn on evening summary: on',
      'no reminder tomorrow pls: 2026-01-01..2026-01-01',
      'skip the rest of this week: 2026-01-05',
      'snooze until Jan 10: 2026-01-12',
      'stop reminding me: stopped',
      'resume reminders: on',
    ]);
  });
});
