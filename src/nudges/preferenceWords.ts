// The words of the reminder-settings replies: dates and weekdays as people read them, the confirmation of a
// pause or a one-day time, the settings line, and the buttons that lower the number of reminders. Every
// line is worded from the stored preferences the scheduler reads (preferences.ts decides and stores).
import { DateTime } from 'luxon';
import type { HandlerContext } from '../core/context';
import type { NudgeArgs } from '../core/intents';
import type { ReplyAction } from '../core/reply';
import { addDays } from '../domain/goals';
import type { LocalDate, Locale } from '../domain/types';
import { t } from '../i18n';
import { loadScheduleInputs, plannedForPerson } from './planning';
import { isoWeekday, isPaused, sendInstant } from './schedule';
import type { EffectivePrefs } from './types';

/** The days "暂停3天" skips: the next `count` days that have a nudge still to come, as if nothing were paused. */
export interface SkippedDays {
  count: number;
  first: LocalDate;
  last: LocalDate;
  /** The day after the last one: the pause's exclusive end. */
  until: LocalDate;
}

/** A date as the settings replies name it: 12月21日(周一) / Mon 21 Dec, with the year when it is not today's. */
export function dayLabel(locale: Locale, date: LocalDate, today: LocalDate): string {
  const dt = DateTime.fromISO(date, { zone: 'UTC' });
  if (!dt.isValid) return date;
  const otherYear = date.slice(0, 4) !== today.slice(0, 4);
  if (locale === 'zh-CN') return `${otherYear ? `${dt.year}年` : ''}${dt.month}月${dt.day}日(${dt.setLocale('zh-CN').toFormat('ccc')})`;
  return dt.setLocale('en').toFormat(otherYear ? 'ccc d LLL yyyy' : 'ccc d LLL');
}

/** "12月21日(周一)起恢复提醒", or, when the pause ends on a day without nudges, the first day with one. */
function resumePhrase(locale: Locale, today: LocalDate, pausedUntil: LocalDate, resume: LocalDate | null): string {
  if (resume === null) return t(locale, 'nudges.resume_after', { date: dayLabel(locale, pausedUntil, today) });
  if (resume === pausedUntil) return t(locale, 'nudges.resume_on', { date: dayLabel(locale, resume, today) });
  return t(locale, 'nudges.resume_on_workday', { until: dayLabel(locale, pausedUntil, today), date: dayLabel(locale, resume, today) });
}

/** The confirmation of a pause, worded as it was asked, naming the day nudges come back (from the stored prefs). */
export function pauseMessage(ctx: HandlerContext, nudge: NudgeArgs & { skipped?: SkippedDays }, prefs: EffectivePrefs, resume: LocalDate | null): string {
  const { locale, today } = ctx;
  const until = prefs.pausedUntil ?? today;
  const label = (date: LocalDate) => dayLabel(locale, date, today);
  const back = resumePhrase(locale, today, until, resume);
  const days = Math.round((Date.parse(until) - Date.parse(today)) / 86_400_000);
  const skipped = nudge.skipped;
  if (skipped && skipped.until === until) {
    // "暂停3天": the days with reminders that are skipped, by date.
    if (skipped.count === 1) return t(locale, 'nudges.pause.workday_one', { date: label(skipped.first), resume: back });
    return t(locale, 'nudges.pause.workdays', { days: skipped.count, from: label(skipped.first), to: label(skipped.last), resume: back });
  }
  switch (nudge.snooze) {
    case 'day':
      return t(locale, 'nudges.snooze.day', { date: label(addDays(until, -1)), resume: back });
    case 'rest_of_week':
      return t(locale, 'nudges.snooze.week', { resume: back });
    case 'next_week':
      return t(locale, 'nudges.snooze.next_week', { from: label(prefs.pausedFrom ?? today), to: label(addDays(until, -1)), resume: back });
    case 'until':
      return t(locale, 'nudges.snooze.until', { resume: back });
    default:
      return t(locale, days === 1 ? 'nudges.pause.done_one' : 'nudges.pause.done', { days, resume: back });
  }
}

/** The confirmation of a one-day time, from the stored prefs: that day only, and the usual time. */
export function onceMessage(ctx: HandlerContext, prefs: EffectivePrefs, lead: boolean): string {
  const { locale, today } = ctx;
  const once = prefs.once;
  if (once === null) return '';
  const date = dayLabel(locale, once.date, today);
  if (lead) return t(locale, 'nudges.once.lead', { date, time: once.time, usual: prefs.digestTime });
  if (once.slot === 'morning') return t(locale, 'nudges.once.morning', { date, time: once.time, usual: prefs.morningTime });
  const usual = prefs.endOfDay ? t(locale, 'nudges.once.eod_usual_on', { time: prefs.endOfDayTime }) : t(locale, 'nudges.once.eod_usual_off');
  return t(locale, 'nudges.once.eod', { date, time: once.time, usual });
}

