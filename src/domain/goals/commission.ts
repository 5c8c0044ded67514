// Commission plans (flat, tiered marginal, tiered whole) and their inverse: the smallest whole-unit
// sales volume whose commission reaches a need (docs/design.md goal step 2).
import { UserInputError } from '../../errors';
import type { Commission, Tier } from '../types';
import { fmt, fmtMoney, roundCents } from './money';

/** How the sales target was found, for the explanation step. */
export interface SalesSolution {
  sales: number;
  /** The tier whose rate decided the answer (0 for flat). */
  tierIndex: number;
  from: number;
  rate: number;
  /** Marginal mode: commission earned by the bands below `from`. */
  earnedBelow: number;
  formula: string;
}

/** Throws a UserInputError when the plan cannot be a real commission plan. */
export function validateCommission(commission: Commission): void {
  if (commission.type === 'flat') {
    checkRate(commission.rate);
    // A flat 0% plan pays nothing whatever is sold, so every income above base is unreachable.
    if (commission.rate === 0) throw new UserInputError('goals.error.commission_rate_zero');
    return;
  }
  const tiers = commission.tiers;
  if (!Array.isArray(tiers) || tiers.length === 0) throw new UserInputError('goals.error.tiers_empty');
  if (tiers[0].from !== 0) throw new UserInputError('goals.error.tiers_first_not_zero', { from: tiers[0].from });
  tiers.forEach((tier, i) => {
    checkRate(tier.rate);
    if (!Number.isFinite(tier.from) || tier.from < 0) {
      throw new UserInputError('goals.error.tiers_not_ascending', { index: i + 1, from: tier.from, previous: 0 });
    }
    if (i > 0 && !(tier.from > tiers[i - 1].from)) {
      throw new UserInputError('goals.error.tiers_not_ascending', {
        index: i + 1,
        from: tier.from,
        previous: tiers[i - 1].from,
      });
    }
  });
  if (tiers.every((tier) => tier.rate === 0)) throw new UserInputError('goals.error.commission_rate_zero');
}

function checkRate(rate: number): void {
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new UserInputError('goals.error.commission_rate_range', { rate: String(rate) });
  }
}

function checkSales(sales: number): void {
  if (!Number.isFinite(sales) || sales < 0) throw new UserInputError('goals.error.sales_invalid', { value: String(sales) });
}

/** Unrounded commission; the inverse compares against this so sub-cent rounding never moves the target. */
export function commissionExact(sales: number, commission: Commission): number {
  checkSales(sales);
  if (commission.type === 'flat') return sales * commission.rate;
  const tiers = commission.tiers;
  if (commission.mode === 'whole') return sales * tierAt(tiers, sales).rate;
  let total = 0;
  for (let i = 0; i < tiers.length; i++) {
    const lo = tiers[i].from;
    if (sales <= lo) break;
    const hi = i + 1 < tiers.length ? tiers[i + 1].from : Infinity;
    total += (Math.min(sales, hi) - lo) * tiers[i].rate;
  }
  return total;
}

/** Commission in currency units, rounded to cents. */
export function commissionFor(sales: number, commission: Commission): number {
  validateCommission(commission);
  return roundCents(commissionExact(sales, commission));
}

function tierAt(tiers: Tier[], sales: number): Tier {
  let found = tiers[0];
  for (const tier of tiers) if (sales >= tier.from) found = tier;
  return found;
}

/** Float products like 1799999.9999999998 × 0.005 must still count as reaching 9000. */
function reaches(sales: number, needed: number, commission: Commission): boolean {
  return commissionExact(sales, commission) >= needed - 1e-9 * Math.max(1, needed);
}

function ceilTolerant(x: number): number {
  return Math.max(0, Math.ceil(x - 1e-9 * Math.max(1, Math.abs(x))));
}

