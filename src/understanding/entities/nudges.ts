// Reminder settings in words: 每天8点半提醒我 (set_time), 暂停3天提醒 (pause), 不要再提醒我 (stop),
// 恢复提醒 (resume), 下班总结 on/off, status, and a lead's team default ("团队每天9点提醒").
// Snoozes name the day reminders come back ON (`until`, exclusive end of the pause): "12月20号之前别提醒我",
// "20号以后再提醒我", "下周一再提醒", "snooze until Dec 20", "no reminders until the 3rd" all resume on that
// date ("after the 20th" and "through the 20th" in English resume the day after). "这周别提醒" / "skip the rest
// of this week" resume on next Monday; "明天别提醒" / "周五别提醒" skip that one day (`from` … `until`).
// Everything is resolved against the message's `today` (the person's local date), never the clock.
import { DateTime } from 'luxon';
import type { LocalDate } from '../../domain/types';
import type { NudgeArgs } from '../types';
import { findDate, findTime } from './dates';
import { normalizeWidth, tokenizeNumbers } from './numbers';

const END_OF_DAY = /下班|收工|晚间|晚上的?总结|日终|日报|每日总结|当日总结|今日总结|总结提醒|\bend[- ]of[- ]day\b|\beod\b|\bevening\b|\bwrap[- ]?ups?\b|\bdaily summary\b|\bday summary\b/i;
const OFF = /不要|别再|别|不用|不需要|取消|关闭|关掉|关了|停止|停掉|停了|\boff\b|\bstop\b|\bdisable\b|\bno more\b|\bunsubscribe\b|\bdon'?t\b|\bcancel\b|\bquiet\b/i;
const PAUSE = /暂停|明天(?:先)?(?:别|不要|不用)|\bskip tomorrow\b|\b(?:don'?t|no)\b.*\btomorrow\b|\btomorrow\b.*\b(?:off|don'?t|no)\b|(?:下周|明天|后天|以后|之后|过几天|改天)再(?:提醒|说|发)|(?:这周|本周|今天)(?:先)?(?:别|不要|不用)|\b(?:this week|today)\b.*\b(?:off|stop|don'?t)\b|\b(?:off|stop|don'?t)\b.*\b(?:this week|today)\b|\bnext week\b|\bno (?:reminders?|nudges?)\b.*\b(?:this week|today|tomorrow)\b|先别|暂时不要|暂时别|暂时停|这几天|休假|请假|\bpause\b|\bsnooze\b|\bmute\b|\bhold off\b|\bon hold\b|\bfor (?:a|one|\d+|two|three) (?:days?|weeks?)\b/i;
const RESUME = /恢复|重新(?:开启|打开|开始)|继续提醒|打开提醒|开启提醒|开提醒|重新提醒|\bresume\b|\bunpause\b|\bturn (?:it |them |reminders )?(?:back )?on\b|\brestart\b|\benable\b|\bstart (?:the )?(?:daily )?remind/i;
const TEAM = /团队|全组|全员|组员|大家|所有人|\bteam\b|\beveryone\b|\ball agents\b/i;
const STATUS = /状态|设置|几点|什么时候|哪天|现在是|\bstatus\b|\bsettings?\b|\bwhen\b|\bwhat time\b|\bshow\b/i;
const END_OF_DAY_ON = /打开|开启|开|要|需要|\bon\b|\benable\b|\bstart\b|\bsend\b|\bturn on\b/i;

