// Nudge preferences in chat (intent `nudges`): set the time, pause for N days, stop, resume, end-of-day
// check-in on/off, status, and a lead's team default. Stored in the Store and honoured at once: the
// person's pending jobs are rescheduled, and the worker re-checks preferences before every send.
import { teamsLedBy } from '../access/access';
import type { Handler, HandlerContext, Services } from '../core/context';
import { formatDate, lines } from '../planning/format';
import type { NudgeArgs } from '../core/intents';
import type { Reply } from '../core/reply';
import { addDays } from '../domain/goals';
import type { LocalDate } from '../domain/types';
import { t } from '../i18n';
import type { Store } from '../store/store';
import { loadScheduleInputs, plannedForPerson, prefsOf, PREFS_KIND, TEAM_PREFS_KIND } from './planning';
import type { PlanResult } from './queue';
import { isLead, isValidTime } from './schedule';
import type { EffectivePrefs, NudgePrefs, PlannedNudge, TeamNudgePrefs } from './types';

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

/** The person's next nudge after `now`, looking up to two weeks ahead. */
async function nextNudge(ctx: HandlerContext): Promise<{ next: PlannedNudge | null; prefs: EffectivePrefs; lead: boolean }> {
  const inputs = await loadScheduleInputs(ctx.store, ctx.tenant, [ctx.actor.id]);
  const person = inputs.people[0] ?? ctx.actor;
  const prefs = prefsOf(inputs, person);
  const lead = isLead(person, inputs.teams);
  for (let i = 0; i < 14; i++) {
    const found = plannedForPerson(inputs, person, addDays(ctx.today, i)).find((n) => Date.parse(n.at) > ctx.now.getTime());
    if (found) return { next: found, prefs, lead };
  }
  return { next: null, prefs, lead };
}

function localTime(at: string, tz: string): string {
  return new Date(at).toLocaleTimeString('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hour12: false });
}

type Change = { prefs: NudgePrefs; message: string } | { reply: string };

function applyPersonal(nudge: NudgeArgs, current: NudgePrefs, today: LocalDate, ctx: HandlerContext): Change {
  const { locale } = ctx;
  const time = nudge.time;
  if (time !== undefined && !isValidTime(time)) return { reply: t(locale, 'nudges.bad_time', { time }) };
  switch (nudge.action) {
    case 'set_time':
      if (!time) return { reply: t(locale, 'nudges.need_time') };
      return { prefs: { ...current, time, stopped: false, pausedUntil: undefined }, message: 'set_time' };
    case 'pause': {
      const days = Math.max(1, Math.min(90, Math.round(nudge.days ?? 1)));
      const pausedUntil = addDays(today, days);
      return { prefs: { ...current, pausedUntil }, message: t(locale, 'nudges.pause.done', { days, resume: formatDate(locale, pausedUntil) }) };
    }
    case 'stop':
      return { prefs: { ...current, stopped: true }, message: t(locale, 'nudges.stop.done') };
    case 'resume':
      return { prefs: { ...current, stopped: false, pausedUntil: undefined }, message: 'resume' };
    case 'end_of_day_on':
      return { prefs: { ...current, endOfDay: true, ...(time ? { endOfDayTime: time } : {}) }, message: 'eod_on' };
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
  const nudge: NudgeArgs = args.nudge ?? { action: 'status' };
  let message = '';
  let affected: string[] = [];
  if (nudge.action === 'team_default') {
    const result = await setTeamDefault(ctx, nudge);
    message = result.text;
    affected = result.members;
  } else if (nudge.action !== 'status') {
    const change = applyPersonal(nudge, await getPrefs(store, tenant, actor.id), ctx.today, ctx);
    if ('reply' in change) message = change.reply;
    else {
      await putPrefs(store, tenant, { ...change.prefs, agent: actor.id, updatedAt: ctx.now.toISOString() });
      message = change.message;
      affected = [actor.id];
    }
  }
  let rescheduled: PlanResult | null = null;
  const scheduler = reschedulerOf(ctx.services);
  if (scheduler && affected.length > 0) {
    try {
      rescheduled = await scheduler.reschedule(tenant, affected);
    } catch {
      rescheduled = null; // the worker re-checks preferences before each send, so nothing goes out wrongly
    }
  }
  const { next, prefs, lead } = await nextNudge(ctx);
  const time = lead ? prefs.digestTime : prefs.morningTime;
  if (message === 'set_time') message = t(locale, lead ? 'nudges.set_time.done_lead' : 'nudges.set_time.done', { time });
  if (message === 'resume') message = t(locale, 'nudges.resume.done', { time });
  if (message === 'eod_on') message = t(locale, 'nudges.eod_on.done', { time: prefs.endOfDayTime });
  const state = prefs.stopped
    ? t(locale, 'nudges.status.stopped')
    : prefs.pausedUntil && prefs.pausedUntil > ctx.today
      ? t(locale, 'nudges.status.paused', { date: formatDate(locale, prefs.pausedUntil) })
      : t(locale, 'nudges.status.active');
  const statusLine = lead
    ? t(locale, 'nudges.status.line_lead', { state, time })
    : t(locale, 'nudges.status.line', {
        // Stopping stops every nudge, the evening check-in too (schedule.ts): the line says what will be sent.
        state, time, eod: prefs.endOfDay && !prefs.stopped ? t(locale, 'nudges.status.on', { time: prefs.endOfDayTime }) : t(locale, 'nudges.status.off'),
      });
  const nextLine = next
    ? t(locale, 'nudges.next', { when: `${formatDate(locale, next.date)} ${localTime(next.at, actor.tz)}`, kind: t(locale, `nudges.kind.${next.kind}`) })
    : t(locale, 'nudges.next.none');
  const paused = prefs.stopped || (prefs.pausedUntil !== null && prefs.pausedUntil > ctx.today);
  const reply: Reply = {
    intent: 'nudges',
    locale,
    title: t(locale, 'nudges.prefs.title'),
    text: lines(message, statusLine, nextLine),
    data: { action: nudge.action, prefs, next: next ? { kind: next.kind, at: next.at, date: next.date } : null, rescheduled },
    actions: paused
      ? [{ id: 'resume', label: t(locale, 'nudges.action.resume'), intent: 'nudges', text: locale === 'zh-CN' ? '恢复提醒' : 'resume reminders' }]
      : [
          { id: 'pause', label: t(locale, 'nudges.action.pause'), intent: 'nudges', text: locale === 'zh-CN' ? '暂停提醒3天' : 'pause reminders for 3 days' },
          { id: 'stop', label: t(locale, 'nudges.action.stop'), intent: 'nudges', text: locale === 'zh-CN' ? '停止每日提醒' : 'stop daily reminders', style: 'danger' },
        ],
  };
  return reply;
};

/** The engine surface registerNudges needs (LingyanEngine satisfies it). */
export interface NudgesEngine {
  register(intent: 'nudges', handler: Handler): unknown;
  readonly services: Services;
}

/** Registers the `nudges` intent; with a scheduler, preference changes reschedule pending jobs at once. */
export function registerNudges(engine: NudgesEngine, deps: { scheduler?: NudgeRescheduler | null } = {}): void {
  if (deps.scheduler) engine.services[NUDGES_SERVICE] = deps.scheduler;
  engine.register('nudges', nudgesHandler);
}
