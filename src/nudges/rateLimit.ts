// Per-workspace send limiter shared by every worker replica: a token bucket in Redis (Lua, server
// clock) that hands out send slots, plus a penalty that pauses the workspace on a platform 429.
import type { RedisClient } from '../store/topology';

export interface Reservation {
  /** True: a slot is reserved, send after `waitMs`. False: the wait exceeds the limit, nothing reserved. */
  granted: boolean;
  waitMs: number;
}

export interface WorkspaceLimiter {
  reserve(bucket: string, perSecond: number, burst: number, maxWaitMs: number): Promise<Reservation>;
  /** The platform said 429: no slot in `bucket` before `retryAfterMs` from now. */
  penalize(bucket: string, retryAfterMs: number): Promise<void>;
}

// State: `tokens` available at instant `ts` (ms); refills only after `ts`, so a penalty sets ts ahead.
const NOW = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

const RESERVE = `${NOW}
local rate = tonumber(ARGV[1]) local burst = tonumber(ARGV[2]) local maxWait = tonumber(ARGV[3])
local v = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(v[1]) local ts = tonumber(v[2])
if tokens == nil or ts == nil then tokens = burst ts = now end
if now > ts then tokens = math.min(burst, tokens + (now - ts) * rate / 1000) ts = now end
local wait = ts - now
if tokens < 1 then wait = wait + math.ceil((1 - tokens) * 1000 / rate) end
if wait > maxWait then return {0, wait} end
tokens = tokens - 1
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(ts))
redis.call('PEXPIRE', KEYS[1], wait + 60000)
return {1, wait}`;

const PENALIZE = `${NOW}
local untilTs = now + tonumber(ARGV[1])
local v = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(v[1]) or 0 local ts = tonumber(v[2]) or now
if untilTs > ts then ts = untilTs end
if tokens > 0 then tokens = 0 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(ts))
redis.call('PEXPIRE', KEYS[1], ts - now + 60000)
return 1`;

export class RedisWorkspaceLimiter implements WorkspaceLimiter {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  private key(bucket: string): string {
    return `${this.prefix}:nudge-rate:{${bucket.replace(/[{}]/g, '_')}}`;
  }

  async reserve(bucket: string, perSecond: number, burst: number, maxWaitMs: number): Promise<Reservation> {
    const reply = (await this.redis.eval(RESERVE, 1, this.key(bucket), String(perSecond), String(Math.max(1, burst)), String(Math.floor(maxWaitMs)))) as [number, number];
    return { granted: Number(reply[0]) === 1, waitMs: Math.max(0, Number(reply[1])) };
  }

  async penalize(bucket: string, retryAfterMs: number): Promise<void> {
    await this.redis.eval(PENALIZE, 1, this.key(bucket), String(Math.max(0, Math.ceil(retryAfterMs))));
  }
}

/** In-process bucket with the same semantics (console simulation, unit tests). */
export class MemoryWorkspaceLimiter implements WorkspaceLimiter {
  private readonly buckets = new Map<string, { tokens: number; ts: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async reserve(bucket: string, perSecond: number, burst: number, maxWaitMs: number): Promise<Reservation> {
    const now = this.now();
    const b = this.buckets.get(bucket) ?? { tokens: Math.max(1, burst), ts: now };
    if (now > b.ts) {
      b.tokens = Math.min(Math.max(1, burst), b.tokens + ((now - b.ts) * perSecond) / 1000);
      b.ts = now;
    }
    let wait = b.ts - now;
    if (b.tokens < 1) wait += Math.ceil(((1 - b.tokens) * 1000) / perSecond);
    if (wait > maxWaitMs) return { granted: false, waitMs: wait };
    b.tokens -= 1;
    this.buckets.set(bucket, b);
    return { granted: true, waitMs: wait };
  }

  async penalize(bucket: string, retryAfterMs: number): Promise<void> {
    const now = this.now();
    const b = this.buckets.get(bucket) ?? { tokens: 0, ts: now };
    b.ts = Math.max(b.ts, now + retryAfterMs);
    b.tokens = Math.min(b.tokens, 0);
    this.buckets.set(bucket, b);
  }
}
