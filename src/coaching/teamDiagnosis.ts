// The deterministic facts a huddle is built on: the team's weakest funnel stage this week (pooled
// activity against the team's own recent months), the pace status mix, and a top performer's metric.
import { historySample, addDays, diagnoseFunnel, isoWeekday, trackPace, type FunnelSample, type PaceStatus, type Stage } from '../domain/goals';
import type { AgentProfile, DailyActivity, LocalDate, MonthlyGoal, Team } from '../domain/types';
import { monthOf, planFor, type PlanningData } from '../planning/agentData';
import type { Store } from '../store/store';

export type Window = 'week' | 'month' | 'none';
export type ShoutMetric = Stage | 'paceRatio';

export interface TeamFacts {
  team: Team;
  window: Window;
  focus: Stage | null;
  /** This window's level of the focus stage as a share of the team's recent months. */
  focusRatio: number | null;
  paceMix: Record<PaceStatus, number>;
  shoutOut: { agent: string; name: string; metric: ShoutMetric; value: number } | null;
  /** Names that must never appear in a huddle (members behind or at risk); for output checks only. */
  protectedNames: string[];
}

// Below these volumes a rate says little about a person.
const MIN_VOLUME: Record<Stage, (s: FunnelSample) => boolean> = {
  activity: (s) => s.workdays >= 3,
  connectRate: (s) => s.calls >= 50,
  closeRate: (s) => s.connects >= 30,
  avgDealSize: (s) => s.deals >= 3,
  prospectToDeal: (s) => s.prospects >= 10,
};

function sampleOf(activity: DailyActivity[]): FunnelSample {
  const s: FunnelSample = { calls: 0, connects: 0, deals: 0, sales: 0, prospects: 0, workdays: 0 };
  for (const a of activity) {
    s.calls += a.calls;
    s.connects += a.connects;
    s.deals += a.deals;
    s.sales += a.sales;
    s.prospects += a.prospects;
    if (a.calls > 0) s.workdays += 1;
  }
  return s;
}

export function metricOf(stage: Stage, s: FunnelSample): number | null {
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  switch (stage) {
    case 'activity':
      return ratio(s.calls, s.workdays);
    case 'connectRate':
      return ratio(s.connects, s.calls);
    case 'closeRate':
      return ratio(s.deals, s.connects);
    case 'avgDealSize':
      return ratio(s.sales, s.deals);
    case 'prospectToDeal':
      return ratio(s.deals, s.prospects);
  }
}

interface Member {
  agent: AgentProfile;
  monthToDate: DailyActivity[];
  week: DailyActivity[];
  status: PaceStatus | null;
  paceRatio: number | null;
  /** Pace against the praise target, max(initial, current): what a shout-out is decided on. */
  praiseStatus: PaceStatus | null;
  praiseRatio: number | null;
}

/**
 * The income target praise is measured against: the higher of the month's first target and the current
 * one. Lowering a target mid-month never makes anyone a star; raising it counts (docs/lead-toolkit.md).
 */
export function praiseTarget(goal: Pick<MonthlyGoal, 'incomeTarget' | 'initialIncomeTarget'> | null): number | null {
  if (!goal) return null;
  return Math.max(goal.incomeTarget, goal.initialIncomeTarget ?? goal.incomeTarget);
}

export async function teamFacts(store: Store, tenant: string, team: Team, today: LocalDate): Promise<TeamFacts> {
  const month = monthOf(today);
  const monday = addDays(today, 1 - isoWeekday(today));
  const agents = (await store.listAgents(tenant, team.id)).filter((a) => a.role === 'agent');
  const teamHistory = await store.getTeamHistory(tenant, team.id);
  const members: Member[] = await Promise.all(
    agents.map(async (agent) => {
      const [history, roster, activity, goal] = await Promise.all([
        store.getHistory(tenant, agent.id),
        store.getRoster(tenant, agent.id),
        store.getActivity(tenant, agent.id, month),
        store.getGoal(tenant, agent.id, month),
      ]);
      const data: PlanningData = { agent, team, history, teamHistory, roster, activity, incomeTarget: goal?.incomeTarget ?? null };
      let status: PaceStatus | null = null;
      let paceRatio: number | null = null;
      let praiseStatus: PaceStatus | null = null;
      let praiseRatio: number | null = null;
      try {
        const pace = trackPace({ plan: planFor(data, month), today, activity, history });
        status = pace.status;
        paceRatio = pace.paceRatio;
        const bar = praiseTarget(goal);
        const praise = bar === data.incomeTarget ? pace : trackPace({ plan: planFor(data, month, bar), today, activity, history });
        praiseStatus = praise.status;
        praiseRatio = praise.paceRatio;
      } catch {
        // No goal or no rates: not counted in the mix, never praised.
      }
      const before = activity.filter((a) => a.date < today);
      return { agent, monthToDate: before, week: before.filter((a) => a.date >= monday), status, paceRatio, praiseStatus, praiseRatio };
    }),
  );

  const baseline = historySample(teamHistory, month);
  const week = sampleOf(members.flatMap((m) => m.week));
  const mtd = sampleOf(members.flatMap((m) => m.monthToDate));
  const [window, current]: [Window, FunnelSample | null] = week.calls > 0 ? ['week', week] : mtd.calls > 0 ? ['month', mtd] : ['none', null];
  let focus: Stage | null = null;
  let focusRatio: number | null = null;
  if (current && baseline.calls > 0) {
    const diagnosis = diagnoseFunnel({ agent: current, team: baseline });
    focus = diagnosis.focus;
    focusRatio = diagnosis.stages.find((s) => s.stage === focus)?.ratio ?? null;
  }

  const paceMix: Record<PaceStatus, number> = { ahead: 0, on_track: 0, behind: 0, at_risk: 0 };
  for (const m of members) if (m.status) paceMix[m.status] += 1;

  // Only people on track or ahead of their praise target are candidates (a target lowered mid-month
  // does not count); the metric is the focus stage where possible.
  const candidates = members.filter((m) => m.praiseStatus === 'ahead' || m.praiseStatus === 'on_track');
  let shoutOut: TeamFacts['shoutOut'] = null;
  if (focus) {
    const stage = focus;
    for (const m of candidates) {
      const sample = sampleOf(m.monthToDate);
      const value = MIN_VOLUME[stage](sample) ? metricOf(stage, sample) : null;
      if (value !== null && (shoutOut === null || value > shoutOut.value)) shoutOut = { agent: m.agent.id, name: m.agent.name, metric: stage, value };
    }
  }
  if (!shoutOut) {
    for (const m of candidates) {
      if (m.praiseRatio !== null && (shoutOut === null || m.praiseRatio > shoutOut.value)) {
        shoutOut = { agent: m.agent.id, name: m.agent.name, metric: 'paceRatio', value: m.praiseRatio };
      }
    }
  }
  // Behind on either target: never named (a lowered target does not make someone nameable either).
  const behind = (s: PaceStatus | null) => s === 'behind' || s === 'at_risk';
  const protectedNames = members.filter((m) => behind(m.status) || behind(m.praiseStatus)).map((m) => m.agent.name);
  return { team, window, focus, focusRatio, paceMix, shoutOut, protectedNames };
}
