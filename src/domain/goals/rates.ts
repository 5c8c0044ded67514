// Funnel rates for a plan month (docs/design.md goal step 3): the agent's last ≤3 months pooled, shrunk
// toward the team's pooled rates so a thin or unlucky history does not swing the plan.
import { UserInputError } from '../../errors';
import type { FunnelCounts, HistoryMonth, Month } from '../types';
import { parseMonth } from './calendar';
import { fmt, fmtMoney } from './money';
import type { PlanStep, Rates } from './types';

/** Shrinkage weight for the three ratios, in trials (calls, connects, prospects). */
export const K_RATES = 20;
/** Shrinkage weight for the average deal size, in deals. */
export const K_DEAL_SIZE = 3;
export const HISTORY_MONTHS = 3;

/** Pooled funnel counts with the agent-workdays and months they cover. */
export interface Pool extends FunnelCounts {
  workdays: number;
  months: number;
}

export type RateName = 'connectRate' | 'closeRate' | 'avgDealSize' | 'prospectToDeal';

export interface RateEstimate {
  rates: Rates;
  /** The agent's pooled window, or null without own history. */
  agent: Pool | null;
  /** The team's pooled window, or null without team history. */
  team: Pool | null;
  /** Team ratios that exist and are positive. */
  teamRates: Partial<Record<RateName, number>>;
  step: PlanStep;
}

function checkHistory(h: HistoryMonth): void {
  for (const field of ['calls', 'connects', 'deals', 'sales', 'prospects', 'workdays'] as const) {
    const value = h[field];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new UserInputError('goals.error.history_invalid', { month: String(h.month), field, value: String(value) });
    }
  }
}

/** One agent's latest ≤3 distinct months strictly before `month` (whichever are present, not necessarily consecutive). */
export function recentMonths(history: readonly HistoryMonth[], month: Month, n = HISTORY_MONTHS): HistoryMonth[] {
  parseMonth(month);
  const months = [...new Set(history.filter((h) => h.month < month).map((h) => h.month))].sort().slice(-n);
  const keep = new Set(months);
  return history.filter((h) => keep.has(h.month));
}

export function pool(months: readonly HistoryMonth[]): Pool | null {
  if (months.length === 0) return null;
  const sum: Pool = { calls: 0, connects: 0, deals: 0, sales: 0, prospects: 0, workdays: 0, months: 0 };
  for (const h of months) {
    checkHistory(h);
    sum.calls += h.calls;
    sum.connects += h.connects;
    sum.deals += h.deals;
    sum.sales += h.sales;
    sum.prospects += h.prospects;
    sum.workdays += h.workdays;
  }
  sum.months = new Set(months.map((h) => h.month)).size;
  return sum;
}

/** The agent's pooled window before `month`. */
export function agentPool(history: readonly HistoryMonth[], month: Month): Pool | null {
  return pool(recentMonths(history, month));
}

/** Each member's own latest ≤3 months before `month`, pooled across the team. */
export function teamPool(teamHistory: readonly HistoryMonth[], month: Month): Pool | null {
  const byAgent = new Map<string, HistoryMonth[]>();
  for (const h of teamHistory) byAgent.set(h.agent, [...(byAgent.get(h.agent) ?? []), h]);
  const window: HistoryMonth[] = [];
  for (const rows of byAgent.values()) window.push(...recentMonths(rows, month));
  return pool(window);
}

const RATIO_PARTS: Record<RateName, { success: keyof FunnelCounts; trial: keyof FunnelCounts }> = {
  connectRate: { success: 'connects', trial: 'calls' },
  closeRate: { success: 'deals', trial: 'connects' },
  avgDealSize: { success: 'sales', trial: 'deals' },
  prospectToDeal: { success: 'deals', trial: 'prospects' },
};

const ZERO_ERROR: Record<keyof FunnelCounts, string> = {
  calls: 'goals.error.history_zero_calls',
  connects: 'goals.error.history_zero_connects',
  deals: 'goals.error.history_zero_deals',
  sales: 'goals.error.history_zero_deals',
  prospects: 'goals.error.history_zero_prospects',
};

