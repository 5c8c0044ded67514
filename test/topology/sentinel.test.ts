// Redis Sentinel (REDIS_SENTINELS + REDIS_SENTINEL_NAME + REDIS_PASSWORD) on a real local set: a
// password-protected primary, one replica and three sentinels (test/setup/redis-topologies.ts). The Store
// contract suite runs on it; the server's wiring (buildApp, the nudge runtime, /readyz's checks), `--once`,
// the worker process and the HTTP server process (as `npm run start:prod` runs it, answering a signed
// `/coach today`) start from the environment alone; the primary is SIGKILLed while people log calls and
// nudges go out: confirmed writes survive, no nudge is sent twice, requests in the window get the localized
// "try again", and the same clients recover without a restart; then the killed primary is started again
// and rejoins as a replica of the new one, with no second failover, and the same store writes on.
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import type { RedisOptions } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app/bootstrap';
import { startNudges } from '../../src/app/nudgeRuntime';
import type { ProactiveChannel } from '../../src/channels/channel';
import { loadEnv } from '../../src/config/env';
import { NUDGE_QUEUE, plannerId } from '../../src/nudges/queue';
import { createStore, RedisStore, waitUntilReady } from '../../src/store/index';
import { bullPrefixFor, createRedisClient } from '../../src/store/topology';
import { runStoreContract } from '../store/contract';
import { startSentinelSet, until, withAdmin, type SentinelSet } from '../setup/redis-topologies';
import { callsTodayAt, demoTeamWorkingDaily, expectServerAnswered, expectFailoverHeld, failoverRun, runLingyan, serverAnswersCoachToday, serverSummary, summary, workerStartsAndStops } from '../helpers/topologyScenario';

const PASSWORD = `pw-${randomBytes(6).toString('hex')}`;
const namespace = `lysentinel-${process.pid}`;
let set: SentinelSet;

beforeAll(async () => {
  const started = Date.now();
  set = await startSentinelSet({ password: PASSWORD, downAfterMs: 1000, failoverTimeoutMs: 4000 });
  console.info(`sentinel topology ready in ${Date.now() - started} ms`);
}, 60_000);

afterAll(async () => {
  await set?.stop();
});

runStoreContract('redis sentinel', async () => {
  const store = await createStore({ redis: set.topology, namespace, connectTimeoutMs: 5_000 });
  return { store, advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };
});

