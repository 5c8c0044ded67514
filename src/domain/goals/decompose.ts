// The monthly decomposition (docs/design.md goal steps 1–6): income target → commission → sales → funnel
// counts → working days → ISO weeks, with one explanation step per stage.
import { UserInputError } from '../../errors';
import type { CalendarKind, Month, RosterEntry } from '../types';
import { workingDaysInMonth } from './calendar';
import { chain, chainFormula } from './chain';
import { solveSales, validateCommission } from './commission';
import { fmtMoney, roundCents } from './money';
import { estimateRates } from './rates';
import { isoWeeksOfMonth, largestRemainder, splitMoney } from './split';
import type { MonthlyPlan, PlanInput, PlanStep, WeekPlan } from './types';

/** Above this an income target is a typo or an attack, not a goal. */
export const MAX_AMOUNT = 1e9;

/** Income targets must be positive, finite and plausible. */
export function validateIncome(value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new UserInputError('goals.error.income_invalid', { value: String(value) });
  }
  if (value > MAX_AMOUNT) throw new UserInputError('goals.error.income_absurd', { value: String(value), max: MAX_AMOUNT });
}

export function validateBaseSalary(value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_AMOUNT) {
    throw new UserInputError('goals.error.base_salary_invalid', { value: String(value) });
  }
}

/** Working days of the month; a month without any cannot carry a plan. */
export function requireWorkingDays(month: Month, calendar: CalendarKind, roster: readonly RosterEntry[]): string[] {
  const days = workingDaysInMonth(month, calendar, roster);
  if (days.length === 0) throw new UserInputError('goals.error.no_working_days', { month });
  return days;
}

export function decompose(input: PlanInput): MonthlyPlan {
  const { month, incomeTarget, baseSalary, commission, calendar, roster } = input;
  validateIncome(incomeTarget);
  validateBaseSalary(baseSalary);
  validateCommission(commission);
  const workingDays = requireWorkingDays(month, calendar, roster);
  const steps: PlanStep[] = [];

  // 1. Commission needed.
  const commissionNeeded = roundCents(Math.max(0, incomeTarget - baseSalary));
  steps.push({
    key: 'commission_needed',
    formula: `C = max(0, income − base) = max(0, ${fmtMoney(incomeTarget)} − ${fmtMoney(baseSalary)}) = ${fmtMoney(commissionNeeded)}`,
    values: { incomeTarget, baseSalary, commissionNeeded },
  });

  // 2. Sales target.
  const solution = solveSales(commissionNeeded, commission);
  const salesTarget = solution.sales;
  steps.push({
    key: 'sales_target',
    formula: solution.formula,
    values: {
      salesTarget,
      commissionType: commission.type === 'flat' ? 'flat' : commission.mode,
      rate: solution.rate,
      tier: solution.tierIndex + 1,
      tierFrom: solution.from,
    },
  });

  // 3. Rates.
  const estimate = estimateRates(month, input.history, input.teamHistory);
  const rates = estimate.rates;
  steps.push(estimate.step);

  // 4. Monthly counts.
  const counts = chain(salesTarget, rates);
  steps.push({ key: 'monthly_counts', formula: chainFormula('S', salesTarget, rates, counts), values: { ...counts } });

  // 5. Working days.
  const removed = roster.filter((r) => r.off && r.date.startsWith(month)).length;
  const added = roster.filter((r) => !r.off && r.date.startsWith(month)).length;
  steps.push({
    key: 'working_days',
    formula: `workdays(${month}, ${calendar}, roster −${removed} +${added}) = ${workingDays.length}`,
    values: { workdays: workingDays.length, calendar, rosterOff: removed, rosterOn: added },
  });

  // 6. Weeks.
  const weeks = splitWeeks(month, workingDays, salesTarget, counts);
  steps.push({
    key: 'weeks',
    formula: weeks
      .map((w) => `${w.from}..${w.to}: ${w.workdays}d, sales ${fmtMoney(w.sales)}, deals ${w.deals}, calls ${w.calls}, prospects ${w.prospects}`)
      .join('; '),
    values: { weeks: weeks.length },
  });

  return {
    month,
    incomeTarget,
    baseSalary,
    commissionNeeded,
    salesTarget,
    ...counts,
    workdays: workingDays.length,
    workingDays,
    rates,
    weeks,
    steps,
  };
}

function splitWeeks(
  month: Month,
  workingDays: readonly string[],
  sales: number,
  counts: { deals: number; connects: number; calls: number; prospects: number },
): WeekPlan[] {
  const ranges = isoWeeksOfMonth(month);
  const weights = ranges.map((r) => workingDays.filter((d) => d >= r.from && d <= r.to).length);
  const salesParts = splitMoney(sales, weights);
  const deals = largestRemainder(counts.deals, weights);
  const connects = largestRemainder(counts.connects, weights);
  const calls = largestRemainder(counts.calls, weights);
  const prospects = largestRemainder(counts.prospects, weights);
  return ranges.map((r, i) => ({
    from: r.from,
    to: r.to,
    workdays: weights[i],
    sales: salesParts[i],
    deals: deals[i],
    connects: connects[i],
    calls: calls[i],
    prospects: prospects[i],
  }));
}
