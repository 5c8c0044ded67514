// Admission control for the work done after a Slack ack. A command is acked at once (Slack's 3-second
// rule) and its answer queued; the answers run at most `maxActive` at a time, in arrival order. When the
// backlog is too long (too many queued, or the oldest has waited too long), the ack waits for a place,
// up to `maxAckWaitMs` — a sender that waits for its acks is slowed down that way — and if none frees
// up, the command is not taken on: it is acked with a "busy, try again" notice, so memory stays bounded
// and the person knows at once. (People in Slack do not wait for one ack before the next command, so
// for them only the notice bounds the backlog.)
export interface AdmissionOptions {
  /**
   * Answers in flight per replica. 64, measured with bench:load: 32 left the CPU idle at 100
   * connections, and more concurrency batches more Redis reads per round trip. A coaching reply holds
   * its slot for the seconds the LLM takes, so this is not the CPU count.
   */
  maxActive?: number;
  /**
   * Queued answers beyond which an ack waits for a place (and then the command is turned away). A queued
   * answer is a few closures and promises (≈ 0.8 KB in a heap snapshot), so 5,000 is ≈ 4 MB, and ≈ 2 s
   * of answers at the rate one replica makes them (docs/operations.md, session 7).
   */
  maxQueued?: number;
  /** Turn new commands away while the oldest queued answer has waited longer than this (an LLM stall). */
  maxQueueWaitMs?: number;
  /** How long an ack may wait for a place in a full queue before the command is turned away (< 3 s). */
  maxAckWaitMs?: number;
  clock?: () => number;
}

interface Waiter {
  since: number;
  wake: () => void;
}

export class AdmissionGate {
  private active = 0;
  private readonly queue: Waiter[] = [];
  /** Acks waiting for a place in the queue, oldest first; each re-checks `admits()` when woken. */
  private readonly roomWaiters: Array<() => void> = [];
  private readonly maxActive: number;
  private readonly maxAckWaitMs: number;
  private readonly maxQueued: number;
  private readonly maxQueueWaitMs: number;
  private readonly clock: () => number;

  constructor(options: AdmissionOptions = {}) {
    this.maxActive = options.maxActive ?? 64;
    this.maxQueued = options.maxQueued ?? 5000;
    this.maxQueueWaitMs = options.maxQueueWaitMs ?? 30_000;
    this.maxAckWaitMs = options.maxAckWaitMs ?? 1500;
    this.clock = options.clock ?? Date.now;
  }

  /**
   * Before an ack: true to take the command on (at once while the backlog is short, else once a place
   * frees up), false to turn it away (no place within maxAckWaitMs). It does not reserve the place, so
   * the queue can overshoot maxQueued by the commands acked at the same moment.
   */
  async admit(): Promise<boolean> {
    // Waiting acks go first: a newcomer does not take the place freed for them.
    if (this.roomWaiters.length === 0 && this.admits()) return true;
    return new Promise<boolean>((resolve) => {
      const settle = (admitted: boolean) => {
        clearTimeout(timer);
        const index = this.roomWaiters.indexOf(wake);
        if (index >= 0) this.roomWaiters.splice(index, 1);
        resolve(admitted);
      };
      // Woken once per answer leaving the queue, so waiting acks are let in one for one.
      const wake = () => {
        if (this.admits()) settle(true);
      };
      const timer = setTimeout(() => settle(this.admits()), this.maxAckWaitMs);
      this.roomWaiters.push(wake);
    });
  }

  /** Whether the backlog is short enough to queue one more answer now. */
  admits(): boolean {
    if (this.queue.length >= this.maxQueued) return false;
    const oldest = this.queue[0];
    return oldest === undefined || this.clock() - oldest.since <= this.maxQueueWaitMs;
  }

  /** After the ack: resolves with a release function once one of the maxActive slots is this caller's (FIFO). */
  async enter(): Promise<() => void> {
    if (this.active < this.maxActive) this.active++;
    // A releasing caller hands its slot straight to the first in the queue, so `active` never overshoots.
    else await new Promise<void>((wake) => this.queue.push({ since: this.clock(), wake }));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      if (next) {
        next.wake();
        this.roomWaiters[0]?.(); // a place in the queue is free
      } else this.active--;
    };
  }

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    return this.queue.length;
  }
}
