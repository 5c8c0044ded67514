// The asking agent's OWN computed numbers for the coach: plan, today, pace and funnel focus from the
// domain modules. Only ctx.actor is ever loaded; a named colleague in the message changes nothing.
import { historySample, diagnoseFunnel, trackPace, type PaceStatus, type Stage } from '../domain/goals';
import { loadPlanningData, monthOf, planFor, todayFor } from '../planning/agentData';
import type { HandlerContext } from '../core/context';
import { formatCount, formatMoney, formatPercent, t } from '../i18n';

export interface AgentSummary {
  /** Localized lines, one fact each, for <my_numbers>. Empty when nothing is computable. */
  lines: string[];
  focus: Stage | null;
  /** Courses the diagnosis points to (focus stage), in order. */
  courses: string[];
  paceStatus: PaceStatus | null;
}

export const EMPTY_SUMMARY: AgentSummary = { lines: [], focus: null, courses: [], paceStatus: null };

/** Never throws: a missing goal or history just leaves those lines out. */
export async function agentSummary(ctx: HandlerContext): Promise<AgentSummary> {
  const { locale } = ctx;
  const month = monthOf(ctx.today);
  let data;
  try {
    data = await loadPlanningData(ctx.store, ctx.tenant, ctx.actor, month);
  } catch {
    return EMPTY_SUMMARY;
  }
  const lines: string[] = [];
  let salesTarget: number | undefined;
  let paceStatus: PaceStatus | null = null;
  try {
    const plan = planFor(data, month);
    salesTarget = plan.salesTarget;
    lines.push(t(locale, 'coaching.numbers.target', { sales: formatMoney(locale, plan.salesTarget), deals: formatCount(locale, plan.deals), calls: formatCount(locale, plan.calls) }));
    const today = todayFor(data, plan, ctx.today);
    if (today.isWorkday) {
      lines.push(t(locale, 'coaching.numbers.today', { calls: formatCount(locale, today.callsToday), left: formatCount(locale, today.callsLeftToday), days: formatCount(locale, today.remainingWorkdays) }));
    }
    const pace = trackPace({ plan, today: ctx.today, activity: data.activity, history: data.history });
    paceStatus = pace.status;
    lines.push(t(locale, 'coaching.numbers.pace', { status: t(locale, `status.${pace.status}`), achieved: formatMoney(locale, pace.achieved), expected: formatMoney(locale, pace.expected) }));
  } catch {
    // No target (or no rates): the coach still answers, without plan numbers.
  }
  let focus: Stage | null = null;
  let courses: string[] = [];
  try {
    const diagnosis = diagnoseFunnel({
      agent: historySample(data.history, month),
      team: historySample(data.teamHistory, month),
      ...(salesTarget !== undefined ? { salesTarget } : {}),
    });
    focus = diagnosis.focus;
    courses = diagnosis.courses;
    const row = diagnosis.stages.find((s) => s.stage === focus);
    if (focus && row?.ratio != null) {
      lines.push(t(locale, 'coaching.numbers.focus', { stage: t(locale, `stage.${focus}`), ratio: formatPercent(locale, row.ratio, 0) }));
    }
  } catch {
    // Not enough history for a diagnosis.
  }
  return { lines, focus, courses, paceStatus };
}
