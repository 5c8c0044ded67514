// Redis Cluster (REDIS_CLUSTER_NODES + REDIS_PASSWORD) on a real local cluster: three password-protected
// primaries with one replica each (test/setup/redis-topologies.ts). The Store contract suite runs on it
// (every MULTI and Lua script stays in its tenant's slot); the server's wiring (buildApp, the nudge runtime
// with its "{ly-bull}" queue, /readyz's checks), `--once`, the worker process and the HTTP server process
// (as `npm run start:prod` runs it, answering a signed `/coach today`) start from the environment alone;
// the primary serving the tenants and the queue is SIGKILLed while people log calls and nudges go out:
// confirmed writes survive, no nudge is sent twice, requests in the window get the localized "try again",
// and the same clients recover without a restart; then the killed primary is started again and rejoins as
// a replica of the promoted node, with no second failover, and the same store writes on.
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app/bootstrap';
import { startNudges } from '../../src/app/nudgeRuntime';
import type { ProactiveChannel } from '../../src/channels/channel';
import { loadEnv } from '../../src/config/env';
import { NUDGE_QUEUE, plannerId } from '../../src/nudges/queue';
import { createStore, RedisStore } from '../../src/store/index';
import { bullPrefixFor, createRedisClient } from '../../src/store/topology';
import { runStoreContract } from '../store/contract';
import { startCluster, until, withAdmin, type ClusterNodeLine, type ClusterSet, type RedisNode } from '../setup/redis-topologies';
import { callsTodayAt, demoTeamWorkingDaily, expectServerAnswered, expectFailoverHeld, failoverRun, runLingyan, serverAnswersCoachToday, serverSummary, summary, workerStartsAndStops } from '../helpers/topologyScenario';

const PASSWORD = `pw-${randomBytes(6).toString('hex')}`;
const namespace = `lycluster-${process.pid}`;
let cluster: ClusterSet;

beforeAll(async () => {
  const started = Date.now();
  cluster = await startCluster({ password: PASSWORD, nodeTimeoutMs: 1000 });
  console.info(`cluster topology ready in ${Date.now() - started} ms`);
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
});

runStoreContract('redis cluster', async () => {
  const store = await createStore({ redis: cluster.topology, namespace, connectTimeoutMs: 5_000 });
  return { store, advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };
});

/** The first `<base>-<i>` whose hash tag lives on `node` (so a test can put a tenant on a given shard). */
async function nameOn(node: RedisNode, base: string): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const name = `${base}-${i}`;
    if ((await cluster.primaryOf(await cluster.slotOf(`{${name}}`))) === node) return name;
  }
  throw new Error(`no name on port ${node.port}`);
}

