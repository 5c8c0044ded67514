// Runs the Store contract against RedisStore on the test run's redis-server, plus what only Redis
// has: the key layout, and failing fast (UpstreamError) when Redis is down, unreachable or hung.
import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/errors';
import { createRedisConnection, createStore, RedisStore, waitUntilReady } from '../../src/store/index';
import { useRedisNamespace } from '../helpers/redis';
import { freePort, startRedisServer } from '../setup/redis-server';
import { runStoreContract } from './contract';
import { vi } from 'vitest';
import { agent, month, rawFixture, team } from './sample';
import { parseFixture } from '../../src/store/fixture';

const ns = useRedisNamespace();

runStoreContract('redis', async () => ({
  store: await ns.store(),
  advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}));

/** Time and outcome of a call that is expected to fail. */
async function failure(call: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  try {
    await call();
  } catch (error) {
    return { error, ms: Date.now() - started };
  }
  throw new Error('expected the call to fail');
}

describe('RedisStore specifics', () => {
  it('keeps every key of a tenant under one hash tag, in the namespace', async () => {
    const store = await ns.store();
    const tenant = 'T0AB12CD';
    await store.putAgent(tenant, agent('a1', 'red', { slack: 'U1' }));
    await store.recordActivity(tenant, 'a1', '2025-03-04', { calls: 3 }, 'add');
    await store.putSession(tenant, 's', 1, 60);
    await store.incrementCounter(tenant, 'c', 1, 60);
    const redis = await ns.connect();
    const keys = (await redis.keys(`${ns.namespace}:{${tenant}}:*`)).sort();
    expect(keys.map((key) => key.slice(`${ns.namespace}:{${tenant}}:`.length))).toEqual([
      'act:a1:2025-03', 'agent:a1', 'agents', 'agents:byteam', 'agents:idx', 'ctr:c', 'pid', 'rev:reference', 'session:s',
    ]);
    expect(await redis.hgetall(`${ns.namespace}:{${tenant}}:act:a1:2025-03`)).toMatchObject({ '2025-03-04:calls': '3' });
    expect(await redis.ttl(`${ns.namespace}:{${tenant}}:session:s`)).toBeGreaterThan(0);
    expect(await redis.ttl(`${ns.namespace}:{${tenant}}:ctr:c`)).toBeGreaterThan(0);
  });

  it("keeps a goal's initial target in its own key of the tenant, written in the goal's MULTI", async () => {
    const store = await ns.store();
    const tenant = 'T0GOALS';
    await store.putGoal(tenant, { agent: 'a1', month: '2025-03', incomeTarget: 12000 });
    await store.putGoal(tenant, { agent: 'a1', month: '2025-03', incomeTarget: 8000 });
    const redis = await ns.connect();
    const base = `${ns.namespace}:{${tenant}}:`;
    expect((await redis.keys(`${base}*`)).map((key) => key.slice(base.length)).sort()).toEqual(['goal:a1', 'goalinit:a1']);
    expect(await redis.hget(`${base}goalinit:a1`, '2025-03')).toBe('12000');
    expect(JSON.parse((await redis.hget(`${base}goal:a1`, '2025-03'))!)).toEqual({ agent: 'a1', month: '2025-03', incomeTarget: 8000 });
    // A goal stored before the initial target was kept reads its current target as the initial one.
    await redis.hset(`${base}goal:a2`, '2025-03', JSON.stringify({ agent: 'a2', month: '2025-03', incomeTarget: 9000 }));
    expect(await store.getGoal(tenant, 'a2', '2025-03')).toEqual({ agent: 'a2', month: '2025-03', incomeTarget: 9000, initialIncomeTarget: 9000 });
  });

  it('rejects a tenant id that would break the hash tag', async () => {
    const store = await ns.store();
    await expect(store.getAgent('a}b', 'x')).rejects.toThrow(RangeError);
  });

  it('createStore returns a RedisStore for a reachable URL', async () => {
    const store = await createStore({ redisUrl: ns.url, namespace: ns.namespace });
    expect(store).toBeInstanceOf(RedisStore);
    expect(await store.ping()).toBe(true);
    await store.close();
  });

  it('createStore names REDIS_URL when Redis is unreachable, without hanging', async () => {
    const port = await freePort();
    const { error, ms } = await failure(() =>
      createStore({ redisUrl: `redis://:secret@127.0.0.1:${port}`, connectTimeoutMs: 500 }),
    );
    expect(String(error)).toMatch(/REDIS_URL/);
    expect(String(error)).not.toMatch(/secret/);
    expect(ms).toBeLessThan(2_000);
  });

  it('fails fast with UpstreamError on a closed port', async () => {
    const port = await freePort();
    const store = new RedisStore(createRedisConnection(`redis://127.0.0.1:${port}`));
    const { error, ms } = await failure(() => store.getAgent('t', 'a1'));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ service: 'redis', key: 'error.upstream.redis' });
    expect(ms).toBeLessThan(2_000);
    expect(await store.ping()).toBe(false);
    await store.close();
  });

  it('fails fast when the server stops, and recovers when it is back', async () => {
    const server = await startRedisServer();
    const store = new RedisStore(createRedisConnection(server.url));
    try {
      await waitUntilReady(store.redis);
      await store.putAgent('t', agent('a1', 'red'));
      await server.stop();
      const { error, ms } = await failure(() => store.recordActivity('t', 'a1', '2025-03-04', { calls: 1 }, 'add'));
      expect(error).toBeInstanceOf(UpstreamError);
      expect(ms).toBeLessThan(2_000);
      expect(await store.ping()).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('fails fast when the server accepts connections but does not answer', async () => {
    const server = await startRedisServer();
    const store = new RedisStore(createRedisConnection(server.url, { commandTimeoutMs: 500 }));
    try {
      await waitUntilReady(store.redis);
      process.kill(server.pid, 'SIGSTOP');
      const { error, ms } = await failure(() => store.getAgent('t', 'a1'));
      expect(error).toBeInstanceOf(UpstreamError);
      expect(ms).toBeLessThan(2_000);
    } finally {
      process.kill(server.pid, 'SIGCONT');
      await store.close();
      await server.stop();
    }
  });

  it('worker connections wait out outages instead (maxRetriesPerRequest: null)', async () => {
    const redis = createRedisConnection(ns.url, { forWorker: true });
    expect(redis.options.maxRetriesPerRequest).toBeNull();
    expect(redis.options.enableOfflineQueue).toBe(true);
    expect(await redis.ping()).toBe('PONG'); // queued until connected, unlike request-path clients
    await redis.quit();
  });
});

describe('RedisStore reference cache across replicas', () => {
  // Two stores on one namespace stand for two replicas of the server.
  async function replicas(): Promise<[RedisStore, RedisStore]> {
    return [await ns.store(), await ns.store()];
  }

  it('serves repeated reads from memory: one revision read instead of the data reads', async () => {
    const [a] = await replicas();
    const tenant = 'TCACHE1';
    await a.putAgent(tenant, agent('a1', 'red', { slack: 'U1' }));
    await a.putHistory(tenant, [month('a1', '2025-01'), month('a1', '2025-02')]);
    await a.getHistory(tenant, 'a1');
    const hvals = vi.spyOn(a.redis, 'hvals');
    const hget = vi.spyOn(a.redis, 'hget');
    const get = vi.spyOn(a.redis, 'get');
    expect((await a.getHistory(tenant, 'a1')).map((m) => m.month)).toEqual(['2025-01', '2025-02']);
    expect((await a.findAgentByPlatformId(tenant, 'slack', 'U1'))?.id).toBe('a1');
    expect((await a.findAgentByPlatformId(tenant, 'slack', 'U1'))?.id).toBe('a1');
    expect(hvals).not.toHaveBeenCalled();
    // The first lookup loads the pid entry and the profile; the second only reads the revision.
    expect(hget).toHaveBeenCalledTimes(1);
    const dataReads = get.mock.calls.filter(([key]) => !String(key).endsWith(':rev:reference'));
    expect(dataReads).toHaveLength(1);
  });

  it('a write on one replica is seen by the next read on the other', async () => {
    const [a, b] = await replicas();
    const tenant = 'TCACHE2';
    await a.putAgent(tenant, agent('a1', 'red', { slack: 'U1' }));
    await a.putTeam(tenant, team('red', 'Red'));
    await a.putHistory(tenant, [month('a1', '2025-01', 900)]);
    await a.putRoster(tenant, [{ agent: 'a1', date: '2025-01-06', off: true }]);
    /** What b answers for every kind of reference read (each then cached at the current revision). */
    const view = async () => ({
      name: (await b.getAgent(tenant, 'a1'))?.name,
      bySlack: (await b.findAgentByPlatformId(tenant, 'slack', 'U2'))?.id ?? null,
      red: (await b.listAgents(tenant, 'red')).map((x) => x.id),
      team: (await b.getTeam(tenant, 'red'))?.name,
      teams: (await b.listTeams(tenant)).map((t) => t.id),
      calls: (await b.getHistory(tenant, 'a1'))[0].calls,
      teamCalls: (await b.getTeamHistory(tenant, 'red')).map((m) => m.calls),
      offDays: (await b.getRoster(tenant, 'a1')).length,
    });
    expect(await view()).toEqual({ name: 'Agent a1', bySlack: null, red: ['a1'], team: 'Red', teams: ['red'], calls: 900, teamCalls: [900], offDays: 1 });
    expect(await view()).toEqual(await view()); // served from b's cache now

    await a.putAgent(tenant, agent('a1', 'blue', { name: '改名', slack: 'U2' }));
    expect(await view()).toMatchObject({ name: '改名', bySlack: 'a1', red: [], teamCalls: [] });
    await a.putHistory(tenant, [month('a1', '2025-01', 1200)]);
    expect((await view()).calls).toBe(1200);
    await a.putAgent(tenant, agent('a1', 'red', { name: '改名', slack: 'U2' }));
    expect((await view()).teamCalls).toEqual([1200]);
    await a.putRoster(tenant, [{ agent: 'a1', date: '2025-01-07', off: true }]);
    expect((await view()).offDays).toBe(2);
    await a.putTeam(tenant, team('red', '红队'));
    expect((await view()).team).toBe('红队');
    await a.seed(tenant, parseFixture(rawFixture));
    expect((await view()).teams).toEqual(['red', 'sales-1']);
  });

  it('a replica sees its own write at once, and other tenants keep their cache', async () => {
    const [a] = await replicas();
    await a.putAgent('TCACHE3', agent('a1', 'red'));
    await a.putAgent('TCACHE4', agent('a1', 'red'));
    await a.getAgent('TCACHE3', 'a1');
    await a.getAgent('TCACHE4', 'a1');
    await a.putAgent('TCACHE3', agent('a1', 'red', { name: 'new' }));
    expect((await a.getAgent('TCACHE3', 'a1'))?.name).toBe('new');
    const get = vi.spyOn(a.redis, 'get');
    expect((await a.getAgent('TCACHE4', 'a1'))?.name).toBe('Agent a1');
    expect(get.mock.calls.map(([key]) => String(key).split(':').pop())).toEqual(['reference']);
  });

  it('without the cache every read goes to Redis', async () => {
    const redis = await ns.connect();
    const store = new RedisStore(redis, { namespace: ns.namespace, referenceCache: false });
    await store.putHistory('TCACHE5', [month('a1', '2025-01')]);
    const hvals = vi.spyOn(redis, 'hvals');
    await store.getHistory('TCACHE5', 'a1');
    await store.getHistory('TCACHE5', 'a1');
    expect(hvals).toHaveBeenCalledTimes(2);
  });
});

describe('RedisStore activity cache across replicas', () => {
  it('serves a repeated month from memory: one HGET of the revision instead of an HGETALL', async () => {
    const store = await ns.store();
    const tenant = 'TACT1';
    await store.recordActivity(tenant, 'a1', '2026-11-02', { calls: 40, connects: 12 }, 'add');
    const first = await store.getActivity(tenant, 'a1', '2026-11');
    const call = vi.spyOn(store.redis, 'call');
    const second = await store.getActivity(tenant, 'a1', '2026-11');
    expect(second).toBe(first);
    expect(call).not.toHaveBeenCalled();
    // Shared between requests, so it must not be changeable by one of them.
    expect(Object.isFrozen(second) && Object.isFrozen(second[0])).toBe(true);
  });

  it('a write on one replica (add, replace, seed) is seen by the next read on the other', async () => {
    const [a, b] = [await ns.store(), await ns.store()];
    const tenant = 'TACT2';
    // The sample fixture has two days of zhang's March 2025: 03-03 with 85 calls, 03-04 with 80; seeding
    // replaces those days whole and leaves 03-05 alone.
    const calls = async () => (await b.getActivity(tenant, 'zhang', '2025-03')).map((d) => `${d.date}=${d.calls}`);
    await a.recordActivity(tenant, 'zhang', '2025-03-03', { calls: 40 }, 'add');
    expect(await calls()).toEqual(['2025-03-03=40']);
    expect(await calls()).toEqual(['2025-03-03=40']); // cached on b now
    await a.recordActivity(tenant, 'zhang', '2025-03-03', { calls: 5 }, 'add'); // 40 + 5
    expect(await calls()).toEqual(['2025-03-03=45']);
    await a.recordActivity(tenant, 'zhang', '2025-03-05', { calls: 7 }, 'replace');
    expect(await calls()).toEqual(['2025-03-03=45', '2025-03-05=7']);
    await a.seed(tenant, parseFixture(rawFixture));
    expect(await calls()).toEqual(['2025-03-03=85', '2025-03-04=80', '2025-03-05=7']);
  });

  it('a month written before the revision field existed is read in full every time, and correctly', async () => {
    const store = await ns.store();
    const redis = await ns.connect();
    // The layout of an older version: metric fields only.
    await redis.hset(`${ns.namespace}:{TACT3}:act:a1:2026-11`, { '2026-11-02:calls': '40', '2026-11-02:deals': '2' });
    const call = vi.spyOn(store.redis, 'call');
    expect((await store.getActivity('TACT3', 'a1', '2026-11'))[0]).toMatchObject({ calls: 40, deals: 2 });
    expect((await store.getActivity('TACT3', 'a1', '2026-11'))[0]).toMatchObject({ calls: 40, deals: 2 });
    expect(call).toHaveBeenCalledTimes(2);
    // The first write through the store adds the field; from then on the month is cached.
    await store.recordActivity('TACT3', 'a1', '2026-11-02', { calls: 1 }, 'add');
    expect((await store.getActivity('TACT3', 'a1', '2026-11'))[0].calls).toBe(41);
    expect((await store.getActivity('TACT3', 'a1', '2026-11'))[0].calls).toBe(41);
    expect(call).toHaveBeenCalledTimes(3);
  });

  it('without the cache every read is an HGETALL', async () => {
    const redis = await ns.connect();
    const store = new RedisStore(redis, { namespace: ns.namespace, activityCache: false });
    await store.recordActivity('TACT4', 'a1', '2026-11-02', { calls: 3 }, 'add');
    const call = vi.spyOn(redis, 'call');
    await store.getActivity('TACT4', 'a1', '2026-11');
    await store.getActivity('TACT4', 'a1', '2026-11');
    expect(call).toHaveBeenCalledTimes(2);
  });
});
