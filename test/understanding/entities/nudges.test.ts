// Reminder settings in words (issue 25, item 3): snoozes by date and by week resolve against the
// message's own `today` (never the clock). `until` is the day reminders come back ON; `from` is the first
// skipped day when the pause starts later than today. Every date below is worked out by hand in a comment.
import { describe, expect, it } from 'vitest';
import { parseNudge } from '../../../src/understanding/entities/nudges';

describe('parseNudge: snoozes, today = Wed 2026-12-09', () => {
  const today = '2026-12-09';
  it.each([
    // Tomorrow only: Thu 12-10 skipped, back Fri 12-11 (2 days from today).
    ['明天别提醒我', { action: 'pause', snooze: 'day', from: '2026-12-10', until: '2026-12-11', days: 2 }],
    ['明早不用提醒', { action: 'pause', snooze: 'day', from: '2026-12-10', until: '2026-12-11' }],
    ['no reminder tomorrow pls', { action: 'pause', snooze: 'day', from: '2026-12-10', until: '2026-12-11' }],
    // Today only: back tomorrow; no `from` (the pause starts now).
    ['今天别提醒了', { action: 'pause', snooze: 'day', until: '2026-12-10', days: 1 }],
    // One named day: Fri 12-11 skipped, back Sat 12-12.
    ['周五别提醒我', { action: 'pause', snooze: 'day', from: '2026-12-11', until: '2026-12-12' }],
    // The rest of this week (ISO week Mon 12-07 … Sun 12-13): back next Monday 12-14 (8 − 3 = 5 days).
    ['这周别提醒', { action: 'pause', snooze: 'rest_of_week', until: '2026-12-14', days: 5 }],
    ['这周先别推了', { action: 'pause', snooze: 'rest_of_week', until: '2026-12-14' }],
    ['本周剩下几天不用提醒了', { action: 'pause', snooze: 'rest_of_week', until: '2026-12-14' }],
    ['this week no reminders', { action: 'pause', snooze: 'rest_of_week', until: '2026-12-14' }],
    ['skip the rest of this week', { action: 'pause', snooze: 'rest_of_week', until: '2026-12-14' }],
    // Next week skipped (Mon 12-14 … Sun 12-20), back Mon 12-21.
    ['下周都别提醒我', { action: 'pause', snooze: 'next_week', from: '2026-12-14', until: '2026-12-21', days: 12 }],
    ["i'm on leave next week, pause nudges", { action: 'pause', snooze: 'next_week', from: '2026-12-14', until: '2026-12-21' }],
    // "Remind me next week": back next Monday.
    ['下周再提醒我', { action: 'pause', snooze: 'until', until: '2026-12-14', days: 5 }],
    // Until a date: back ON that date (12-20 is 11 days after 12-09).
    ['12月20号之前别提醒我', { action: 'pause', snooze: 'until', until: '2026-12-20', days: 11 }],
    ['20号以后再提醒我', { action: 'pause', snooze: 'until', until: '2026-12-20' }],
    ['下周一再提醒', { action: 'pause', snooze: 'until', until: '2026-12-14' }],
    ['下周一开始再提醒我', { action: 'pause', snooze: 'until', until: '2026-12-14' }],
    ['帮我把提醒暂停到下周三', { action: 'pause', snooze: 'until', until: '2026-12-16', days: 7 }],
    ['snooze until Dec 20', { action: 'pause', snooze: 'until', until: '2026-12-20' }],
    // A bare weekday points forward: this week's Monday (12-07) has passed, so next Monday 12-14.
    ['pause reminders until Monday', { action: 'pause', snooze: 'until', until: '2026-12-14' }],
    ['remind me again on the 20th', { action: 'pause', snooze: 'until', until: '2026-12-20' }],
    // A bare day of the month already past (Dec 3) is next month's: 2027-01-03.
    ['no reminders until the 3rd', { action: 'pause', snooze: 'until', until: '2027-01-03', days: 25 }],
    ['1月3号前不用提醒', { action: 'pause', snooze: 'until', until: '2027-01-03' }],
    // English "after" / "through" keep the named day skipped: back the day after, 12-21.
    ['no reminders until after the 20th', { action: 'pause', snooze: 'until', until: '2026-12-21' }],
    // Past and far dates are kept as said; the handler refuses them.
    ['2025年12月1日之前别提醒', { action: 'pause', until: '2025-12-01' }],
    ['2028年1月1日之前别提醒', { action: 'pause', until: '2028-01-01' }],
  ])('%s', (text, expected) => {
    expect(parseNudge(text, today)).toMatchObject(expected);
  });

  it.each([
    ['不要再提醒', { action: 'stop' }],
    ['stop reminding me', { action: 'stop' }],
    ['明天开始不要再提醒了', { action: 'stop' }],
    // Three days that have reminders (the handler counts them on the calendar), not three calendar days.
    ['暂停提醒三天', { action: 'pause', days: 3, reminderDays: 3 }],
    ['pause for a week', { action: 'pause', days: 7 }],
    ['明天起每天九点半提醒', { action: 'set_time', time: '09:30' }],
    ['休假回来了 提醒恢复吧', { action: 'resume' }],
    // Weekends never get nudges: a status with a note, not a stop.
    ['周末别提醒', { action: 'status', note: 'weekends' }],
    ['这周末别提醒', { action: 'status', note: 'weekends' }],
    ['skip reminders on weekends', { action: 'status', note: 'weekends' }],
  ])('%s is not a dated snooze', (text, expected) => {
    const args = parseNudge(text, today);
    expect(args).toEqual(expected);
  });
});

