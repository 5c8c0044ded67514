// Rates from ≤3 months of history, shrunk toward the team's (k = 20, deal size k = 3), and their zero cases.
import { describe, expect, it } from 'vitest';
import { estimateRates, ratesFor, recentMonths, teamPool } from '../../../src/domain/goals/rates';
import type { HistoryMonth } from '../../../src/domain/types';
import { errorKey } from '../../helpers/errorKey';
import { a1History, teamHistory } from './fixtures';

const h = (month: string, v: Partial<HistoryMonth> = {}): HistoryMonth => ({
  agent: 'x',
  month,
  calls: 1000,
  connects: 400,
  deals: 20,
  sales: 300000,
  prospects: 80,
  workdays: 20,
  ...v,
});

describe('own rates without a team', () => {
  it('pools the last three months before the plan month', () => {
    // Σ over 2025-12..2026-02: connects 2000 / calls 5000 = 0.4; deals 80 / connects 2000 = 0.04;
    // sales 1 200 000 / deals 80 = 15 000; deals 80 / prospects 300 = 0.2666…
    const r = ratesFor('2026-03', a1History, []);
    expect(r.source).toBe('agent');
    expect(r.connectRate).toBeCloseTo(0.4, 12);
    expect(r.closeRate).toBeCloseTo(0.04, 12);
    expect(r.avgDealSize).toBeCloseTo(15000, 9);
    expect(r.prospectToDeal).toBeCloseTo(80 / 300, 12);
  });

  it('takes the latest months present even when not consecutive', () => {
    const rows = [h('2025-06', { calls: 1 }), h('2025-09'), h('2025-10'), h('2025-12'), h('2026-03', { calls: 1 })];
    expect(recentMonths(rows, '2026-03').map((r) => r.month)).toEqual(['2025-09', '2025-10', '2025-12']);
    // 3 × 400 / 3 × 1000 = 0.4 (the odd 2025-06 and 2026-03 rows are not used)
    expect(ratesFor('2026-03', rows, []).connectRate).toBeCloseTo(0.4, 12);
  });
});

describe('shrinkage toward the team', () => {
  it('follows (s + 20·team)/(n + 20) and (sales + 3·teamAvg)/(deals + 3)', () => {
    // Team (see fixtures): connect 4000/12 000 = 1/3, close 180/4000 = 0.045,
    // avg 2 400 000/180 = 13 333.33…, p2d 180/800 = 0.225.
    const e = estimateRates('2026-03', a1History, teamHistory);
    expect(e.rates.source).toBe('shrunk');
    expect(e.team).toMatchObject({ calls: 12000, connects: 4000, deals: 180, sales: 2400000, prospects: 800, workdays: 160 });
    // connect: (2000 + 20·1/3)/(5000 + 20) = 2006.666…/5020 = 0.399734395…
    expect(e.rates.connectRate).toBeCloseTo(2006.6666666666667 / 5020, 12);
    expect(e.rates.connectRate).toBeCloseTo(0.3997343958, 9);
    // close: (80 + 20·0.045)/(2000 + 20) = 80.9/2020 = 0.040049504…
    expect(e.rates.closeRate).toBeCloseTo(0.0400495049505, 12);
    // avg: (1 200 000 + 3·13 333.33…)/(80 + 3) = 1 240 000/83 = 14 939.759…
    expect(e.rates.avgDealSize).toBeCloseTo(14939.759036144578, 6);
    // p2d: (80 + 20·0.225)/(300 + 20) = 84.5/320 = 0.2640625
    expect(e.rates.prospectToDeal).toBeCloseTo(0.2640625, 12);
    expect(e.step.key).toBe('rates');
    expect(e.step.formula).toContain('connectRate = (Σconnects + 20·team)/(Σcalls + 20) = (2000 + 20·0.333333)/(5000 + 20)');
  });

  it('uses the team’s rates when the agent has no history', () => {
    const r = ratesFor('2026-03', [], teamHistory);
    expect(r.source).toBe('team');
    expect(r.connectRate).toBeCloseTo(1 / 3, 12);
    expect(r.closeRate).toBeCloseTo(0.045, 12);
    expect(r.avgDealSize).toBeCloseTo(2400000 / 180, 6);
    expect(r.prospectToDeal).toBeCloseTo(0.225, 12);
  });

  it('pools each member’s own last three months', () => {
    // a3 only has 2025-10 and 2025-11: both count, as they are its latest months.
    const p = teamPool(teamHistory.filter((r) => r.agent === 'a3'), '2026-03');
    expect(p).toMatchObject({ calls: 2000, months: 2 });
  });
});

describe('missing and zero history', () => {
  it('asks for history or rates when there is neither', () => {
    expect(errorKey(() => ratesFor('2026-03', [], []))).toBe('goals.error.no_history');
    // Only the plan month itself or later months: still no history before it
    expect(errorKey(() => ratesFor('2026-03', [h('2026-03'), h('2026-04')], []))).toBe('goals.error.no_history');
  });

  it('names the zero count when there is no team to lean on', () => {
    expect(errorKey(() => ratesFor('2026-03', [h('2026-02', { calls: 0, connects: 0 })], []))).toBe('goals.error.history_zero_calls');
    expect(errorKey(() => ratesFor('2026-03', [h('2026-02', { connects: 0 })], []))).toBe('goals.error.history_zero_connects');
    expect(errorKey(() => ratesFor('2026-03', [h('2026-02', { deals: 0 })], []))).toBe('goals.error.history_zero_deals');
    expect(errorKey(() => ratesFor('2026-03', [h('2026-02', { prospects: 0 })], []))).toBe('goals.error.history_zero_prospects');
    expect(errorKey(() => ratesFor('2026-03', [], [h('2026-02', { deals: 0 })]))).toBe('goals.error.history_zero_deals');
  });

  it('falls back on the team rate when own counts are zero', () => {
    // Own calls 0, connects 0: connect = (0 + 20·1/3)/(0 + 20) = 1/3; close = (0 + 20·0.045)/(0 + 20) = 0.045
    const r = ratesFor('2026-03', [h('2026-02', { calls: 0, connects: 0, deals: 0, sales: 0, prospects: 0 })], teamHistory);
    expect(r.source).toBe('shrunk');
    expect(r.connectRate).toBeCloseTo(1 / 3, 12);
    expect(r.closeRate).toBeCloseTo(0.045, 12);
    expect(r.avgDealSize).toBeCloseTo(2400000 / 180, 6);
    expect(r.prospectToDeal).toBeCloseTo(0.225, 12);
  });

  it('rejects negative or non-numeric history', () => {
    expect(errorKey(() => ratesFor('2026-03', [h('2026-02', { calls: -5 })], []))).toBe('goals.error.history_invalid');
    expect(errorKey(() => ratesFor('2026-3', a1History, []))).toBe('goals.error.invalid_month');
  });
});
