// What an agent's nudge says: the morning nudge (today's numbers, yesterday vs plan, pace, one tip,
// buttons), the month-start target prompt, the month-end recap and the end-of-day check-in. Every
// number comes from domain/goals; strings from the `nudges.*` catalogue in the person's locale.
import { loadPlanningData, planFor, suggestionFor, todayFor, type PlanningData } from '../planning/agentData';
import { formatDate, lines, plainWhy, whyLines } from '../planning/format';
import type { Reply, ReplyAction } from '../core/reply';
import { addDays, historySample, diagnoseFunnel, planToday, sumActivity, trackPace, workingDaysInMonth } from '../domain/goals';
import type { MonthlyPlan } from '../domain/goals/types';
import type { AgentProfile, LocalDate, Locale } from '../domain/types';
import { UserInputError } from '../errors';
import { t } from '../i18n';
import type { Store } from '../store/store';
import { composeLeadDigest } from './digest';
import { count, money, percent } from './format';
import { pickTip, type TipLibrary } from './tips';
import type { NudgeKind } from './types';

export interface ComposeDeps {
  store: Store;
  tips: TipLibrary;
}

/** The Reply for one nudge of one person on their local `date`. */
export async function composeNudge(
  deps: ComposeDeps,
  tenant: string,
  person: AgentProfile,
  kind: NudgeKind,
  date: LocalDate,
): Promise<Reply> {
  switch (kind) {
    case 'lead_digest':
      return composeLeadDigest(deps, tenant, person, date);
    case 'agent_end_of_day':
      return composeEndOfDay(deps, tenant, person, date);
    case 'month_end':
      return composeMonthEnd(deps, tenant, person, date);
    case 'month_start':
    case 'agent_morning':
      return composeMorning(deps, tenant, person, date, kind);
  }
}

function base(locale: Locale, kind: NudgeKind, person: AgentProfile, date: LocalDate, data: Record<string, unknown>): Pick<Reply, 'intent' | 'locale' | 'data' | 'visibility'> {
  return { intent: 'nudges', locale, data: { kind, date, agent: person.id, ...data }, visibility: 'private' };
}

const logAction = (locale: Locale): ReplyAction => ({
  id: 'log', label: t(locale, 'action.log_activity'), intent: 'log_activity', form: 'log_activity', style: 'primary',
});

const goalAction = (locale: Locale): ReplyAction => ({
  id: 'goal', label: t(locale, 'nudges.action.set_goal'), intent: 'set_goal', form: 'set_goal', style: 'primary',
});

/** The plan, or the UserInputError that explains why there is none (no goal, no rates, …). */
function tryPlan(data: PlanningData, month: string): MonthlyPlan | UserInputError {
  try {
    return planFor(data, month);
  } catch (error) {
    if (error instanceof UserInputError) return error;
    throw error;
  }
}

function suggestionOrNull(data: PlanningData, month: string) {
  try {
    return suggestionFor(data, month);
  } catch {
    return null;
  }
}

/** Agents without a goal (or whose plan cannot be computed) get this instead of an error. */
function composeSetGoal(person: AgentProfile, kind: NudgeKind, date: LocalDate, data: PlanningData, problem: UserInputError): Reply {
  const { locale } = person;
  const month = date.slice(0, 7);
  const s = suggestionOrNull(data, month);
  const params = s
    ? { suggested: money(locale, s.suggested), income: money(locale, s.suggestedIncome), stretch: money(locale, s.stretch) }
    : null;
  const workdays = workingDaysInMonth(month, person.calendar, data.roster).length;
  const noGoal = problem.key === 'goal.error.no_target';
  const text = kind === 'month_start'
    ? lines(
        t(locale, params ? 'nudges.month_start.prompt' : 'nudges.month_start.no_suggestion', { name: person.name, workdays, ...params }),
        t(locale, 'nudges.no_goal.text'),
      )
    : lines(
        noGoal ? t(locale, 'nudges.no_goal.text') : t(locale, 'nudges.no_plan', { reason: t(locale, problem.key, problem.params) }),
        params && t(locale, 'nudges.no_goal.suggestion', params),
      );
  const actions: ReplyAction[] = [goalAction(locale)];
  if (s) {
    const income = Math.ceil(s.suggestedIncome);
    actions.push({
      id: 'accept', label: t(locale, 'action.accept_suggestion', { income: money(locale, income) }),
      intent: 'set_goal', text: t(locale, 'suggest.accept_text', { income }),
    });
  }
  return {
    ...base(locale, kind, person, date, { hasGoal: false, problem: problem.key, suggestion: s ? { suggested: s.suggested, suggestedIncome: s.suggestedIncome, stretch: s.stretch } : null }),
    title: kind === 'month_start' ? t(locale, 'nudges.month_start.title', { month }) : t(locale, 'nudges.no_goal.title', { name: person.name }),
    text,
    actions,
  };
}

