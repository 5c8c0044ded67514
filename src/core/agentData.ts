// Loads what the goal domain needs for one agent and month from the store, and builds the plan.
// Handlers call this instead of assembling store reads themselves.
import { decompose, planToday, suggestTarget, type TargetSuggestion } from '../domain/goals';
import type { MonthlyPlan, TodayPlan } from '../domain/goals/types';
import type { AgentProfile, DailyActivity, HistoryMonth, LocalDate, Month, RosterEntry, Team } from '../domain/types';
import { UserInputError } from '../errors';
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

export async function teamHistoryOf(store: Store, tenant: string, teamId: string): Promise<HistoryMonth[]> {
  const members = await store.listAgents(tenant, teamId);
  const histories = await Promise.all(members.map((member) => store.getHistory(tenant, member.id)));
  return histories.flat();
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
    teamHistoryOf(store, tenant, agent.team),
    store.getRoster(tenant, agent.id),
    store.getActivity(tenant, agent.id, month),
    store.getGoal(tenant, agent.id, month),
  ]);
  return { agent, team, history, teamHistory, roster, activity, incomeTarget: goal?.incomeTarget ?? null };
}

/** The month's plan; throws UserInputError('goal.error.no_target') when no income target is set. */
export function planFor(data: PlanningData, month: Month, incomeTarget = data.incomeTarget): MonthlyPlan {
  if (incomeTarget === null) throw new UserInputError('goal.error.no_target');
  return decompose({
    month,
    incomeTarget,
    baseSalary: data.agent.baseSalary,
    commission: data.agent.commission,
    history: data.history,
    teamHistory: data.teamHistory,
    calendar: data.agent.calendar,
    roster: data.roster,
  });
}

/** The month's target suggestion from the same inputs as the plan (optionally judging a proposed income). */
export function suggestionFor(data: PlanningData, month: Month, proposedIncome?: number): TargetSuggestion {
  return suggestTarget({
    month,
    baseSalary: data.agent.baseSalary,
    commission: data.agent.commission,
    history: data.history,
    teamHistory: data.teamHistory,
    calendar: data.agent.calendar,
    roster: data.roster,
    ...(proposedIncome !== undefined ? { proposedIncome } : {}),
  });
}

export function todayFor(data: PlanningData, plan: MonthlyPlan, today: LocalDate): TodayPlan {
  return planToday({ plan, today, activity: data.activity, calendar: data.agent.calendar, roster: data.roster });
}