/** How many days a pause lasts: 3天 / 三天 / 一周 / 2 weeks / 到下周一, or undefined. */
function pauseDays(s: string, today: LocalDate): number | undefined {
  for (const token of tokenizeNumbers(s)) {
    if (token.kind !== 'number' || !Number.isInteger(token.value) || token.value <= 0) continue;
    const after = s.slice(token.end, token.end + 8);
    if (/^\s?(个)?(天|日|days?\b|工作日)/i.test(after)) return token.value;
    if (/^\s?(个)?(周|星期|礼拜|weeks?\b)/i.test(after)) return token.value * 7;
    if (/^\s?(个)?(月|months?\b)/i.test(after)) return token.value * 30;
  }
  if (/\ba (?:week)\b|一周|一个星期|一个礼拜/i.test(s)) return 7;
  const weekday = DateTime.fromISO(today, { zone: 'UTC' }).weekday;
  if (/下周|这周|本周|\bnext week\b|\bthis week\b/i.test(s) && !/[一二三四五六日天]/.test(s.replace(/一周|一个/g, ''))) return 8 - weekday; // until next Monday
  // "明天别提醒我": tomorrow is skipped, reminders come back the day after (today + 2).
  if (/明天(?:先)?(?:别|不要|不用)|\btomorrow\b/i.test(s) && !/明天再/.test(s)) return 2;
  if (/明天再|今天|\btoday\b|\buntil tomorrow\b/i.test(s)) return 1;
  if (/后天再/.test(s)) return 2;
  if (/\ba day\b|一天/i.test(s)) return 1;
  const until = /(?:到|至|直到|until|till)\s*(.+)$/i.exec(s);
  const date = until ? findDate(until[1], today) : null;
  if (date) {
    const days = DateTime.fromISO(date.value, { zone: 'UTC' }).diff(DateTime.fromISO(today, { zone: 'UTC' }), 'days').days;
    if (Number.isFinite(days) && days > 0) return Math.round(days);
  }
  const bare = tokenizeNumbers(s).find((t) => t.kind === 'number' && Number.isInteger(t.value) && t.value > 0 && t.value <= 366);
  return bare && /^\s*(?:pause|暂停)?\s*\S+\s*$/i.test(s) ? bare.value : undefined;
}

const SKIP = new RegExp(`${OFF.source}|${PAUSE.source}|\\bskip\\b|\\bno (?:reminders?|nudges?|pings?)\\b|免打扰|请假|休假|出差|\\bon leave\\b|\\bholiday\\b|\\bvacation\\b`, 'i');
const THIS_WEEK = /(?:这|本)个?(?:周|星期|礼拜)(?![一二三四五六日天1-7末])|\b(?:this|the) week\b|\brest of (?:the |this )?week\b/i;
const NEXT_WEEK = /下个?(?:周|星期|礼拜)(?![一二三四五六日天1-7末])|\bnext week\b/i;
/** Words before a date that make it the day reminders come back: "until Dec 20", "暂停到下周三". */
const UNTIL_BEFORE = /(?:到|至|直到|\buntil|\btill|\btil|\bbefore|\bafter|\bthrough|\bthru)\s*(?:the\s+|on\s+)?$/i;
/** Words right after a date that make it the day reminders come back: "12月20号之前", "20号以后再提醒", "下周一再提醒". */
const UNTIL_AFTER = /^\s*(?:之前|以前|前)|^\s*(?:以后|之后|后|起|开始)?\s*(?:的时候)?\s*(?:再|才|恢复|重新)/;
/** English "again / back / resume" with a date: "remind me again on the 20th", "resume on Monday". */
const AGAIN = /\b(?:again|back|resume|restart|unpause)\b/i;
/** A date that starts something for good ("明天开始不要再提醒", "starting Monday, stop"): not a snooze. */
const FROM_ON = /^\s*(?:开始|起|以后|之后|往后)(?!\s*(?:的时候)?\s*(?:再|才|恢复|重新))/;
/** A duration ("3天", "2 weeks"): the pause counts days from today (pauseDays). */
const DURATION = /\d+\s*个?\s*(?:天|日|周|星期|礼拜|月|days?\b|weeks?\b|months?\b)|[一二两三四五六七八九十]+\s*个?\s*(?:天|周|星期|礼拜|月)|\ba (?:day|week|month)\b|\bfor (?:a|one|two|three) (?:days?|weeks?)\b/i;

function plusDays(date: LocalDate, days: number): LocalDate {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() ?? date;
}

/** Monday of the ISO week after `today`'s. */
function nextMonday(today: LocalDate): LocalDate {
  return plusDays(today, 8 - DateTime.fromISO(today, { zone: 'UTC' }).weekday);
}

/**
 * A date said in a snooze points forward: a bare weekday ("until Monday", "周五再提醒") that is not after
 * `today` is next week's; a bare day of the month ("20号", "the 3rd") already past is next month's.
 */
function forward(said: string, date: LocalDate, today: LocalDate, strict: boolean): LocalDate {
  const past = strict ? date <= today : date < today;
  if (!past) return date;
  if (/^(?:周|星期|礼拜)|^(?:on\s+)?(?:mon|tue|wed|thu|fri|sat|sun)/i.test(said)) return plusDays(date, 7);
  if (/^(?:the\s+)?[\d零〇一二两三四五六七八九十]{1,3}\s*(?:[日号]|st|nd|rd|th)$/i.test(said)) {
    const d = DateTime.fromISO(date, { zone: 'UTC' });
    for (let months = 1; months <= 3; months++) {
      const next = d.startOf('month').plus({ months });
      if (d.day <= next.daysInMonth!) return next.set({ day: d.day }).toISODate() ?? date;
    }
  }
  return date;
}

