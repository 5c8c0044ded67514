// Redis topologies (docs/design.md "Environment"): one node (REDIS_URL), a Sentinel-managed primary
// (REDIS_SENTINELS + REDIS_SENTINEL_NAME) or a Redis Cluster (REDIS_CLUSTER_NODES); REDIS_PASSWORD is the
// password of the data nodes in every mode. One factory opens a client for any of them with the same
// fail-fast (request path) vs patient (BullMQ workers) split; README "Operating Lingyan" documents it.
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { RedisConnectionOptions } from './connection';

export interface HostPort {
  host: string;
  port: number;
}

export type RedisTopology =
  /** One node (`redis://` or `rediss://`); the password may be in the URL or in `password`. */
  | { kind: 'single'; url: string; password?: string }
  /** A primary and its replicas watched by Sentinels; `name` is the monitored primary's name. */
  | { kind: 'sentinel'; sentinels: HostPort[]; name: string; password?: string }
  /** Seed nodes of a Redis Cluster (any reachable node is enough; the rest is discovered). */
  | { kind: 'cluster'; nodes: HostPort[]; password?: string };

/** What every Redis-facing part of Lingyan takes: a node/Sentinel client or a Cluster client. */
export type RedisClient = Redis | Cluster;

/** The BullMQ key prefix of the nudge queue when nothing else is configured. */
export const BULL_PREFIX = 'ly-bull';

/**
 * Parses `host:port,host:port,…` (IPv6 hosts in brackets: `[::1]:6379`). Blank items (a trailing comma)
 * are ignored; anything else that is not host:port with a port in 1–65535 throws a RangeError naming it.
 */
export function parseHostPorts(value: string): HostPort[] {
  const items = value.split(',').map((item) => item.trim()).filter(Boolean);
  if (items.length === 0) throw new RangeError('expected host:port[,host:port…]');
  return items.map((item) => {
    const match = /^\[([^\]]+)\]:(\d+)$/.exec(item) ?? /^([^\s:[\]]+):(\d+)$/.exec(item);
    const port = match ? Number(match[2]) : NaN;
    if (!match || !Number.isInteger(port) || port < 1 || port > 65535) {
      throw new RangeError(`"${item}" is not host:port (e.g. 10.0.0.5:26379)`);
    }
    return { host: match[1], port };
  });
}

/** A topology for logs and error messages: no password, and the variables it came from. */
export function describeTopology(topology: RedisTopology): string {
  const list = (nodes: HostPort[]) => nodes.map((n) => (n.host.includes(':') ? `[${n.host}]:${n.port}` : `${n.host}:${n.port}`)).join(',');
  switch (topology.kind) {
    case 'single':
      return `REDIS_URL=${redactRedisUrl(topology.url)}`;
    case 'sentinel':
      return `REDIS_SENTINELS=${list(topology.sentinels)} REDIS_SENTINEL_NAME=${topology.name}`;
    case 'cluster':
      return `REDIS_CLUSTER_NODES=${list(topology.nodes)}`;
  }
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

/**
 * The BullMQ prefix for a topology. On a Cluster every key of a queue must hash to one slot (BullMQ's
 * Lua scripts touch several), so the prefix is a hash tag: `{ly-bull}`. That is a different queue from
 * `ly-bull`: moving an existing deployment to a Cluster starts an empty queue (the planners re-create
 * every pending nudge within 15 minutes of start; sent markers under the old prefix are not seen).
 */
export function bullPrefixFor(topology: RedisTopology | undefined, base = BULL_PREFIX): string {
  return topology?.kind === 'cluster' ? `{${base.replace(/[{}]/g, '')}}` : base;
}

/**
 * How many replicas must acknowledge a write before Lingyan confirms it. Replication is asynchronous:
 * a primary that dies right after answering takes its last writes with it, and the replica promoted in
 * its place never saw them. In the replicated topologies (Sentinel, Cluster) writes are therefore
 * followed by WAIT 1 (RedisStore, the nudge ledger). A single node (REDIS_URL) keeps today's behaviour.
 */
export function replicasToAwait(topology: RedisTopology | undefined): number {
  return topology && topology.kind !== 'single' ? 1 : 0;
}

/**
 * A new client for `topology`. It starts connecting at once.
 *
 * Request path (default): the offline queue is off (a command while disconnected fails immediately),
 * in-flight commands get one retry, a command timeout bounds a server that accepts connections but does
 * not answer, and commands of the same tick share a round trip (auto-pipelining). Reconnection goes on
 * in the background, so the bot recovers by itself — after a Sentinel failover it asks the sentinels for
 * the new primary; a Cluster client follows MOVED replies and refreshes its slot map.
 * Consequence: commands sent before the first "ready" fail — `await waitUntilReady(client)` first.
 *
 * Workers (`forWorker`): `maxRetriesPerRequest: null` and the offline queue on, as BullMQ requires.
 */
export function createRedisClient(topology: RedisTopology, options: RedisConnectionOptions = {}): RedisClient {
  const worker = options.forWorker === true;
  // Back off up to 2 s between reconnect attempts, forever: recovery needs no restart.
  const retry = (times: number) => Math.min(times * 200, 2_000);
  const perCommand: RedisOptions = worker
    ? { maxRetriesPerRequest: null, connectTimeout: 10_000 }
    : { maxRetriesPerRequest: 1, connectTimeout: 2_000, commandTimeout: options.commandTimeoutMs ?? 1_500 };
  const password = topology.password ? { password: topology.password } : {};
  let client: RedisClient;
  if (topology.kind === 'cluster') {
    const clusterOptions: ClusterOptions = {
      clusterRetryStrategy: retry,
      enableOfflineQueue: worker,
      // Commands of one tick share a round trip per node (the request path's Promise.all of reads).
      enableAutoPipelining: !worker,
      // A node lost mid-failover or a CLUSTERDOWN is retried every 100 ms, up to 8 redirections in all
      // (~1 s), then the request gets the "try again" reply (workers keep trying: offline queue on).
      retryDelayOnFailover: 100,
      retryDelayOnClusterDown: 100,
      maxRedirections: worker ? 16 : 8,
      slotsRefreshTimeout: 2_000,
      redisOptions: { ...perCommand, ...password },
    };
    client = new Cluster(topology.nodes, clusterOptions);
    client.on('node error', (error: Error) => options.onError?.(error));
  } else {
    const common: RedisOptions = {
      retryStrategy: retry,
      ...perCommand,
      enableOfflineQueue: worker,
      ...(worker ? {} : { enableAutoPipelining: true }),
    };
    if (topology.kind === 'single') {
      // URL values win over these options (ioredis), so a password in the URL is kept.
      client = new Redis(topology.url, { ...common, ...password });
    } else {
      client = new Redis({
        ...common,
        ...password,
        sentinels: topology.sentinels,
        name: topology.name,
        role: 'master',
        // The sentinels are asked for the primary again on every reconnect. (Not `failoverDetector`: its
        // subscriptions to the sentinels outlive quit() in ioredis 5 and keep a finished process alive.)
        sentinelRetryStrategy: retry,
        sentinelCommandTimeout: 1_000,
        // A former primary that came back as a replica answers writes with READONLY: reconnect (the
        // sentinels name the new primary). Workers resend the command, the request path fails it.
        reconnectOnError: (error: Error) => (error.message.startsWith('READONLY') ? (worker ? 2 : 1) : false),
      });
    }
  }
  // Without a listener ioredis prints "Unhandled error event" for every failed reconnect; the failures
  // that matter reach callers as rejected commands (UpstreamError).
  client.on('error', (error: Error) => options.onError?.(error));
  return client;
}
