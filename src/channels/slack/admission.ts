// Admission control for work done after a Slack ack. Acking first keeps Slack's 3-second rule, but
// without a bound a burst would pile up unbounded background work (memory, latency for everyone).
// Past `maxActive`, the ack itself waits for a free slot — at most `maxWaitMs`, well inside 3 s — so
// bursts are slowed at the door instead of buffered.
export class AdmissionGate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    // 64 replies in flight per replica is a few MB; measured with bench:load, 32 left the CPU idle at
    // 100 connections while acks queued, and more concurrency batches more Redis reads per round trip.
    private readonly maxActive = 64,
    private readonly maxWaitMs = 1500,
  ) {}

  /** Resolves with a release function once a slot is free (or after maxWaitMs regardless). */
  async enter(): Promise<() => void> {
    if (this.active >= this.maxActive) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          const index = this.waiting.indexOf(wake);
          if (index >= 0) this.waiting.splice(index, 1);
          resolve();
        }, this.maxWaitMs);
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        this.waiting.push(wake);
      });
    }
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.waiting.shift()?.();
    };
  }

  get inFlight(): number {
    return this.active;
  }
}
