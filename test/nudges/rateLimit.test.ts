// The nudge send limiter (src/nudges/rateLimit.ts) on real Redis: one bucket per channel (Slack DM ~1/s),
// a workspace-wide cap, both reserved in one script; a 429 pauses its channel for Retry-After, and the
// workspace only when a second channel is limited within that time; two replicas (two connections) share
// the buckets; every key of one reservation is in one Cluster slot. Then through real BullMQ workers: a
// 429 on one person's DM does not hold up the rest of the workspace, 429s on two DMs pause it, and two
// nudges due at once to one DM go out 1 s apart.
import type { DeliveryResult } from '../../src/channels/channel';
import type { AgentProfile } from '../../src/domain/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScheduleInputs, plannedForDate, PREFS_KIND } from '../../src/nudges/planning';
import { MemoryWorkspaceLimiter, RedisWorkspaceLimiter, type SlotRequest } from '../../src/nudges/rateLimit';
import type { RedisStore } from '../../src/store/redis';
import { memoryPino, type LogRecord } from '../helpers/memoryLogger';
import { useRedisNamespace } from '../helpers/redis';
import { agent, fixture } from './helpers';
import { CountingChannel, waitFor, worker } from './support';

const ns = useRedisNamespace('lyratelimit');
let limiter: RedisWorkspaceLimiter;
let ws = 0;
const workspace = () => `slack:T${++ws}`;

/** Reserves and returns the instant of the granted slot (Redis server clock, ms). */
async function slotAt(l: RedisWorkspaceLimiter | MemoryWorkspaceLimiter, request: SlotRequest): Promise<number> {
  const slot = await l.reserve(request);
  expect(slot.granted).toBe(true);
  return slot.at!;
}

beforeAll(async () => {
  limiter = new RedisWorkspaceLimiter(await ns.connect(), ns.namespace);
});

const SLACK = { channelRate: { perSecond: 1, burst: 1 }, workspaceRate: { perSecond: 20, burst: 1 }, maxWaitMs: 60_000 };

describe('per-channel pacing', () => {
  it('one channel gets a slot a second; other channels of the workspace are not held up by it', async () => {
    const w = workspace();
    const first = await slotAt(limiter, { ...SLACK, workspace: w, channel: 'UA' });
    // 1 post/s, burst 1: the DM is busy for 1,000 ms. Nothing is reserved for it meanwhile; the answer says
    // when to ask again (the delivery job waits that long, or is re-delayed).
    const busy = await limiter.reserve({ ...SLACK, workspace: w, channel: 'UA' });
    expect(busy.granted).toBe(false);
    expect(busy.waitMs).toBeGreaterThan(900);
    expect(busy.waitMs).toBeLessThanOrEqual(1000);
    // Other DMs of the workspace meanwhile take the workspace's next 50 ms slots (20/s), not UA's second.
    const others = [];
    for (const channel of ['UB', 'UC', 'UD']) others.push(await slotAt(limiter, { ...SLACK, workspace: w, channel }));
    expect(others.map((at) => at - first)).toEqual([50, 100, 150]);
    await new Promise((r) => setTimeout(r, busy.waitMs));
    const second = await slotAt(limiter, { ...SLACK, workspace: w, channel: 'UA' });
    expect(second - first).toBeGreaterThanOrEqual(1000);
  });

  it('a send pushed back by the workspace cap moves the channel’s next slot with it (never two posts < 1 s apart)', async () => {
    const w = workspace();
    const rates = { channelRate: { perSecond: 1, burst: 1 }, workspaceRate: { perSecond: 5, burst: 1 }, maxWaitMs: 60_000 };
    // Workspace at 5/s: four other DMs take the slots at 0, 200, 400, 600 ms ...
    const slots = [];
    for (const channel of ['UB', 'UC', 'UD', 'UE']) slots.push(await slotAt(limiter, { ...rates, workspace: w, channel }));
    // ... so UA's first post is at 800 ms; its DM is then busy until 800 + 1,000 = 1,800 ms, not 1,000 ms
    // (where a channel bucket that had not followed the delay would put it).
    expect((await slotAt(limiter, { ...rates, workspace: w, channel: 'UA' })) - slots[0]).toBe(800);
    const busy = await limiter.reserve({ ...rates, workspace: w, channel: 'UA' });
    expect(busy.granted).toBe(false);
    expect(busy.waitMs).toBeGreaterThan(1700); // 1,800 less the few ms since the first slot
  });

  it('a slot beyond maxWaitMs is refused and reserves nothing', async () => {
    const w = workspace();
    const rates = { workspaceRate: { perSecond: 1, burst: 1 }, maxWaitMs: 60_000 };
    const first = await slotAt(limiter, { ...rates, workspace: w, channel: 'UA' });
    const refused = await limiter.reserve({ ...rates, workspace: w, channel: 'UB', maxWaitMs: 500 });
    expect(refused.granted).toBe(false);
    expect(refused.waitMs).toBeGreaterThan(900);
    // Nothing was taken: the next slot is still 1 s after the first, not 2 s.
    expect((await slotAt(limiter, { ...rates, workspace: w, channel: 'UC' })) - first).toBe(1000);
  });
});

