// Send limiter shared by every worker replica: two token buckets per send, one for the channel (a Slack
// DM or channel: ~1 post/s; a Teams conversation: 7/s) and one for the whole workspace (Slack's
// workspace-wide cap) or tenant (Teams' 50 requests/s per app per tenant), reserved together in one Lua
// script on the server's clock, plus a penalty when the platform answers 429.
//
// Keys: `<prefix>:nudge-rate:{<workspace>}:ws`, `…:{<workspace>}:ch:<channel>` and `…:{<workspace>}:429`.
// Every key of one script carries the same hash tag, so a script touches one Cluster slot: the
// workspace's, or, when the prefix itself is a hash tag (`{ly-bull}` on a Cluster, bullPrefixFor), the
// queue's slot (Redis hashes the first `{…}` of a key). Either way the channel and the workspace bucket
// of one reservation are in the same slot (test/nudges/rateLimit.test.ts checks both prefixes).
import type { RedisClient } from '../store/topology';

export interface Reservation {
  /**
   * True: a slot is reserved, send after `waitMs`. False: nothing reserved; ask again after `waitMs` (the
   * channel is busy until then, or the workspace's next slot is further away than `maxWaitMs`).
   */
  granted: boolean;
  waitMs: number;
  /** The instant of the slot on the limiter's clock (Redis: the server's), ms; when granted. */
  at?: number;
}

export interface Rate {
  perSecond: number;
  /** Sends allowed at once after an idle spell (default 1: evenly spaced). */
  burst?: number;
}

export interface SlotRequest {
  /** The workspace (tenant) of the send, e.g. "slack:T0123": its bucket, and the hash tag of every key. */
  workspace: string;
  /** The channel within it: the person's Slack DM or Teams conversation (one per person), or a channel id. */
  channel: string;
  /** Per-channel rate; none: channels are not limited one by one. */
  channelRate?: Rate;
  /** Workspace-wide rate; none: no workspace cap. */
  workspaceRate?: Rate;
  /** A slot further away than this is not reserved (the job is re-delayed instead). */
  maxWaitMs: number;
}

/**
 * What a 429 paused: the channel alone, or the whole workspace. A platform's 429 does not say which of its
 * limits was hit (Slack answers `ratelimited` with a Retry-After for the channel limit and the workspace cap
 * alike), so the limiter reads it from the pattern: a 429 pauses its channel; a second channel of the same
 * workspace answered 429 while an earlier one's Retry-After still runs means the workspace is limited, and
 * the workspace bucket is paused for the Retry-After too.
 */
export type PenaltyScope = 'channel' | 'workspace';

export interface WorkspaceLimiter {
  /** Reserves one send in the channel's bucket and the workspace's bucket, at the first instant both allow. */
  reserve(request: SlotRequest): Promise<Reservation>;
  /** The platform answered 429 for a send to `channel`: no slot there before `retryAfterMs` from now (see PenaltyScope). */
  penalize(workspace: string, channel: string, retryAfterMs: number): Promise<PenaltyScope>;
}

/** 429s on this many different channels of a workspace within their Retry-After pause the workspace. */
export const WORKSPACE_429_CHANNELS = 2;

// A bucket's state is `tokens` available at instant `ts` (ms). `ts` may lie in the future: a reservation
// moves it to the instant of the reserved send, a penalty to the end of the Retry-After; before `ts` the
// bucket does not refill. A missing key is a full bucket.
const NOW = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

const BUCKET = `
local function loadBucket(key, rate, burst)
  local v = redis.call('HMGET', key, 'tokens', 'ts')
  local tokens = tonumber(v[1]) local ts = tonumber(v[2])
  if tokens == nil or ts == nil then tokens = burst ts = now end
  if now > ts then tokens = math.min(burst, tokens + (now - ts) * rate / 1000) ts = now end
  local ready = ts
  if tokens < 1 then ready = ts + math.ceil((1 - tokens) * 1000 / rate) end
  return tokens, ts, ready
end
local function take(key, rate, burst, tokens, ts, at)
  tokens = math.min(burst, tokens + (at - ts) * rate / 1000) - 1
  redis.call('HSET', key, 'tokens', tostring(tokens), 'ts', tostring(at))
  redis.call('PEXPIRE', key, at - now + math.ceil(burst * 1000 / rate) + 1000)
end`;

