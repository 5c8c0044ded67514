// Reminder settings in words: 每天8点半提醒我 (set_time), 暂停3天提醒 (pause), 不要再提醒我 (stop),
// 恢复提醒 (resume), 下班总结 on/off, status, and a lead's team default ("团队每天9点提醒").
// Snoozes name the day reminders come back ON (`until`, exclusive end of the pause): "12月20号之前别提醒我",
// "20号以后再提醒我", "下周一再提醒", "snooze until Dec 20", "no reminders until the 3rd" all resume on that
// date ("after the 20th" and "through the 20th" in English resume the day after). "这周别提醒" / "skip the rest
// of this week" resume on next Monday; "明天别提醒" / "周五别提醒" skip that one day (`from` … `until`).
// Which reminder a time is for: words about the end of the day (打卡, 填数据, 下班, check in, log my numbers) mean
// the end-of-day check-in, and so does an afternoon or evening time with no reminder named ("晚上6点提醒我");
// with such words, or 下午/晚上/傍晚/after work/evening/pm, an hour 1–11 is p.m. ("下班提醒我打卡,6点" → 18:00).
// A time for one day ("明早7点50叫我", "今晚6点提醒我打卡") is a one-day change (`once`), not the daily time.
// Everything is resolved against the message's `today` (the person's local date), never the clock.
import { DateTime } from 'luxon';
import type { LocalDate } from '../../domain/types';
import type { NudgeArgs } from '../types';
import { findDate, findTime } from './dates';
import { normalizeWidth, tokenizeNumbers } from './numbers';

/**
 * What parseNudge reads beyond NudgeArgs (a NudgeArgs itself, so it travels in `RouteArgs.nudge` unchanged);
 * the nudges handler reads these fields.
 */
export interface NudgeRequest extends NudgeArgs {
  /** set_time / end_of_day_on: the time is for this one local date only ("明早7点50叫我"), not every day. */
  once?: LocalDate;
  /** end_of_day_on: no reminder was named; an afternoon or evening time was taken as the check-in. */
  slotGuessed?: boolean;
  /** pause: "暂停3天" counts days that have reminders (working days), not calendar days. */
  reminderDays?: number;
  /** status: a wish the settings cannot grant as such; the reply says what can be done. */
  ask?: 'weekends_on' | 'too_many';
}

