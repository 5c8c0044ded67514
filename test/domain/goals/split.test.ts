// ISO weeks cut to the month and the largest-remainder split (exact sums, ties to the earlier week).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoWeeksOfMonth, largestRemainder, splitMoney } from '../../../src/domain/goals/split';

describe('ISO weeks cut to the month', () => {
  it('starts and ends weeks on Monday and Sunday', () => {
    // Feb 2026: Sun 1 alone, then Mon 2–Sun 8, 9–15, 16–22, 23–Sat 28
    expect(isoWeeksOfMonth('2026-02')).toEqual([
      { from: '2026-02-01', to: '2026-02-01' },
      { from: '2026-02-02', to: '2026-02-08' },
      { from: '2026-02-09', to: '2026-02-15' },
      { from: '2026-02-16', to: '2026-02-22' },
      { from: '2026-02-23', to: '2026-02-28' },
    ]);
    // June 2026 starts on a Monday and ends on a Tuesday: 1–7, 8–14, 15–21, 22–28, 29–30
    expect(isoWeeksOfMonth('2026-06').map((w) => w.from)).toEqual(['2026-06-01', '2026-06-08', '2026-06-15', '2026-06-22', '2026-06-29']);
  });
});

describe('largest remainder', () => {
  it('splits by hand', () => {
    // 10 over [1, 1, 1]: 3 r1 each → one left → the earliest of the tied remainders
    expect(largestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
    // 100 over [4, 5, 5, 5, 2] (Σ21): 400/21 = 19 r1; 500/21 = 23 r17 (×3); 200/21 = 9 r11.
    // Floors 19 + 69 + 9 = 97, 3 left → the three r17 weeks.
    expect(largestRemainder(100, [4, 5, 5, 5, 2])).toEqual([19, 24, 24, 24, 9]);
    // Weeks with no working days get nothing
    expect(largestRemainder(7, [0, 3, 0, 4])).toEqual([0, 3, 0, 4]);
    expect(largestRemainder(5, [0, 0])).toEqual([0, 0]);
  });

  it('splits money in cents', () => {
    // 1000.00 = 100 000 cents over [1, 1, 1]: 33 333 r1 each → +1 cent to the first
    expect(splitMoney(1000, [1, 1, 1])).toEqual([333.34, 333.33, 333.33]);
  });

  it('always sums exactly, stays within one unit of the quota and gives 0 to 0 weights', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 6 }).filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = largestRemainder(total, weights);
          const sum = weights.reduce((a, b) => a + b, 0);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          parts.forEach((p, i) => {
            expect(Number.isInteger(p)).toBe(true);
            const quota = (total * weights[i]) / sum;
            expect(p).toBeGreaterThanOrEqual(Math.floor(quota));
            expect(p).toBeLessThanOrEqual(Math.ceil(quota));
            if (weights[i] === 0) expect(p).toBe(0);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