/** The settings line, from the stored preferences the scheduler reads (what will be sent, and from when). */
export function describe(ctx: HandlerContext, prefs: EffectivePrefs, lead: boolean, resume: LocalDate | null): string {
  const sep = ctx.locale === 'zh-CN' ? '' : ' ';
  let line = describeState(ctx, prefs, lead, resume);
  if (prefs.days !== null && !prefs.stopped) line = `${line}${sep}${t(ctx.locale, 'nudges.settings.days_line', { days: daysLabel(ctx.locale, prefs.days) })}`;
  const once = prefs.once;
  // A one-day time still to come, on a day that still has reminders.
  if (once !== null && !prefs.stopped && !isPaused(prefs, once.date) && Date.parse(sendInstant(once.date, once.time, ctx.actor.tz)) > ctx.now.getTime()) {
    const key = lead ? 'nudges.status.once_lead' : once.slot === 'end_of_day' ? 'nudges.status.once_eod' : 'nudges.status.once_morning';
    line = `${line}${sep}${t(ctx.locale, key, { date: dayLabel(ctx.locale, once.date, ctx.today), time: once.time })}`;
  }
  return line;
}

function describeState(ctx: HandlerContext, prefs: EffectivePrefs, lead: boolean, resume: LocalDate | null): string {
  const { locale, today } = ctx;
  const time = lead ? prefs.digestTime : prefs.morningTime;
  // Stopping stops every nudge, the evening check-in too (schedule.ts): the line says what will be sent.
  const eod = prefs.endOfDay && !prefs.stopped ? t(locale, 'nudges.status.on', { time: prefs.endOfDayTime }) : t(locale, 'nudges.status.off');
  if (prefs.stopped) {
    const state = t(locale, 'nudges.status.stopped');
    return lead ? t(locale, 'nudges.status.line_lead', { state, time }) : t(locale, 'nudges.status.line', { state, time, eod });
  }
  const active = t(locale, 'nudges.status.active');
  const activeLine = lead ? t(locale, 'nudges.status.line_lead', { state: active, time }) : t(locale, 'nudges.status.line', { state: active, time, eod });
  if (prefs.pausedUntil === null || prefs.pausedUntil <= today) return activeLine;
  const back = resumePhrase(locale, today, prefs.pausedUntil, resume);
  const from = prefs.pausedFrom;
  if (from !== null && from > today) {
    // A pause that starts later ("明天别提醒"): until then, and after it, the usual nudges.
    const last = addDays(prefs.pausedUntil, -1);
    const skipped = from === last
      ? t(locale, 'nudges.status.skip_day', { date: dayLabel(locale, from, today), resume: back })
      : t(locale, 'nudges.status.skip_days', { from: dayLabel(locale, from, today), to: dayLabel(locale, last, today), resume: back });
    return `${activeLine}${locale === 'zh-CN' ? '' : ' '}${skipped}`;
  }
  return lead
    ? t(locale, 'nudges.status.line_lead_paused', { resume: back, time })
    : t(locale, 'nudges.status.line_paused', { resume: back, time, eod });
}

/** "周末也提醒我": reminders follow the working days of the person's calendar and roster; how to get a weekend day. */
export async function weekendsOnMessage(ctx: HandlerContext): Promise<string> {
  const { locale, today } = ctx;
  const inputs = await loadScheduleInputs(ctx.store, ctx.tenant, [ctx.actor.id]);
  const person = inputs.people[0] ?? ctx.actor;
  const calendar = t(locale, person.calendar === 'CN' ? 'nudges.calendar.CN' : 'nudges.calendar.weekdays');
  const lines = [t(locale, 'nudges.weekends_on', { calendar })];
  // A make-up working Saturday or Sunday coming up already gets its nudges: name the next one.
  for (let i = 1; i <= 60; i++) {
    const date = addDays(today, i);
    if (isoWeekday(date) >= 6 && plannedForPerson(inputs, person, date).length > 0) {
      lines.push(t(locale, 'nudges.weekends_on.next', { date: dayLabel(locale, date, today) }));
      break;
    }
  }
  return lines.join(locale === 'zh-CN' ? '' : ' ');
}

/** The buttons that lower the number of reminders ("提醒太烦了"): pause, skip tomorrow, check-in off, stop. */
export function fewerActions(locale: Locale, prefs: EffectivePrefs): ReplyAction[] {
  const zh = locale === 'zh-CN';
  return [
    { id: 'pause', label: t(locale, 'nudges.action.pause'), intent: 'nudges', text: zh ? '暂停提醒3天' : 'pause reminders for 3 days' },
    { id: 'skip_tomorrow', label: t(locale, 'nudges.action.skip_tomorrow'), intent: 'nudges', text: zh ? '明天别提醒我' : 'no reminder tomorrow' },
    ...(prefs.endOfDay && !prefs.stopped
      ? [{ id: 'eod_off', label: t(locale, 'nudges.action.eod_off'), intent: 'nudges' as const, text: zh ? '关闭下班打卡提醒' : 'turn off the end-of-day check-in' }]
      : []),
    { id: 'stop', label: t(locale, 'nudges.action.stop'), intent: 'nudges', text: zh ? '停止每日提醒' : 'stop daily reminders', style: 'danger' },
  ];
}

/** The weekdays a person chose ("周一、周三" / "Mon, Wed"); every day when none were chosen. */
export function daysLabel(locale: Locale, days: readonly number[] | null): string {
  if (days === null || days.length === 7) return t(locale, 'nudges.settings.days_all');
  return days.map((d) => t(locale, `nudges.settings.day.${d}`)).join(locale === 'zh-CN' ? '、' : ', ');
}
