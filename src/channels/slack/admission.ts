// Admission control for the work done after a Slack ack. Acking first keeps Slack's 3-second rule;
// the answers then run at most `maxActive` at a time, in arrival order, and the rest wait in a queue.
// A queued answer holds only its own closure (handOff released Bolt's request at the ack), so the queue
// is cheap. Only when `maxQueued` answers are already waiting does the ack itself wait for room — at most
// `maxAckWaitMs`, well inside 3 s — so a sustained overload is slowed at the door instead of buffered
// without bound, while a burst is acked at once.
export class AdmissionGate {
  private active = 0;
  private readonly queue: Array<() => void> = [];
  private readonly roomWaiters: Array<() => void> = [];

  constructor(
    // 64 answers in flight per replica: measured with bench:load, 32 left the CPU idle at 100
    // connections, and more concurrency batches more Redis reads per round trip. A coaching reply holds
    // its slot for the seconds the LLM takes, so this is not the CPU count.
    private readonly maxActive = 64,
    // A queued answer is a closure of a few fields and a promise: 1,024 of them are well under a MB.
    private readonly maxQueued = 1024,
    private readonly maxAckWaitMs = 1500,
  ) {}

  /** Before an ack: resolves at once unless the queue is full, then when there is room (or after maxAckWaitMs regardless). */
  async room(): Promise<void> {
    if (this.queue.length < this.maxQueued) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        const index = this.roomWaiters.indexOf(wake);
        if (index >= 0) this.roomWaiters.splice(index, 1);
        resolve();
      }, this.maxAckWaitMs);
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      this.roomWaiters.push(wake);
    });
  }

  /** After the ack: resolves with a release function once one of the maxActive slots is this caller's (FIFO). */
  async enter(): Promise<() => void> {
    if (this.active < this.maxActive) this.active++;
    // A releasing caller hands its slot straight to the first in the queue, so `active` never overshoots.
    else await new Promise<void>((resolve) => this.queue.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      if (next) {
        next();
        this.roomWaiters.shift()?.();
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