/** A ratio only counts when it is positive: a zero rate would make the step-4 chain divide by zero. */
function rawRatio(p: Pool, name: RateName): number | null {
  const { success, trial } = RATIO_PARTS[name];
  return p[trial] > 0 && p[success] > 0 ? p[success] / p[trial] : null;
}

/** Which field is missing, so the error tells the person what to fix. */
function zeroField(p: Pool, name: RateName): keyof FunnelCounts {
  const { success, trial } = RATIO_PARTS[name];
  return p[trial] > 0 ? success : trial;
}

/**
 * Rates for `month` from own and team history.
 *
 * Zero counts: with a positive team rate the shrinkage `(s + k·team)/(n + k)` stays well defined and
 * positive even when the agent's own trials or successes are 0 (it leans fully or mostly on the team),
 * so it is used as is. Without a positive team rate for that ratio the agent's own ratio must be
 * positive; otherwise the history cannot plan (a 0 rate means infinitely many calls) and a
 * UserInputError names the missing count (calls, connects, deals or prospects).
 */
export function estimateRates(month: Month, history: readonly HistoryMonth[], teamHistory: readonly HistoryMonth[]): RateEstimate {
  const agent = agentPool(history, month);
  const team = teamPool(teamHistory, month);
  if (agent === null && team === null) throw new UserInputError('goals.error.no_history', { month });

  const teamRates: Partial<Record<RateName, number>> = {};
  if (team) {
    for (const name of Object.keys(RATIO_PARTS) as RateName[]) {
      const r = rawRatio(team, name);
      if (r !== null) teamRates[name] = r;
    }
  }
  const hasTeam = team !== null && Object.keys(teamRates).length > 0;
  const source: Rates['source'] = agent === null ? 'team' : hasTeam ? 'shrunk' : 'agent';

  const parts: string[] = [];
  const values: Record<string, number | string> = { source };
  const rateOf = (name: RateName): number => {
    const { success, trial } = RATIO_PARTS[name];
    const teamRate = teamRates[name];
    const k = name === 'avgDealSize' ? K_DEAL_SIZE : K_RATES;
    const show = name === 'avgDealSize' ? fmtMoney : (x: number) => fmt(x);
    let value: number;
    if (agent === null) {
      if (teamRate === undefined) throw new UserInputError(ZERO_ERROR[zeroField(team as Pool, name)], { month });
      value = teamRate;
      parts.push(`${name} = team Σ${success}/Σ${trial} = ${fmt(team![success])}/${fmt(team![trial])} = ${show(value)}`);
    } else if (teamRate !== undefined) {
      value = (agent[success] + k * teamRate) / (agent[trial] + k);
      parts.push(
        `${name} = (Σ${success} + ${k}·team)/(Σ${trial} + ${k}) = (${fmt(agent[success])} + ${k}·${show(teamRate)})` +
          `/(${fmt(agent[trial])} + ${k}) = ${show(value)}`,
      );
    } else {
      const own = rawRatio(agent, name);
      if (own === null) throw new UserInputError(ZERO_ERROR[zeroField(agent, name)], { month });
      value = own;
      parts.push(`${name} = Σ${success}/Σ${trial} = ${fmt(agent[success])}/${fmt(agent[trial])} = ${show(value)}`);
    }
    values[name] = value;
    return value;
  };

  const rates: Rates = {
    connectRate: rateOf('connectRate'),
    closeRate: rateOf('closeRate'),
    avgDealSize: rateOf('avgDealSize'),
    prospectToDeal: rateOf('prospectToDeal'),
    source,
  };
  if (agent) values.agentMonths = agent.months;
  if (team) values.teamMonths = team.months;
  return { rates, agent, team, teamRates, step: { key: 'rates', formula: parts.join('; '), values } };
}

/** The rates alone. */
export function ratesFor(month: Month, history: readonly HistoryMonth[], teamHistory: readonly HistoryMonth[]): Rates {
  return estimateRates(month, history, teamHistory).rates;
}
