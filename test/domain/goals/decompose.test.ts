// The monthly decomposition worked by hand: 12 000 income, 3000 base, 2 % flat, March 2026 with a day off.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decompose } from '../../../src/domain/goals/decompose';
import type { PlanInput } from '../../../src/domain/goals/types';
import { errorKey } from '../../helpers/errorKey';
import { a1History, teamHistory } from './fixtures';

export const marchInput: PlanInput = {
  month: '2026-03',
  incomeTarget: 12000,
  baseSalary: 3000,
  commission: { type: 'flat', rate: 0.02 },
  history: a1History,
  teamHistory: [],
  calendar: 'CN',
  roster: [{ agent: 'a1', date: '2026-03-05', off: true }],
};

describe('decompose (own rates)', () => {
  const plan = decompose(marchInput);

  it('steps 1–4: income → commission → sales → funnel', () => {
    // C = max(0, 12 000 − 3000) = 9000; S = 9000 / 0.02 = 450 000
    expect(plan.commissionNeeded).toBe(9000);
    expect(plan.salesTarget).toBe(450000);
    // rates: connect 0.4, close 0.04, avg 15 000, p2d 80/300
    // deals = ceil(450 000 / 15 000) = 30; connects = ceil(30 / 0.04) = 750;
    // calls = ceil(750 / 0.4) = ceil(1875) = 1875; prospects = ceil(30 / (80/300)) = ceil(112.5) = 113
    expect(plan.deals).toBe(30);
    expect(plan.connects).toBe(750);
    expect(plan.calls).toBe(1875);
    expect(plan.prospects).toBe(113);
    expect(plan.rates.source).toBe('agent');
  });

  it('step 5: 22 weekdays in March 2026 minus the roster day off = 21', () => {
    expect(plan.workdays).toBe(21);
    expect(plan.workingDays).not.toContain('2026-03-05');
  });

  it('step 6: ISO weeks cut to the month, split by largest remainder', () => {
    // Weeks: 03-01 (Sun only, 0 days), 03-02..08 (Mon–Fri minus Thu 5th = 4), 09..15 (5), 16..22 (5), 23..29 (5), 30..31 (2)
    expect(plan.weeks.map((w) => [w.from, w.to, w.workdays])).toEqual([
      ['2026-03-01', '2026-03-01', 0],
      ['2026-03-02', '2026-03-08', 4],
      ['2026-03-09', '2026-03-15', 5],
      ['2026-03-16', '2026-03-22', 5],
      ['2026-03-23', '2026-03-29', 5],
      ['2026-03-30', '2026-03-31', 2],
    ]);
    // calls 1875: 1875·4/21 = 357 r3; 1875·5/21 = 446 r9 (×3); 1875·2/21 = 178 r12.
    // Floors 357 + 3·446 + 178 = 1873, 2 left → remainder 12 (last week), then the first of the tied 9s.
    expect(plan.weeks.map((w) => w.calls)).toEqual([0, 357, 447, 446, 446, 179]);
    // deals 30: 120/21 = 5 r15; 150/21 = 7 r3 (×3); 60/21 = 2 r18 → floors 28, +1 to r18 and r15
    expect(plan.weeks.map((w) => w.deals)).toEqual([0, 6, 7, 7, 7, 3]);
    // sales 45 000 000 cents: ·4/21 = 8 571 428 r12; ·5/21 = 10 714 285 r15 (×3); ·2/21 = 4 285 714 r6.
    // Floors sum to 44 999 997, 3 cents left → the three r15 weeks.
    expect(plan.weeks.map((w) => w.sales)).toEqual([0, 85714.28, 107142.86, 107142.86, 107142.86, 42857.14]);
  });

  it('explains every step with its numbers', () => {
    expect(plan.steps.map((s) => s.key)).toEqual([
      'commission_needed',
      'sales_target',
      'rates',
      'monthly_counts',
      'working_days',
      'weeks',
    ]);
    expect(plan.steps[0].formula).toBe('C = max(0, income − base) = max(0, 12000 − 3000) = 9000');
    expect(plan.steps[1].formula).toBe('S = ceil(C / rate) = ceil(9000 / 0.02) = 450000');
    expect(plan.steps[3].formula).toContain('deals = ceil(S / avgDealSize) = ceil(450000 / 15000) = 30');
    expect(plan.steps[3].formula).toContain('calls = ceil(connects / connectRate) = ceil(750 / 0.4) = 1875');
    expect(plan.steps[4].formula).toBe('workdays(2026-03, CN, roster −1 +0) = 21');
  });
});

