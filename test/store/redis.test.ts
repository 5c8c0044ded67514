// Runs the Store contract against RedisStore on the test run's redis-server, plus what only Redis
// has: the key layout, and failing fast (UpstreamError) when Redis is down, unreachable or hung.
import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/errors';
import { createRedisConnection, createStore, RedisStore, waitUntilReady } from '../../src/store/index';
import { useRedisNamespace } from '../helpers/redis';
import { freePort, startRedisServer } from '../setup/redis-server';
import { runStoreContract } from './contract';
import { agent } from './sample';

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
      'act:a1:2025-03', 'agent:a1', 'agents', 'agents:byteam', 'agents:idx', 'ctr:c', 'pid', 'session:s',
    ]);
    expect(await redis.hgetall(`${ns.namespace}:{${tenant}}:act:a1:2025-03`)).toMatchObject({ '2025-03-04:calls': '3' });
    expect(await redis.ttl(`${ns.namespace}:{${tenant}}:session:s`)).toBeGreaterThan(0);
    expect(await redis.ttl(`${ns.namespace}:{${tenant}}:ctr:c`)).toBeGreaterThan(0);
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
