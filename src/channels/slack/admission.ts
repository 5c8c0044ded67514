// Admission control for the work done after a Slack ack. Every command is acked at once (Slack's
// 3-second rule); the answers then run at most `maxActive` at a time, in arrival order, and the rest
// wait in a queue. When the backlog is too long (too many queued, or the oldest has waited too long)
// a new command is not taken on: it is acked with a "busy, try again" notice instead, so memory stays
// bounded and the person knows at once. Delaying the ack instead would not slow Slack's senders (people
// do not wait for one command before typing the next), and would hold all of Bolt's request state.
export interface AdmissionOptions {
  /**
   * Answers in flight per replica. 64, measured with bench:load: 32 left the CPU idle at 100
   * connections, and more concurrency batches more Redis reads per round trip. A coaching reply holds
   * its slot for the seconds the LLM takes, so this is not the CPU count.
   */
  maxActive?: number;
  /**
   * Queued answers beyond which new commands are turned away. A queued answer is a closure of a few
   * fields and a promise (≈ 1 KB), so 5,000 is a few MB at worst, and ≈ 2 s of answers at the rate one
   * replica makes them (docs/operations.md).
   */
  maxQueued?: number;
  /** Turn new commands away while the oldest queued answer has waited longer than this (an LLM stall). */
  maxQueueWaitMs?: number;
  clock?: () => number;
}

interface Waiter {
  since: number;
  wake: () => void;
}

export class AdmissionGate {
  private active = 0;
  private readonly queue: Waiter[] = [];
  private readonly maxActive: number;
  private readonly maxQueued: number;
  private readonly maxQueueWaitMs: number;
  private readonly clock: () => number;

  constructor(options: AdmissionOptions = {}) {
    this.maxActive = options.maxActive ?? 64;
    this.maxQueued = options.maxQueued ?? 5000;
    this.maxQueueWaitMs = options.maxQueueWaitMs ?? 30_000;
    this.clock = options.clock ?? Date.now;
  }

  /**
   * Before an ack: whether to take on one more answer. It does not reserve a place, so the queue can
   * overshoot maxQueued by the commands acked at the same moment (at most the open connections).
   */
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
      if (next) next.wake();
      else this.active--;
    };
  }

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    return this.queue.length;
  }
}
