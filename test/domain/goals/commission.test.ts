// Commission plans and their inverse, checked against hand arithmetic and a brute-force search.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  commissionExact,
  commissionFor,
  salesForCommission,
  solveSales,
} from '../../../src/domain/goals/commission';
import type { Commission } from '../../../src/domain/types';
import { UserInputError } from '../../../src/errors';
import { errorKey } from '../../helpers/errorKey';

const flat = (rate: number): Commission => ({ type: 'flat', rate });
const tiers = [
  { from: 0, rate: 0.01 },
  { from: 100000, rate: 0.02 },
  { from: 300000, rate: 0.03 },
];
const marginal: Commission = { type: 'tiered', mode: 'marginal', tiers };
const whole: Commission = { type: 'tiered', mode: 'whole', tiers };

describe('flat commission', () => {
  it('pays the rate on the whole volume', () => {
    // 450 000 × 2% = 9000
    expect(commissionFor(450000, flat(0.02))).toBe(9000);
    // 3334 × 3% = 100.02
    expect(commissionFor(3334, flat(0.03))).toBe(100.02);
  });

  it('inverts to the smallest whole unit', () => {
    // 9000 / 0.02 = 450 000 exactly (float gives 450000.00000000006 without care)
    expect(salesForCommission(9000, flat(0.02))).toBe(450000);
    // 100 / 0.03 = 3333.33… → 3334 (3333 × 0.03 = 99.99 < 100)
    expect(salesForCommission(100, flat(0.03))).toBe(3334);
    // 9000 / 0.005 = 1 800 000; 1 799 999 × 0.005 = 8999.995 which only rounds to 9000 — not enough
    expect(salesForCommission(9000, flat(0.005))).toBe(1800000);
    expect(solveSales(9000, flat(0.02)).formula).toBe('S = ceil(C / rate) = ceil(9000 / 0.02) = 450000');
  });

  it('needs no sales for no commission', () => {
    expect(salesForCommission(0, flat(0.02))).toBe(0);
    expect(commissionFor(0, flat(0.02))).toBe(0);
  });
});

describe('tiered marginal commission (each band its own rate)', () => {
  it('adds the bands like income tax', () => {
    // 100 000 × 1% + 150 000 × 2% = 1000 + 3000 = 4000
    expect(commissionFor(250000, marginal)).toBe(4000);
    // 1000 + 200 000 × 2% + 100 000 × 3% = 1000 + 4000 + 3000 = 8000
    expect(commissionFor(400000, marginal)).toBe(8000);
  });

  it('inverts inside the top band', () => {
    // bands below 300 000 earn 1000 + 4000 = 5000; 300 000 + (9000 − 5000)/0.03 = 433 333.33… → 433 334
    expect(salesForCommission(9000, marginal)).toBe(433334);
    // 433 334: 5000 + 133 334 × 0.03 = 9000.02; 433 333: 5000 + 3999.99 = 8999.99
    expect(commissionFor(433334, marginal)).toBe(9000.02);
    expect(commissionFor(433333, marginal)).toBe(8999.99);
    const s = solveSales(9000, marginal);
    expect(s.tierIndex).toBe(2);
    expect(s.earnedBelow).toBe(5000);
  });

  it('lands on a band edge when the need is exactly what the bands below pay', () => {
    // 1000 + (300 000 − 100 000) × 2% = 5000 → 100 000 + 4000/0.02 = 300 000
    expect(salesForCommission(5000, marginal)).toBe(300000);
  });

  it('skips a zero-rate first band', () => {
    const plan: Commission = { type: 'tiered', mode: 'marginal', tiers: [{ from: 0, rate: 0 }, { from: 50000, rate: 0.05 }] };
    // 50 000 + 1000 / 0.05 = 70 000
    expect(salesForCommission(1000, plan)).toBe(70000);
  });
});

describe('tiered whole commission (highest tier reached applies to everything)', () => {
  it('applies one rate to the whole volume', () => {
    // 250 000 reaches the 2% tier: 250 000 × 2% = 5000
    expect(commissionFor(250000, whole)).toBe(5000);
    // 99 999 × 1% = 999.99; 100 000 × 2% = 2000 (the jump at the boundary)
    expect(commissionFor(99999, whole)).toBe(999.99);
    expect(commissionFor(100000, whole)).toBe(2000);
  });

  it('can sit exactly on a tier boundary', () => {
    // 1500 at 1% needs 150 000, past the 1% band; at 2% it needs 75 000 < 100 000, so the boundary 100 000 (pays 2000)
    expect(salesForCommission(1500, whole)).toBe(100000);
    // 7000: at 2% needs 350 000 ≥ 300 000 (not in band); at 3% max(300 000, 233 334) = 300 000 (pays 9000)
    expect(salesForCommission(7000, whole)).toBe(300000);
  });

  it('inverts inside a band', () => {
    // 900 / 1% = 90 000 < 100 000
    expect(salesForCommission(900, whole)).toBe(90000);
    // 10 000 / 3% = 333 333.33… → 333 334
    expect(salesForCommission(10000, whole)).toBe(333334);
  });
});

