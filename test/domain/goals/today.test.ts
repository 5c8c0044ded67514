// "How many calls today?" worked by hand on the March 2026 plan: S 450 000, rates 0.4 / 0.04 / 15 000 / 80:300.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { decompose } from '../../../src/domain/goals/decompose';
import { planToday } from '../../../src/domain/goals/today';
import type { DailyActivity } from '../../../src/domain/types';
import { UserInputError } from '../../../src/errors';
import { a1History } from './fixtures';
import type { PlanInput } from '../../../src/domain/goals/types';

const roster = [{ agent: 'a1', date: '2026-03-05', off: true }];
const input: PlanInput = {
  month: '2026-03',
  incomeTarget: 12000,
  baseSalary: 3000,
  commission: { type: 'flat', rate: 0.02 },
  history: a1History,
  teamHistory: [],
  calendar: 'CN',
  roster,
};
const plan = decompose(input);

const act = (date: string, calls: number, connects: number, deals: number, sales: number, prospects: number): DailyActivity => ({
  agent: 'a1',
  date,
  calls,
  connects,
  deals,
  sales,
  prospects,
});
const activity: DailyActivity[] = [
  act('2026-02-27', 100, 40, 5, 99999, 9), // last month: ignored
  act('2026-03-02', 90, 36, 2, 30000, 8),
  act('2026-03-03', 100, 40, 1, 15000, 5),
  act('2026-03-04', 80, 30, 0, 0, 3),
  act('2026-03-10', 40, 15, 0, 0, 1), // logged today (Tuesday 10th)
];

describe('today on a working day', () => {
  it('spreads the remaining funnel over the remaining working days', () => {
    const today = planToday({ plan, today: '2026-03-10', activity, calendar: 'CN', roster });
    // achieved before today: 30 000 + 15 000 + 0 = 45 000 → remainingSales = 450 000 − 45 000 = 405 000
    expect(today.achievedBeforeToday.sales).toBe(45000);
    expect(today.remaining.sales).toBe(405000);
    // deals = ceil(405 000 / 15 000) = 27; connects = ceil(27 / 0.04) = 675; calls = ceil(675 / 0.4) = ceil(1687.5) = 1688;
    // prospects = ceil(27 · 300 / 80) = ceil(101.25) = 102
    expect(today.remaining).toEqual({ sales: 405000, deals: 27, connects: 675, calls: 1688, prospects: 102 });
    // working days 10–13 (4), 16–20 (5), 23–27 (5), 30–31 (2) = 16
    expect(today.remainingWorkdays).toBe(16);
    // calls ceil(1688/16 = 105.5) = 106; connects ceil(675/16 = 42.19) = 43; deals ceil(27/16) = 2; prospects ceil(102/16 = 6.375) = 7
    expect([today.callsToday, today.connectsToday, today.dealsToday, today.prospectsToday]).toEqual([106, 43, 2, 7]);
    // 40 calls logged today → 106 − 40 = 66 left
    expect(today.loggedToday.calls).toBe(40);
    expect(today.callsLeftToday).toBe(66);
    expect(today.isWorkday).toBe(true);
    expect(today.nextWorkday).toBeNull();
    expect(today.steps.every((s) => s.key === 'today')).toBe(true);
    expect(today.steps.map((s) => s.formula).join('\n')).toContain('callsToday = ceil(1688 / 16) = 106');
  });
});

describe('today on a weekend', () => {
  it('asks for nothing today and names the next working day', () => {
    // Saturday 7th: achieved before = 45 000 as above; remaining working days 9–13, 16–20, 23–27, 30–31 = 17
    const today = planToday({ plan, today: '2026-03-07', activity, calendar: 'CN', roster });
    expect(today.isWorkday).toBe(false);
    expect(today.remainingWorkdays).toBe(17);
    expect(today.remaining.calls).toBe(1688);
    expect([today.callsToday, today.dealsToday, today.callsLeftToday]).toEqual([0, 0, 0]);
    expect(today.nextWorkday).toBe('2026-03-09');
  });

  it('treats a rostered day off like a weekend', () => {
    // Thursday 5th is off: next working day Friday 6th
    const today = planToday({ plan, today: '2026-03-05', activity, calendar: 'CN', roster });
    expect(today.isWorkday).toBe(false);
    expect(today.callsToday).toBe(0);
    expect(today.nextWorkday).toBe('2026-03-06');
  });
});

