// Practice a lead assigns ("给杨帆布置一个利率异议练习", "assign Jason the fee-complaint scenario"): a
// sub-command of the `roleplay` intent, not a new intent (docs/coaching.md, "Assigned practice"). The
// assignment is stored per agent (`practice_assignments`), and reaches the agent as a direct message
// through the same ProactiveChannel abstraction the nudges use (their Slack DM, Teams personal chat or
// the console), or, when no channel can reach them, the next time they talk to Lingyan. When the agent
// finishes the session, the assignment records its scores per dimension and the lead is told.
import { randomUUID } from 'node:crypto';
import type { ProactiveChannel } from '../../../channels/channel';
import type { Scenario } from '../../../coaching/scenarios';
import { scenarioForTopic } from '../../../coaching/scenarios';
import { criterionName } from '../../../coaching/rubric';
import type { AgentProfile, Locale } from '../../../domain/types';
import { NotAllowedError, UserInputError } from '../../../errors';
import { formatCount, t } from '../../../i18n';
import { resolveRoute, type NudgeChannels } from '../../../nudges/delivery';
import { teamsLedBy } from '../../../access/access';
import { findPeople } from '../../../understanding';
import type { Store } from '../../../store/store';
import type { HandlerContext } from '../../context';
import type { Reply } from '../../reply';
import { rosterFor } from '../../roster';

export const ASSIGNMENTS_KIND = 'practice_assignments';

export interface Assignment {
  id: string;
  scenario: string;
  /** The lead who assigned it. */
  by: string;
  at: string;
  status: 'open' | 'done';
  doneAt?: string;
  total?: number;
  scores?: Record<string, number>;
  breaches?: number;
}

/** Words that make a role-play request an assignment, a start of one, or a lead's overview. */
export const ASSIGN = /布置|指派|安排.{0,12}练|给.{1,12}(?:练|出个)|\bassign(?:ed)?\b(?!.*\b(?:status|how did|done|finished)\b)|\bset (?:\S+ )?(?:a )?(?:practice|role-?play)/i;
export const START_ASSIGNED = /开始(?:我的)?(?:布置|指派|安排)的练习|(?:做|练)(?:一下)?(?:布置|安排)的(?:练习|那个)|start (?:my |the )?assigned (?:practice|role-?play)|\bmy assignment\b/i;
export const ASSIGNED_STATUS = /布置的练习.{0,8}(?:怎么样|完成|情况|结果|成绩)|练习(?:完成情况|布置情况)|(?:practice|role-?plays?) I assigned|assigned practice (?:status|results?)|assignments?\b.*\b(?:status|results?|done)/i;

/** The channels assignments are delivered on; set once where the platforms start (src/app/server.ts). */
let channels: NudgeChannels = {};
export function setPracticeChannels(next: { slack?: ProactiveChannel; teams?: ProactiveChannel; console?: ProactiveChannel }): void {
  channels = { ...next };
}

export async function loadAssignments(store: Store, tenant: string, agentId: string): Promise<Assignment[]> {
  return (await store.getDoc<Assignment[]>(tenant, ASSIGNMENTS_KIND, agentId)) ?? [];
}

async function saveAssignments(store: Store, tenant: string, agentId: string, list: Assignment[]): Promise<void> {
  await store.putDoc(tenant, ASSIGNMENTS_KIND, agentId, list.slice(-50));
}

async function deliver(store: Store, tenant: string, person: AgentProfile, reply: Reply): Promise<boolean> {
  const route = resolveRoute(person, null, channels);
  if (!route) return false;
  try {
    const result = await route.channel.sendToUser({ tenant, platformUserId: route.platformUserId }, reply);
    return result.status === 'sent';
  } catch {
    return false;
  }
}

const localeOf = (p: AgentProfile, fallback: Locale): Locale => (p.locale === 'en' || p.locale === 'zh-CN' ? p.locale : fallback);
const titles = (scenarios: Scenario[], locale: Locale) => scenarios.map((s) => `「${s.title[locale]}」`).join(locale === 'zh-CN' ? '、' : ', ');

/** Whether `text` names someone other than the asker (an agent "assigning" a colleague is refused). */
export async function namesSomeoneElse(ctx: HandlerContext, text: string): Promise<boolean> {
  const roster = await rosterFor(ctx.store, ctx.tenant, ctx.actor);
  return findPeople(text, roster).some((m) => m.people.some((p) => p.id !== ctx.actor.id));
}

