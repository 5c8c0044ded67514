// Pace against the March 2026 plan (S 450 000 over 21 working days; Thursday the 5th off).
import { describe, expect, it } from 'vitest';
import { decompose } from '../../../src/domain/goals/decompose';
import { trackPace } from '../../../src/domain/goals/pace';
import type { DailyActivity } from '../../../src/domain/types';
import { a1History } from './fixtures';

const plan = decompose({
  month: '2026-03',
  incomeTarget: 12000,
  baseSalary: 3000,
  commission: { type: 'flat', rate: 0.02 },
  history: a1History,
  teamHistory: [],
  calendar: 'CN',
  roster: [{ agent: 'a1', date: '2026-03-05', off: true }],
});
const sold = (sales: number, date = '2026-03-03'): DailyActivity[] => [
  { agent: 'a1', date, calls: 0, connects: 0, deals: 0, sales, prospects: 0 },
];

describe('trackPace', () => {
  it('compares with the straight line over working days', () => {
    // Before Tue 10th: working days 2, 3, 4, 6, 9 = 5 of 21. expected = 450 000 × 5/21 = 107 142.857… → 107 142.86
    const p = trackPace({ plan, today: '2026-03-10', activity: [...sold(45000), ...sold(999999, '2026-03-10')], history: a1History });
    expect(p.elapsedWorkdays).toBe(5);
    expect(p.totalWorkdays).toBe(21);
    expect(p.expected).toBe(107142.86);
    // achieved 45 000 (today's sale does not count yet) → ratio 45 000 / 107 142.86 = 0.42 → at_risk
    expect(p.achieved).toBe(45000);
    expect(p.paceRatio).toBeCloseTo(0.42, 6);
    expect(p.status).toBe('at_risk');
    // projection = 45 000 / 5 × 21 = 189 000
    expect(p.projection).toBe(189000);
    // required = (450 000 − 45 000) / 16 = 25 312.5; usual = 1 200 000 / 60 = 20 000; lift = 25 312.5/20 000 − 1 = 0.265625
    expect(p.requiredDailySales).toBe(25312.5);
    expect(p.historicalDailySales).toBe(20000);
    expect(p.liftNeeded).toBeCloseTo(0.265625, 12);
  });

  it('sets the status at 1.05, 0.95 and 0.8', () => {
    // 120 000 / 107 142.86 = 1.12 → ahead; 105 000 → 0.98 on_track; 90 000 → 0.84 behind
    const status = (sales: number) => trackPace({ plan, today: '2026-03-10', activity: sold(sales), history: a1History }).status;
    expect([status(120000), status(105000), status(90000), status(80000)]).toEqual(['ahead', 'on_track', 'behind', 'at_risk']);
  });

  it('on the first working day nothing is expected yet', () => {
    const p = trackPace({ plan, today: '2026-03-02', activity: [], history: [] });
    expect(p).toMatchObject({ elapsedWorkdays: 0, expected: 0, paceRatio: null, projection: null, status: 'on_track' });
    // 450 000 / 21 = 21 428.571… → 21 428.57; no history → no lift
    expect(p.requiredDailySales).toBe(21428.57);
    expect(p.historicalDailySales).toBeNull();
    expect(p.liftNeeded).toBeNull();
  });

  it('after the month: everything elapsed, nothing more required per day', () => {
    const p = trackPace({ plan, today: '2026-04-01', activity: sold(500000), history: a1History });
    // ratio 500 000 / 450 000 = 1.11 → ahead
    expect(p).toMatchObject({ elapsedWorkdays: 21, expected: 450000, status: 'ahead', requiredDailySales: 0, projection: 500000 });
  });
});