describe('Cluster: configuration and processes', () => {
  it('spreads tenants over the shards, keeps each in one slot, and has each durable write on a replica when confirmed', async () => {
    const store = (await createStore({ redis: cluster.topology, namespace })) as RedisStore;
    try {
      expect(store.redis.isCluster).toBe(true);
      expect((store.redis as Cluster).options.redisOptions?.password).toBe(PASSWORD);
      expect(await store.ping()).toBe(true);
      // One tenant per primary: every one of them works, each in its own slot.
      const tenants = await Promise.all(cluster.nodes.slice(0, 3).map((node, i) => nameOn(node, `T0SHARD${i}`)));
      for (const tenant of tenants) {
        await store.seed(tenant, { teams: [{ id: 'red', name: 'Red', leads: [] }], agents: [], history: [], goals: [], activity: [], rosters: [], assessments: [] } as never);
        await store.putDoc(tenant, 'note', 'n1', { tenant });
        expect(await store.listDocs(tenant, 'note')).toEqual([{ tenant }]);
      }
      // Confirmed means on the replica too (WAIT 1): read it there (READONLY: a replica serves reads).
      const slot = await cluster.slotOf(`{${tenants[0]}}`);
      const replica = await cluster.replicaOf(slot);
      const onReplica = await withAdmin(replica.port, PASSWORD, async (r) => {
        await r.call('READONLY');
        return r.hget(`${namespace}:{${tenants[0]}}:doc:note`, 'n1');
      });
      expect(JSON.parse(onReplica ?? 'null')).toEqual({ tenant: tenants[0] });
    } finally {
      await store.close();
    }
  });

  it('names REDIS_CLUSTER_NODES when no seed node answers', async () => {
    const error = await createStore({ redis: { ...cluster.topology, nodes: [{ host: '127.0.0.1', port: 1 }] }, connectTimeoutMs: 800 }).catch((e: unknown) => e);
    expect(String(error)).toMatch(/REDIS_CLUSTER_NODES/);
    expect(String(error)).not.toContain(PASSWORD);
  });

  it('buildApp and the nudge runtime run on it from the environment: /readyz checks pass, the queue is "{ly-bull}"', async () => {
    const env = loadEnv({ ...cluster.env, LOG_LEVEL: 'silent' });
    const app = await buildApp(env);
    // A tenant that talked to Lingyan: the runtime upserts its planner (a BullMQ job scheduler) at start.
    const tenant = `T0RUNTIME-${process.pid}`;
    await app.tenants.remember(tenant);
    const channel: ProactiveChannel = { kind: 'slack', sendToUser: async () => ({ status: 'sent' }) };
    const runtime = await startNudges(app, { slack: channel }, { worker: true });
    try {
      expect(await app.store.ping()).toBe(true);
      await until(() => runtime.ready(), 10_000, 'the nudge runtime to be ready');
      expect(bullPrefixFor(cluster.topology)).toBe('{ly-bull}');
      const connection = createRedisClient(cluster.topology, { forWorker: true });
      const queue = new Queue(NUDGE_QUEUE, { connection, prefix: bullPrefixFor(cluster.topology) });
      expect((await queue.getJobSchedulers()).map((s) => s.key)).toContain(plannerId(tenant));
      await until(async () => (await queue.getWorkersCount()) > 0, 10_000, 'the runtime worker on "{ly-bull}"');
      await queue.close();
      connection.disconnect();
    } finally {
      await runtime.close();
      await app.store.close();
    }
  }, 30_000);

  it('--once answers on it, and the worker process starts and stops cleanly', async () => {
    const connection = createRedisClient(cluster.topology, { forWorker: true });
    const queue = new Queue(NUDGE_QUEUE, { connection, prefix: bullPrefixFor(cluster.topology) });
    const [answer, worker] = await Promise.all([
      runLingyan(['--once', '今天要打多少个电话', '--user', 'a1', '--now', '2026-03-04T09:00:00+08:00', '--data', 'test/fixtures/plan-basic.json', '--json', '--tenant', `once-${process.pid}`], cluster.env),
      workerStartsAndStops(cluster.env, async () => (await queue.getWorkersCount()) > 0),
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
    const run = await serverAnswersCoachToday(cluster.env, { tenant, fixture: await demoTeamWorkingDaily() });
    console.info(`cluster server: ${serverSummary(run)}`);
    expectServerAnswered(run, await callsTodayAt(cluster.topology, tenant, run.answeredAt ?? Number.NaN), PASSWORD);
  }, 60_000);
});

describe('Cluster: the primary of the tenants and the queue is SIGKILLed mid-run, then comes back', () => {
  // One store through both tests: created before the failover, never recreated, closed at the end.
  let store: RedisStore | undefined;
  let failedOver: { slot: number; victim: RedisNode; promoted: RedisNode; tenant: string } | undefined;
  afterAll(async () => {
    await store?.close();
  });

  it('keeps every confirmed write, sends each nudge once, answers "try again" in the window, recovers by itself', async () => {
    store = (await createStore({ redis: cluster.topology, namespace, connectTimeoutMs: 5_000 })) as RedisStore;
    // The queue's hash tag and both tenants on one shard, so the failover hits all of them.
    const prefix = bullPrefixFor(cluster.topology, `${namespace}-bull`);
    const slot = await cluster.slotOf(prefix);
    const victim = await cluster.primaryOf(slot);
    const activityTenant = await nameOn(victim, 'T0FAILOVER');
    const nudgeTenant = await nameOn(victim, 'T0NUDGES');
    let promoted: RedisNode | undefined;
    const result = await failoverRun({
      topology: cluster.topology,
      store,
      activityTenant,
      nudgeTenant,
      prefix,
      failover: async () => {
        await victim.kill();
        promoted = await cluster.awaitFailover(slot, victim);
      },
    });
    console.info(`cluster failover: ${summary(result)}`);
    expect(await cluster.primaryOf(slot)).not.toBe(victim);
    await expectFailoverHeld(result, store);
    expect(await cluster.primaryOf(slot)).toBe(promoted);
    failedOver = { slot, victim, promoted: promoted!, tenant: activityTenant };
  }, 90_000);

  it('the killed primary, restarted on its port from its directory, rejoins as a replica of the promoted node; no second failover; the same store writes on, and the write reaches it', async () => {
    if (!store || !failedOver) throw new Error('needs the failover test above to have completed');
    const { slot, victim, promoted, tenant } = failedOver;
    expect(victim.running).toBe(false);
    const promotedId = await cluster.idOf(promoted);
    // The killed node as the others still list it (flagged fail).
    const victimId = (await cluster.nodesSeenBy(promoted)).find((n) => n.port === victim.port)!.id;
    const others = cluster.nodes.filter((n) => n !== victim);
    // A failover raises the cluster's current epoch (and gives the promoted node a new config epoch): neither may move from here on.
    const epochBefore = Number((await cluster.infoOf(promoted)).cluster_current_epoch);
    const promotedEpoch = (await cluster.nodesSeenBy(promoted)).find((n) => n.id === promotedId)!.configEpoch;
    for (const node of others) expect(Number((await cluster.infoOf(node)).cluster_current_epoch)).toBe(epochBefore);

    const restartedAt = Date.now();
    await victim.start(); // same command: same port, directory (its AOF and nodes.conf, so the same node id), password
    // It comes back believing it serves its old slots; the first gossip shows them owned by the promoted
    // node under a newer config epoch, so it turns into that node's replica and syncs from it.
    const replicaOfPromoted = (line: ClusterNodeLine | undefined) =>
      line !== undefined && line.flags.includes('slave') && !line.flags.some((f) => f.startsWith('fail')) && line.primaryId === promotedId;
    await until(
      async () => {
        const replication = await withAdmin(victim.port, PASSWORD, (r) => r.info('replication'));
        if (!/master_link_status:up/.test(replication) || !replication.includes(`master_port:${promoted.port}`)) return false;
        for (const by of cluster.nodes) {
          if (!replicaOfPromoted((await cluster.nodesSeenBy(by)).find((n) => n.id === victimId))) return false;
        }
        return true;
      },
      15_000,
      'every node to list the restarted primary as a replica of the promoted one, and it to be in sync',
    );
    const rejoinedAfterMs = Date.now() - restartedAt;
    expect(await cluster.idOf(victim)).toBe(victimId);

    // No second failover: the slot stays with the promoted node, the epochs did not move, the cluster is ok
    // with three primaries (the promoted one with the rejoined node as its replica) and three replicas.
    expect(await cluster.primaryOf(slot)).toBe(promoted);
    expect(await cluster.replicaOf(slot)).toBe(victim);
    for (const node of cluster.nodes) {
      const info = await cluster.infoOf(node);
      expect([node.port, info.cluster_state, Number(info.cluster_current_epoch)]).toEqual([node.port, 'ok', epochBefore]);
    }
    const view = await cluster.nodesSeenBy(promoted);
    expect(view.find((n) => n.id === promotedId)!.configEpoch).toBe(promotedEpoch);
    expect(view.filter((n) => n.flags.includes('master')).length).toBe(3);
    expect(view.filter((n) => n.flags.includes('slave')).length).toBe(3);

    // The same store (never recreated) writes on; the write is confirmed, read back, and reaches the
    // rejoined node (READONLY: a replica serves reads). WAIT on the promoted node: one replica acknowledges again.
    const id = `after-rejoin-${process.pid}`;
    await store.putDoc(tenant, 'note', id, { rejoined: true });
    expect(await store.getDoc(tenant, 'note', id)).toEqual({ rejoined: true });
    await until(
      async () =>
        (await withAdmin(victim.port, PASSWORD, async (r) => {
          await r.call('READONLY');
          return r.hget(`${namespace}:{${tenant}}:doc:note`, id);
        })) === '{"rejoined":true}',
      5_000,
      'the write to reach the rejoined node',
    );
    expect(await withAdmin(promoted.port, PASSWORD, (r) => r.call('WAIT', '1', '1000'))).toBe(1);
    console.info(`cluster rejoin: every node lists it as the promoted node's replica, in sync, ${rejoinedAfterMs} ms after the restart`);
  }, 45_000);
});