function yesterdayLine(locale: Locale, data: PlanningData, plan: MonthlyPlan, date: LocalDate): { line: string; prev: LocalDate | null } {
  const prev = plan.workingDays.filter((d) => d < date).pop() ?? null;
  if (!prev) return { line: '', prev };
  const asked = planToday({ plan, today: prev, activity: data.activity, calendar: data.agent.calendar, roster: data.roster });
  const done = data.activity.find((row) => row.date === prev);
  // "昨天" only for the calendar day before; on a Monday the previous working day is named as such.
  const day = t(locale, prev === addDays(date, -1) ? 'nudges.day.yesterday' : 'nudges.day.last_workday');
  if (!done || done.calls + done.deals + done.sales === 0) return { line: t(locale, 'nudges.yesterday.none', { day, date: formatDate(locale, prev) }), prev };
  return {
    prev,
    line: t(locale, 'nudges.yesterday.line', {
      day,
      date: formatDate(locale, prev),
      calls: count(locale, done.calls), planCalls: count(locale, asked.callsToday),
      deals: count(locale, done.deals), planDeals: count(locale, asked.dealsToday),
      sales: money(locale, done.sales),
    }),
  };
}

async function composeMorning(deps: ComposeDeps, tenant: string, person: AgentProfile, date: LocalDate, kind: 'agent_morning' | 'month_start'): Promise<Reply> {
  const { locale } = person;
  const month = date.slice(0, 7);
  const data = await loadPlanningData(deps.store, tenant, person, month);
  const plan = tryPlan(data, month);
  if (plan instanceof UserInputError) return composeSetGoal(person, kind, date, data, plan);

  const today = todayFor(data, plan, date);
  const pace = trackPace({ plan, today: date, activity: data.activity, history: data.history });
  const diagnosis = diagnoseFunnel({ agent: historySample(data.history, month), team: historySample(data.teamHistory, month), salesTarget: plan.salesTarget });
  const tip = await pickTip(deps.store, tenant, person.id, date, diagnosis.courses, locale, deps.tips);
  const yesterday = yesterdayLine(locale, data, plan, date);
  const params = {
    calls: count(locale, today.callsToday), deals: count(locale, today.dealsToday), prospects: count(locale, today.prospectsToday),
    logged: count(locale, today.loggedToday.calls), left: count(locale, today.callsLeftToday),
  };
  const paceLine = pace.elapsedWorkdays > 0
    ? t(locale, 'nudges.pace', {
        status: t(locale, `status.${pace.status}`), achieved: money(locale, pace.achieved),
        expected: money(locale, pace.expected), target: money(locale, plan.salesTarget),
      })
    : '';
  const tipTitle = tip ? t(locale, 'nudges.tip.title', { course: tip.courseTitle }) : '';
  const tipText = tip ? t(locale, 'nudges.tip.body', { section: tip.section, text: tip.text }) : '';
  const roleplayTopic = t(locale, `nudges.roleplay.${diagnosis.focus ?? 'none'}`);
  const hasGoalLine = kind === 'month_start'
    ? t(locale, 'nudges.month_start.has_goal', { income: money(locale, plan.incomeTarget), sales: money(locale, plan.salesTarget) })
    : '';
  return {
    ...base(locale, kind, person, date, {
      hasGoal: true,
      callsToday: today.callsToday, dealsToday: today.dealsToday, prospectsToday: today.prospectsToday,
      callsLeftToday: today.callsLeftToday, remainingWorkdays: today.remainingWorkdays,
      pace: { status: pace.status, paceRatio: pace.paceRatio, achieved: pace.achieved, expected: pace.expected },
      yesterday: yesterday.prev, focus: diagnosis.focus,
      tip: tip ? { id: tip.id, course: tip.course, section: tip.section } : null,
    }),
    title: kind === 'month_start'
      ? t(locale, 'nudges.month_start.title', { month })
      : t(locale, 'nudges.morning.title', { name: person.name, date: formatDate(locale, date) }),
    text: lines(
      hasGoalLine,
      t(locale, 'nudges.morning.headline', params),
      today.loggedToday.calls > 0 && t(locale, 'nudges.morning.left', params),
      yesterday.line,
      paceLine,
      tip && `${tipTitle}\n${tipText}`,
    ),
    facts: [
      { label: t(locale, 'fact.calls_today'), value: params.calls },
      { label: t(locale, 'fact.deals_today'), value: params.deals },
      { label: t(locale, 'fact.prospects_today'), value: params.prospects },
      { label: t(locale, 'fact.status'), value: t(locale, `status.${pace.status}`) },
    ],
    sections: tip ? [{ title: tipTitle, text: tipText }] : [],
    why: [...whyLines(locale, plan.steps), ...whyLines(locale, today.steps)],
    ...(person.role === 'agent' ? { whyPlain: plainWhy(locale, plan, today) } : {}),
    actions: [
      logAction(locale),
      { id: 'roleplay', label: t(locale, 'nudges.action.roleplay5'), intent: 'roleplay', text: `/coach roleplay ${roleplayTopic}` },
    ],
  };
}

