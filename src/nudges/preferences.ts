// Nudge preferences in chat (intent `nudges`): set the time, pause for N days, stop, resume, end-of-day
// check-in on/off, status, and a lead's team default. Stored in the Store and honoured at once: the
// person's pending jobs are rescheduled, and the worker re-checks preferences before every send.
// Every reply describes the settings from the same stored preferences the scheduler reads, after the change
// (the day reminders come back is the first day `nudgesForPerson` would send one), so it says what will be sent.
import { teamsLedBy } from '../access/access';
import type { Handler, HandlerContext, Services } from '../core/context';
import { formatDate, lines } from '../planning/format';
import type { NudgeArgs } from '../core/intents';
import type { Reply, ReplyAction } from '../core/reply';
import { DateTime } from 'luxon';
import { addDays } from '../domain/goals';
import type { AgentProfile, LocalDate, Locale } from '../domain/types';
import { t } from '../i18n';
import type { Store } from '../store/store';
import { loadScheduleInputs, plannedForPerson, prefsOf, PREFS_KIND, TEAM_PREFS_KIND, type ScheduleInputs } from './planning';
import type { PlanResult } from './queue';
import { isLead, isPaused, isValidTime, sendInstant } from './schedule';
import type { EffectivePrefs, NudgePrefs, NudgeSlot, PlannedNudge, TeamNudgePrefs } from './types';
import type { NudgeRequest } from '../understanding/entities/nudges';
import type { FormHandler } from '../core/forms';
import { nudgeFollowUp, type FollowUp } from './followUp';
import { SETTINGS_FORM, settingsForm } from './settings';
import { dayLabel, daysLabel, describe, fewerActions, onceMessage, pauseMessage, weekendsOnMessage, type SkippedDays } from './preferenceWords';

export { dayLabel, daysLabel } from './preferenceWords';

/** What the handler needs to move pending jobs (NudgeScheduler implements it). */
export interface NudgeRescheduler {
  reschedule(tenant: string, personIds: readonly string[]): Promise<PlanResult>;
}

export const NUDGES_SERVICE = 'nudges';

function reschedulerOf(services: Services): NudgeRescheduler | null {
  const candidate = services[NUDGES_SERVICE] as Partial<NudgeRescheduler> | undefined;
  return candidate && typeof candidate.reschedule === 'function' ? (candidate as NudgeRescheduler) : null;
}

export async function getPrefs(store: Store, tenant: string, agentId: string): Promise<NudgePrefs> {
  return (await store.getDoc<NudgePrefs>(tenant, PREFS_KIND, agentId)) ?? { agent: agentId };
}

export async function putPrefs(store: Store, tenant: string, prefs: NudgePrefs): Promise<void> {
  await store.putDoc<NudgePrefs>(tenant, PREFS_KIND, prefs.agent, prefs);
}

/** How far a snooze may reach: one year from today (a later date is refused, nothing saved). */
const MAX_SNOOZE_YEARS = 1;
/** How far past the end of a pause the reply looks for the first day a nudge is actually sent. */
const RESUME_LOOKAHEAD_DAYS = 60;

/** The first date on or after `from` on which the scheduler would send this person anything (null: none in range). */
function firstNudgeDate(inputs: ScheduleInputs, person: AgentProfile, from: LocalDate, days: number): LocalDate | null {
  for (let i = 0; i < days; i++) {
    const date = addDays(from, i);
    if (plannedForPerson(inputs, person, date).length > 0) return date;
  }
  return null;
}

interface Outlook {
  next: PlannedNudge | null;
  prefs: EffectivePrefs;
  lead: boolean;
  /** While paused (now or later): the first day a nudge is sent again, from the stored preferences. */
  resume: LocalDate | null;
}

/** The person's next nudge after `now` (up to two weeks ahead) and, when paused, the day nudges come back. */
async function outlook(ctx: HandlerContext): Promise<Outlook> {
  const inputs = await loadScheduleInputs(ctx.store, ctx.tenant, [ctx.actor.id]);
  const person = inputs.people[0] ?? ctx.actor;
  const prefs = prefsOf(inputs, person);
  const lead = isLead(person, inputs.teams);
  const paused = !prefs.stopped && prefs.pausedUntil !== null && prefs.pausedUntil > ctx.today;
  const resume = paused ? firstNudgeDate(inputs, person, prefs.pausedUntil!, RESUME_LOOKAHEAD_DAYS) : null;
  for (let i = 0; i < 14; i++) {
    const found = plannedForPerson(inputs, person, addDays(ctx.today, i)).find((n) => Date.parse(n.at) > ctx.now.getTime());
    if (found) return { next: found, prefs, lead, resume };
  }
  return { next: null, prefs, lead, resume };
}