/** "给杨帆布置一个利率异议练习": stores the assignment and sends the agent a direct message. */
export async function assignPractice(ctx: HandlerContext, text: string, scenarios: Scenario[]): Promise<Reply> {
  const { locale } = ctx;
  if (ctx.actor.role !== 'lead' && ctx.actor.role !== 'admin') throw new NotAllowedError('error.not_allowed.lead_only');
  const roster = await rosterFor(ctx.store, ctx.tenant, ctx.actor);
  const mention = findPeople(text, roster).find((m) => m.people.some((p) => p.id !== ctx.actor.id));
  const named = mention?.people.filter((p) => p.id !== ctx.actor.id) ?? [];
  if (named.length === 0) return { intent: 'roleplay', locale, text: t(locale, 'coaching.assign.who'), data: { assigned: false, citations: [], offline: true } };
  const person = named[0];
  if (!person.inScope) throw new NotAllowedError('error.not_allowed.other_agent');
  const agent = await ctx.store.getAgent(ctx.tenant, person.id);
  if (!agent) throw new UserInputError('error.unknown_person', { name: person.name });
  const rest = mention ? text.slice(0, mention.start) + ' ' + text.slice(mention.end) : text;
  const scenario = scenarioForTopic(scenarios, rest);
  if (!scenario) {
    return { intent: 'roleplay', locale, text: t(locale, 'coaching.assign.which', { list: titles(scenarios, locale) }), data: { assigned: false, agent: agent.id, citations: [], offline: true } };
  }
  const assignment: Assignment = { id: randomUUID(), scenario: scenario.id, by: ctx.actor.id, at: ctx.now.toISOString(), status: 'open' };
  await saveAssignments(ctx.store, ctx.tenant, agent.id, [...(await loadAssignments(ctx.store, ctx.tenant, agent.id)), assignment]);
  const agentLocale = localeOf(agent, locale);
  const dm: Reply = {
    intent: 'roleplay',
    locale: agentLocale,
    title: t(agentLocale, 'coaching.assign.status_title'),
    text: t(agentLocale, 'coaching.assign.dm', { lead: ctx.actor.name, title: scenario.title[agentLocale], max: scenario.maxTurns }),
    data: { kind: 'practice_assignment', assignment: assignment.id, scenario: scenario.id, citations: [], offline: true },
    visibility: 'private',
  };
  const delivered = await deliver(ctx.store, ctx.tenant, agent, dm);
  return {
    intent: 'roleplay',
    locale,
    text: t(locale, 'coaching.assign.done', {
      name: agent.name,
      title: scenario.title[locale],
      delivery: t(locale, delivered ? 'coaching.assign.delivered' : 'coaching.assign.undelivered'),
    }),
    data: { assigned: true, agent: agent.id, scenario: scenario.id, assignment: assignment.id, delivered, citations: [], offline: true },
  };
}

/** The agent's oldest open assignment, if any. */
export async function pendingAssignment(store: Store, tenant: string, agentId: string): Promise<Assignment | undefined> {
  return (await loadAssignments(store, tenant, agentId)).find((a) => a.status === 'open');
}

/** Marks the assignment done with the session's scores, and tells the lead who assigned it. */
export async function completeAssignment(
  ctx: HandlerContext,
  assignmentId: string,
  result: { total: number; scores: Record<string, number>; breaches: number },
  scenario: Scenario,
): Promise<void> {
  const list = await loadAssignments(ctx.store, ctx.tenant, ctx.actor.id);
  const a = list.find((x) => x.id === assignmentId);
  if (!a || a.status === 'done') return;
  Object.assign(a, { status: 'done', doneAt: ctx.now.toISOString(), total: result.total, scores: result.scores, breaches: result.breaches });
  await saveAssignments(ctx.store, ctx.tenant, ctx.actor.id, list);
  const lead = await ctx.store.getAgent(ctx.tenant, a.by);
  if (!lead) return;
  const locale = localeOf(lead, ctx.locale);
  await deliver(ctx.store, ctx.tenant, lead, {
    intent: 'roleplay',
    locale,
    text: t(locale, 'coaching.assign.completed_dm', { name: ctx.actor.name, title: scenario.title[locale], total: result.total.toFixed(1), dims: dims(locale, scenario, result.scores) }),
    data: { kind: 'practice_completed', assignment: a.id, agent: ctx.actor.id, total: result.total, scores: result.scores, citations: [], offline: true },
    visibility: 'private',
  });
}

function dims(locale: Locale, scenario: Scenario | undefined, scores: Record<string, number>): string {
  return Object.entries(scores)
    .map(([id, s]) => {
      const c = scenario?.rubric.find((x) => x.id === id);
      return `${c ? criterionName(c, locale) : id} ${s}`;
    })
    .join(locale === 'zh-CN' ? ' · ' : ' · ');
}

/** The lead's overview: every practice they assigned to their members, open or done with scores per dimension. */
export async function assignedStatus(ctx: HandlerContext, scenarios: Scenario[]): Promise<Reply> {
  const { locale } = ctx;
  if (ctx.actor.role !== 'lead' && ctx.actor.role !== 'admin') throw new NotAllowedError('error.not_allowed.lead_only');
  const teams = await teamsLedBy(ctx.store, ctx.tenant, ctx.actor);
  const members = (await Promise.all(teams.map((team) => ctx.store.listAgents(ctx.tenant, team.id)))).flat();
  const rows: Array<{ agent: string; name: string; a: Assignment }> = [];
  for (const m of members) for (const a of await loadAssignments(ctx.store, ctx.tenant, m.id)) if (a.by === ctx.actor.id) rows.push({ agent: m.id, name: m.name, a });
  rows.sort((x, y) => (x.a.at < y.a.at ? 1 : -1));
  const title = (id: string) => scenarios.find((s) => s.id === id)?.title[locale] ?? id;
  const lines = rows.map(({ name, a }) =>
    a.status === 'done'
      ? t(locale, 'coaching.assign.status_done', { date: a.at.slice(0, 10), name, title: title(a.scenario), total: (a.total ?? 0).toFixed(1), dims: dims(locale, scenarios.find((s) => s.id === a.scenario), a.scores ?? {}) })
      : t(locale, 'coaching.assign.status_open', { date: a.at.slice(0, 10), name, title: title(a.scenario) }),
  );
  return {
    intent: 'roleplay',
    locale,
    title: t(locale, 'coaching.assign.status_title'),
    text: rows.length === 0 ? t(locale, 'coaching.assign.status_empty') : [t(locale, 'coaching.assign.status_head', { count: formatCount(locale, rows.length) }), lines.join('\n')].join('\n\n'),
    data: { assignments: rows.map(({ agent, a }) => ({ agent, ...a })), citations: [], offline: true },
    visibility: 'private',
  };
}