describe('workspace cap', () => {
  it('2,000 DMs of one workspace at the default 20/s: the last slot is 99.95 s after the first', async () => {
    const w = workspace();
    const slots: number[] = [];
    for (let i = 0; i < 2000; i++) slots.push(await slotAt(limiter, { ...SLACK, workspace: w, channel: `U${i}`, maxWaitMs: Number.MAX_SAFE_INTEGER }));
    // Burst 1, 20/s: slot i is at i × 50 ms, so the 2,000th at 1,999 × 50 = 99,950 ms after the first
    // (the reservations themselves take a few seconds, well inside that schedule).
    expect(slots[1999] - slots[0]).toBe(99_950);
    expect(slots.every((at, i) => i === 0 || at - slots[i - 1] === 50)).toBe(true);
    // Another workspace has its own cap.
    expect((await limiter.reserve({ ...SLACK, workspace: workspace(), channel: 'U0' })).waitMs).toBe(0);
  });

  it('no workspace rate: channels are limited one by one only', async () => {
    const w = workspace();
    for (let i = 0; i < 50; i++) expect((await limiter.reserve({ channelRate: { perSecond: 1 }, workspace: w, channel: `U${i}`, maxWaitMs: 0 })).granted).toBe(true);
  });
});

describe('Retry-After', () => {
  it('a 429 pauses that channel for Retry-After; the rest of the workspace goes on', async () => {
    const w = workspace();
    await slotAt(limiter, { ...SLACK, workspace: w, channel: 'UA' });
    expect(await limiter.penalize(w, 'UA', 3000)).toBe('channel');
    const a = await limiter.reserve({ ...SLACK, workspace: w, channel: 'UA' });
    expect(a.waitMs).toBeGreaterThanOrEqual(2900); // 3,000 less the ms between the two calls
    expect(a.waitMs).toBeLessThanOrEqual(3000);
    const b = await limiter.reserve({ ...SLACK, workspace: w, channel: 'UB' });
    expect(b.waitMs).toBeLessThanOrEqual(50);
  });

  it('429s on two channels within the Retry-After pause the whole workspace', async () => {
    const w = workspace();
    expect(await limiter.penalize(w, 'UA', 2000)).toBe('channel');
    expect(await limiter.penalize(w, 'UB', 2000)).toBe('workspace');
    const c = await limiter.reserve({ ...SLACK, workspace: w, channel: 'UC' });
    expect(c.waitMs).toBeGreaterThanOrEqual(1900);
    expect(c.waitMs).toBeLessThanOrEqual(2000);
    // After the pause the workspace sends again at its rate: one at the end, the next 50 ms later.
    const d = await limiter.reserve({ ...SLACK, workspace: w, channel: 'UD' });
    expect(d.at! - c.at!).toBe(50);
  });

  it('a 429 whose Retry-After has run out does not count towards a workspace pause', async () => {
    const w = workspace();
    expect(await limiter.penalize(w, 'UA', 100)).toBe('channel');
    await new Promise((r) => setTimeout(r, 200));
    expect(await limiter.penalize(w, 'UB', 1000)).toBe('channel');
    // The same channel limited twice is still one channel.
    expect(await limiter.penalize(w, 'UB', 1000)).toBe('channel');
    expect((await limiter.reserve({ ...SLACK, workspace: w, channel: 'UC' })).waitMs).toBe(0);
  });
});

describe('two replicas share the buckets', () => {
  it('reservations from two connections interleave into one schedule per workspace and per channel', async () => {
    const other = new RedisWorkspaceLimiter(await ns.connect(), ns.namespace);
    const w = workspace();
    // 40 DMs, reserved 20 by each replica at the same time: 40 distinct slots 50 ms apart (20/s).
    const slots = await Promise.all(Array.from({ length: 40 }, (_, i) => slotAt(i % 2 ? other : limiter, { ...SLACK, workspace: w, channel: `U${i}` })));
    slots.sort((x, y) => x - y);
    // Requests arriving later than the schedule start a new 50 ms grid from their arrival: never closer.
    for (let i = 1; i < slots.length; i++) expect(slots[i] - slots[i - 1]).toBeGreaterThanOrEqual(50);
    // One DM asked for by both replicas at once: one of them gets it, the other is told to wait ≈ 1 s.
    const w2 = workspace();
    const same = await Promise.all([limiter, other].map((l) => l.reserve({ ...SLACK, workspace: w2, channel: 'UA' })));
    expect(same.filter((slot) => slot.granted)).toHaveLength(1);
    expect(same.find((slot) => !slot.granted)!.waitMs).toBeGreaterThan(900);
    // A penalty written through one replica is seen by the other.
    const w3 = workspace();
    await other.penalize(w3, 'UA', 1500);
    expect((await limiter.reserve({ ...SLACK, workspace: w3, channel: 'UA' })).waitMs).toBeGreaterThanOrEqual(1400);
  });
});

