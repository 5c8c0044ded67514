// Replica acknowledgement of writes in the replicated topologies (Sentinel, Cluster). Replication is
// asynchronous: a primary that dies right after answering takes its last writes with it, and the replica
// promoted in its place never saw them. So a durable write is confirmed only once a replica has it:
// WAIT <replicas> <timeout> on the connection that made the write, after it.
//
// WAIT blocks the connection it is sent on, and every request of the process shares that connection, so:
// - concurrent writers share one WAIT: WAIT covers every earlier write of its connection, so a writer
//   whose write was issued before a WAIT that is already under way joins it instead of sending another;
// - when no replica acknowledges in time (none attached, e.g. just after a failover until the old primary
//   rejoins as a replica), the write stands — it is on the primary — and writes stop waiting; every
//   `pauseMs` a non-blocking ROLE asks the primary whether a replica is back before waiting again.
import type { RedisClient } from './topology';

export interface ReplicaAckOptions {
  /** Replicas that must have a write before it is confirmed (0: never wait). */
  replicas: number;
  /** Longest WAIT (default 500 ms). */
  timeoutMs?: number;
  /** How long writes stop waiting after a WAIT that timed out, between ROLE checks (default 10 s). */
  pauseMs?: number;
  /** A write no replica acknowledged in time (it stands: it is on the primary); for logging. */
  onUnreplicated?: (acked: number) => void;
}

export class ReplicaAcks {
  private seq = 0;
  /** The WAIT under way per connection group (one per node; per tenant hash tag on a Cluster). */
  private readonly under = new Map<string, { seq: number; acked: Promise<number> }>();
  private pausedUntil = 0;
  private readonly replicas: number;
  private readonly timeoutMs: number;
  private readonly pauseMs: number;

  constructor(
    private readonly client: RedisClient,
    private readonly options: ReplicaAckOptions,
  ) {
    this.replicas = options.replicas;
    this.timeoutMs = options.timeoutMs ?? 500;
    this.pauseMs = options.pauseMs ?? 10_000;
  }

  get enabled(): boolean {
    return this.replicas > 0;
  }

  /** Take right before issuing a write; pass to confirm() once it succeeded. */
  ticket(): number {
    return this.seq++;
  }

  /**
   * Resolves once `replicas` replicas have the write issued at `ticket` (or, in the paused state, at once).
   * `routeKey` is a key in the written slot: on a Cluster it takes WAIT to the node that took the write.
   * Rejects when the connection fails meanwhile: the write was applied but may not survive a failover.
   */
  async confirm(ticket: number, routeKey: string): Promise<void> {
    if (this.replicas === 0) return;
    if (Date.now() < this.pausedUntil) return;
    if (this.pausedUntil !== 0) {
      // The pause is over: ask (without blocking) whether a replica is attached again.
      const role = (await this.client.pipeline().exists(routeKey).role().exec()) ?? [];
      const [error, reply] = role[1] ?? [new Error('pipeline aborted'), null];
      if (error) throw error;
      const attached = Array.isArray(reply) && Array.isArray(reply[2]) ? reply[2].length : 0;
      if (attached < this.replicas) {
        this.pausedUntil = Date.now() + this.pauseMs;
        return;
      }
      this.pausedUntil = 0;
    }
    const group = this.client.isCluster ? routeKey : '';
    const current = this.under.get(group);
    // A WAIT issued after this write was issued is behind it on the same connection: it covers it.
    const acked = current && current.seq > ticket ? await current.acked : await this.send(group, routeKey);
    if (acked < this.replicas && this.pausedUntil === 0) {
      this.pausedUntil = Date.now() + this.pauseMs;
      this.options.onUnreplicated?.(acked);
    }
  }

  private send(group: string, routeKey: string): Promise<number> {
    const seq = this.ticket();
    const acked = (async () => {
      const replies = (await this.client.pipeline().exists(routeKey).wait(this.replicas, this.timeoutMs).exec()) ?? [];
      const [error, count] = replies[1] ?? [new Error('pipeline aborted'), 0];
      if (error) throw error;
      return Number(count);
    })();
    this.under.set(group, { seq, acked });
    const done = () => {
      if (this.under.get(group)?.seq === seq) this.under.delete(group);
    };
    acked.then(done, done);
    return acked;
  }
}
