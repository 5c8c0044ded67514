// The delivery ledger that makes a nudge go out once although BullMQ delivers jobs at least once:
// a short "sending" lock, an "attempt" trace and a permanent "sent" marker per nudge, changed atomically
// in Redis (Lua). A memory implementation serves the console simulation and unit tests.
import { ReplicaAcks } from '../store/replication';
import type { RedisClient } from '../store/topology';

export type AcquireState =
  /** Nobody sent it and nobody is sending: the caller holds the lock and may send. */
  | 'acquired'
  /** Already sent (a retry after a crash between send and ack): do not send. */
  | 'sent'
  /** Another worker holds the lock right now: come back after `lockTtlMs`. */
  | 'locked'
  /** A previous attempt started a send and died before recording the outcome; the caller holds the lock. */
  | 'uncertain';

export interface DeliveryLedger {
  acquire(tenant: string, key: string, token: string, lockMs: number): Promise<{ state: AcquireState; lockTtlMs: number }>;
  /** Records the send (kept `sentTtlSeconds`) and frees the lock if it is still ours. */
  commitSent(tenant: string, key: string, token: string, info: string): Promise<void>;
  /** Nothing was sent: frees the lock and the attempt trace if they are still ours. */
  release(tenant: string, key: string, token: string): Promise<void>;
  isSent(tenant: string, key: string): Promise<boolean>;
}

/** Sent markers outlive the jobs (kept 3 days) and any re-planning of the same date. */
export const SENT_TTL_SECONDS = 40 * 24 * 3600;
const ATTEMPT_TTL_SECONDS = 3 * 24 * 3600;

const ACQUIRE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return {'sent', 0} end
local ttl = redis.call('PTTL', KEYS[2])
if ttl > 0 or ttl == -1 then return {'locked', ttl} end
local uncertain = redis.call('EXISTS', KEYS[3])
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
redis.call('SET', KEYS[3], ARGV[1], 'EX', ARGV[3])
if uncertain == 1 then return {'uncertain', 0} end
return {'acquired', 0}`;

const COMMIT = `
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
redis.call('DEL', KEYS[3])
return 1`;

const RELEASE = `
if redis.call('GET', KEYS[2]) == ARGV[1] then
  redis.call('DEL', KEYS[2])
  if redis.call('GET', KEYS[3]) == ARGV[1] then redis.call('DEL', KEYS[3]) end
end
return 1`;

export interface LedgerReplication {
  /**
   * Replicas that must acknowledge a lock or a sent marker before the send goes on (Sentinel, Cluster: 1;
   * topology.ts replicasToAwait). Without it a failover right after a send could lose the sent marker and
   * the nudge would go out again.
   */
  replicas: number;
  /** How long one WAIT may take (default 500 ms); when it times out the marker stands (it is on the primary). */
  timeoutMs?: number;
  /** A marker no replica acknowledged in time (for logging). */
  onUnreplicated?: (acked: number) => void;
}

export class RedisDeliveryLedger implements DeliveryLedger {
  private readonly acks: ReplicaAcks;

  /** `prefix` namespaces the keys (use the BullMQ prefix); keys share the tenant's hash tag. */
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    replication: LedgerReplication = { replicas: 0 },
  ) {
    this.acks = new ReplicaAcks(redis, replication);
  }

  private keys(tenant: string, key: string): [string, string, string] {
    const base = `${this.prefix}:nudge-ledger:{${tenant.replace(/[{}]/g, '_')}}:${key}`;
    return [`${base}:sent`, `${base}:lock`, `${base}:attempt`];
  }

  /** Runs a ledger script; in a replicated topology it returns once a replica has its effect (replication.ts). */
  private async script(lua: string, args: string[]): Promise<unknown> {
    const ticket = this.acks.ticket();
    const reply = await this.redis.eval(lua, 3, ...args);
    await this.acks.confirm(ticket, args[0]!);
    return reply;
  }

  async acquire(tenant: string, key: string, token: string, lockMs: number): Promise<{ state: AcquireState; lockTtlMs: number }> {
    const reply = (await this.script(ACQUIRE, [...this.keys(tenant, key), token, String(Math.ceil(lockMs)), String(ATTEMPT_TTL_SECONDS)])) as [string, number];
    return { state: reply[0] as AcquireState, lockTtlMs: Math.max(0, Number(reply[1])) };
  }

  async commitSent(tenant: string, key: string, token: string, info: string): Promise<void> {
    await this.script(COMMIT, [...this.keys(tenant, key), token, info, String(SENT_TTL_SECONDS)]);
  }

  async release(tenant: string, key: string, token: string): Promise<void> {
    await this.redis.eval(RELEASE, 3, ...this.keys(tenant, key), token);
  }

  async isSent(tenant: string, key: string): Promise<boolean> {
    return (await this.redis.exists(this.keys(tenant, key)[0])) === 1;
  }
}

/** Same semantics in one process (console simulation, unit tests). */
export class MemoryDeliveryLedger implements DeliveryLedger {
  private readonly sent = new Set<string>();
  private readonly locks = new Map<string, { token: string; until: number }>();
  private readonly attempts = new Map<string, string>();

  constructor(private readonly now: () => number = Date.now) {}

  async acquire(tenant: string, key: string, token: string, lockMs: number): Promise<{ state: AcquireState; lockTtlMs: number }> {
    const id = `${tenant}\u0000${key}`;
    if (this.sent.has(id)) return { state: 'sent', lockTtlMs: 0 };
    const lock = this.locks.get(id);
    if (lock && lock.until > this.now()) return { state: 'locked', lockTtlMs: lock.until - this.now() };
    const uncertain = this.attempts.has(id);
    this.locks.set(id, { token, until: this.now() + lockMs });
    this.attempts.set(id, token);
    return { state: uncertain ? 'uncertain' : 'acquired', lockTtlMs: 0 };
  }

  async commitSent(tenant: string, key: string, token: string): Promise<void> {
    const id = `${tenant}\u0000${key}`;
    this.sent.add(id);
    if (this.locks.get(id)?.token === token) this.locks.delete(id);
    this.attempts.delete(id);
  }

  async release(tenant: string, key: string, token: string): Promise<void> {
    const id = `${tenant}\u0000${key}`;
    if (this.locks.get(id)?.token !== token) return;
    this.locks.delete(id);
    if (this.attempts.get(id) === token) this.attempts.delete(id);
  }

  async isSent(tenant: string, key: string): Promise<boolean> {
    return this.sent.has(`${tenant}\u0000${key}`);
  }
}
