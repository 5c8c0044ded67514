// progress and calls_today on plan-basic: pace counts the days before today (docs/design.md "Pace"), so sales
// logged today are named apart; a calls target far above the usual day says so.
import { beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type LingyanEngine } from '../../../src/core/lingyanEngine';
import type { MemoryStore } from '../../../src/store/memory';
import { consoleSay, seededStore } from '../../helpers/console';

let engine: LingyanEngine;
let store: MemoryStore;
const say = (text: string, locale = 'zh-CN') => consoleSay(() => engine, new Date('2026-03-04T17:00:00+08:00'))('a1', text, locale);

beforeEach(async () => {
  store = await seededStore('test/fixtures/plan-basic.json');
  engine = createEngine({ store });
});

describe('progress after a log today', () => {
  it('says today\'s 20,000 is not in the pace yet, and what the total is with it (achieved + 20,000)', async () => {
    const before = await say('我的进度怎么样');
    expect(before.text).not.toContain('明天计入');
    await say('今天又成交1单,业绩2万');
    const after = await say('我的进度怎么样');
    // The pace itself is unchanged by today's log: achieved counts the days before today.
    expect(after.data.achieved).toBe(before.data.achieved);
    const achieved = after.data.achieved as number;
    expect(after.text).toContain('今天已记的业绩 20,000 明天计入');
    expect(after.text).toContain(`算上它已完成 ${(achieved + 20000).toLocaleString('en')}`);
  });
});

describe('calls_today far above the usual day', () => {
  // plan-basic's a1 made 2,000 calls in each of 20 working days for 3 months: 6,000 / 60 = 100 a day.
  it('an ordinary target (68 today) says nothing; a target needing more than 200 a day says it is over twice the usual 100', async () => {
    expect((await say('今天要打多少个电话')).text).not.toContain('⚠️');
    await store.putGoal('T1', { agent: 'a1', month: '2026-03', incomeTarget: 60000 });
    const high = await say('今天要打多少个电话');
    expect(high.data.callsToday as number).toBeGreaterThan(200);
    expect(high.text).toContain('平时一天(约 100 个)的两倍多');
    expect((await say('how many calls do I need today', 'en')).text).toContain('more than twice your usual day (about 100 calls)');
  });
});

describe('a log on a rest day', () => {
  it('is saved and claims no "target done" (Sunday 2026-03-08 has no target)', async () => {
    const sunday = (text: string) => consoleSay(() => engine, new Date('2026-03-08T18:00:00+08:00'))('a1', text);
    const reply = await sunday('今天又打了12个电话');
    expect(reply.intent).toBe('log_activity');
    expect((await store.getActivity('T1', 'a1', '2026-03')).find((d) => d.date === '2026-03-08')?.calls).toBe(12);
    expect(reply.text).not.toContain('目标已完成');
    expect(reply.text).not.toContain('还差');
  });
});
