// Loads what the goal domain needs for one agent and month from the store, and builds the plan.
// Handlers call this instead of assembling store reads themselves.
import { decompose, planToday, suggestTarget, type TargetSuggestion } from '../domain/goals';
import type { MonthlyPlan, TodayPlan } from '../domain/goals/types';
import type { AgentProfile, DailyActivity, HistoryMonth, LocalDate, Month, RosterEntry, Team } from '../domain/types';
import { UserInputError } from '../errors';
import { deepFreeze } from '../store/common';
import type { Store } from '../store/store';

export interface PlanningData {
  agent: AgentProfile;
  team: Team | null;
  history: HistoryMonth[];
  teamHistory: HistoryMonth[];
  roster: RosterEntry[];
  activity: DailyActivity[];
  incomeTarget: number | null;
}

export function monthOf(date: LocalDate): Month {
  return date.slice(0, 7);
}

export async function loadPlanningData(
  store: Store,
  tenant: string,
  agent: AgentProfile,
  month: Month,
): Promise<PlanningData> {
  const [team, history, teamHistory, roster, activity, goal] = await Promise.all([
    store.getTeam(tenant, agent.team),
    store.getHistory(tenant, agent.id),
    store.getTeamHistory(tenant, agent.team),
    store.getRoster(tenant, agent.id),
    store.getActivity(tenant, agent.id, month),
    store.getGoal(tenant, agent.id, month),
  ]);
  return { agent, team, history, teamHistory, roster, activity, incomeTarget: goal?.incomeTarget ?? null };
}

/** What a plan and a suggestion are both computed from: the profile's pay and calendar, history, roster. */
function goalInputs(data: PlanningData, month: Month) {
  return {
    month,
    baseSalary: data.agent.baseSalary,
    commission: data.agent.commission,
    history: data.history,
    teamHistory: data.teamHistory,
    calendar: data.agent.calendar,
    roster: data.roster,
  };
}

/**
 * Plans computed from the same frozen store objects (RedisStore's reference cache hands out the same
 * profile, history and roster until one of them changes). decompose is pure, so the same objects, month
 * and target give the same plan; a change brings new objects and the old entries are collected.
 */
interface MemoizedPlan {
  history: HistoryMonth[];
  teamHistory: HistoryMonth[];
  roster: RosterEntry[];
  plan: MonthlyPlan;
}
const planMemo = new WeakMap<AgentProfile, Map<string, MemoizedPlan>>();
/** Month × target combinations remembered per profile (what-if targets would otherwise pile up). */
const PLANS_PER_PROFILE = 8;

/** The month's plan; throws UserInputError('goal.error.no_target') when no income target is set. */
export function planFor(data: PlanningData, month: Month, incomeTarget = data.incomeTarget): MonthlyPlan {
  if (incomeTarget === null) throw new UserInputError('goal.error.no_target');
  const key = `${month}|${incomeTarget}`;
  const memo = planMemo.get(data.agent);
  const hit = memo?.get(key);
  if (hit && hit.history === data.history && hit.teamHistory === data.teamHistory && hit.roster === data.roster) return hit.plan;
  const plan = decompose({ ...goalInputs(data, month), incomeTarget });
  // Only frozen inputs can be trusted not to change under the memo (callers may build their own data).
  if (Object.isFrozen(data.agent) && Object.isFrozen(data.history) && Object.isFrozen(data.teamHistory) && Object.isFrozen(data.roster)) {
    const entries = memo ?? new Map<string, MemoizedPlan>();
    if (entries.size >= PLANS_PER_PROFILE) entries.delete(entries.keys().next().value as string);
    entries.set(key, { history: data.history, teamHistory: data.teamHistory, roster: data.roster, plan: deepFreeze(plan) });
    planMemo.set(data.agent, entries);
  }
  return plan;
}

/** The month's target suggestion from the same inputs as the plan (optionally judging a proposed income). */
export function suggestionFor(data: PlanningData, month: Month, proposedIncome?: number): TargetSuggestion {
  return suggestTarget({ ...goalInputs(data, month), ...(proposedIncome !== undefined ? { proposedIncome } : {}) });
}

export function todayFor(data: PlanningData, plan: MonthlyPlan, today: LocalDate): TodayPlan {
  return planToday({ plan, today, activity: data.activity, calendar: data.agent.calendar, roster: data.roster });
}