/** Redis Cluster's key slot: CRC16-XMODEM of the first non-empty {…} hash tag (or the whole key), mod 16384. */
function keySlot(key: string): number {
  const open = key.indexOf('{');
  let hashed = key;
  if (open >= 0) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) hashed = key.slice(open + 1, close);
  }
  let crc = 0;
  for (const byte of Buffer.from(hashed)) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc % 16384;
}

describe('Cluster slots', () => {
  it('every key of one reservation or penalty is in one slot, with a plain prefix and with a hash-tagged one', () => {
    expect(keySlot('123456789')).toBe(0x31c3 % 16384); // the CRC16 check value Redis documents
    for (const prefix of ['ly-bull', '{ly-bull}']) {
      const keys = new RedisWorkspaceLimiter(null as never, prefix).keys('slack:T0{odd}', 'U{0}');
      const slots = new Set([keys.workspace, keys.channel, keys.recent429].map(keySlot));
      expect(slots.size).toBe(1);
    }
    // With a plain prefix, workspaces spread over slots (they are tagged by workspace).
    const plain = new RedisWorkspaceLimiter(null as never, 'ly-bull');
    expect(keySlot(plain.keys('slack:T1', 'U').workspace)).not.toBe(keySlot(plain.keys('slack:T2', 'U').workspace));
  });
});

describe('the in-memory limiter has the same semantics', () => {
  it('channel pacing, workspace cap, penalties', async () => {
    let now = 1_000_000;
    const memory = new MemoryWorkspaceLimiter(() => now);
    const w = 'slack:T';
    expect((await memory.reserve({ ...SLACK, workspace: w, channel: 'UA' })).waitMs).toBe(0);
    expect(await memory.reserve({ ...SLACK, workspace: w, channel: 'UA' })).toEqual({ granted: false, waitMs: 1000 });
    expect((await memory.reserve({ ...SLACK, workspace: w, channel: 'UB' })).waitMs).toBe(50); // the workspace's next slot
    now += 5000;
    expect(await memory.penalize(w, 'UA', 2000)).toBe('channel');
    expect((await memory.reserve({ ...SLACK, workspace: w, channel: 'UA' })).waitMs).toBe(2000);
    expect((await memory.reserve({ ...SLACK, workspace: w, channel: 'UC' })).waitMs).toBe(0);
    expect(await memory.penalize(w, 'UB', 1000)).toBe('workspace');
    expect((await memory.reserve({ ...SLACK, workspace: w, channel: 'UD' })).waitMs).toBe(1000);
  });
});

