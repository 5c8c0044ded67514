// Funnel diagnosis (docs/design.md "Diagnosis"): compare each stage with the team, pick the weakest one
// below 90 %, say what reaching the team's level would save, and which courses train that stage.
import type { FunnelCounts } from '../types';
import { chain } from './chain';
import { teamPool } from './rates';
import type { HistoryMonth, Month } from '../types';
import { ceil, roundCents } from './money';

/** Pooled counts over some months; `months` (default 1) turns them into a monthly average. */
export type FunnelSample = FunnelCounts & { workdays: number; months?: number };

/**
 * A diagnosis sample from monthly history: each agent's latest ≤3 months before `month`, pooled (the
 * same window as the plan's rates); zeros when there is none. Works for one agent or a whole team.
 */
export function historySample(history: readonly HistoryMonth[], month: Month): FunnelSample {
  return teamPool(history, month) ?? { calls: 0, connects: 0, deals: 0, sales: 0, prospects: 0, workdays: 0, months: 0 };
}

export type Stage = 'activity' | 'connectRate' | 'closeRate' | 'avgDealSize' | 'prospectToDeal';

export const STAGES: readonly Stage[] = ['activity', 'connectRate', 'closeRate', 'avgDealSize', 'prospectToDeal'];

/** Which courses (ids in docs/design.md "Course ids") train each stage. */
export const COURSES_BY_STAGE: Readonly<Record<Stage, readonly string[]>> = {
  activity: ['mindset', 'top-performer-sharing'],
  connectRate: ['efficient-communication'],
  closeRate: ['objection-handling', 'customer-communication'],
  avgDealSize: ['art-of-questioning'],
  prospectToDeal: ['customer-communication'],
};

/** Courses for signals outside the funnel (repeated complaints or low mood; career doubts). */
export const COURSES_BY_SIGNAL = {
  mood: ['emotional-intelligence'],
  career: ['career-planning'],
} as const;

/** Below this share of the team's level a stage needs attention. */
export const FOCUS_THRESHOLD = 0.9;
const RATIO_EPS = 1e-9;

export interface StageComparison {
  stage: Stage;
  /** `callsPerWorkday` for the activity stage, else the rate's own name. */
  metric: 'callsPerWorkday' | 'connectRate' | 'closeRate' | 'avgDealSize' | 'prospectToDeal';
  agent: number | null;
  team: number | null;
  /** agent / team; null when either side has no data for it. */
  ratio: number | null;
}

export interface FunnelDiagnosis {
  stages: StageComparison[];
  focus: Stage | null;
  /** Sales amount the savings are computed for. */
  salesTarget: number;
  /** Monthly calls saved if the focus rate reached the team's (0 for prospectToDeal, which calls do not depend on). */
  callsSaved: number | null;
  /** Activity stage: extra calls per working day to reach the team's level. */
  extraCallsPerDay: number | null;
  /** prospectToDeal stage: prospects saved per month. */
  prospectsSaved: number | null;
  courses: string[];
}

export interface DiagnoseInput {
  agent: FunnelSample;
  team: FunnelSample;
  salesTarget?: number;
}

function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

function metrics(s: FunnelSample): Record<Stage, number | null> {
  return {
    activity: ratio(s.calls, s.workdays),
    connectRate: ratio(s.connects, s.calls),
    closeRate: ratio(s.deals, s.connects),
    avgDealSize: ratio(s.sales, s.deals),
    prospectToDeal: ratio(s.deals, s.prospects),
  };
}

type RateSet = { connectRate: number; closeRate: number; avgDealSize: number; prospectToDeal: number };

function positiveRates(m: Record<Stage, number | null>): RateSet | null {
  const { connectRate, closeRate, avgDealSize, prospectToDeal } = m;
  if (!connectRate || !closeRate || !avgDealSize || !prospectToDeal) return null;
  return { connectRate, closeRate, avgDealSize, prospectToDeal };
}

export function diagnoseFunnel(input: DiagnoseInput): FunnelDiagnosis {
  const agent = metrics(input.agent);
  const team = metrics(input.team);
  const stages: StageComparison[] = STAGES.map((stage) => {
    const a = agent[stage];
    const t = team[stage];
    return {
      stage,
      metric: stage === 'activity' ? 'callsPerWorkday' : stage,
      agent: a,
      team: t,
      ratio: a !== null && t !== null && t > 0 ? a / t : null,
    };
  });

  // Weakest = lowest ratio; equal ratios go to the earlier funnel stage. Ratios of ratios carry float
  // noise (0.32/0.4 = 0.7999999999999999), so "below" and "equal" are judged with a tolerance.
  let focus: StageComparison | null = null;
  for (const s of stages) {
    if (s.ratio === null || s.ratio >= FOCUS_THRESHOLD - RATIO_EPS) continue;
    if (focus === null || s.ratio < (focus.ratio as number) - RATIO_EPS) focus = s;
  }

  const months = input.agent.months && input.agent.months > 0 ? input.agent.months : 1;
  const salesTarget = roundCents(input.salesTarget ?? input.agent.sales / months);
  const result: FunnelDiagnosis = {
    stages,
    focus: focus?.stage ?? null,
    salesTarget,
    callsSaved: null,
    extraCallsPerDay: null,
    prospectsSaved: null,
    courses: focus ? [...COURSES_BY_STAGE[focus.stage]] : [],
  };
  if (!focus) return result;

  if (focus.stage === 'activity') {
    result.extraCallsPerDay = ceil((focus.team as number) - (focus.agent as number));
    return result;
  }
  // A zero own rate means the current funnel needs unbounded calls: no finite saving to report.
  const own = positiveRates(agent);
  if (own === null) return result;
  const better: RateSet = { ...own, [focus.stage]: focus.team as number };
  const now = chain(salesTarget, own);
  const then = chain(salesTarget, better);
  result.callsSaved = now.calls - then.calls;
  if (focus.stage === 'prospectToDeal') result.prospectsSaved = now.prospects - then.prospects;
  return result;
}