describe('commission errors', () => {
  it('rejects rates of 0, below 0, above 100 % and non-numbers', () => {
    expect(errorKey(() => salesForCommission(9000, flat(0)))).toBe('goals.error.commission_rate_zero');
    expect(errorKey(() => commissionFor(100, flat(1.5)))).toBe('goals.error.commission_rate_range');
    expect(errorKey(() => commissionFor(100, flat(-0.01)))).toBe('goals.error.commission_rate_range');
    expect(errorKey(() => commissionFor(100, flat(Number.NaN)))).toBe('goals.error.commission_rate_range');
    const allZero: Commission = { type: 'tiered', mode: 'whole', tiers: [{ from: 0, rate: 0 }, { from: 10, rate: 0 }] };
    expect(errorKey(() => salesForCommission(1, allZero))).toBe('goals.error.commission_rate_zero');
  });

  it('rejects malformed tiers', () => {
    const t = (list: { from: number; rate: number }[]): Commission => ({ type: 'tiered', mode: 'marginal', tiers: list });
    expect(errorKey(() => commissionFor(1, t([])))).toBe('goals.error.tiers_empty');
    expect(errorKey(() => commissionFor(1, t([{ from: 1000, rate: 0.01 }])))).toBe('goals.error.tiers_first_not_zero');
    expect(
      errorKey(() => commissionFor(1, t([{ from: 0, rate: 0.01 }, { from: 200000, rate: 0.02 }, { from: 100000, rate: 0.03 }]))),
    ).toBe('goals.error.tiers_not_ascending');
    expect(errorKey(() => commissionFor(1, t([{ from: 0, rate: 0.01 }, { from: 0, rate: 0.02 }])))).toBe(
      'goals.error.tiers_not_ascending',
    );
    expect(errorKey(() => commissionFor(1, t([{ from: 0, rate: 0.01 }, { from: 10, rate: 2 }])))).toBe(
      'goals.error.commission_rate_range',
    );
  });

  it('reports a need no volume can reach', () => {
    const capped = (mode: 'marginal' | 'whole'): Commission => ({
      type: 'tiered',
      mode,
      tiers: [{ from: 0, rate: 0.01 }, { from: 100000, rate: 0 }],
    });
    // marginal pays at most 100 000 × 1% = 1000; whole at 1% would need 200 000, which is in the 0% tier
    expect(errorKey(() => salesForCommission(2000, capped('marginal')))).toBe('goals.error.target_unreachable');
    expect(errorKey(() => salesForCommission(2000, capped('whole')))).toBe('goals.error.target_unreachable');
  });

  it('rejects negative or non-finite sales and needs', () => {
    expect(errorKey(() => commissionFor(-1, flat(0.02)))).toBe('goals.error.sales_invalid');
    expect(errorKey(() => salesForCommission(Number.POSITIVE_INFINITY, flat(0.02)))).toBe('goals.error.income_invalid');
  });
});

// Rates as whole basis points and needs as whole cents: the shapes real plans have.
const rateArb = fc.integer({ min: 1, max: 10000 }).map((bp) => bp / 10000);
const centsArb = fc.integer({ min: 1, max: 100_000_000 }).map((c) => c / 100);
const tiersArb = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 500000 }), rateArb), { minLength: 0, maxLength: 4 })
  .chain((rest) =>
    rateArb.map((firstRate) => {
      const froms = [...new Set(rest.map(([from]) => from))].sort((a, b) => a - b);
      return [{ from: 0, rate: firstRate }, ...froms.map((from, i) => ({ from, rate: rest[i][1] }))];
    }),
  );
const commissionArb: fc.Arbitrary<Commission> = fc.oneof(
  rateArb.map((rate): Commission => ({ type: 'flat', rate })),
  fc.tuple(fc.constantFrom('marginal' as const, 'whole' as const), tiersArb).map(([mode, t]): Commission => ({
    type: 'tiered',
    mode,
    tiers: t,
  })),
);

describe('properties', () => {
  it('the sales target reaches the need and one unit less does not', () => {
    fc.assert(
      fc.property(commissionArb, centsArb, (commission, needed) => {
        const s = salesForCommission(needed, commission);
        expect(Number.isInteger(s)).toBe(true);
        expect(commissionFor(s, commission)).toBeGreaterThanOrEqual(needed);
        if (s > 0) expect(commissionExact(s - 1, commission)).toBeLessThan(needed);
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with a brute-force scan on small plans', () => {
    const small = fc.record({
      mode: fc.constantFrom('marginal' as const, 'whole' as const),
      bounds: fc.uniqueArray(fc.integer({ min: 1, max: 300 }), { maxLength: 3 }),
      rates: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 4, maxLength: 4 }),
      need: fc.integer({ min: 1, max: 2000 }).map((c) => c / 100),
    });
    fc.assert(
      fc.property(small, ({ mode, bounds, rates, need }) => {
        const froms = [0, ...[...bounds].sort((a, b) => a - b)];
        const plan: Commission = { type: 'tiered', mode, tiers: froms.map((from, i) => ({ from, rate: rates[i] / 100 })) };
        if (plan.tiers.every((t) => t.rate === 0)) return;
        let expected: number | null = null;
        for (let v = 0; v <= 5000 && expected === null; v++) if (commissionExact(v, plan) >= need - 1e-9) expected = v;
        if (expected === null) {
          // Above 5000 every band is the last one: if that one pays 0, nothing more is reachable.
          const last = plan.tiers[plan.tiers.length - 1];
          if (last.rate === 0) expect(() => salesForCommission(need, plan)).toThrow(UserInputError);
          return;
        }
        expect(salesForCommission(need, plan)).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });
});