describe('parseNudge: across months and years', () => {
  it('on Wed 2025-12-31: tomorrow is 2026-01-01, next Monday 2026-01-05, "the 3rd" is 2026-01-03, "20号" is 2026-01-20', () => {
    expect(parseNudge('明天别提醒我', '2025-12-31')).toMatchObject({ from: '2026-01-01', until: '2026-01-02' });
    // ISO week Mon 2025-12-29 … Sun 2026-01-04 (a make-up working Sunday): back Mon 2026-01-05.
    expect(parseNudge('这周别提醒', '2025-12-31')).toMatchObject({ snooze: 'rest_of_week', until: '2026-01-05', days: 5 });
    expect(parseNudge('snooze until Jan 2', '2025-12-31')).toMatchObject({ until: '2026-01-02', days: 2 });
    expect(parseNudge('no reminders until the 3rd', '2025-12-31')).toMatchObject({ until: '2026-01-03', days: 3 });
    // Dec 20 has passed: the 20th of next month (31 − 31 + 20 = 20 days).
    expect(parseNudge('20号以后再提醒我', '2025-12-31')).toMatchObject({ until: '2026-01-20', days: 20 });
  });

  it('on a Sunday "这周别提醒" ends tonight: back Monday (2026-12-13 → 2026-12-14)', () => {
    expect(parseNudge('这周别提醒', '2026-12-13')).toMatchObject({ until: '2026-12-14', days: 1 });
  });

  it('on a Monday "until Monday" is next Monday (2026-12-14 → 2026-12-21)', () => {
    expect(parseNudge('pause reminders until Monday', '2026-12-14')).toMatchObject({ until: '2026-12-21' });
  });
});