/** Words about the end of the day: the check-in reminder (下班打卡), not the morning nudge. */
const END_OF_DAY = /下班|收工|晚间|晚上的?总结|日终|日报|每日总结|当日总结|今日总结|总结提醒|打卡|填(?:一?下)?(?:今天的?)?数据|填报|记录?(?:一?下)?(?:今天的?)?数据|录(?:入)?数据|报数|\bend[- ]of[- ]day\b|\bend of (?:the )?day\b|\beod\b|\bevening\b|\bafter work\b|\bcheck[- ]?in\b|\blog (?:in )?(?:my|the|today'?s|your) (?:numbers|figures|calls|activity|stats|results)\b|\bwrap[- ]?ups?\b|\bdaily summary\b|\bday summary\b/i;
/** Clocking in at the start of the day ("上班打卡"): not the end-of-day check-in. */
const START_OF_DAY = /上班(?:打卡|前)/;
/** Words naming the morning nudge. */
const MORNING = /早间提醒|早上的?提醒|早上提醒|早报|晨报|\bmorning (?:nudges?|reminders?|messages?|numbers)\b/i;
/** An a.m. time said as such. */
const AM_WORDS = /凌晨|早上|早晨|清晨|上午|明早|今早|\bmorning\b|\d\s*a\.?m\b/i;
/** Afternoon or evening context: an hour 1–11 with it is p.m. */
const PM_WORDS = /下班|收工|下午|傍晚|晚上|晚间|今晚|明晚|夜里|\bafter work\b|\bevening\b|\btonight\b|\bafternoon\b|\bp\.?m\b/i;
/** "别忘了提醒我" / "don't forget to remind me": not a "don't". */
const FORGET = /(?:不要|别|不)忘(?:记|了)?了?|\bdon'?t forget\b|\bdo not forget\b/gi;
/** A time for every day, not one: "明天起每天9点", "from tomorrow on", "每个工作日". */
const EVERY_DAY = /每天|每日|天天|每个?工作日|每周|以后|往后|今后|从今|开始|起(?!床|来)|一直|平时|默认|\bevery\b|\bdaily\b|\beach\b|\bfrom\b|\bstarting\b|\balways\b/i;
/** Too many or too annoying: offer to pause or stop. */
const TOO_MANY = /太烦|好烦|烦死|烦人|很烦|有点烦|嫌烦|太多|太频繁|太吵|太密|受不了|打扰|骚扰|\bannoying\b|\btoo many\b|\btoo much\b|\btoo often\b|\btoo frequent|\bspam|\bbugging\b|\bnagging\b/i;
const WEEKEND = /周末|双休|礼拜六|礼拜天|礼拜日|星期六|星期天|星期日|周六|周日|\bweekends?\b|\bsaturdays?\b|\bsundays?\b/i;
const END_OF_DAY_SAID = /下班|收工|\bafter work\b|\bend of (?:the )?day\b|\bend[- ]of[- ]day\b|\beod\b/i;
const OFF = /不要|别再|别|不用|不需要|取消|关闭|关掉|关了|停止|停掉|停了|\boff\b|\bstop\b|\bdisable\b|\bno more\b|\bunsubscribe\b|\bdon'?t\b|\bcancel\b|\bquiet\b/i;
const PAUSE = /暂停|明天(?:先)?(?:别|不要|不用)|\bskip tomorrow\b|\b(?:don'?t|no)\b.*\btomorrow\b|\btomorrow\b.*\b(?:off|don'?t|no)\b|(?:下周|明天|后天|以后|之后|过几天|改天)再(?:提醒|说|发)|(?:这周|本周|今天)(?:先)?(?:别|不要|不用)|\b(?:this week|today)\b.*\b(?:off|stop|don'?t)\b|\b(?:off|stop|don'?t)\b.*\b(?:this week|today)\b|\bnext week\b|\bno (?:reminders?|nudges?)\b.*\b(?:this week|today|tomorrow)\b|先别|暂时不要|暂时别|暂时停|这几天|休假|请假|\bpause\b|\bsnooze\b|\bmute\b|\bhold off\b|\bon hold\b|\bfor (?:a|one|\d+|two|three) (?:days?|weeks?)\b/i;
const RESUME = /恢复|重新(?:开启|打开|开始)|继续提醒|打开提醒|开启提醒|开提醒|重新提醒|\bresume\b|\bunpause\b|\bturn (?:it |them |reminders )?(?:back )?on\b|\brestart\b|\benable\b|\bstart (?:the )?(?:daily )?remind/i;
const TEAM = /团队|全组|全员|组员|大家|所有人|\bteam\b|\beveryone\b|\ball agents\b/i;
const STATUS = /状态|设置|几点|什么时候|哪天|现在是|\bstatus\b|\bsettings?\b|\bwhen\b|\bwhat time\b|\bshow\b/i;
const END_OF_DAY_ON = /打开|开启|开|要|需要|\bon\b|\benable\b|\bstart\b|\bsend\b|\bturn on\b/i;

interface PauseLength {
  days: number;
  /** Counted in days that have reminders ("3天", "3 days", "3个工作日"), not calendar days. */
  reminderDays?: boolean;
}

/** How many days a pause lasts: 3天 / 三天 / 一周 / 2 weeks / 到下周一, or undefined. */
function pauseLength(s: string, today: LocalDate): PauseLength | undefined {
  for (const token of tokenizeNumbers(s)) {
    if (token.kind !== 'number' || !Number.isInteger(token.value) || token.value <= 0) continue;
    const after = s.slice(token.end, token.end + 14);
    if (/^\s?(个)?(天|日|days?\b|工作日|working days?\b|work ?days?\b|business days?\b)/i.test(after)) return { days: token.value, reminderDays: true };
    if (/^\s?(个)?(周|星期|礼拜|weeks?\b)/i.test(after)) return { days: token.value * 7 };
    if (/^\s?(个)?(月|months?\b)/i.test(after)) return { days: token.value * 30 };
  }
  if (/\ba (?:week)\b|一周|一个星期|一个礼拜/i.test(s)) return { days: 7 };
  const weekday = DateTime.fromISO(today, { zone: 'UTC' }).weekday;
  if (/下周|这周|本周|\bnext week\b|\bthis week\b/i.test(s) && !/[一二三四五六日天]/.test(s.replace(/一周|一个/g, ''))) return { days: 8 - weekday }; // until next Monday
  // "明天别提醒我": tomorrow is skipped, reminders come back the day after (today + 2).
  if (/明天(?:先)?(?:别|不要|不用)|\btomorrow\b/i.test(s) && !/明天再/.test(s)) return { days: 2 };
  if (/明天再|今天|\btoday\b|\buntil tomorrow\b/i.test(s)) return { days: 1 };
  if (/后天再/.test(s)) return { days: 2 };
  if (/\ba day\b|一天/i.test(s)) return { days: 1, reminderDays: true };
  const until = /(?:到|至|直到|until|till)\s*(.+)$/i.exec(s);
  const date = until ? findDate(until[1], today) : null;
  if (date) {
    const days = DateTime.fromISO(date.value, { zone: 'UTC' }).diff(DateTime.fromISO(today, { zone: 'UTC' }), 'days').days;
    if (Number.isFinite(days) && days > 0) return { days: Math.round(days) };
  }
  // "暂停 3": a bare count of days.
  const bare = tokenizeNumbers(s).find((t) => t.kind === 'number' && Number.isInteger(t.value) && t.value > 0 && t.value <= 366);
  return bare && /^\s*(?:pause|暂停)?\s*\S+\s*$/i.test(s) ? { days: bare.value, reminderDays: true } : undefined;
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

/**
 * The time said, as the reminder it is for reads it: with afternoon or evening words (下班, 下午, 晚上, after work,
 * evening, pm) or for the check-in, an hour 1–11 not said as a.m. is p.m. ("6点", "6:00" → 18:00).
 */
function timeFor(s: string, found: { value: string; start: number; end: number }, slot: NudgeSlotSaid): string {
  const said = s.slice(found.start, found.end);
  const hour = Number(found.value.slice(0, 2));
  if (hour < 1 || hour > 11 || /早/.test(said) || AM_WORDS.test(s)) return found.value;
  if (slot !== 'end_of_day' && !PM_WORDS.test(s)) return found.value;
  return `${String(hour + 12).padStart(2, '0')}${found.value.slice(2)}`;
}

type NudgeSlotSaid = 'morning' | 'end_of_day' | undefined;

/** The one local date a time is for ("明早", "今晚", "tomorrow", "周五"), unless it is said for every day. */
function oneDay(s: string, today: LocalDate): LocalDate | undefined {
  if (EVERY_DAY.test(s)) return undefined;
  return findDate(s, today)?.value;
}

/** The reminder request in `text`; a bare mention of reminders is a status request. */
export function parseNudge(text: string, today: LocalDate): NudgeRequest {
  // "别忘了提醒我打卡" asks for a reminder: its 别 is not a "don't".
  const s = normalizeWidth(text).replace(FORGET, ' ');
  const found = findTime(s);
  // Which reminder was named: the morning nudge, or the check-in (end-of-day words, unless clocking in at the start
  // of the day, or an a.m. time with 打卡/填数据 and nothing about the end of the day: "早上9点提醒我打卡" is the morning).
  const amTime = found !== null && (AM_WORDS.test(s) || /早/.test(s.slice(found.start, found.end)));
  const endOfDayWords = END_OF_DAY.test(s) && !(START_OF_DAY.test(s) && !/下班/.test(s)) && !(amTime && !END_OF_DAY_SAID.test(s));
  const slot: NudgeSlotSaid = MORNING.test(s) && !END_OF_DAY_SAID.test(s) ? 'morning' : endOfDayWords ? 'end_of_day' : undefined;
  const time = found ? timeFor(s, found, slot) : undefined;
  const withTime = (args: NudgeRequest): NudgeRequest => {
    if (!time) return args;
    const once = oneDay(s, today);
    return { ...args, time, ...(once ? { once } : {}) };
  };
  if (slot === 'end_of_day') {
    // "明天别提醒我打卡": a dated snooze, not turning the check-in off for good.
    if (OFF.test(s) || PAUSE.test(s)) {
      const snooze = snoozeOf(s, today);
      if (snooze) return { action: 'pause', ...snooze };
      return { action: 'end_of_day_off' };
    }
    if (END_OF_DAY_ON.test(s) || time || RESUME.test(s)) return withTime({ action: 'end_of_day_on' });
    if (STATUS.test(s)) return { action: 'status' };
    return withTime({ action: 'end_of_day_on' });
  }
  if (TEAM.test(s) && (time || /默认|default/i.test(s))) return withTime({ action: 'team_default' });
  const snooze = snoozeOf(s, today);
  if (snooze) return { action: 'pause', ...snooze };
  // "周末别提醒" / "skip reminders on weekends": nudges only go out on working days already; nothing to stop.
  if (WEEKEND.test(s) && (OFF.test(s) || SKIP.test(s)) && !findDate(s, today)) {
    return { action: 'status', note: 'weekends' };
  }
  // "周末也提醒我" / "remind me on weekends too": working days come from the calendar; the reply says how.
  // ("周六9点提醒我" with a date is a one-day time: the handler says whether that Saturday has reminders.)
  if (WEEKEND.test(s) && !OFF.test(s) && !SKIP.test(s) && !(time && findDate(s, today))) return { action: 'status', ask: 'weekends_on' };
  // "休假回来了 提醒恢复吧": back from leave, resume (a leave word alone would read as a pause).
  if (RESUME.test(s) && !DURATION.test(s) && !/暂停|\bpause\b|\bsnooze\b/i.test(s)) return withTime({ action: 'resume' });
  // "暂停3天", "3天别提醒": a pause for a number of days ("3天" counts days that have reminders).
  if (PAUSE.test(s) || (OFF.test(s) && DURATION.test(s))) {
    const length = pauseLength(s, today);
    if (length === undefined) return { action: 'pause' };
    return { action: 'pause', days: length.days, ...(length.reminderDays ? { reminderDays: length.days } : {}) };
  }
  if (RESUME.test(s)) return withTime({ action: 'resume' });
  if (OFF.test(s)) return { action: 'stop' };
  if (time) {
    // An afternoon or evening time with no reminder named is the check-in ("晚上6点提醒我"), not the morning nudge.
    if (slot === undefined && time >= '12:00') return { ...withTime({ action: 'end_of_day_on' }), slotGuessed: true };
    return withTime({ action: 'set_time' });
  }
  // "提醒太烦了" / "too many reminders": offer to pause or stop (nothing changes until they choose).
  if (TOO_MANY.test(s)) return { action: 'status', ask: 'too_many' };
  if (/^\s*on\s*$/i.test(s)) return { action: 'resume' };
  return { action: 'status' };
}