describe('through the delivery job (real BullMQ workers)', () => {
  const NOW = Date.parse('2026-09-29T01:00:30Z'); // 09:00:30 in Shanghai: the morning nudges are due
  const clock = () => NOW;
  let store: RedisStore;
  const started: Array<{ close(): Promise<void> }> = [];
  beforeAll(async () => {
    store = await ns.store();
  });
  afterAll(async () => {
    await Promise.all(started.map((w) => w.close().catch(() => undefined)));
  });

  async function tenant(name: string, extra: number): Promise<void> {
    const f = fixture();
    f.agents = f.agents.filter((a) => a.tz === 'Asia/Shanghai');
    f.teams = f.teams.filter((team) => team.id === 't1');
    f.history = f.history.filter((h) => f.agents.some((a) => a.id === h.agent));
    f.goals = f.goals.filter((g) => f.agents.some((a) => a.id === g.agent));
    for (let i = 0; i < extra; i++) f.agents.push(agent(`x${i}`, { slack: `UX${i}` }) as AgentProfile);
    await store.seed(name, f);
  }

  it('a 429 with Retry-After 3 s on one DM re-delays that nudge only; the other 22 go out meanwhile', async () => {
    await tenant('rl1', 20);
    const logs: LogRecord[] = [];
    const channel: CountingChannel = new CountingChannel((user, call): DeliveryResult => (user === 'UX0' && !channel.calls.slice(0, call - 1).some((c) => c.user === 'UX0') ? { status: 'rate_limited', retryAfterMs: 3000 } : { status: 'sent' }));
    const w = worker(ns.url, {
      store, prefix: ns.namespace, queueName: 'rl1', channels: { slack: channel }, logger: memoryPino(logs),
      rates: { slack: { perSecond: 1, burst: 1, workspace: { perSecond: 20, burst: 1 } } },
      scheduler: { now: clock }, delivery: { now: clock },
    });
    started.push(w);
    await w.scheduler.planDate('rl1', '2026-09-29');
    await waitFor(() => channel.total() >= 23, 20_000, '23 sends');
    const limited = channel.calls.filter((c) => c.user === 'UX0');
    expect(limited).toHaveLength(2);
    expect(limited[1].at - limited[0].at).toBeGreaterThanOrEqual(2990);
    // Everyone else was sent before UX0's retry: the workspace did not wait out UX0's Retry-After.
    const others = channel.calls.filter((c) => c.user !== 'UX0');
    expect(others).toHaveLength(22);
    expect(Math.max(...others.map((c) => c.at))).toBeLessThan(limited[1].at);
    expect([...channel.sends.values()].every((count) => count === 1)).toBe(true);
    const line = logs.find((l) => l.msg === 'nudges: rate limited, re-delayed');
    expect(line).toMatchObject({ scope: 'channel', retryAfterMs: 3000 });
    expect(await w.scheduler.queue.getJobCounts('failed')).toEqual({ failed: 0 });
  });

  it('two nudges due at once to one DM (daily nudge set to 18:00 and the month-end recap) go out ≥ 1 s apart, both once', async () => {
    await tenant('rl3', 5);
    await store.putDoc('rl3', PREFS_KIND, 'a1', { agent: 'a1', time: '18:00' });
    const at = Date.parse('2026-09-30T10:00:30Z'); // 18:00:30 in Shanghai on September's last working day
    const inputs = await loadScheduleInputs(store, 'rl3');
    expect(plannedForDate(inputs, '2026-09-30').filter((n) => n.user === 'a1').map((n) => [n.kind, n.at]).sort()).toEqual([['agent_morning', '2026-09-30T10:00:00.000Z'], ['month_end', '2026-09-30T10:00:00.000Z']]);
    const channel = new CountingChannel();
    const w = worker(ns.url, {
      store, prefix: ns.namespace, queueName: 'rl3', channels: { slack: channel },
      rates: { slack: { perSecond: 1, burst: 1, workspace: { perSecond: 20, burst: 1 } } },
      scheduler: { now: () => at }, delivery: { now: () => at },
    });
    started.push(w);
    await w.scheduler.planDate('rl3', '2026-09-30');
    await waitFor(() => channel.calls.filter((c) => c.user === 'UA1').length >= 2, 20_000, 'both nudges to UA1');
    const toA1 = channel.calls.filter((c) => c.user === 'UA1');
    expect(toA1.map((c) => c.kind).sort()).toEqual(['agent_morning', 'month_end']);
    expect(toA1[1].at - toA1[0].at).toBeGreaterThanOrEqual(990); // the DM's 1 s, waited for inside the job
    expect(channel.sends.get('UA1')).toBe(2);
    expect(await w.scheduler.queue.getJobCounts('failed')).toEqual({ failed: 0 });
  });

  it('429s on two DMs at once pause the workspace for the Retry-After; every nudge is still sent once', async () => {
    await tenant('rl2', 20);
    const logs: LogRecord[] = [];
    let firstLimitedAt = 0;
    const channel: CountingChannel = new CountingChannel((user): DeliveryResult => {
      if ((user === 'UX0' || user === 'UX1') && !channel.sends.has(user) && channel.calls.filter((c) => c.user === user).length === 1) {
        firstLimitedAt ||= Date.now();
        return { status: 'rate_limited', retryAfterMs: 2000 };
      }
      return { status: 'sent' };
    });
    const w = worker(ns.url, {
      store, prefix: ns.namespace, queueName: 'rl2', channels: { slack: channel }, logger: memoryPino(logs), concurrency: 1,
      rates: { slack: { perSecond: 1, burst: 1, workspace: { perSecond: 20, burst: 1 } } },
      scheduler: { now: clock }, delivery: { now: clock },
    });
    started.push(w);
    await w.scheduler.planDate('rl2', '2026-09-29');
    await waitFor(() => channel.total() >= 23, 20_000, '23 sends');
    const scopes = logs.filter((l) => l.msg === 'nudges: rate limited, re-delayed').map((l) => l.scope);
    expect(scopes).toEqual(['channel', 'workspace']);
    // After the second 429 nothing was sent to anyone for ≈ 2 s (one worker, one job at a time).
    const secondLimited = channel.calls.filter((c) => c.user === 'UX0' || c.user === 'UX1')[1].at;
    const next = channel.calls.find((c) => c.at > secondLimited);
    expect(next!.at - secondLimited).toBeGreaterThanOrEqual(1900);
    expect(firstLimitedAt).toBeGreaterThan(0);
    expect([...channel.sends.values()].every((count) => count === 1)).toBe(true);
  });
});
