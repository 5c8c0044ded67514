// planFor's memo: the same frozen store objects give the same plan object; any new input object, another
// month or target, or unfrozen (caller-built) data is computed afresh, and the result equals decompose's.
import { describe, expect, it } from 'vitest';
import { loadPlanningData, planFor, type PlanningData } from '../../src/planning/agentData';
import { decompose } from '../../src/domain/goals';
import { MemoryStore } from '../../src/store/memory';
import { fixture } from '../nudges/helpers';

async function planningData(): Promise<PlanningData> {
  const store = new MemoryStore();
  await store.seed('t', fixture());
  const agent = (await store.getAgent('t', 'a1'))!;
  return loadPlanningData(store, 't', agent, '2026-09');
}

function direct(data: PlanningData, month: string, incomeTarget: number) {
  return decompose({
    month,
    incomeTarget,
    baseSalary: data.agent.baseSalary,
    commission: data.agent.commission,
    history: data.history,
    teamHistory: data.teamHistory,
    calendar: data.agent.calendar,
    roster: data.roster,
  });
}

describe('planFor', () => {
  it('returns the remembered plan for the same frozen inputs, equal to decompose', async () => {
    const data = await planningData();
    expect(Object.isFrozen(data.agent) && Object.isFrozen(data.history)).toBe(true);
    const first = planFor(data, '2026-09', 12000);
    expect(first).toEqual(direct(data, '2026-09', 12000));
    expect(planFor({ ...data }, '2026-09', 12000)).toBe(first); // another PlanningData, same store objects
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('computes again when the target, the month or any input object differs', async () => {
    const data = await planningData();
    const first = planFor(data, '2026-09', 12000);
    const otherTarget = planFor(data, '2026-09', 15000);
    expect(otherTarget).not.toBe(first);
    expect(otherTarget.salesTarget).toBeGreaterThan(first.salesTarget);
    expect(planFor(data, '2026-10', 12000)).toEqual(direct(data, '2026-10', 12000));
    // A new history object (the store's cache was invalidated by a write): recomputed from it.
    const fewerMonths = data.history.slice(1);
    Object.freeze(fewerMonths);
    const replanned = planFor({ ...data, history: fewerMonths }, '2026-09', 12000);
    expect(replanned).not.toBe(first);
    expect(replanned).toEqual(direct({ ...data, history: fewerMonths }, '2026-09', 12000));
  });

  it('does not remember plans from data the caller built (not frozen)', async () => {
    const data = await planningData();
    const own = { ...data, history: [...data.history] };
    const a = planFor(own, '2026-09', 12000);
    const b = planFor(own, '2026-09', 12000);
    expect(a).not.toBe(b);
    expect(a).toEqual(b);
    expect(Object.isFrozen(a)).toBe(false);
  });
});