/** The pause a `pause` request asks for, or the localized reason it cannot be saved (past, or over a year away). */
export function pauseWindow(nudge: NudgeArgs, today: LocalDate, locale: Locale): { until: LocalDate; from?: LocalDate; days: number } | { error: string } {
  const until = nudge.until ?? addDays(today, Math.max(1, Math.round(nudge.days ?? 1)));
  const from = nudge.from !== undefined && nudge.from > today ? nudge.from : undefined;
  const max = DateTime.fromISO(today, { zone: 'UTC' }).plus({ years: MAX_SNOOZE_YEARS }).toISODate() ?? today;
  // The date the person named: the skipped day for "周五别提醒", the resume day otherwise.
  const said = nudge.snooze === 'day' ? addDays(until, -1) : until;
  if (until <= today) return { error: t(locale, 'nudges.snooze.past', { date: dayLabel(locale, said, today) }) };
  if (until > max) return { error: t(locale, 'nudges.snooze.too_far', { date: dayLabel(locale, said, today), max: dayLabel(locale, max, today) }) };
  const days = Math.round((Date.parse(until) - Date.parse(today)) / 86_400_000);
  return { until, ...(from ? { from } : {}), days };
}

function localTime(at: string, tz: string): string {
  return new Date(at).toLocaleTimeString('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hour12: false });
}

export type Change = { prefs: NudgePrefs; message: string } | { reply: string };

/** The prefs without a one-day time of `slot`. */
function withoutOnce(prefs: NudgePrefs, slot: NudgeSlot): NudgePrefs {
  if (prefs.once?.slot !== slot) return prefs;
  const { once: _dropped, ...rest } = prefs;
  return rest;
}

/** How far ahead a count of reminder days is looked for ("暂停3天" over holidays or few chosen weekdays). */
const REMINDER_DAYS_LOOKAHEAD = 2 * 366;


/**
 * "暂停3天" / "pause for 3 days" means three days of reminders, not three calendar days: on a Saturday it skips
 * Monday to Wednesday, not Saturday to Monday. Today counts when a nudge is still to come today. Days are
 * read with the scheduler's own inputs, as if no pause or stop were set (the new pause replaces them). Null
 * when the person has no reminder days at all (then calendar days).
 */
async function reminderDays(ctx: HandlerContext, count: number): Promise<SkippedDays | null> {
  const inputs = await loadScheduleInputs(ctx.store, ctx.tenant, [ctx.actor.id]);
  const person = inputs.people[0];
  if (!person) return null;
  const current = inputs.prefs.get(person.id) ?? { agent: person.id };
  inputs.prefs.set(person.id, { ...current, stopped: false, pausedUntil: undefined, pausedFrom: undefined });
  const found: LocalDate[] = [];
  for (let i = 0; i <= REMINDER_DAYS_LOOKAHEAD && found.length < count; i++) {
    const date = addDays(ctx.today, i);
    const planned = plannedForPerson(inputs, person, date);
    if (planned.some((n) => Date.parse(n.at) > ctx.now.getTime())) found.push(date);
  }
  if (found.length === 0) return null;
  // Not found within the lookahead: past the one-year limit, so the pause is refused as too far.
  const last = found.length === count ? found[found.length - 1] : addDays(ctx.today, REMINDER_DAYS_LOOKAHEAD);
  return { count, first: found[0], last, until: addDays(last, 1) };
}

/** A one-day time ("明早7点50叫我"): the new prefs, or why it cannot be set (past, too far, no nudge that day). */
async function applyOnce(ctx: HandlerContext, nudge: NudgeRequest & { once: LocalDate; time: string }, current: NudgePrefs): Promise<Change & { slot?: NudgeSlot }> {
  const { locale, today } = ctx;
  const inputs = await loadScheduleInputs(ctx.store, ctx.tenant, [ctx.actor.id]);
  const person = inputs.people[0] ?? ctx.actor;
  // A lead's one nudge is the digest; an agent's check-in is named by end-of-day words or an evening time.
  const slot: NudgeSlot = !isLead(person, inputs.teams) && nudge.action === 'end_of_day_on' ? 'end_of_day' : 'morning';
  const date = nudge.once;
  const label = dayLabel(locale, date, today);
  const max = DateTime.fromISO(today, { zone: 'UTC' }).plus({ years: MAX_SNOOZE_YEARS }).toISODate() ?? today;
  if (date < today || Date.parse(sendInstant(date, nudge.time, person.tz)) <= ctx.now.getTime()) {
    return { reply: t(locale, 'nudges.once.past', { date: label, time: nudge.time }) };
  }
  if (date > max) return { reply: t(locale, 'nudges.once.too_far', { date: label }) };
  const planned = plannedForPerson(inputs, person, date);
  if (planned.length === 0) {
    const prefs = prefsOf(inputs, person);
    const key = prefs.stopped ? 'nudges.once.stopped' : isPaused(prefs, date) ? 'nudges.once.paused' : 'nudges.once.not_workday';
    return { reply: t(locale, key, { date: label }) };
  }
  // Already so that day ("明早9点叫我" with the usual 09:00): nothing to change.
  const kinds = slot === 'end_of_day' ? ['agent_end_of_day', 'month_end'] : ['agent_morning', 'month_start', 'lead_digest'];
  const instant = Date.parse(sendInstant(date, nudge.time, person.tz));
  const usual = planned.find((n) => kinds.includes(n.kind));
  if (usual && Date.parse(usual.at) === instant) return { reply: t(locale, 'nudges.once.same', { date: label, time: nudge.time }) };
  // Today's nudge of that slot already went out: it is sent once a day, so a later time would not send it again.
  if (usual && Date.parse(usual.at) <= ctx.now.getTime()) {
    return { reply: t(locale, 'nudges.once.sent', { date: label, kind: t(locale, `nudges.kind.${usual.kind}`), time: localTime(usual.at, person.tz) }) };
  }
  return { prefs: { ...current, once: { date, time: nudge.time, slot } }, message: 'once', slot };
}

/** One change to a person's stored preferences, validated (time, snooze dates): the new prefs, or the refusal to reply. */
export function applyPersonal(nudge: NudgeArgs, current: NudgePrefs, today: LocalDate, ctx: HandlerContext): Change {
  const { locale } = ctx;
  const time = nudge.time;
  if (time !== undefined && !isValidTime(time)) return { reply: t(locale, 'nudges.bad_time', { time }) };
  switch (nudge.action) {
    case 'set_time':
      if (!time) return { reply: t(locale, 'nudges.need_time') };
      // The daily time replaces a one-day time of the morning ("明早7点50叫我" then "每天8点提醒我": 08:00 tomorrow too).
      return { prefs: { ...withoutOnce(current, 'morning'), time, stopped: false, pausedUntil: undefined, pausedFrom: undefined }, message: 'set_time' };
    case 'pause': {
      // A snooze also lifts a stop: "12月20号以后再提醒我" after "不要再提醒" means reminders come back on the 20th.
      const window = pauseWindow(nudge, today, locale);
      if ('error' in window) return { reply: window.error };
      return { prefs: { ...current, stopped: false, pausedUntil: window.until, pausedFrom: window.from }, message: 'pause' };
    }
    case 'stop':
      return { prefs: { ...current, stopped: true }, message: t(locale, 'nudges.stop.done') };
    case 'resume':
      return { prefs: { ...current, stopped: false, pausedUntil: undefined, pausedFrom: undefined }, message: 'resume' };
    case 'end_of_day_on':
      return { prefs: { ...(time ? withoutOnce(current, 'end_of_day') : current), endOfDay: true, ...(time ? { endOfDayTime: time } : {}) }, message: 'eod_on' };
    case 'end_of_day_off':
      return { prefs: { ...current, endOfDay: false }, message: t(locale, 'nudges.eod_off.done') };
    default:
      return { prefs: current, message: '' };
  }
}

async function setTeamDefault(ctx: HandlerContext, nudge: NudgeArgs): Promise<{ text: string; members: string[] }> {
  const { locale } = ctx;
  if (!nudge.time) return { text: t(locale, 'nudges.need_time'), members: [] };
  if (!isValidTime(nudge.time)) return { text: t(locale, 'nudges.bad_time', { time: nudge.time }), members: [] };
  const teams = await teamsLedBy(ctx.store, ctx.tenant, ctx.actor);
  if (teams.length === 0) return { text: t(locale, 'nudges.team_default.no_team'), members: [] };
  const members: string[] = [];
  for (const team of teams) {
    const current = (await ctx.store.getDoc<TeamNudgePrefs>(ctx.tenant, TEAM_PREFS_KIND, team.id)) ?? { team: team.id };
    await ctx.store.putDoc<TeamNudgePrefs>(ctx.tenant, TEAM_PREFS_KIND, team.id, {
      ...current, time: nudge.time, setBy: ctx.actor.id, updatedAt: ctx.now.toISOString(),
    });
    members.push(...(await ctx.store.listAgents(ctx.tenant, team.id)).map((m) => m.id));
  }
  const sep = locale === 'zh-CN' ? '、' : ', ';
  return { text: t(locale, 'nudges.team_default.done', { team: teams.map((x) => x.name).join(sep), time: nudge.time }), members };
}

export const nudgesHandler: Handler = async (ctx, args) => {
  const { locale, store, tenant, actor } = ctx;
  let nudge: NudgeRequest & { skipped?: SkippedDays } = args.nudge ?? { action: 'status' };
  let message = '';
  let affected: string[] = [];
  const extra: string[] = [];
  let actions: ReplyOptions['actions'];
  if (nudge.action === 'team_default') {
    const result = await setTeamDefault(ctx, nudge);
    message = result.text;
    affected = result.members;
  } else if (nudge.action === 'status' && nudge.note === 'weekends') {
    message = t(locale, 'nudges.weekends');
  } else if (nudge.action === 'status' && nudge.ask === 'weekends_on') {
    message = await weekendsOnMessage(ctx);
  } else if (nudge.action === 'status' && nudge.ask === 'too_many') {
    message = t(locale, 'nudges.too_many');
    actions = (_defaults, prefs) => fewerActions(locale, prefs);
  } else if (nudge.action !== 'status') {
    const current = await getPrefs(store, tenant, actor.id);
    const lead = nudge.action === 'end_of_day_on' && isLead(actor, await store.listTeams(tenant));
    // A lead's one nudge is the digest: an evening time with no reminder named moves it.
    if (lead && nudge.slotGuessed) nudge = { action: 'set_time', ...(nudge.time ? { time: nudge.time } : {}), ...(nudge.once ? { once: nudge.once } : {}) };
    // "暂停3天": three days that have reminders.
    if (nudge.action === 'pause' && nudge.reminderDays !== undefined && nudge.until === undefined) {
      const tooFar = addDays(ctx.today, nudge.reminderDays) > (DateTime.fromISO(ctx.today, { zone: 'UTC' }).plus({ years: MAX_SNOOZE_YEARS }).toISODate() ?? ctx.today);
      const skipped = tooFar ? null : await reminderDays(ctx, nudge.reminderDays);
      if (skipped) nudge = { ...nudge, until: skipped.until, skipped };
    }
    let change: Change & { slot?: NudgeSlot };
    // Leads get the digest only (schedule.ts): turning a check-in on for them would promise a nudge never sent.
    if (lead && nudge.action === 'end_of_day_on' && nudge.once === undefined) change = { reply: t(locale, 'nudges.eod_on.lead') };
    else if (nudge.once !== undefined && nudge.time !== undefined && isValidTime(nudge.time) && (nudge.action === 'set_time' || nudge.action === 'end_of_day_on')) {
      change = await applyOnce(ctx, { ...nudge, once: nudge.once, time: nudge.time }, current);
      if ('prefs' in change) {
        // One tap makes it the daily time.
        const daily = change.slot === 'end_of_day'
          ? { label: t(locale, 'nudges.action.every_day', { time: nudge.time }), text: locale === 'zh-CN' ? `每天${nudge.time}提醒我打卡` : `remind me to check in at ${nudge.time} every day` }
          : { label: t(locale, 'nudges.action.every_day', { time: nudge.time }), text: locale === 'zh-CN' ? `每天${nudge.time}提醒我` : `remind me at ${nudge.time} every day` };
        actions = (defaults) => [{ id: 'every_day', intent: 'nudges', style: 'primary', ...daily }, ...defaults];
      }
    } else {
      change = applyPersonal(nudge, current, ctx.today, ctx);
    }
    if ('reply' in change) message = change.reply;
    else {
      await putPrefs(store, tenant, { ...change.prefs, agent: actor.id, updatedAt: ctx.now.toISOString() });
      message = change.message;
      affected = [actor.id];
      if (nudge.slotGuessed && nudge.once === undefined) extra.push('eod_guessed');
    }
  }
  return preferencesReply(ctx, nudge, [message, ...extra], affected, { actions });
};

/** How a reply's buttons differ from the usual ones (pause · stop, or resume while paused). */
export interface ReplyOptions {
  actions?: (defaults: ReplyAction[], prefs: EffectivePrefs) => ReplyAction[];
}

/**
 * After a change (chat, settings modal or card, a snooze button): reschedules the affected people's pending
 * jobs, then replies with the confirmation(s) and the settings as the scheduler will now read them.
 * `messages` are either finished lines or the markers applyPersonal returns ('set_time', 'pause', …).
 */
export async function preferencesReply(ctx: HandlerContext, nudge: NudgeArgs, messages: string[], affected: string[], options: ReplyOptions = {}): Promise<Reply> {
  const { locale, tenant, actor } = ctx;
  let rescheduled: PlanResult | null = null;
  const scheduler = reschedulerOf(ctx.services);
  if (scheduler && affected.length > 0) {
    try {
      rescheduled = await scheduler.reschedule(tenant, affected);
    } catch {
      rescheduled = null; // the worker re-checks preferences before each send, so nothing goes out wrongly
    }
  }
  const { next, prefs, lead, resume } = await outlook(ctx);
  const time = lead ? prefs.digestTime : prefs.morningTime;
  const wording = (message: string): string => {
    if (message === 'set_time') return t(locale, lead ? 'nudges.set_time.done_lead' : 'nudges.set_time.done', { time });
    if (message === 'resume') return t(locale, 'nudges.resume.done', { time });
    if (message === 'eod_on') return t(locale, 'nudges.eod_on.done', { time: prefs.endOfDayTime });
    if (message === 'pause') return pauseMessage(ctx, nudge, prefs, resume);
    if (message === 'once') return onceMessage(ctx, prefs, lead);
    if (message === 'eod_guessed') return t(locale, 'nudges.eod_guessed', { morning: prefs.morningTime });
    if (message === 'days') return t(locale, 'nudges.settings.days_done', { days: daysLabel(locale, prefs.days) });
    return message;
  };
  const statusLine = describe(ctx, prefs, lead, resume);
  const nextLine = next
    ? t(locale, 'nudges.next', { when: `${formatDate(locale, next.date)} ${localTime(next.at, actor.tz)}`, kind: t(locale, `nudges.kind.${next.kind}`) })
    : t(locale, 'nudges.next.none');
  const paused = prefs.stopped || (prefs.pausedUntil !== null && prefs.pausedUntil > ctx.today);
  const defaults: ReplyAction[] = paused
    ? [{ id: 'resume', label: t(locale, 'nudges.action.resume'), intent: 'nudges', text: locale === 'zh-CN' ? '恢复提醒' : 'resume reminders' }]
    : [
        { id: 'pause', label: t(locale, 'nudges.action.pause'), intent: 'nudges', text: locale === 'zh-CN' ? '暂停提醒3天' : 'pause reminders for 3 days' },
        { id: 'stop', label: t(locale, 'nudges.action.stop'), intent: 'nudges', text: locale === 'zh-CN' ? '停止每日提醒' : 'stop daily reminders', style: 'danger' },
      ];
  const reply: Reply = {
    intent: 'nudges',
    locale,
    title: t(locale, 'nudges.prefs.title'),
    text: lines(...messages.map(wording), statusLine, nextLine),
    data: { action: nudge.action, prefs, resumeOn: resume, next: next ? { kind: next.kind, at: next.at, date: next.date } : null, rescheduled },
    actions: options.actions ? options.actions(defaults, prefs) : defaults,
  };
  return reply;
}

/**
 * The weekdays field of the settings modal / card ("1,2,3,4,5"): ISO weekdays 1–7, at least one. Null with
 * the localized reason when it is not usable.
 */
export function parseDays(raw: string | undefined, locale: Locale): { days: number[] } | { error: string } {
  const parts = (raw ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '');
  const days = parts.map(Number);
  if (parts.length === 0) return { error: t(locale, 'nudges.settings.days_none') };
  if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) return { error: t(locale, 'nudges.settings.days_bad') };
  return { days: [...new Set(days)].sort((a, b) => a - b) };
}

/** The engine surface registerNudges needs (LingyanEngine satisfies it). */
export interface NudgesEngine {
  register(intent: 'nudges', handler: Handler): unknown;
  /** The reminder settings form (Slack modal, Teams card, snooze buttons). */
  registerForm?(form: typeof SETTINGS_FORM, handler: FormHandler): unknown;
  /** A reply to a nudge, read in its context. */
  registerFollowUp?(followUp: FollowUp): unknown;
  readonly services: Services;
}

/**
 * Registers the `nudges` intent, the reminder settings form and the reply-to-a-nudge follow-up; with a
 * scheduler, preference changes reschedule pending jobs at once.
 */
export function registerNudges(engine: NudgesEngine, deps: { scheduler?: NudgeRescheduler | null } = {}): void {
  if (deps.scheduler) engine.services[NUDGES_SERVICE] = deps.scheduler;
  engine.register('nudges', nudgesHandler);
  engine.registerForm?.(SETTINGS_FORM, settingsForm);
  engine.registerFollowUp?.(nudgeFollowUp);
}
