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
    ['暂停提醒三天', { action: 'pause', days: 3 }],
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
