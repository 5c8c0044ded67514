// The BullMQ planner on real Redis: "run for date X" time travel, deterministic job ids (replicas and
// re-runs never duplicate), the per-tenant job scheduler, and rescheduling on preference, zone and
// roster changes without duplicates.
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/goals';
import { createNudgeQueue, nudgeJobId, NudgeScheduler, plannerId, type NudgeQueue } from '../../src/nudges/queue';
import type { DeliverJobData, NudgePrefs } from '../../src/nudges/types';
import { createRedisConnection } from '../../src/store/connection';
import type { RedisStore } from '../../src/store/redis';
import { useRedisNamespace } from '../helpers/redis';
import { fixture } from './helpers';

const ns = useRedisNamespace('lynudgeq');
const connection = createRedisConnection(ns.url, { forWorker: true });
let store: RedisStore;
const queues: NudgeQueue[] = [];
let n = 0;

function scheduler(nowIso: string, name = `q${++n}`): NudgeScheduler {
  const queue = createNudgeQueue(connection, ns.namespace, name);
  queues.push(queue);
  return new NudgeScheduler({ queue, store, now: () => Date.parse(nowIso) });
}

async function pending(queue: NudgeQueue): Promise<Array<Job<DeliverJobData>>> {
  return (await queue.getJobs(['delayed', 'waiting'])) as Array<Job<DeliverJobData>>;
}

beforeAll(async () => {
  store = await ns.store();
  await store.seed('t', fixture());
});

afterAll(async () => {
  await Promise.all(queues.map((q) => q.close()));
  await connection.quit().catch(() => connection.disconnect()); // graceful: pending replies first (see support.ts)
});

describe('planning for a date (time travel)', () => {
  it('enqueues one delayed job per person and kind with deterministic ids and instants', async () => {
    const s = scheduler('2026-09-28T12:00:00Z');
    const result = await s.planDate('t', '2026-09-29');
    expect(result).toMatchObject({ scheduled: 5, late: 0 });
    const jobs = await pending(s.queue);
    const rows = jobs.map((j) => [j.id, j.data.kind, j.data.at, j.delay]).sort((a, b) => String(a[2]).localeCompare(String(b[2])) || String(a[0]).localeCompare(String(b[0])));
    const base = Date.parse('2026-09-28T12:00:00Z');
    expect(rows).toEqual([
      [nudgeJobId('t', 'l1', '2026-09-29', 'lead_digest'), 'lead_digest', '2026-09-29T00:45:00.000Z', Date.parse('2026-09-29T00:45:00Z') - base],
      [nudgeJobId('t', 'a1', '2026-09-29', 'agent_morning'), 'agent_morning', '2026-09-29T01:00:00.000Z', Date.parse('2026-09-29T01:00:00Z') - base],
      [nudgeJobId('t', 'a2', '2026-09-29', 'agent_morning'), 'agent_morning', '2026-09-29T01:00:00.000Z', Date.parse('2026-09-29T01:00:00Z') - base],
      // London is on BST until 25 October: 08:45 / 09:00 local = 07:45Z / 08:00Z.
      [nudgeJobId('t', 'l2', '2026-09-29', 'lead_digest'), 'lead_digest', '2026-09-29T07:45:00.000Z', Date.parse('2026-09-29T07:45:00Z') - base],
      [nudgeJobId('t', 'u1', '2026-09-29', 'agent_morning'), 'agent_morning', '2026-09-29T08:00:00.000Z', Date.parse('2026-09-29T08:00:00Z') - base],
    ]);
    expect(nudgeJobId('t', 'a1', '2026-09-29', 'agent_morning')).toBe('nudge|t|a1|2026-09-29|agent_morning');
  });

  it('re-running the plan, and two replicas planning at once, never duplicate a job', async () => {
    const a = scheduler('2026-09-28T12:00:00Z');
    const b = new NudgeScheduler({ queue: createNudgeQueue(connection, ns.namespace, a.queue.name), store, now: () => Date.parse('2026-09-28T12:00:00Z') });
    queues.push(b.queue);
    const results = await Promise.all([a.planDate('t', '2026-09-29'), b.planDate('t', '2026-09-29'), a.planDate('t', '2026-09-29')]);
    expect(results.reduce((sum, r) => sum + r.scheduled + r.unchanged, 0)).toBe(15);
    expect(await pending(a.queue)).toHaveLength(5);
    expect((await a.planDate('t', '2026-09-29')).unchanged).toBe(5);
  });

  it('walks the CN National Day fortnight: nothing on holidays, a normal nudge on the make-up Saturday', async () => {
    const s = scheduler('2026-09-27T12:00:00Z');
    const byDate: Record<string, string[]> = {};
    for (let d = '2026-09-28'; d <= '2026-10-11'; d = addDays(d, 1)) {
      await s.planDate('t', d);
    }
    for (const job of await pending(s.queue)) {
      if (job.data.user !== 'a1') continue;
      (byDate[job.data.date] ??= []).push(job.data.kind);
      byDate[job.data.date].sort();
    }
    expect(byDate).toEqual({
      '2026-09-28': ['agent_morning'], '2026-09-29': ['agent_morning'], '2026-09-30': ['month_end', 'agent_morning'].sort(),
      '2026-10-08': ['month_start'], '2026-10-09': ['agent_morning'], '2026-10-10': ['agent_morning'],
    });
  });

  it('skips nudges whose time has passed beyond the grace period', async () => {
    const s = scheduler('2026-09-29T05:00:00Z');
    const result = await s.planDate('t', '2026-09-29');
    expect(result).toMatchObject({ scheduled: 2, late: 3 }); // London ones still ahead; Shanghai's 4 h ago
  });
});

