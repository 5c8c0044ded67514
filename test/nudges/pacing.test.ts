// How long a workspace's morning batch takes under the production settings: the worker's per-workspace
// limiter (SLACK_POSTS_PER_SECOND, default 1, burst 1: src/app/nudgeRuntime.ts) on real Redis. 2,000
// reservations made at once for one workspace are spaced one second apart, so its 2,000 morning nudges go
// out over ≈ 33 minutes; another workspace has its own budget. README "Settings that matter" cites this.
import { describe, expect, it } from 'vitest';
import { nudgeWorkerSettings } from '../../src/app/nudgeRuntime';
import { loadEnv } from '../../src/config/env';
import { RedisWorkspaceLimiter } from '../../src/nudges/rateLimit';
import { useRedisNamespace } from '../helpers/redis';

const ns = useRedisNamespace('lypacing');

async function lastWaitMs(limiter: RedisWorkspaceLimiter, bucket: string, count: number, rate: { perSecond: number; burst?: number }): Promise<number> {
  let last = 0;
  for (let i = 0; i < count; i++) {
    const slot = await limiter.reserve(bucket, rate.perSecond, rate.burst ?? 1, Number.MAX_SAFE_INTEGER);
    expect(slot.granted).toBe(true);
    last = slot.waitMs;
  }
  return last;
}

describe('morning batch pacing (production limiter settings)', () => {
  it('sends a workspace 1 nudge per second by default: 2,000 agents take ≈ 33 minutes', async () => {
    const rate = nudgeWorkerSettings(loadEnv({})).rates?.slack;
    expect(rate).toEqual({ perSecond: 1, burst: 1 });
    const limiter = new RedisWorkspaceLimiter(await ns.connect(), ns.namespace);
    const started = Date.now();
    const last = await lastWaitMs(limiter, 'slack:T0BIG', 2000, rate!);
    // The 2,000th waits 1,999 s from its reservation (less the time the reservations themselves took).
    expect(last).toBeGreaterThan(1_999_000 - (Date.now() - started) - 1000);
    expect(last).toBeLessThanOrEqual(1_999_000);
    // Another workspace is not slowed by it.
    expect((await limiter.reserve('slack:T0OTHER', 1, 1, 0)).waitMs).toBe(0);
  });

  it('SLACK_POSTS_PER_SECOND=10 makes the same batch ≈ 200 s', async () => {
    const rate = nudgeWorkerSettings(loadEnv({ SLACK_POSTS_PER_SECOND: '10' })).rates?.slack;
    const limiter = new RedisWorkspaceLimiter(await ns.connect(), ns.namespace);
    const started = Date.now();
    const last = await lastWaitMs(limiter, 'slack:T0FAST', 2000, rate!);
    expect(last).toBeGreaterThan(199_900 - (Date.now() - started) - 1000);
    expect(last).toBeLessThanOrEqual(199_900);
  });
});
