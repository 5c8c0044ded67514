// Nudge content on the memory store: morning nudge numbers and buttons, "set your goal" instead of an
// error, tip rotation without repeats within 10 working days, month start/end, and the private lead digest.
import { describe, expect, it } from 'vitest';
import { loadPlanningData, planFor, todayFor } from '../../src/planning/agentData';
import { workingDaysInMonth } from '../../src/domain/goals';
import { composeNudge } from '../../src/nudges/content';
import { TipLibrary } from '../../src/nudges/tips';
import { MemoryStore } from '../../src/store/memory';
import { fixture } from './helpers';

async function setup() {
  const store = new MemoryStore();
  await store.seed('t', fixture());
  return { store, deps: { store, tips: TipLibrary.load() } };
}

describe('morning nudge', () => {
  it("states today's numbers from planToday, yesterday vs plan, pace, one tip and the three buttons", async () => {
    const { store, deps } = await setup();
    await store.recordActivity('t', 'a1', '2026-09-28', { calls: 70, connects: 28, deals: 1, sales: 15000, prospects: 4 }, 'add');
    const a1 = (await store.getAgent('t', 'a1'))!;
    const reply = await composeNudge(deps, 't', a1, 'agent_morning', '2026-09-29');
    const data = await loadPlanningData(store, 't', a1, '2026-09');
    const today = todayFor(data, planFor(data, '2026-09'), '2026-09-29');
    expect(reply.intent).toBe('nudges');
    expect(reply.visibility).toBe('private');
    expect(reply.data).toMatchObject({ kind: 'agent_morning', callsToday: today.callsToday, dealsToday: today.dealsToday, prospectsToday: today.prospectsToday });
    expect(reply.text).toContain(`打 ${today.callsToday} 个电话`);
    expect(reply.text).toMatch(/昨天\(9月28日 周一\):电话 70\/\d+/);
    expect(reply.text).toMatch(/本月进度:/);
    expect(reply.data.tip).not.toBeNull();
    // "Why this number?" is the channel's own button on the steps (reply.why), not a second action.
    expect(reply.actions?.map((a) => a.id)).toEqual(['log', 'roleplay']);
    expect(reply.actions?.[0]).toMatchObject({ intent: 'log_activity', form: 'log_activity' });
    expect(reply.why?.length).toBeGreaterThan(3);
  });

  it('on a Monday names Friday as the last working day, not "昨天"', async () => {
    const { store, deps } = await setup();
    // 2026-09-11 is a Friday, 2026-09-14 the Monday after; the weekend between has no make-up working day.
    await store.recordActivity('t', 'a1', '2026-09-11', { calls: 60, connects: 20, deals: 1, sales: 9000, prospects: 2 }, 'add');
    const reply = await composeNudge(deps, 't', (await store.getAgent('t', 'a1'))!, 'agent_morning', '2026-09-14');
    expect(reply.text, reply.text).toMatch(/上个工作日\(9月11日 周五\):电话 60\//);
    expect(reply.text).not.toContain('昨天');
  });

  it('speaks the person’s locale', async () => {
    const { store, deps } = await setup();
    const reply = await composeNudge(deps, 't', (await store.getAgent('t', 'a2'))!, 'agent_morning', '2026-09-29');
    expect(reply.locale).toBe('en');
    expect(reply.text).toMatch(/Today's target: \d+ calls/);
    expect(reply.actions?.map((a) => a.label)).toContain('Start a 5-minute role-play');
  });

  it('an agent without a goal gets a "set your goal" nudge with the suggestion, not an error', async () => {
    const { store, deps } = await setup();
    const reply = await composeNudge(deps, 't', (await store.getAgent('t', 'a1'))!, 'agent_morning', '2026-11-03');
    expect(reply.error).toBeUndefined();
    expect(reply.data).toMatchObject({ hasGoal: false, problem: 'goal.error.no_target' });
    expect(reply.text).toContain('设好本月收入目标');
    expect(reply.actions?.[0]).toMatchObject({ intent: 'set_goal', form: 'set_goal' });
    expect(reply.actions?.[1]?.text).toMatch(/^这个月我想拿\d+$/);
  });

  it('rotates tips from the weakest stage’s course with no repeat within 10 working days; retries reuse the day’s tip', async () => {
    const { store, deps } = await setup();
    const a2 = (await store.getAgent('t', 'a2'))!;
    const dates = [...workingDaysInMonth('2026-09', 'CN', []).slice(1), ...workingDaysInMonth('2026-10', 'CN', []).slice(1)];
    const ids: string[] = [];
    for (const date of dates.slice(0, 16)) {
      const reply = await composeNudge(deps, 't', a2, 'agent_morning', date);
      ids.push((reply.data.tip as { id: string }).id);
    }
    for (let i = 0; i < ids.length; i++) expect(ids.slice(Math.max(0, i - 9), i)).not.toContain(ids[i]);
    const again = await composeNudge(deps, 't', a2, 'agent_morning', dates[15]);
    expect((again.data.tip as { id: string }).id).toBe(ids[15]);
    // a2's weakest stage is the connect rate (fewer connects per call than the team): 沟通达人 first.
    const first = await composeNudge(deps, 't', a2, 'agent_morning', dates[0]);
    expect(first.data.focus).toBe('connectRate');
    expect((first.data.tip as { course: string }).course).toBe('efficient-communication');
  });

  it('works without course files (no tip, no failure)', async () => {
    const { store } = await setup();
    const reply = await composeNudge({ store, tips: TipLibrary.load('/nonexistent/courses') }, 't', (await store.getAgent('t', 'a1'))!, 'agent_morning', '2026-09-29');
    expect(reply.data.tip).toBeNull();
    expect(reply.text).toMatch(/今天目标/);
  });
});

describe('month start, month end, end of day', () => {
  it('month start prompts for the target with the suggestion when no goal is set', async () => {
    const { store, deps } = await setup();
    const reply = await composeNudge(deps, 't', (await store.getAgent('t', 'a1'))!, 'month_start', '2026-11-02');
    expect(reply.title).toContain('2026-11');
    expect(reply.text).toMatch(/建议业绩目标 [\d,]+/);
    expect(reply.data.suggestion).toMatchObject({ suggested: expect.any(Number) });
  });

  it('month end recaps the month against the target', async () => {
    const { store, deps } = await setup();
    await store.recordActivity('t', 'a2', '2026-09-10', { calls: 100, connects: 40, deals: 3, sales: 45000, prospects: 5 }, 'add');
    const reply = await composeNudge(deps, 't', (await store.getAgent('t', 'a2'))!, 'month_end', '2026-09-30');
    expect(reply.text).toMatch(/This month: 45,000 in sales \(target [\d,]+, \d+%\), 100 calls, 3 deals\./);
  });

  it('end of day asks to log when nothing is logged', async () => {
    const { store, deps } = await setup();
    const reply = await composeNudge(deps, 't', (await store.getAgent('t', 'a1'))!, 'agent_end_of_day', '2026-09-29');
    expect(reply.text).toContain('今天还没有记录数据');
    expect(reply.actions?.[0]).toMatchObject({ form: 'log_activity' });
  });
});

describe('lead digest', () => {
  it('is private and holds the pace table, funnel gap, huddle topic and who has not logged for 2 working days', async () => {
    const { store, deps } = await setup();
    // a1 logged on both of the last two working days; a2 logged nothing.
    for (const date of ['2026-09-25', '2026-09-28']) {
      await store.recordActivity('t', 'a1', date, { calls: 90, connects: 20, deals: 2, sales: 30000, prospects: 6 }, 'add');
    }
    const reply = await composeNudge(deps, 't', (await store.getAgent('t', 'l1'))!, 'lead_digest', '2026-09-29');
    expect(reply.visibility).toBe('private');
    const team = (reply.data.teams as Array<Record<string, unknown>>)[0];
    expect(team.notLogged).toEqual(['a2']);
    expect((team.members as Array<{ agent: string }>).map((m) => m.agent).sort()).toEqual(['a1', 'a2']);
    expect(team.gap).toMatchObject({ stage: 'connectRate' });
    expect(team.huddle).toMatchObject({ course: 'efficient-communication' });
    expect(reply.text).toContain('连续2个工作日没有记录数据:A2');
    expect(reply.text).toMatch(/(领先|正常|落后|有风险)\(\d+\)/);
    expect(reply.text).toContain('(仅你可见)');
  });
});
