// Target suggestion worked by hand for March 2026 (21 working days after a roster day off).
import { describe, expect, it } from 'vitest';
import { suggestTarget, type SuggestInput } from '../../../src/domain/goals/suggest';
import type { HistoryMonth } from '../../../src/domain/types';
import { errorKey } from '../../helpers/errorKey';
import { a1History, teamHistory } from './fixtures';

const base: SuggestInput = {
  month: '2026-03',
  baseSalary: 3000,
  commission: { type: 'flat', rate: 0.02 },
  history: a1History,
  teamHistory,
  calendar: 'CN',
  roster: [{ agent: 'a1', date: '2026-03-05', off: true }],
};

describe('suggestTarget', () => {
  it('a strong agent: 5 % above their own base', () => {
    const s = suggestTarget(base);
    // basePerDay = 1 200 000 / 60 = 20 000; base = 20 000 × 21 = 420 000
    // teamAvg = 2 400 000 / 160 = 15 000 per agent-workday × 21 = 315 000; base ≥ teamAvg → suggested = 1.05 × 420 000 = 441 000
    // stretch = 1.15 × 441 000 = 507 150
    expect(s).toMatchObject({ basePerDay: 20000, base: 420000, teamAvg: 315000, suggested: 441000, stretch: 507150 });
    expect(s.source).toBe('agent');
    expect(s.workdays).toBe(21);
    // income = 3000 + 2 % × 441 000 = 11 820; stretch income = 3000 + 2 % × 507 150 = 13 143
    expect(s.suggestedIncome).toBe(11820);
    expect(s.stretchIncome).toBe(13143);
    expect(s.verdict).toBeUndefined();
  });

  it('offers the OKR form through the plan’s chain', () => {
    // Shrunk rates (see rates.test): avg 1 240 000/83, close 80.9/2020, connect 2006.67/5020, p2d 0.2640625.
    // deals = ceil(441 000 · 83 / 1 240 000 = 29.52) = 30; connects = ceil(30 · 2020 / 80.9 = 749.07) = 750;
    // calls = ceil(750 · 5020 / 2006.67 = 1876.25) = 1877 → per day ceil(1877 / 21 = 89.38) = 90;
    // prospects = ceil(30 / 0.2640625 = 113.61) = 114 → per five-day week ceil(114 · 5 / 21 = 27.14) = 28
    const s = suggestTarget(base);
    expect(s.okr.keyResults).toEqual([
      { key: 'sales', value: 441000 },
      { key: 'deals', value: 30 },
      { key: 'calls_per_day', value: 90 },
      { key: 'prospects_per_week', value: 28 },
    ]);
    expect(s.okr.objective).toEqual({ key: 'goals.okr.objective', params: { month: '2026-03', income: 11820, sales: 441000 } });
  });

  it('gives each proposed income its verdict', () => {
    // 11 000 → S = 8000 / 0.02 = 400 000 < base 420 000 → too_low
    // 12 000 → 450 000 ≤ 1.15 × 441 000 = 507 150 → achievable
    // 14 000 → 550 000 ≤ 1.3 × 441 000 = 573 300 → stretch
    // 15 000 → 600 000 > 573 300 → too_high
    const verdicts = [11000, 12000, 14000, 15000].map((proposedIncome) => suggestTarget({ ...base, proposedIncome }));
    expect(verdicts.map((v) => v.verdict)).toEqual(['too_low', 'achievable', 'stretch', 'too_high']);
    expect(verdicts.map((v) => v.proposed?.sales)).toEqual([400000, 450000, 550000, 600000]);
    expect(verdicts[0].verdictReason).toBe('goals.verdict.too_low');
  });

  const weak = (sales: number): HistoryMonth[] =>
    ['2025-12', '2026-01', '2026-02'].map((month) => ({
      agent: 'a9',
      month,
      calls: 1000,
      connects: 400,
      deals: 10,
      sales: sales / 3,
      prospects: 40,
      workdays: 20,
    }));

  it('a weaker agent: 30 % of the way to the team average', () => {
    // 600 000 / 60 = 10 000 per day → base 210 000; teamAvg 315 000 (the team fixture as given)
    // suggested = min(210 000 + 0.3 × 105 000, 1.3 × 210 000) = min(241 500, 273 000) = 241 500
    const s = suggestTarget({ ...base, history: weak(600000) });
    expect([s.base, s.teamAvg, s.suggested]).toEqual([210000, 315000, 241500]);
  });

  it('caps the pull toward the team at 1.3 × base', () => {
    // 300 000 / 60 = 5000 per day → base 105 000; 105 000 + 0.3 × 210 000 = 168 000 > 1.3 × 105 000 = 136 500
    const s = suggestTarget({ ...base, history: weak(300000) });
    expect([s.base, s.suggested]).toEqual([105000, 136500]);
  });

  it('without own history: base = teamAvg', () => {
    // base = teamAvg = 315 000; not below itself → suggested = 1.05 × 315 000 = 330 750
    const s = suggestTarget({ ...base, history: [] });
    expect(s.source).toBe('team');
    expect([s.base, s.teamAvg, s.suggested]).toEqual([315000, 315000, 330750]);
  });

  it('without team history: 5 % above base, no team average', () => {
    const s = suggestTarget({ ...base, teamHistory: [] });
    expect(s.teamAvg).toBeNull();
    expect(s.suggested).toBe(441000);
  });

  it('errors: no history at all, a bad proposal, no working days', () => {
    expect(errorKey(() => suggestTarget({ ...base, history: [], teamHistory: [] }))).toBe('goals.error.no_history');
    expect(errorKey(() => suggestTarget({ ...base, proposedIncome: -5 }))).toBe('goals.error.income_invalid');
    expect(errorKey(() => suggestTarget({ ...base, proposedIncome: 1e15 }))).toBe('goals.error.income_absurd');
    const allOff = Array.from({ length: 31 }, (_, i) => ({ agent: 'a1', date: `2026-03-${String(i + 1).padStart(2, '0')}`, off: true }));
    expect(errorKey(() => suggestTarget({ ...base, roster: allOff }))).toBe('goals.error.no_working_days');
  });
});
