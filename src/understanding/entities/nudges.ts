// Reminder settings in words: 每天8点半提醒我 (set_time), 暂停3天提醒 (pause), 不要再提醒我 (stop),
// 恢复提醒 (resume), 下班总结 on/off, status, and a lead's team default ("团队每天9点提醒").
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