/** A snooze by date or by week, or null (then pauseDays / stop / … decide). */
function snoozeOf(s: string, today: LocalDate): Pick<NudgeArgs, 'until' | 'from' | 'snooze' | 'days'> | null {
  const span = (until: LocalDate, snooze: NonNullable<NudgeArgs['snooze']>, from?: LocalDate) => {
    const days = Math.round(DateTime.fromISO(until, { zone: 'UTC' }).diff(DateTime.fromISO(today, { zone: 'UTC' }), 'days').days);
    return { until, snooze, days, ...(from && from > today ? { from } : {}) };
  };
  const found = findDate(s, today);
  if (found) {
    const said = s.slice(found.start, found.end).trim();
    const before = s.slice(0, found.start);
    const after = s.slice(found.end);
    const untilBefore = UNTIL_BEFORE.exec(before);
    if (untilBefore || UNTIL_AFTER.test(after) || AGAIN.test(s)) {
      const date = forward(said, found.value, today, true);
      // "after the 20th" / "through the 20th": the 20th is still skipped.
      const inclusive = untilBefore && /after|through|thru/i.test(untilBefore[0]);
      return span(inclusive ? plusDays(date, 1) : date, 'until');
    }
    if (!DURATION.test(s) && !FROM_ON.test(after) && !/\b(?:from|starting)\s*$/i.test(before) && SKIP.test(s)) {
      const date = forward(said, found.value, today, false);
      return span(plusDays(date, 1), 'day', date);
    }
  }
  if (DURATION.test(s)) return null;
  if (THIS_WEEK.test(s) && SKIP.test(s)) return span(nextMonday(today), 'rest_of_week');
  if (NEXT_WEEK.test(s)) {
    // "下周再提醒我" / "snooze until next week": back next Monday. "下周别提醒" / "on leave next week": skip it.
    if (/再|才|恢复|\b(?:until|till|til|again|back)\b/i.test(s)) return span(nextMonday(today), 'until');
    if (SKIP.test(s)) return span(plusDays(nextMonday(today), 7), 'next_week', nextMonday(today));
  }
  return null;
}

/** The reminder request in `text`; a bare mention of reminders is a status request. */
export function parseNudge(text: string, today: LocalDate): NudgeArgs {
  const s = normalizeWidth(text);
  const time = findTime(s)?.value;
  const withTime = (args: NudgeArgs): NudgeArgs => (time ? { ...args, time } : args);
  if (END_OF_DAY.test(s)) {
    if (OFF.test(s)) return { action: 'end_of_day_off' };
    if (END_OF_DAY_ON.test(s) || time || RESUME.test(s)) return withTime({ action: 'end_of_day_on' });
    if (STATUS.test(s)) return { action: 'status' };
    return withTime({ action: 'end_of_day_on' });
  }
  if (TEAM.test(s) && (time || /默认|default/i.test(s))) return withTime({ action: 'team_default' });
  const snooze = snoozeOf(s, today);
  if (snooze) return { action: 'pause', ...snooze };
  // "周末别提醒" / "skip reminders on weekends": nudges only go out on working days already; nothing to stop.
  if (/周末|双休|礼拜六|礼拜天|星期六|星期天|\bweekends?\b|\bsaturdays?\b|\bsundays?\b/i.test(s) && (OFF.test(s) || SKIP.test(s)) && !findDate(s, today)) {
    return { action: 'status', note: 'weekends' };
  }
  // "休假回来了 提醒恢复吧": back from leave, resume (a leave word alone would read as a pause).
  if (RESUME.test(s) && !DURATION.test(s) && !/暂停|\bpause\b|\bsnooze\b/i.test(s)) return withTime({ action: 'resume' });
  if (PAUSE.test(s)) {
    const days = pauseDays(s, today);
    return days !== undefined ? { action: 'pause', days } : { action: 'pause' };
  }
  if (RESUME.test(s)) return withTime({ action: 'resume' });
  if (OFF.test(s)) return { action: 'stop' };
  if (time) return { action: 'set_time', time };
  if (/^\s*on\s*$/i.test(s)) return { action: 'resume' };
  return { action: 'status' };
}