describe('decompose (shrunk rates, CN holiday month)', () => {
  it('plans October 2026 on its 18 working days with shrunk rates', () => {
    const plan = decompose({ ...marchInput, month: '2026-10', roster: [], teamHistory, history: [...a1History] });
    // No history between 2026-03 and 2026-10 other than a1History: the last 3 before October are 2026-01, 2026-02, 2026-03.
    expect(plan.rates.source).toBe('shrunk');
    expect(plan.workdays).toBe(18);
    // 2026-10-01 is a Thursday: weeks 01..04 (holidays only: 0), 05..11 (Sat 10 make-up + 8, 9 = 3), 12..18, 19..25, 26..31
    expect(plan.weeks.map((w) => w.workdays)).toEqual([0, 3, 5, 5, 5]);
    expect(plan.weeks[0].calls).toBe(0);
  });

  it('needs no activity when the base salary already covers the income', () => {
    const plan = decompose({ ...marchInput, incomeTarget: 2500 });
    expect([plan.commissionNeeded, plan.salesTarget, plan.deals, plan.calls, plan.prospects]).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('decompose errors', () => {
  it('rejects impossible income targets', () => {
    for (const incomeTarget of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(errorKey(() => decompose({ ...marchInput, incomeTarget }))).toBe('goals.error.income_invalid');
    }
    expect(errorKey(() => decompose({ ...marchInput, incomeTarget: 1e15 }))).toBe('goals.error.income_absurd');
  });

  it('rejects a bad base salary, commission or month', () => {
    expect(errorKey(() => decompose({ ...marchInput, baseSalary: -1 }))).toBe('goals.error.base_salary_invalid');
    expect(errorKey(() => decompose({ ...marchInput, commission: { type: 'flat', rate: 0 } }))).toBe(
      'goals.error.commission_rate_zero',
    );
    expect(errorKey(() => decompose({ ...marchInput, commission: { type: 'flat', rate: 1.2 } }))).toBe(
      'goals.error.commission_rate_range',
    );
    expect(errorKey(() => decompose({ ...marchInput, month: 'March' }))).toBe('goals.error.invalid_month');
  });

  it('rejects a month without working days', () => {
    // Every weekday of March 2026 rostered off under the weekdays calendar
    const roster = Array.from({ length: 31 }, (_, i) => ({
      agent: 'a1',
      date: `2026-03-${String(i + 1).padStart(2, '0')}`,
      off: true,
    }));
    expect(errorKey(() => decompose({ ...marchInput, calendar: 'weekdays', roster }))).toBe('goals.error.no_working_days');
  });

  it('rejects missing history', () => {
    expect(errorKey(() => decompose({ ...marchInput, history: [] }))).toBe('goals.error.no_history');
  });
});

describe('decompose properties', () => {
  it('weekly parts sum exactly to the monthly totals', () => {
    const input = fc.record({
      income: fc.integer({ min: 3001, max: 200000 }),
      // 2026-03 … 2027-12: months after the fixture history
      month: fc.integer({ min: 0, max: 21 }).map((i) => [2026 + Math.floor((i + 2) / 12), ((i + 2) % 12) + 1] as const),
      calendar: fc.constantFrom('CN' as const, 'weekdays' as const),
      offDays: fc.uniqueArray(fc.integer({ min: 1, max: 28 }), { maxLength: 6 }),
    });
    fc.assert(
      fc.property(input, ({ income, month: [y, m], calendar, offDays }) => {
        const month = `${y}-${String(m).padStart(2, '0')}`;
        const roster = offDays.map((d) => ({ agent: 'a1', date: `${month}-${String(d).padStart(2, '0')}`, off: true }));
        const plan = decompose({ ...marchInput, month, incomeTarget: income, calendar, roster, history: a1History.slice(1, 4) });
        const sum = (f: (w: (typeof plan.weeks)[number]) => number) => plan.weeks.reduce((a, w) => a + f(w), 0);
        expect(sum((w) => w.workdays)).toBe(plan.workdays);
        expect(sum((w) => w.deals)).toBe(plan.deals);
        expect(sum((w) => w.connects)).toBe(plan.connects);
        expect(sum((w) => w.calls)).toBe(plan.calls);
        expect(sum((w) => w.prospects)).toBe(plan.prospects);
        expect(Math.round(sum((w) => w.sales) * 100)).toBe(Math.round(plan.salesTarget * 100));
        for (const w of plan.weeks) if (w.workdays === 0) expect([w.calls, w.deals, w.sales]).toEqual([0, 0, 0]);
      }),
      { numRuns: 200 },
    );
  });
});
