// Entry point of the store layer: picks Redis when REDIS_URL is configured, memory otherwise,
// and re-exports the types and implementations callers need.
import { createRedisConnection, redactRedisUrl, waitUntilReady } from './connection';
import { MemoryStore } from './memory';
import { RedisStore } from './redis';
import type { Store } from './store';

export type { Platform, Store } from './store';
export type { Fixture } from './fixture';
export { FixtureError, parseFixture } from './fixture';
export { MemoryStore, type MemoryStoreOptions } from './memory';
export { RedisStore, type RedisStoreOptions } from './redis';
export { createRedisConnection, waitUntilReady, redactRedisUrl, type RedisConnectionOptions } from './connection';

export interface CreateStoreOptions {
  /** REDIS_URL; without it the store is in memory (demo, console, tests). */
  redisUrl?: string;
  /** Key namespace for RedisStore (default "ly"). */
  namespace?: string;
  /** How long to wait for Redis to answer at start-up (default 3000 ms). */
  connectTimeoutMs?: number;
  /** Sees background connection errors of the Redis client (for logging). */
  onRedisError?: (error: Error) => void;
}

/**
 * The configured store. With a Redis URL it checks that Redis answers before returning, so a wrong
 * URL stops start-up with a message that names REDIS_URL instead of failing on the first request.
 */
export async function createStore(options: CreateStoreOptions = {}): Promise<Store> {
  const { redisUrl } = options;
  if (!redisUrl) return new MemoryStore();
  const redis = createRedisConnection(redisUrl, { onError: options.onRedisError });
  try {
    await waitUntilReady(redis, options.connectTimeoutMs ?? 3_000);
    if ((await redis.ping()) !== 'PONG') throw new Error('PING did not answer PONG');
  } catch (error) {
    redis.disconnect(); // stop the background reconnects of a client nobody will use
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Redis at REDIS_URL=${redactRedisUrl(redisUrl)} is unreachable (${reason}). ` +
        'Start Redis, fix REDIS_URL, or unset it to use the in-memory store.',
      { cause: error },
    );
  }
  return new RedisStore(redis, { namespace: options.namespace });
}
