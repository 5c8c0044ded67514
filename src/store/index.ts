// Entry point of the store layer: picks Redis when a Redis topology is configured (REDIS_URL,
// REDIS_SENTINELS or REDIS_CLUSTER_NODES), memory otherwise, and re-exports what callers need.
import { waitUntilReady } from './connection';
import { MemoryStore } from './memory';
import { RedisStore } from './redis';
import type { Store } from './store';
import { createRedisClient, describeTopology, replicasToAwait, type RedisTopology } from './topology';

export type { Platform, Store } from './store';
export type { Fixture } from './fixture';
export { FixtureError, parseFixture } from './fixture';
export { MemoryStore, type MemoryStoreOptions } from './memory';
export { RedisStore, type RedisStoreOptions } from './redis';
export { createRedisConnection, waitUntilReady, redactRedisUrl, type RedisConnectionOptions } from './connection';
export {
  bullPrefixFor,
  createRedisClient,
  describeTopology,
  parseHostPorts,
  replicasToAwait,
  type HostPort,
  type RedisClient,
  type RedisTopology,
} from './topology';

export interface CreateStoreOptions {
  /** The Redis topology (config/env.ts redisTopology); without it, and without redisUrl, the store is in memory. */
  redis?: RedisTopology;
  /** Shorthand for `redis: { kind: 'single', url }` (REDIS_URL). */
  redisUrl?: string;
  /** Key namespace for RedisStore (default "ly"). */
  namespace?: string;
  /** How long to wait for Redis to answer at start-up (default 3000 ms). */
  connectTimeoutMs?: number;
  /** Sees background connection errors of the Redis client (for logging). */
  onRedisError?: (error: Error) => void;
  /** Sees writes no replica acknowledged in time (Sentinel, Cluster; RedisStoreOptions.onUnreplicated). */
  onUnreplicated?: (acked: number) => void;
}

/**
 * The configured store. With Redis it checks that Redis answers before returning, so a wrong address
 * stops start-up with a message that names the variables instead of failing on the first request.
 */
export async function createStore(options: CreateStoreOptions = {}): Promise<Store> {
  const topology = options.redis ?? (options.redisUrl ? { kind: 'single' as const, url: options.redisUrl } : undefined);
  if (!topology) return new MemoryStore();
  const redis = createRedisClient(topology, { onError: options.onRedisError });
  try {
    await waitUntilReady(redis, options.connectTimeoutMs ?? 3_000);
    if ((await redis.ping()) !== 'PONG') throw new Error('PING did not answer PONG');
  } catch (error) {
    redis.disconnect(); // stop the background reconnects of a client nobody will use
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Redis at ${describeTopology(topology)} is unreachable (${reason}). ` +
        `Start Redis, fix ${topologyVariables(topology)}, or unset it to use the in-memory store.`,
      { cause: error },
    );
  }
  return new RedisStore(redis, {
    namespace: options.namespace,
    replicas: replicasToAwait(topology),
    ...(options.onUnreplicated ? { onUnreplicated: options.onUnreplicated } : {}),
  });
}

function topologyVariables(topology: RedisTopology): string {
  if (topology.kind === 'single') return 'REDIS_URL';
  return topology.kind === 'sentinel' ? 'REDIS_SENTINELS / REDIS_SENTINEL_NAME' : 'REDIS_CLUSTER_NODES';
}