// KEYS: workspace bucket, channel bucket. ARGV: channel rate, channel burst, workspace rate, workspace
// burst (a rate of 0: that bucket is not limited), longest wait. Reply: {granted 0|1, wait ms, slot ms}.
// The slot is the workspace's next one. When the channel is not free by then, nothing is reserved and
// the wait says when to ask again: a slot taken ahead for one busy (or penalized) DM would hold the
// workspace's timeline there and stall every other DM until then.
const RESERVE = `${NOW}${BUCKET}
local chRate = tonumber(ARGV[1]) local chBurst = tonumber(ARGV[2])
local wsRate = tonumber(ARGV[3]) local wsBurst = tonumber(ARGV[4]) local maxWait = tonumber(ARGV[5])
local wsTokens, wsTs, chTokens, chTs
local wsReady = now local chReady = now
if wsRate > 0 then wsTokens, wsTs, wsReady = loadBucket(KEYS[1], wsRate, wsBurst) end
if chRate > 0 then chTokens, chTs, chReady = loadBucket(KEYS[2], chRate, chBurst) end
if chReady > wsReady then return {0, chReady - now, 0} end
local at = wsReady
if at - now > maxWait then return {0, at - now, 0} end
if wsRate > 0 then take(KEYS[1], wsRate, wsBurst, wsTokens, wsTs, at) end
if chRate > 0 then take(KEYS[2], chRate, chBurst, chTokens, chTs, at) end
return {1, at - now, at}`;

// KEYS: workspace bucket, channel bucket, the workspace's recent 429s (sorted set: channel → end of its
// Retry-After). ARGV: Retry-After ms, channel, channels that make a workspace 429. Reply: 1 when the
// workspace was paused, else 0. A paused bucket holds 1 token at the end of the pause: the first send
// after Retry-After goes at once (the platform said it may), the next ones at the bucket's rate.
const PENALIZE = `${NOW}
local untilTs = now + tonumber(ARGV[1])
local function pause(key)
  local v = redis.call('HMGET', key, 'tokens', 'ts')
  local tokens = tonumber(v[1]) local ts = tonumber(v[2]) or now
  if tokens == nil or tokens > 1 then tokens = 1 end
  if untilTs >= ts then ts = untilTs tokens = 1 end
  redis.call('HSET', key, 'tokens', tostring(tokens), 'ts', tostring(ts))
  redis.call('PEXPIRE', key, ts - now + 60000)
end
pause(KEYS[2])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
redis.call('ZADD', KEYS[3], untilTs, ARGV[2])
redis.call('PEXPIRE', KEYS[3], untilTs - now + 1000)
if redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[3]) then
  pause(KEYS[1])
  return 1
end
return 0`;

const clean = (part: string) => part.replace(/[{}]/g, '_');
const rateArgs = (rate: Rate | undefined): [string, string] => (rate && rate.perSecond > 0 ? [String(rate.perSecond), String(Math.max(1, rate.burst ?? 1))] : ['0', '1']);

export class RedisWorkspaceLimiter implements WorkspaceLimiter {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  /** The keys of one workspace's buckets: one hash tag, so one Cluster slot. */
  keys(workspace: string, channel: string): { workspace: string; channel: string; recent429: string } {
    const base = `${this.prefix}:nudge-rate:{${clean(workspace)}}`;
    return { workspace: `${base}:ws`, channel: `${base}:ch:${clean(channel)}`, recent429: `${base}:429` };
  }

