// Test access to the run's Redis (started by test/setup/redis.ts). Isolation is by KEY NAMESPACE,
// not DB index: every file gets its own prefix (works with REDIS_URL, a shared server or a cluster).
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, inject } from 'vitest';
import { createRedisConnection, waitUntilReady } from '../../src/store/connection';
import { RedisStore } from '../../src/store/redis';

/** The URL of the Redis the test run uses. */
export function redisUrlForTests(): string {
  const url = inject('redisUrl');
  if (!url) throw new Error('redisUrl not provided: is test/setup/redis.ts in vitest globalSetup?');
  return url;
}

export interface RedisTestNamespace {
  url: string;
  /** Unique per call, e.g. "lytest-1234-9f2c…"; pass it as RedisStore/createStore `namespace`
   * (or as a BullMQ prefix) — every key under `<namespace>:` is deleted after the file. */
  namespace: string;
  /** A ready request-path connection, closed after the file. */
  connect(): Promise<Redis>;
  /** A RedisStore on a ready connection in this namespace, closed after the file. */
  store(): Promise<RedisStore>;
  /** Deletes every key of the namespace now. */
  flush(): Promise<void>;
}

async function deleteNamespace(redis: Redis, namespace: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${namespace}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
}

/**
 * Call at the top level of a test file (it registers an afterAll that flushes the namespace and
 * closes the connections it handed out).
 */
export function useRedisNamespace(label = 'lytest'): RedisTestNamespace {
  const url = redisUrlForTests();
  const namespace = `${label}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const connections: Redis[] = [];

  const connect = async (): Promise<Redis> => {
    const redis = createRedisConnection(url);
    connections.push(redis);
    await waitUntilReady(redis, 5_000);
    return redis;
  };
  const flush = async (): Promise<void> => {
    const redis = await connect();
    await deleteNamespace(redis, namespace);
  };

  afterAll(async () => {
    await flush();
    await Promise.all(
      connections.map(async (redis) => {
        if (redis.status === 'end') return;
        await redis.quit().catch(() => redis.disconnect());
      }),
    );
  });

  return {
    url,
    namespace,
    connect,
    store: async () => new RedisStore(await connect(), { namespace }),
    flush,
  };
}
