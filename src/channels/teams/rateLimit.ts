// Token-bucket limiters for outgoing Teams messages: ≤ 7 per second per conversation and ≤ 50 requests per
// second per tenant (Teams' documented limits); callers wait for a slot instead of collecting 429s.

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** One token bucket per key; idle buckets are forgotten so the map does not grow without bound. */
export class KeyedRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number = perSecond,
    private readonly clock: Clock = realClock,
  ) {}

  /** Milliseconds to wait before a request under `key` may go (0 = now); reserves the slot. */
  reserve(key: string): number {
    const now = this.clock.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, updatedAt: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.perSecond);
    bucket.updatedAt = now;
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    this.prune(now);
    return bucket.tokens >= 0 ? 0 : Math.ceil((-bucket.tokens / this.perSecond) * 1000);
  }

  async acquire(key: string): Promise<void> {
    const wait = this.reserve(key);
    if (wait > 0) await this.clock.sleep(wait);
  }

  private prune(now: number): void {
    if (this.buckets.size < 10_000) return;
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.updatedAt > 60_000) this.buckets.delete(key);
    }
  }
}

/** Exponential backoff with full jitter, for 429s without Retry-After and for 412/502/504. */
export function backoffMs(attempt: number, baseMs = 1000, capMs = 60_000, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.max(baseMs / 2, Math.round(random() * ceiling));
}
