// Work that outlives the request that started it (Slack replies after the ack, Teams card follow-ups
// answered after the invoke): tracked so a graceful shutdown waits for it instead of cutting replies off.
export class PendingWork {
  private readonly pending = new Set<Promise<unknown>>();

  /** Tracks `work` until it settles (its rejection is the caller's to handle; it is not rethrown here). */
  track(work: Promise<unknown>): void {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
  }

  get size(): number {
    return this.pending.size;
  }

  /** Resolves true once nothing is pending (work started meanwhile included), false when `timeoutMs` passes first. */
  async drain(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      while (this.pending.size > 0) {
        const next = await Promise.race([Promise.all([...this.pending]).then(() => true as const), timedOut]);
        if (next === false) return false;
      }
      return true;
    } finally {
      clearTimeout(timer);
    }
  }
}
