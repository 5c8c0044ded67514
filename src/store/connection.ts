// ioredis connections: fail-fast ones for the request path, patient ones for BullMQ workers,
// plus the start-up readiness wait and the mapping of Redis failures to UpstreamError.
import { Redis, ReplyError, type ChainableCommander, type RedisOptions } from 'ioredis';
import { UpstreamError } from '../errors';

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
 * A new ioredis client for `url` (redis:// or rediss://). It starts connecting at once.
 *
 * Request path: ioredis by default queues commands while disconnected and gives up only after 20
 * reconnect attempts, which would hang a Slack ack (3 s budget) for a long time. So the offline queue
 * is off (a command while disconnected fails immediately), in-flight commands get one retry, and a
 * command timeout bounds a server that accepts connections but does not answer. Reconnection keeps
 * going in the background so the bot recovers by itself when Redis is back.
 * Consequence: commands sent before the first "ready" fail too — `await waitUntilReady(redis)`
 * before use (createStore does). Worker connections queue instead and need no wait.
 */
export function createRedisConnection(url: string, options: RedisConnectionOptions = {}): Redis {
  const common: RedisOptions = {
    // Back off up to 2 s between reconnect attempts, forever: recovery needs no restart.
    retryStrategy: (times: number) => Math.min(times * 200, 2_000),
  };
  const specific: RedisOptions = options.forWorker
    ? { maxRetriesPerRequest: null, enableOfflineQueue: true, connectTimeout: 10_000 }
    : {
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        // Commands issued in the same tick (a handler's Promise.all of reads) share one round trip.
        enableAutoPipelining: true,
        connectTimeout: 2_000,
        commandTimeout: options.commandTimeoutMs ?? 1_500,
      };
  const redis = new Redis(url, { ...common, ...specific });
  // Without a listener ioredis prints "Unhandled error event" for every failed reconnect; the
  // failures that matter reach callers as rejected commands (UpstreamError).
  redis.on('error', (error: Error) => options.onError?.(error));
  return redis;
}

/**
 * Resolves once the client is ready; rejects with the last connection error when it is not ready
 * within `timeoutMs` (or the client was closed). Needed because, with the offline queue off,
 * commands sent before "ready" fail.
 */
export function waitUntilReady(redis: Redis, timeoutMs = 3_000): Promise<void> {
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

/** The URL without its password, for messages and logs. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