describe('Sentinel: configuration and processes', () => {
  it('connects through the sentinels with the password, and waits for a replica on each durable write', async () => {
    const store = (await createStore({ redis: set.topology, namespace })) as RedisStore;
    try {
      expect(store).toBeInstanceOf(RedisStore);
      expect(await store.ping()).toBe(true);
      // The client talks to the primary the sentinels name, with REDIS_PASSWORD.
      const options = store.redis.options as RedisOptions;
      expect(options.sentinels).toEqual(set.topology.sentinels);
      expect(options.password).toBe(PASSWORD);
      await store.putDoc('T0SENT', 'note', 'n1', { ok: true });
      // The write is on the replica as soon as it is confirmed (WAIT 1).
      const replica = createRedisClient({ kind: 'single', url: `redis://127.0.0.1:${set.replica.port}`, password: PASSWORD });
      try {
        await waitUntilReady(replica);
        expect(await replica.hget(`${namespace}:{T0SENT}:doc:note`, 'n1')).toBe('{"ok":true}');
      } finally {
        replica.disconnect();
      }
    } finally {
      await store.close();
    }
  });

  it('names the sentinel variables when the sentinels are unreachable', async () => {
    const error = await createStore({ redis: { ...set.topology, sentinels: [{ host: '127.0.0.1', port: 1 }] }, connectTimeoutMs: 800 }).catch((e: unknown) => e);
    expect(String(error)).toMatch(/REDIS_SENTINELS/);
    expect(String(error)).not.toContain(PASSWORD);
  });

  it('buildApp and the nudge runtime run on it from the environment: /readyz checks pass, the queue is under "ly-bull"', async () => {
    const env = loadEnv({ ...set.env, LOG_LEVEL: 'silent' });
    const app = await buildApp(env);
    // A tenant that talked to Lingyan: the runtime upserts its planner (a BullMQ job scheduler) at start.
    const tenant = `T0RUNTIME-${process.pid}`;
    await app.tenants.remember(tenant);
    const channel: ProactiveChannel = { kind: 'slack', sendToUser: async () => ({ status: 'sent' }) };
    const runtime = await startNudges(app, { slack: channel }, { worker: true });
    try {
      expect(await app.store.ping()).toBe(true);
      // The worker connection asks the sentinels, then connects: ready within moments.
      await until(() => runtime.ready(), 10_000, 'the nudge runtime to be ready');
      const connection = createRedisClient(set.topology, { forWorker: true });
      const queue = new Queue(NUDGE_QUEUE, { connection, prefix: bullPrefixFor(set.topology) });
      expect(queue.opts.prefix).toBe('ly-bull');
      expect((await queue.getJobSchedulers()).map((s) => s.key)).toContain(plannerId(tenant));
      await until(async () => (await queue.getWorkersCount()) > 0, 10_000, 'the runtime worker on "ly-bull"');
      await queue.close();
      connection.disconnect();
    } finally {
      await runtime.close();
      await app.store.close();
    }
  }, 30_000);

  it('--once answers on it, and the worker process starts and stops cleanly', async () => {
    // The worker process's BullMQ worker shows up among the queue's clients (CLIENT LIST on the primary).
    const connection = createRedisClient(set.topology, { forWorker: true });
    const queue = new Queue(NUDGE_QUEUE, { connection, prefix: bullPrefixFor(set.topology) });
    const [answer, worker] = await Promise.all([
      runLingyan(['--once', '今天要打多少个电话', '--user', 'a1', '--now', '2026-03-04T09:00:00+08:00', '--data', 'test/fixtures/plan-basic.json', '--json', '--tenant', `once-${process.pid}`], set.env),
      workerStartsAndStops(set.env, async () => (await queue.getWorkersCount()) > 0),
    ]);
    await queue.close();
    connection.disconnect();
    expect({ code: answer.code, stderr: answer.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(answer.stdout).data.callsToday).toBe(68);
    expect({ started: worker.started, code: worker.code }, worker.log).toEqual({ started: true, code: 0 });
    expect(worker.log).not.toContain(PASSWORD);
  }, 60_000);

  it('the HTTP server process, started as `npm run start:prod` runs it, answers a signed /coach today, is ready, and exits 0 on SIGTERM', async () => {
    const tenant = `T0SERVER${process.pid}`;
    const run = await serverAnswersCoachToday(set.env, { tenant, fixture: await demoTeamWorkingDaily() });
    console.info(`sentinel server: ${serverSummary(run)}`);
    expectServerAnswered(run, await callsTodayAt(set.topology, tenant, run.answeredAt ?? Number.NaN), PASSWORD);
  }, 60_000);
});

describe('Sentinel: the primary is SIGKILLed mid-run, then comes back', () => {
  // One store through both tests: created before the failover, never recreated, closed at the end.
  let store: RedisStore | undefined;
  let failedOver: { oldPrimary: number; newPrimary: number } | undefined;
  afterAll(async () => {
    await store?.close();
  });

  it('keeps every confirmed write, sends each nudge once, answers "try again" in the window, recovers by itself', async () => {
    store = (await createStore({ redis: set.topology, namespace, connectTimeoutMs: 5_000 })) as RedisStore;
    const oldPrimary = await set.currentPrimaryPort();
    expect(oldPrimary).toBe(set.primary.port);
    const result = await failoverRun({
      topology: set.topology,
      store,
      activityTenant: 'T0FAILOVER',
      nudgeTenant: 'T0NUDGES',
      prefix: bullPrefixFor(set.topology, `${namespace}-bull`),
      failover: async () => {
        await set.primary.kill();
        await set.awaitFailover(oldPrimary);
      },
    });
    console.info(`sentinel failover: ${summary(result)}`);
    expect(await set.currentPrimaryPort()).toBe(set.replica.port);
    // Writes went on before and after the failover.
    await expectFailoverHeld(result, store);
    failedOver = { oldPrimary, newPrimary: set.replica.port };
  }, 90_000);

  it('the killed primary, restarted on its port from its directory, rejoins as a replica of the new one; no second failover; the same store writes on, and the write reaches it', async () => {
    if (!store || !failedOver) throw new Error('needs the failover test above to have completed');
    const { oldPrimary, newPrimary } = failedOver;
    expect(set.primary.running).toBe(false);
    // A failover raises the master's config-epoch on every sentinel: it must not move from here on.
    const epochs = (await set.masterSeen()).map((m) => m['config-epoch']);
    expect(epochs).toHaveLength(3);
    expect(new Set(epochs).size).toBe(1);

    const restartedAt = Date.now();
    await set.primary.start(); // same command: same port, directory (its AOF), password
    // It comes back as a primary of its own (its config names no primary). A sentinel that sees it say
    // "master" while it is listed as a replica sends it REPLICAOF the current primary — Sentinel waits
    // 8 s of a stable report first and asks for INFO every 10 s, so this takes ≈ 10 s.
    let role: unknown[] = [];
    await until(
      async () => {
        role = (await withAdmin(oldPrimary, PASSWORD, (r) => r.call('ROLE'))) as unknown[];
        return role[0] === 'slave' && Number(role[2]) === newPrimary && role[3] === 'connected';
      },
      25_000,
      'the restarted primary to replicate from the new one',
    );
    const rejoinedAfterMs = Date.now() - restartedAt;
    // The sentinels list it as a replica of the new primary; at least one (one that did not send the
    // REPLICAOF; that one reads INFO again 10 s later) has already seen it in sync.
    let seenInSync = 0;
    await until(
      async () => {
        const views = await set.replicasSeen();
        const mine = views.map((replicas) => replicas.find((r) => Number(r.port) === oldPrimary));
        if (mine.some((r) => r === undefined)) return false;
        seenInSync = mine.filter((r) => r!['role-reported'] === 'slave' && r!['master-link-status'] === 'ok' && Number(r!['master-port']) === newPrimary).length;
        return seenInSync >= 1;
      },
      25_000,
      'a sentinel to see the restarted primary replicating',
    );
    const seenAfterMs = Date.now() - restartedAt;

    // No second failover: the primary did not move and the epoch did not change, on any sentinel.
    expect(await set.currentPrimaryPort()).toBe(newPrimary);
    const masters = await set.masterSeen();
    expect(masters.map((m) => [Number(m.port), m.flags, m['config-epoch']])).toEqual(masters.map(() => [newPrimary, 'master', epochs[0]]));
    const primaryRole = (await withAdmin(newPrimary, PASSWORD, (r) => r.call('ROLE'))) as [string, number, Array<[string, string, string]>];
    expect(primaryRole[0]).toBe('master');
    expect(primaryRole[2].map(([, port]) => Number(port))).toEqual([oldPrimary]);

    // The same store (never recreated) writes on; the write is confirmed, read back, and reaches the
    // rejoined node (a replica serves reads). WAIT on the primary: one replica acknowledges again.
    const id = `after-rejoin-${process.pid}`;
    await store.putDoc('T0REJOIN', 'note', id, { rejoined: true });
    expect(await store.getDoc('T0REJOIN', 'note', id)).toEqual({ rejoined: true });
    await until(
      async () => (await withAdmin(oldPrimary, PASSWORD, (r) => r.hget(`${namespace}:{T0REJOIN}:doc:note`, id))) === '{"rejoined":true}',
      5_000,
      'the write to reach the rejoined node',
    );
    expect(await withAdmin(newPrimary, PASSWORD, (r) => r.call('WAIT', '1', '1000'))).toBe(1);
    console.info(`sentinel rejoin: replicating ${rejoinedAfterMs} ms after the restart, seen in sync by ${seenInSync} of 3 sentinels after ${seenAfterMs} ms`);
  }, 45_000);
});