/** The analytic candidate is exact up to float noise; a few unit steps make it the true minimum. */
function settle(candidate: number, needed: number, commission: Commission): number {
  let sales = candidate;
  for (let i = 0; i < 64 && sales > 0 && reaches(sales - 1, needed, commission); i++) sales--;
  for (let i = 0; i < 64 && !reaches(sales, needed, commission); i++) sales++;
  return sales;
}

/** Smallest whole-unit sales whose commission reaches `needed`, with how it was found. */
export function solveSales(needed: number, commission: Commission): SalesSolution {
  validateCommission(commission);
  if (!Number.isFinite(needed)) throw new UserInputError('goals.error.income_invalid', { value: String(needed) });
  if (needed <= 0) {
    return { sales: 0, tierIndex: 0, from: 0, rate: rateOf(commission, 0), earnedBelow: 0, formula: 'S = 0 (C = 0)' };
  }
  if (commission.type === 'flat') {
    const rate = commission.rate;
    const sales = settle(ceilTolerant(needed / rate), needed, commission);
    return {
      sales,
      tierIndex: 0,
      from: 0,
      rate,
      earnedBelow: 0,
      formula: `S = ceil(C / rate) = ceil(${fmtMoney(needed)} / ${fmt(rate)}) = ${sales}`,
    };
  }
  return commission.mode === 'marginal' ? solveMarginal(needed, commission) : solveWhole(needed, commission);
}

function rateOf(commission: Commission, index: number): number {
  return commission.type === 'flat' ? commission.rate : commission.tiers[index].rate;
}

function solveMarginal(needed: number, commission: Commission & { type: 'tiered' }): SalesSolution {
  const tiers = commission.tiers;
  let earnedBelow = 0;
  for (let i = 0; i < tiers.length; i++) {
    const { from, rate } = tiers[i];
    const hi = i + 1 < tiers.length ? tiers[i + 1].from : Infinity;
    const bandMax = rate === 0 ? 0 : (hi - from) * rate;
    if (rate > 0 && earnedBelow + bandMax >= needed - 1e-9 * needed) {
      const sales = settle(ceilTolerant(from + (needed - earnedBelow) / rate), needed, commission);
      return {
        sales,
        tierIndex: i,
        from,
        rate,
        earnedBelow: roundCents(earnedBelow),
        formula:
          `S = ceil(from + (C − earned below) / rate) = ceil(${fmt(from)} + (${fmtMoney(needed)} − ` +
          `${fmtMoney(earnedBelow)}) / ${fmt(rate)}) = ${sales}`,
      };
    }
    earnedBelow += bandMax;
  }
  throw new UserInputError('goals.error.target_unreachable', { needed: fmtMoney(needed) });
}

function solveWhole(needed: number, commission: Commission & { type: 'tiered' }): SalesSolution {
  const tiers = commission.tiers;
  let best: SalesSolution | null = null;
  for (let i = 0; i < tiers.length; i++) {
    const { from, rate } = tiers[i];
    if (rate === 0) continue;
    const hi = i + 1 < tiers.length ? tiers[i + 1].from : Infinity;
    // Within its own band the volume needed is C / rate, but never below the band's floor.
    const candidate = Math.max(Math.ceil(from - 1e-9), ceilTolerant(needed / rate));
    if (candidate >= hi || !(candidate * rate >= needed - 1e-9 * needed)) continue;
    if (best === null || candidate < best.sales) {
      best = {
        sales: candidate,
        tierIndex: i,
        from,
        rate,
        earnedBelow: 0,
        formula:
          `S = max(from, ceil(C / rate)) = max(${fmt(from)}, ceil(${fmtMoney(needed)} / ${fmt(rate)})) = ${candidate}`,
      };
    }
  }
  if (best === null) throw new UserInputError('goals.error.target_unreachable', { needed: fmtMoney(needed) });
  const sales = settle(best.sales, needed, commission);
  return sales === best.sales ? best : { ...best, sales, formula: `${best.formula} → ${sales}` };
}

/** Smallest whole-unit sales whose commission reaches `needed`. */
export function salesForCommission(needed: number, commission: Commission): number {
  return solveSales(needed, commission).sales;
}