describe('today on the last working day', () => {
  it('asks for everything that is left, and names next month’s first working day', () => {
    // 420 000 sold before Tue 31st → remaining 30 000: deals ceil(30 000/15 000) = 2; connects ceil(2/0.04) = 50;
    // calls ceil(50/0.4) = 125; prospects ceil(2·300/80 = 7.5) = 8. One working day left → all of it today.
    const rows = [act('2026-03-20', 1500, 600, 28, 420000, 100)];
    const today = planToday({ plan, today: '2026-03-31', activity: rows, calendar: 'CN', roster });
    expect(today.remainingWorkdays).toBe(1);
    expect([today.callsToday, today.connectsToday, today.dealsToday, today.prospectsToday]).toEqual([125, 50, 2, 8]);
    expect(today.callsLeftToday).toBe(125);
    // 2026-04-01 is a Wednesday (the Qingming holidays are 4–6 April)
    expect(today.nextWorkday).toBe('2026-04-01');
  });

  it('asks for nothing once the target is met', () => {
    const today = planToday({ plan, today: '2026-03-31', activity: [act('2026-03-20', 1, 1, 40, 460000, 1)], calendar: 'CN', roster });
    expect(today.remaining).toEqual({ sales: 0, deals: 0, connects: 0, calls: 0, prospects: 0 });
    expect(today.callsToday).toBe(0);
  });

  it('reports zeros after the month is over', () => {
    // Thu 2026-04-02 against the March plan: no March working day is left; next is Fri 04-03
    const today = planToday({ plan, today: '2026-04-02', activity, calendar: 'CN', roster });
    expect(today.remainingWorkdays).toBe(0);
    expect(today.callsToday).toBe(0);
    expect(today.nextWorkday).toBe('2026-04-03');
  });
});

describe('today errors and properties', () => {
  it('rejects a bad date or bad activity', () => {
    expect(() => planToday({ plan, today: '2026-03-32', activity, calendar: 'CN', roster })).toThrow(UserInputError);
    expect(() =>
      planToday({ plan, today: '2026-03-10', activity: [act('2026-03-02', -1, 0, 0, 0, 0)], calendar: 'CN', roster }),
    ).toThrow(UserInputError);
  });

  it('never asks for negative work and always covers what is left', () => {
    const day = fc.integer({ min: 1, max: 31 }).map((d) => `2026-03-${String(d).padStart(2, '0')}`);
    const row = fc.record({
      date: day,
      calls: fc.integer({ min: 0, max: 300 }),
      connects: fc.integer({ min: 0, max: 100 }),
      deals: fc.integer({ min: 0, max: 10 }),
      sales: fc.integer({ min: 0, max: 20000000 }).map((c) => c / 100),
      prospects: fc.integer({ min: 0, max: 20 }),
    });
    fc.assert(
      fc.property(day, fc.array(row, { maxLength: 25 }), (date, rows) => {
        const t = planToday({ plan, today: date, activity: rows.map((r) => ({ agent: 'a1', ...r })), calendar: 'CN', roster });
        for (const v of [...Object.values(t.remaining), t.callsToday, t.connectsToday, t.dealsToday, t.prospectsToday, t.callsLeftToday]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(Object.is(v, -0)).toBe(false);
        }
        if (t.isWorkday && t.remainingWorkdays > 0) expect(t.callsToday * t.remainingWorkdays).toBeGreaterThanOrEqual(t.remaining.calls);
        else expect(t.callsToday).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});

describe('time-zone independence of the plan', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it('plans the same in every process time zone', () => {
    const results = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati'].map((zone) => {
      process.env.TZ = zone;
      const p = decompose({ ...input, month: '2026-10', roster: [] });
      const t = planToday({ plan: p, today: '2026-10-09', activity, calendar: 'CN', roster: [] });
      return JSON.stringify([p, t]);
    });
    expect(new Set(results).size).toBe(1);
  });
});