async function composeEndOfDay(deps: ComposeDeps, tenant: string, person: AgentProfile, date: LocalDate): Promise<Reply> {
  const { locale } = person;
  const month = date.slice(0, 7);
  const data = await loadPlanningData(deps.store, tenant, person, month);
  const plan = tryPlan(data, month);
  const logged = data.activity.find((row) => row.date === date);
  let text: string;
  if (!logged || logged.calls + logged.deals + logged.sales === 0) text = t(locale, 'nudges.eod.nothing');
  else {
    const today = plan instanceof UserInputError ? null : todayFor(data, plan, date);
    text = t(locale, 'nudges.eod.logged', {
      calls: count(locale, logged.calls), planCalls: today ? count(locale, today.callsToday) : '-',
      deals: count(locale, logged.deals), planDeals: today ? count(locale, today.dealsToday) : '-',
    });
  }
  return {
    ...base(locale, 'agent_end_of_day', person, date, { logged: logged ?? null }),
    title: t(locale, 'nudges.eod.title', { name: person.name }),
    text,
    actions: [logAction(locale), { id: 'progress', label: t(locale, 'nudges.action.progress'), intent: 'progress', text: '/coach progress' }],
  };
}

async function composeMonthEnd(deps: ComposeDeps, tenant: string, person: AgentProfile, date: LocalDate): Promise<Reply> {
  const { locale } = person;
  const month = date.slice(0, 7);
  const data = await loadPlanningData(deps.store, tenant, person, month);
  const plan = tryPlan(data, month);
  const sum = sumActivity(data.activity.filter((row) => row.date.startsWith(month)));
  const params = {
    achieved: money(locale, sum.sales), calls: count(locale, sum.calls), deals: count(locale, sum.deals),
    target: plan instanceof UserInputError ? '-' : money(locale, plan.salesTarget),
    ratio: plan instanceof UserInputError || plan.salesTarget <= 0 ? '-' : percent(locale, sum.sales / plan.salesTarget, 0),
  };
  return {
    ...base(locale, 'month_end', person, date, {
      month, achieved: sum, salesTarget: plan instanceof UserInputError ? null : plan.salesTarget,
    }),
    title: t(locale, 'nudges.month_end.title', { month }),
    text: lines(
      t(locale, plan instanceof UserInputError ? 'nudges.month_end.recap_no_goal' : 'nudges.month_end.recap', params),
      t(locale, 'nudges.month_end.close'),
    ),
    facts: [
      { label: t(locale, 'fact.achieved'), value: params.achieved },
      { label: t(locale, 'fact.sales_target'), value: params.target },
      { label: t(locale, 'fact.calls'), value: params.calls },
      { label: t(locale, 'fact.deals'), value: params.deals },
    ],
    actions: [logAction(locale), { id: 'progress', label: t(locale, 'nudges.action.progress'), intent: 'progress', text: '/coach progress' }],
  };
}