describe('parseNudge: which reminder a time is for (today = Wed 2026-12-09)', () => {
  const today = '2026-12-09';
  it.each([
    // End-of-day words (下班, 打卡, 填数据, check in, log my numbers) set the check-in, and its hour 1–11 is p.m.
    ['下班的时候提醒我打卡,6点', { action: 'end_of_day_on', time: '18:00' }],
    ['下班打卡提醒改到6点半', { action: 'end_of_day_on', time: '18:30' }],
    ['提醒我打卡 6:00', { action: 'end_of_day_on', time: '18:00' }],
    ['下午5点半提醒我打卡', { action: 'end_of_day_on', time: '17:30' }],
    ['晚上6点提醒我填数据', { action: 'end_of_day_on', time: '18:00' }],
    ['每天7点提醒我记录数据', { action: 'end_of_day_on', time: '19:00' }],
    ['别忘了下班提醒我打卡', { action: 'end_of_day_on' }],
    ['remind me to check in at 6 after work', { action: 'end_of_day_on', time: '18:00' }],
    ['remind me at 5:30pm to log my numbers', { action: 'end_of_day_on', time: '17:30' }],
    ['end of day reminder at 6', { action: 'end_of_day_on', time: '18:00' }],
    ['remind me at 6 in the evening', { action: 'end_of_day_on', time: '18:00' }],
    ['remind me at 7 in the evening every day', { action: 'end_of_day_on', time: '19:00' }],
  ])('%s → the check-in', (text, expected) => {
    expect(parseNudge(text, today)).toEqual(expected);
  });

  it.each([
    // No reminder named, an afternoon or evening time: the check-in, flagged so the reply says so.
    ['晚上6点提醒我', '18:00'],
    ['每天下午2点提醒我', '14:00'],
    ['remind me at 6pm', '18:00'],
    ['下午4点提醒我', '16:00'],
  ])('%s → the check-in at %s, slot guessed', (text, time) => {
    expect(parseNudge(text, today)).toEqual({ action: 'end_of_day_on', time, slotGuessed: true });
  });

  it.each([
    // The morning nudge: a morning time, the morning named, or clocking in at the start of the day.
    ['每天8点半提醒我', '08:30'],
    ['6点提醒我', '06:00'],
    ['早上9点提醒我打卡', '09:00'],
    ['上班打卡提醒我8点半', '08:30'],
    ['早间提醒改到8点半', '08:30'],
    ['早间提醒改到下午2点', '14:00'],
    ['morning nudge at 8:30', '08:30'],
    ['remind me at 8:15 every day', '08:15'],
  ])('%s → the morning nudge at %s', (text, time) => {
    expect(parseNudge(text, today)).toEqual({ action: 'set_time', time });
  });

  it.each([
    // One day only: Thu 12-10 is tomorrow, Wed 12-09 today, Fri 12-11 this Friday.
    ['明早7点50叫我', { action: 'set_time', time: '07:50', once: '2026-12-10' }],
    ['明天8点半提醒我', { action: 'set_time', time: '08:30', once: '2026-12-10' }],
    ['wake me at 7:50 tomorrow morning', { action: 'set_time', time: '07:50', once: '2026-12-10' }],
    ['今晚6点提醒我打卡', { action: 'end_of_day_on', time: '18:00', once: '2026-12-09' }],
    ['周五下午5点提醒我填数据', { action: 'end_of_day_on', time: '17:00', once: '2026-12-11' }],
    ['明天下午3点提醒我', { action: 'end_of_day_on', time: '15:00', once: '2026-12-10', slotGuessed: true }],
  ])('%s → a one-day time', (text, expected) => {
    expect(parseNudge(text, today)).toEqual(expected);
  });

  it.each([
    ['明天起每天7点50提醒我', { action: 'set_time', time: '07:50' }],
    ['从明天开始8点提醒', { action: 'set_time', time: '08:00' }],
    ['from tomorrow remind me at 7:50', { action: 'set_time', time: '07:50' }],
  ])('%s → every day from then on, not one day', (text, expected) => {
    expect(parseNudge(text, today)).toEqual(expected);
  });

  it('a dated "don\'t" about the check-in is a snooze of that day, not the check-in off for good', () => {
    // Tomorrow Thu 12-10 skipped, back Fri 12-11.
    expect(parseNudge('明天别提醒我打卡', today)).toMatchObject({ action: 'pause', snooze: 'day', from: '2026-12-10', until: '2026-12-11' });
    expect(parseNudge('关掉下班打卡', today)).toEqual({ action: 'end_of_day_off' });
    expect(parseNudge('不要再提醒我填数据了', today)).toEqual({ action: 'end_of_day_off' });
  });
});

describe('parseNudge: wishes the settings answer in words, and pauses counted in reminder days', () => {
  const today = '2026-12-12'; // a Saturday
  it.each([
    ['周末也提醒我', { action: 'status', ask: 'weekends_on' }],
    ['我周六也上班,也要提醒', { action: 'status', ask: 'weekends_on' }],
    ['remind me on weekends too', { action: 'status', ask: 'weekends_on' }],
    ['提醒太烦了', { action: 'status', ask: 'too_many' }],
    ['提醒太多了吧', { action: 'status', ask: 'too_many' }],
    ['too many reminders', { action: 'status', ask: 'too_many' }],
    ['these reminders are annoying', { action: 'status', ask: 'too_many' }],
    // Unchanged: weekends off is already so; an explicit stop is a stop.
    ['周末别提醒', { action: 'status', note: 'weekends' }],
    ['提醒太烦了,别再提醒了', { action: 'stop' }],
  ])('%s', (text, expected) => {
    expect(parseNudge(text, today)).toEqual(expected);
  });

  it.each([
    ['暂停提醒3天', { action: 'pause', days: 3, reminderDays: 3 }],
    ['3天别提醒我', { action: 'pause', days: 3, reminderDays: 3 }],
    ['pause reminders for 3 days', { action: 'pause', days: 3, reminderDays: 3 }],
    ['暂停2个工作日', { action: 'pause', days: 2, reminderDays: 2 }],
    ['pause for a day', { action: 'pause', days: 1, reminderDays: 1 }],
    // Weeks and months stay calendar time.
    ['暂停提醒一周', { action: 'pause', days: 7 }],
    ['pause for 2 weeks', { action: 'pause', days: 14 }],
  ])('%s', (text, expected) => {
    expect(parseNudge(text, today)).toEqual(expected);
  });
});
