// How long a workspace's morning batch takes under the production settings: the worker's limiter
// (src/app/nudgeRuntime.ts: SLACK_POSTS_PER_SECOND per DM, default 1, and SLACK_WORKSPACE_POSTS_PER_SECOND
// over the workspace, default 20, both burst 1) on real Redis. The morning batch is one DM per person, so
// the per-DM bucket never makes anyone wait and the workspace cap sets the pace: 2,000 reservations made at
// once are spaced 1,000 / 20 = 50 ms apart, the last 1,999 × 50 ms = 99.95 s after the first (≈ 1 min 40 s);
// at 50/s, 1,999 × 20 ms = 39.98 s. Two nudges to one DM stay 1 s apart whatever the workspace cap. Teams
// (7/s per conversation, 45/s per tenant, burst 5): 5 at once, then 1,995 × 1,000 / 45 ms ≈ 44.3 s. Another
// workspace has its own budget. README "Settings that matter" cites this; bench:nudges measures the batch
// end to end (docs/operations.md).
import { describe, expect, it } from 'vitest';
import { nudgeWorkerSettings } from '../../src/app/nudgeRuntime';
import { loadEnv } from '../../src/config/env';
import type { RateSpec } from '../../src/nudges/delivery';
import { RedisWorkspaceLimiter } from '../../src/nudges/rateLimit';
import { useRedisNamespace } from '../helpers/redis';

const ns = useRedisNamespace('lypacing');

/** Reserves one slot per person of a batch as the delivery job does; returns the slots' instants (ms). */
async function batch(limiter: RedisWorkspaceLimiter, workspace: string, people: string[], rate: RateSpec): Promise<number[]> {
  const slots: number[] = [];
  for (const person of people) {
    const slot = await limiter.reserve({
      workspace, channel: person, channelRate: { perSecond: rate.perSecond, burst: rate.burst ?? 1 },
      ...(rate.workspace ? { workspaceRate: rate.workspace } : {}), maxWaitMs: Number.MAX_SAFE_INTEGER,
    });
    expect(slot.granted).toBe(true);
    slots.push(slot.at!);
  }
  return slots;
}

const people = (n: number) => Array.from({ length: n }, (_, i) => `U${i}`);

describe('morning batch pacing (production limiter settings)', () => {
  it('defaults: 1 post/s per DM, 20/s per workspace; 2,000 agents’ nudges are spread over 99.95 s', async () => {
    const rate = nudgeWorkerSettings(loadEnv({})).rates?.slack;
    expect(rate).toEqual({ perSecond: 1, burst: 1, workspace: { perSecond: 20, burst: 1 } });
    const limiter = new RedisWorkspaceLimiter(await ns.connect(), ns.namespace);
    const slots = await batch(limiter, 'slack:T0BIG', people(2000), rate!);
    expect(slots[1999] - slots[0]).toBe(99_950); // 1,999 gaps of 50 ms
    // Another workspace is not slowed by it.
    expect((await limiter.reserve({ workspace: 'slack:T0OTHER', channel: 'U0', channelRate: { perSecond: 1 }, workspaceRate: rate!.workspace, maxWaitMs: 0 })).waitMs).toBe(0);
  });

  it('two nudges to one DM stay 1 s apart (SLACK_POSTS_PER_SECOND=1), a workspace cap of 20/s notwithstanding', async () => {
    const rate = nudgeWorkerSettings(loadEnv({})).rates!.slack!;
    const limiter = new RedisWorkspaceLimiter(await ns.connect(), ns.namespace);
    const [first] = await batch(limiter, 'slack:T0DM', ['U1'], rate);
    const busy = await limiter.reserve({ workspace: 'slack:T0DM', channel: 'U1', channelRate: { perSecond: 1, burst: 1 }, workspaceRate: rate.workspace, maxWaitMs: 60_000 });
    expect(busy.granted).toBe(false); // the job waits that long and asks again (or is re-delayed)
    await new Promise((r) => setTimeout(r, busy.waitMs));
    const [second] = await batch(limiter, 'slack:T0DM', ['U1'], rate);
    expect(second - first).toBeGreaterThanOrEqual(1000);
    expect(second - first).toBeLessThan(1100);
  });

  it('Teams: 7/s per conversation, 45/s per tenant; 2,000 conversations take ≈ 44.3 s', async () => {
    const rate = nudgeWorkerSettings(loadEnv({})).rates!.teams!;
    expect(rate).toEqual({ perSecond: 7, burst: 7, workspace: { perSecond: 45, burst: 5 } });
    const limiter = new RedisWorkspaceLimiter(await ns.connect(), ns.namespace);
    const slots = await batch(limiter, 'teams:tenant-1', people(2000), rate);
    // The tenant's burst of 5 goes at once; the other 1,995 follow 1,000 / 45 = 22.2 ms apart:
    // 1,995 × 22.22 = 44,333 ms (slots fall on whole ms; the fraction carries over in the bucket).
    expect(slots[4] - slots[0]).toBeLessThan(20); // at once: only the ms the 5 calls themselves took
    expect(slots[1999] - slots[0]).toBeGreaterThanOrEqual(44_320);
    expect(slots[1999] - slots[0]).toBeLessThanOrEqual(44_345);
  });

  it('SLACK_WORKSPACE_POSTS_PER_SECOND=50 makes the same batch 39.98 s', async () => {
    const rate = nudgeWorkerSettings(loadEnv({ SLACK_WORKSPACE_POSTS_PER_SECOND: '50' })).rates!.slack!;
    const limiter = new RedisWorkspaceLimiter(await ns.connect(), ns.namespace);
    const slots = await batch(limiter, 'slack:T0FAST', people(2000), rate);
    expect(slots[1999] - slots[0]).toBe(39_980); // 1,999 gaps of 20 ms
  });
});
