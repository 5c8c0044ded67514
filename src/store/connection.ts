// ioredis connections: fail-fast ones for the request path, patient ones for BullMQ workers,
// plus the start-up readiness wait and the mapping of Redis failures to UpstreamError.
import { ReplyError, type ChainableCommander, type Redis } from 'ioredis';
import { UpstreamError } from '../errors';
import { createRedisClient, type RedisClient } from './topology';

export interface RedisConnectionOptions {
  /**
   * BullMQ workers block on Redis and must ride out outages: `maxRetriesPerRequest: null` and the
   * offline queue on (BullMQ refuses other settings). Request-path connections fail fast instead.
   */
  forWorker?: boolean;
  /** Request path only: how long one command may take before it fails (default 1500 ms). */
  commandTimeoutMs?: number;
  /** Connection-level errors (refused, reset) are retried in the background; this sees them for logging. */
  onError?: (error: Error) => void;
}

/**
 * A new ioredis client for `url` (redis:// or rediss://), the single-node topology of createRedisClient
 * (topology.ts, which documents the fail-fast and worker settings). It starts connecting at once;
 * `await waitUntilReady(redis)` before use (createStore does). Worker connections queue instead.
 */
export function createRedisConnection(url: string, options: RedisConnectionOptions = {}): Redis {
  return createRedisClient({ kind: 'single', url }, options) as Redis;
}

/**
 * Resolves once the client is ready; rejects with the last connection error when it is not ready
 * within `timeoutMs` (or the client was closed). Needed because, with the offline queue off,
 * commands sent before "ready" fail. Works for node, Sentinel and Cluster clients alike.
 */
export function waitUntilReady(redis: RedisClient, timeoutMs = 3_000): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    let lastError: Error | undefined;
    const onError = (error: Error): void => {
      lastError = error;
    };
    const finish = (error?: Error): void => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('error', onError);
      redis.off('end', onEnd);
      if (error) reject(error);
      else resolve();
    };
    const onReady = (): void => finish();
    const onEnd = (): void => finish(lastError ?? new Error('connection closed'));
    const timer = setTimeout(
      () => finish(lastError ?? new Error(`not ready after ${timeoutMs} ms`)),
      timeoutMs,
    );
    redis.on('ready', onReady);
    redis.on('error', onError);
    redis.on('end', onEnd);
  });
}

/** Runs a MULTI and returns its replies; any failed command fails the whole call. */
export async function execAll(multi: ChainableCommander): Promise<unknown[]> {
  const results = await multi.exec();
  // null means a WATCHed key changed; nothing here WATCHes, so it is a dropped connection.
  if (!results) throw new Error('transaction aborted');
  return results.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}

/** Every failure of a Redis call becomes one typed error that the reply layer localizes. */
export function toUpstream(error: unknown): UpstreamError {
  if (error instanceof UpstreamError) return error;
  return new UpstreamError('redis', 'error.upstream.redis', { cause: error, maybeApplied: mayHaveReachedRedis(error) });
}

/**
 * Whether a failed command may still have run on the server. Not when ioredis never sent it (no
 * connection and the offline queue is off) or when Redis answered with an error (OOM, a script error):
 * then nothing was applied. A timeout or a connection closed with the command in flight is unknown.
 */
export function mayHaveReachedRedis(error: unknown): boolean {
  if (error instanceof ReplyError) return false;
  const message = error instanceof Error ? error.message : String(error);
  return !/enableOfflineQueue|Stream isn't writeable/i.test(message);
}

/** The URL without its password, for messages and logs (kept here for its callers; it lives with the topology). */
export { redactRedisUrl } from './topology';
