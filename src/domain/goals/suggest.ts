// Target suggestion (docs/design.md "Target suggestion"): not too high, not too low — the agent's own last
// ≤3 months, pulled toward the floor's average, with a verdict on a proposed target and an OKR form.
import { UserInputError } from '../../errors';
import type { Month } from '../types';
import { chain } from './chain';
import { commissionFor, salesForCommission, validateCommission } from './commission';
import { requireWorkingDays, validateBaseSalary, validateIncome } from './decompose';
import { ceil, roundCents } from './money';
import { agentPool, estimateRates, teamPool } from './rates';
import type { PlanInput } from './types';

export type Verdict = 'too_low' | 'achievable' | 'stretch' | 'too_high';
export type KeyResultKey = 'sales' | 'deals' | 'calls_per_day' | 'prospects_per_week';

export type SuggestInput = Omit<PlanInput, 'incomeTarget'> & { proposedIncome?: number };

export interface TargetSuggestion {
  base: number;
  basePerDay: number;
  /** The team's pooled sales per agent-workday × this month's workdays; null without team history. */
  teamAvg: number | null;
  suggested: number;
  stretch: number;
  /** agent: own history; team: no own history, so base = teamAvg. */
  source: 'agent' | 'team';
  workdays: number;
  suggestedIncome: number;
  stretchIncome: number;
  proposed?: { income: number; sales: number };
  verdict?: Verdict;
  /** i18n key of the verdict's reason (morale vs. slack). */
  verdictReason?: string;
  okr: {
    objective: { key: 'goals.okr.objective'; params: { month: Month; income: number; sales: number } };
    keyResults: { key: KeyResultKey; value: number }[];
  };
}

/** Within float noise, "T ≤ limit" must not flip on the last binary digit. */
const EPS = 1e-9;

export function verdictFor(target: number, base: number, suggested: number): Verdict {
  if (target < base - EPS) return 'too_low';
  if (target <= 1.15 * suggested + EPS) return 'achievable';
  if (target <= 1.3 * suggested + EPS) return 'stretch';
  return 'too_high';
}

export function suggestTarget(input: SuggestInput): TargetSuggestion {
  const { month, baseSalary, commission, calendar, roster } = input;
  validateBaseSalary(baseSalary);
  validateCommission(commission);
  if (input.proposedIncome !== undefined) validateIncome(input.proposedIncome);
  const workdays = requireWorkingDays(month, calendar, roster).length;

  const own = agentPool(input.history, month);
  const team = teamPool(input.teamHistory, month);
  // Months recorded with zero workdays say nothing about productivity per day: treat as no data.
  const ownPerDay = own && own.workdays > 0 ? own.sales / own.workdays : null;
  const teamPerDay = team && team.workdays > 0 ? team.sales / team.workdays : null;
  if (ownPerDay === null && teamPerDay === null) throw new UserInputError('goals.error.no_history', { month });

  const teamAvgRaw = teamPerDay === null ? null : teamPerDay * workdays;
  const source: TargetSuggestion['source'] = ownPerDay === null ? 'team' : 'agent';
  const basePerDayRaw = ownPerDay ?? (teamPerDay as number);
  const baseRaw = basePerDayRaw * workdays;
  const suggestedRaw =
    teamAvgRaw !== null && baseRaw < teamAvgRaw
      ? Math.min(baseRaw + 0.3 * (teamAvgRaw - baseRaw), 1.3 * baseRaw)
      : 1.05 * baseRaw;

  const base = roundCents(baseRaw);
  const suggested = roundCents(suggestedRaw);
  const stretch = roundCents(1.15 * suggested);

  const rates = estimateRates(month, input.history, input.teamHistory).rates;
  const counts = chain(suggested, rates);
  const suggestedIncome = roundCents(baseSalary + commissionFor(suggested, commission));

  const result: TargetSuggestion = {
    base,
    basePerDay: roundCents(basePerDayRaw),
    teamAvg: teamAvgRaw === null ? null : roundCents(teamAvgRaw),
    suggested,
    stretch,
    source,
    workdays,
    suggestedIncome,
    stretchIncome: roundCents(baseSalary + commissionFor(stretch, commission)),
    okr: {
      objective: { key: 'goals.okr.objective', params: { month, income: suggestedIncome, sales: suggested } },
      keyResults: [
        { key: 'sales', value: suggested },
        { key: 'deals', value: counts.deals },
        { key: 'calls_per_day', value: ceil(counts.calls / workdays) },
        // A "week" here is a full five-day working week: prospects per working day × 5.
        { key: 'prospects_per_week', value: ceil((counts.prospects * 5) / workdays) },
      ],
    },
  };

  if (input.proposedIncome !== undefined) {
    const income = input.proposedIncome;
    const sales = salesForCommission(roundCents(Math.max(0, income - baseSalary)), commission);
    const verdict = verdictFor(sales, base, suggested);
    result.proposed = { income, sales };
    result.verdict = verdict;
    result.verdictReason = `goals.verdict.${verdict}`;
  }
  return result;
}