describe('the per-tenant planner job scheduler', () => {
  it('upserts one scheduler per tenant (idempotent across replicas) with the cron pattern and zone', async () => {
    const s = scheduler('2026-09-28T12:00:00Z');
    await Promise.all([s.ensurePlanner('t', { tz: 'Asia/Shanghai' }), s.ensurePlanner('t', { tz: 'Asia/Shanghai' })]);
    await s.ensurePlanner('t', { pattern: '5 0 * * *', tz: 'Asia/Shanghai' });
    const schedulers = await s.queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: plannerId('t'), pattern: '5 0 * * *', tz: 'Asia/Shanghai' });
    const planJobs = (await s.queue.getJobs(['delayed', 'waiting'])).filter((j) => j.name === 'plan');
    expect(planJobs).toHaveLength(1);
    expect(planJobs[0].data).toEqual({ tenant: 't' });
    expect(await s.removePlanner('t')).toBe(true);
    expect(await s.queue.getJobSchedulers()).toHaveLength(0);
  });

  it('planTenant covers each person’s own today and tomorrow', async () => {
    // 16:30Z: already 09-30 00:30 in Shanghai, still 09-29 17:30 in London.
    const s = scheduler('2026-09-29T16:30:00Z');
    await s.planTenant('t');
    const got = (await pending(s.queue)).map((j) => `${j.data.user} ${j.data.date} ${j.data.kind}`).sort();
    expect(got).toEqual([
      'a1 2026-09-30 agent_morning', 'a1 2026-09-30 month_end', 'a2 2026-09-30 agent_morning',
      'a2 2026-09-30 month_end', 'l1 2026-09-30 lead_digest',
      'l2 2026-09-30 lead_digest', 'u1 2026-09-30 agent_morning', 'u1 2026-09-30 month_end',
    ].sort());
  });
});

describe('rescheduling without duplicates', () => {
  it('moves, removes and restores a person’s pending jobs when preferences, zone or roster change', async () => {
    const now = '2026-09-28T12:00:00Z';
    const s = scheduler(now);
    await s.planDate('t', '2026-09-29');
    const id = nudgeJobId('t', 'a1', '2026-09-29', 'agent_morning');
    const dates = ['2026-09-29'];
    const a1Jobs = async () => (await pending(s.queue)).filter((j) => j.data.user === 'a1');

    await store.putDoc<NudgePrefs>('t', 'nudge_prefs', 'a1', { agent: 'a1', time: '08:30', endOfDay: true });
    expect(await s.reschedule('t', ['a1'], dates)).toMatchObject({ updated: 1, scheduled: 1 });
    let jobs = await a1Jobs();
    expect(jobs.map((j) => [j.id, j.data.at]).sort()).toEqual([
      [nudgeJobId('t', 'a1', '2026-09-29', 'agent_end_of_day'), '2026-09-29T10:00:00.000Z'],
      [id, '2026-09-29T00:30:00.000Z'],
    ]);
    const moved = await s.queue.getJob(id);
    expect(moved!.timestamp + moved!.delay).toBeGreaterThan(Date.now() + Date.parse('2026-09-29T00:30:00Z') - Date.parse(now) - 5_000);

    await store.putDoc<NudgePrefs>('t', 'nudge_prefs', 'a1', { agent: 'a1', time: '08:30', pausedUntil: '2026-10-01' });
    expect(await s.reschedule('t', ['a1'], dates)).toMatchObject({ removed: 2 });
    expect(await a1Jobs()).toHaveLength(0);

    await store.putDoc<NudgePrefs>('t', 'nudge_prefs', 'a1', { agent: 'a1', time: '08:30' });
    expect(await s.reschedule('t', ['a1'], dates)).toMatchObject({ scheduled: 1 });
    // Moving to London: same id, new instant (08:30 BST = 07:30Z). Twice: still one job.
    const a1 = (await store.getAgent('t', 'a1'))!;
    await store.putAgent('t', { ...a1, tz: 'Europe/London' });
    await s.reschedule('t', ['a1'], dates);
    await s.reschedule('t', ['a1'], dates);
    jobs = await a1Jobs();
    expect(jobs.map((j) => [j.id, j.data.at])).toEqual([[id, '2026-09-29T07:30:00.000Z']]);

    // A roster day off removes the day's nudge.
    await store.putRoster('t', [{ agent: 'a1', date: '2026-09-29', off: true }]);
    expect(await s.reschedule('t', ['a1'], dates)).toMatchObject({ removed: 1 });
    expect(await a1Jobs()).toHaveLength(0);
    await store.putAgent('t', a1);
    await store.putRoster('t', [{ agent: 'a1', date: '2026-09-29', off: false }]);
    await store.deleteDoc('t', 'nudge_prefs', 'a1');
  });
});
