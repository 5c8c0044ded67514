// Pace tracking (docs/design.md "Pace"): month-to-date sales against the straight-line expectation over
// working days, a projection, and how much above the agent's usual daily sales the rest needs.
import type { DailyActivity, HistoryMonth, LocalDate } from '../types';
import { dayNumber, monthOf } from './calendar';
import { roundCents } from './money';
import { agentPool } from './rates';
import { sumActivity } from './today';
import type { MonthlyPlan } from './types';

export type PaceStatus = 'ahead' | 'on_track' | 'behind' | 'at_risk';

export interface PaceInput {
  plan: MonthlyPlan;
  today: LocalDate;
  activity: DailyActivity[];
  /** The agent's own monthly history; the last ≤3 months before the plan month give the usual pace. */
  history: HistoryMonth[];
}

export interface Pace {
  status: PaceStatus;
  paceRatio: number | null;
  projection: number | null;
  expected: number;
  achieved: number;
  elapsedWorkdays: number;
  totalWorkdays: number;
  requiredDailySales: number;
  historicalDailySales: number | null;
  liftNeeded: number | null;
}

export function statusFor(paceRatio: number): PaceStatus {
  if (paceRatio >= 1.05) return 'ahead';
  if (paceRatio >= 0.95) return 'on_track';
  if (paceRatio >= 0.8) return 'behind';
  return 'at_risk';
}

/**
 * Working days come from the plan (the calendar it was made with). When nothing is expected yet
 * (no elapsed working day, or a zero sales target) there is no meaningful ratio: paceRatio is null
 * and the status is 'on_track' — nobody is behind a target that has not started to count.
 * With no working day left, requiredDailySales is 0 (there is no day to spread a shortfall over).
 */
export function trackPace(input: PaceInput): Pace {
  const { plan, today } = input;
  dayNumber(today);
  const totalWorkdays = plan.workdays;
  const elapsedWorkdays = plan.workingDays.filter((d) => d < today).length;
  const achieved = sumActivity(input.activity.filter((a) => monthOf(a.date) === plan.month && a.date < today)).sales;
  // The ratio uses the exact expectation; only the reported amount is rounded to cents.
  const expectedExact = totalWorkdays > 0 ? (plan.salesTarget * elapsedWorkdays) / totalWorkdays : 0;
  const expected = roundCents(expectedExact);
  const paceRatio = expectedExact > 0 ? achieved / expectedExact : null;
  const projection = elapsedWorkdays > 0 ? roundCents((achieved / elapsedWorkdays) * totalWorkdays) : null;

  const daysLeft = totalWorkdays - elapsedWorkdays;
  const requiredDailySales = daysLeft > 0 ? roundCents(Math.max(0, plan.salesTarget - achieved) / daysLeft) : 0;
  const pool = agentPool(input.history, plan.month);
  const historicalDailySales = pool && pool.workdays > 0 ? roundCents(pool.sales / pool.workdays) : null;
  const exactRequired = daysLeft > 0 ? Math.max(0, plan.salesTarget - achieved) / daysLeft : 0;
  const exactHistorical = pool && pool.workdays > 0 ? pool.sales / pool.workdays : 0;
  const liftNeeded = exactHistorical > 0 ? exactRequired / exactHistorical - 1 : null;

  return {
    status: paceRatio === null ? 'on_track' : statusFor(paceRatio),
    paceRatio,
    projection,
    expected,
    achieved,
    elapsedWorkdays,
    totalWorkdays,
    requiredDailySales,
    historicalDailySales,
    liftNeeded,
  };
}