  async reserve(request: SlotRequest): Promise<Reservation> {
    const keys = this.keys(request.workspace, request.channel);
    const reply = (await this.redis.eval(
      RESERVE, 2, keys.workspace, keys.channel,
      ...rateArgs(request.channelRate), ...rateArgs(request.workspaceRate), String(Math.floor(Math.max(0, request.maxWaitMs))),
    )) as [number, number, number?];
    const granted = Number(reply[0]) === 1;
    return { granted, waitMs: Math.max(0, Number(reply[1])), ...(granted ? { at: Number(reply[2]) } : {}) };
  }

  async penalize(workspace: string, channel: string, retryAfterMs: number): Promise<PenaltyScope> {
    const keys = this.keys(workspace, channel);
    const reply = await this.redis.eval(
      PENALIZE, 3, keys.workspace, keys.channel, keys.recent429,
      String(Math.max(0, Math.ceil(retryAfterMs))), clean(channel), String(WORKSPACE_429_CHANNELS),
    );
    return Number(reply) === 1 ? 'workspace' : 'channel';
  }
}

interface Bucket {
  tokens: number;
  ts: number;
}

/** In-process buckets with the same semantics (console simulation, unit tests). */
export class MemoryWorkspaceLimiter implements WorkspaceLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly recent429 = new Map<string, Map<string, number>>();

  constructor(private readonly now: () => number = Date.now) {}

  private load(key: string, rate: Rate, now: number): Bucket & { ready: number } {
    const burst = Math.max(1, rate.burst ?? 1);
    const b = this.buckets.get(key) ?? { tokens: burst, ts: now };
    let { tokens, ts } = b;
    if (now > ts) {
      tokens = Math.min(burst, tokens + ((now - ts) * rate.perSecond) / 1000);
      ts = now;
    }
    const ready = tokens < 1 ? ts + Math.ceil(((1 - tokens) * 1000) / rate.perSecond) : ts;
    return { tokens, ts, ready };
  }

  async reserve(request: SlotRequest): Promise<Reservation> {
    const now = this.now();
    const parts: Array<{ key: string; rate: Rate; state: Bucket & { ready: number } }> = [];
    if (request.workspaceRate && request.workspaceRate.perSecond > 0) parts.push({ key: `${request.workspace}|ws`, rate: request.workspaceRate, state: this.load(`${request.workspace}|ws`, request.workspaceRate, now) });
    if (request.channelRate && request.channelRate.perSecond > 0) parts.push({ key: `${request.workspace}|ch|${request.channel}`, rate: request.channelRate, state: this.load(`${request.workspace}|ch|${request.channel}`, request.channelRate, now) });
    const wsReady = parts.find((p) => p.key.endsWith('|ws'))?.state.ready ?? now;
    const chReady = parts.find((p) => !p.key.endsWith('|ws'))?.state.ready ?? now;
    if (chReady > wsReady) return { granted: false, waitMs: chReady - now };
    const at = wsReady;
    if (at - now > request.maxWaitMs) return { granted: false, waitMs: at - now };
    for (const { key, rate, state } of parts) {
      const burst = Math.max(1, rate.burst ?? 1);
      this.buckets.set(key, { tokens: Math.min(burst, state.tokens + ((at - state.ts) * rate.perSecond) / 1000) - 1, ts: at });
    }
    return { granted: true, waitMs: at - now, at };
  }

  async penalize(workspace: string, channel: string, retryAfterMs: number): Promise<PenaltyScope> {
    const now = this.now();
    const until = now + Math.max(0, Math.ceil(retryAfterMs));
    const pause = (key: string) => {
      const b = this.buckets.get(key);
      const ts = b?.ts ?? now;
      this.buckets.set(key, until >= ts ? { tokens: 1, ts: until } : { tokens: Math.min(b?.tokens ?? 1, 1), ts });
    };
    pause(`${workspace}|ch|${channel}`);
    const recent = this.recent429.get(workspace) ?? new Map<string, number>();
    for (const [ch, end] of recent) if (end <= now) recent.delete(ch);
    recent.set(channel, until);
    this.recent429.set(workspace, recent);
    if (recent.size < WORKSPACE_429_CHANNELS) return 'channel';
    pause(`${workspace}|ws`);
    return 'workspace';
  }
}
