// The `nudges` intent: time, pause, stop, resume, end-of-day, status and a lead's team default, stored
// at once and honoured at once (pending BullMQ jobs rescheduled, no duplicates); replies in zh-CN and en.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerContext } from '../../src/core/context';
import type { RouteArgs } from '../../src/core/intents';
import { localDateOf } from '../../src/domain/goals';
import { nudgesHandler, registerNudges } from '../../src/nudges/preferences';
import { parseNudge } from '../../src/understanding/entities/nudges';
import { createNudgeQueue, nudgeJobId, NudgeScheduler } from '../../src/nudges/queue';
import type { DeliverJobData } from '../../src/nudges/types';
import { createRedisConnection } from '../../src/store/connection';
import type { RedisStore } from '../../src/store/redis';
import type { Store } from '../../src/store/store';
import { useRedisNamespace } from '../helpers/redis';
import { fixture } from './helpers';

const ns = useRedisNamespace('lynudgep');
const connection = createRedisConnection(ns.url, { forWorker: true });
const NOW = new Date('2026-09-28T12:00:00Z'); // 20:00 in Shanghai, the evening before a working day
let store: RedisStore;
let scheduler: NudgeScheduler;

async function ask(id: string, args: RouteArgs, services: Record<string, unknown> = { nudges: scheduler }, s: Store = store) {
  const actor = (await s.getAgent('t', id))!;
  const ctx = {
    tenant: 't', actor, locale: actor.locale, now: NOW, today: localDateOf(NOW, actor.tz), tz: actor.tz, store: s,
    channel: { kind: 'console', shared: false, conversationId: 'c' }, services, route: { intent: 'nudges', args, text: '' },
  } as HandlerContext;
  return nudgesHandler(ctx, args);
}

async function jobsOf(user: string) {
  return ((await scheduler.queue.getJobs(['delayed', 'waiting'])) as Array<{ id?: string; data: DeliverJobData }>).filter((j) => j.data.user === user);
}

beforeAll(async () => {
  store = await ns.store();
  await store.seed('t', fixture());
  scheduler = new NudgeScheduler({ queue: createNudgeQueue(connection, ns.namespace, 'prefs'), store, now: () => NOW.getTime() });
  await scheduler.planTenant('t');
});

afterAll(async () => {
  await scheduler.close();
  await connection.quit().catch(() => connection.disconnect()); // graceful: pending replies first (see support.ts)
});

