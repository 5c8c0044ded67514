// The weekly view (docs/design.md goal step 6): ISO weeks cut to the month, and largest-remainder splits
// so weekly counts (and money, in cents) add up exactly to the monthly totals.
import type { LocalDate, Month } from '../types';
import { monthDays } from './calendar';
import { toCents } from './money';

export interface WeekRange {
  from: LocalDate;
  to: LocalDate;
}

/** ISO weeks (Monday–Sunday) intersected with the month, in order. */
export function isoWeeksOfMonth(month: Month): WeekRange[] {
  const days = monthDays(month);
  const weeks: WeekRange[] = [];
  let from = days[0].date;
  days.forEach((day, i) => {
    if (day.weekday === 7 || i === days.length - 1) {
      weeks.push({ from, to: day.date });
      if (i + 1 < days.length) from = days[i + 1].date;
    }
  });
  return weeks;
}

/**
 * Splits a non-negative integer `total` in proportion to non-negative integer `weights`: floors first,
 * then one more unit to the largest remainders; equal remainders go to the earlier part. All arithmetic
 * is on integers (remainder = total·w mod Σw), so ties are exact, not float accidents.
 */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0 || total === 0) return weights.map(() => 0);
  const parts = weights.map((w) => {
    const product = total * w;
    const remainder = product % sum;
    return { floor: (product - remainder) / sum, remainder };
  });
  let left = total - parts.reduce((a, p) => a + p.floor, 0);
  const order = parts
    .map((p, index) => ({ index, remainder: p.remainder, weight: weights[index] }))
    .filter((p) => p.weight > 0)
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  const out = parts.map((p) => p.floor);
  for (const p of order) {
    if (left === 0) break;
    out[p.index] += 1;
    left -= 1;
  }
  return out;
}

/** Money split the same way, in whole cents. */
export function splitMoney(amount: number, weights: readonly number[]): number[] {
  return largestRemainder(toCents(amount), weights).map((cents) => cents / 100);
}