describe('nudges intent', () => {
  it('"每天8点半提醒我" stores the time and moves the pending job (same id, new instant)', async () => {
    const before = await jobsOf('a1');
    const reply = await ask('a1', { nudge: { action: 'set_time', time: '08:30' } });
    expect(reply.intent).toBe('nudges');
    expect(reply.text).toContain('以后每个工作日 08:30 提醒你');
    expect(reply.text).toMatch(/下一次提醒:9月29日 周二 08:30/);
    expect(await store.getDoc('t', 'nudge_prefs', 'a1')).toMatchObject({ agent: 'a1', time: '08:30' });
    const after = await jobsOf('a1');
    expect(after.map((j) => j.id).sort()).toEqual(before.map((j) => j.id).sort());
    expect(after.find((j) => j.id === nudgeJobId('t', 'a1', '2026-09-29', 'agent_morning'))?.data.at).toBe('2026-09-29T00:30:00.000Z');
  });

  it('pause N days removes the pending jobs; resume restores them; stop stops', async () => {
    let reply = await ask('a1', { nudge: { action: 'pause', days: 3 } });
    expect(reply.text).toContain('暂停提醒 3 天');
    expect(await jobsOf('a1')).toHaveLength(0);
    reply = await ask('a1', { nudge: { action: 'resume' } });
    expect(reply.text).toContain('提醒已恢复');
    expect((await jobsOf('a1')).length).toBeGreaterThan(0);
    reply = await ask('a1', { nudge: { action: 'stop' } });
    expect(reply.text).toContain('已停止每日提醒');
    expect(reply.data.next).toBeNull();
    expect(await jobsOf('a1')).toHaveLength(0);
    await ask('a1', { nudge: { action: 'resume' } });
  });

  it('end-of-day on/off in English adds and removes the check-in job', async () => {
    let reply = await ask('a2', { nudge: { action: 'end_of_day_on', time: '17:30' } });
    expect(reply.text).toContain('End-of-day check-in on, every working day at 17:30.');
    expect((await jobsOf('a2')).map((j) => j.data.kind)).toContain('agent_end_of_day');
    reply = await ask('a2', { nudge: { action: 'end_of_day_off' } });
    expect(reply.text).toContain('End-of-day check-in off.');
    expect((await jobsOf('a2')).map((j) => j.data.kind)).not.toContain('agent_end_of_day');
    reply = await ask('a2', { nudge: { action: 'set_time', time: '7:5' } });
    expect(reply.text).toContain('not a valid time');
  });

  it("a lead's team default applies to members without their own time; agents cannot set it", async () => {
    const reply = await ask('l1', { nudge: { action: 'team_default', time: '08:15' } });
    expect(reply.text).toContain('默认提醒时间设为 08:15');
    expect((await jobsOf('a2')).find((j) => j.data.kind === 'agent_morning')?.data.at).toBe('2026-09-29T00:15:00.000Z');
    expect((await jobsOf('a1')).find((j) => j.data.kind === 'agent_morning')?.data.at).toBe('2026-09-29T00:30:00.000Z');
    const refused = await ask('a1', { nudge: { action: 'team_default', time: '07:00' } });
    expect(refused.text).toContain('没有带的团队');
  });

  it('status works without a scheduler (console) and registerNudges wires the handler and service', async () => {
    const reply = await ask('u1', {}, {});
    expect(reply.text).toMatch(/Morning nudge: on, at 09:00; end-of-day check-in: off\./);
    const registered: Array<[string, unknown]> = [];
    const engine = { services: {} as Record<string, unknown>, register: (intent: 'nudges', handler: unknown) => registered.push([intent, handler]) };
    registerNudges(engine, { scheduler });
    expect(registered).toEqual([['nudges', nudgesHandler]]);
    expect(engine.services.nudges).toBe(scheduler);
  });

  it('"明早7点50叫我" moves only tomorrow\'s pending job (same id), and "暂停3天" removes the jobs of the days it skips', async () => {
    // NOW is Mon 09-28 20:00 Shanghai (a2's zone); tomorrow Tue 09-29 07:50 local = 09-28T23:50Z.
    const once = parseNudge('明早7点50叫我', '2026-09-28');
    const reply = await ask('a2', { nudge: once });
    expect(reply.text).toContain('on Tue 29 Sep only, your morning nudge comes at 07:50');
    const jobs = await jobsOf('a2');
    expect(jobs.find((j) => j.id === nudgeJobId('t', 'a2', '2026-09-29', 'agent_morning'))?.data.at).toBe('2026-09-28T23:50:00.000Z');
    expect(jobs.filter((j) => j.data.kind === 'agent_morning')).toHaveLength(1);
    expect(await store.getDoc('t', 'nudge_prefs', 'a2')).toMatchObject({ once: { date: '2026-09-29', time: '07:50', slot: 'morning' } });
    // 3 reminder days from Mon 20:00: 09-29, 09-30, then 10-08 after National Day; back Fri 10-09.
    const paused = await ask('a2', { nudge: parseNudge('pause for 3 days', '2026-09-28') });
    expect(paused.text).toContain('Paused for your next 3 working days (Tue 29 Sep to Thu 8 Oct); nudges resume on Fri 9 Oct.');
    expect(await store.getDoc('t', 'nudge_prefs', 'a2')).toMatchObject({ pausedUntil: '2026-10-09' });
    expect(await jobsOf('a2')).toHaveLength(0);
    await ask('a2', { nudge: { action: 'resume' } });
  });
});
