// Redis slow: the server is frozen with SIGSTOP for 2 s (a stalled host, a long fork, a full disk on
// fsync) while requests arrive. The request path's command timeout makes each of them answer within
// Slack's 3-second ack budget with the friendly "try again"; after SIGCONT the bot answers normally
// again without a restart. Also Redis "full": with maxmemory reached under noeviction, writes are refused
// with the same friendly reply and reads keep working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { startupFixture } from '../../src/app/data';
import { createEngine, type LingyanEngine } from '../../src/core/lingyanEngine';
import type { Reply } from '../../src/core/reply';
import { localDateOf } from '../../src/domain/goals';
import { t } from '../../src/i18n';
import { createRedisConnection, waitUntilReady } from '../../src/store/connection';
import { RedisStore } from '../../src/store/redis';
import { ownRedis, type OwnedRedis } from './redisProcess';
import { testClock } from '../helpers/testClock';

const TENANT = 'T0SLOW';
let redis: OwnedRedis;
let connection: Redis;
let admin: Redis;
let store: RedisStore;
let engine: LingyanEngine;

beforeAll(async () => {
  redis = await ownRedis();
  connection = createRedisConnection(redis.url);
  admin = createRedisConnection(redis.url);
  await Promise.all([waitUntilReady(connection, 5000), waitUntilReady(admin, 5000)]);
  store = new RedisStore(connection, { namespace: 'lyslow' });
  await store.seed(TENANT, await startupFixture(undefined, testClock(), 'Asia/Shanghai'));
  engine = createEngine({ store });
});
afterAll(async () => {
  redis.resume();
  await store.close().catch(() => undefined);
  admin.disconnect();
  await redis.dispose();
});

function say(user: string, text: string, locale = 'zh-CN'): Promise<Reply> {
  return engine.handle({
    tenant: TENANT,
    user: { platform: 'slack', id: user },
    text,
    now: testClock(),
    locale,
    channel: { kind: 'slack', shared: false, conversationId: 'D0SLOW' },
  });
}

async function callsToday(agent: string): Promise<number> {
  const today = localDateOf(testClock(), 'Asia/Shanghai');
  const days = await store.getActivity(TENANT, agent, today.slice(0, 7) as `${number}-${number}`);
  return days.find((d) => d.date === today)?.calls ?? 0;
}

async function timed(fn: () => Promise<Reply>): Promise<{ reply: Reply; ms: number }> {
  const started = performance.now();
  const reply = await fn();
  return { reply, ms: performance.now() - started };
}

describe('Redis frozen (SIGSTOP) for 2 s', () => {
  it('fails fast with the friendly reply in both locales, then recovers', async () => {
    expect((await say('U0DEMO0001', '今天要打多少个电话')).error).toBeUndefined();
    redis.pause();
    const frozenAt = performance.now();
    let results: Array<{ reply: Reply; ms: number }>;
    try {
      results = await Promise.all([
        timed(() => say('U0DEMO0001', '今天要打多少个电话')),
        timed(() => say('U0DEMO0002', 'how many calls do I need today', 'en')),
        timed(() => say('U0DEMO0003', '我的进度怎么样')),
      ]);
      const left = 2000 - (performance.now() - frozenAt);
      if (left > 0) await new Promise((r) => setTimeout(r, left));
    } finally {
      redis.resume();
    }
    for (const { reply, ms } of results) {
      expect(reply.error?.kind).toBe('upstream');
      expect(ms).toBeLessThan(2500); // inside Slack's 3 s ack budget, with room for the ack itself
    }
    expect(results[0].reply.text).toBe(t('zh-CN', 'error.upstream.redis'));
    expect(results[1].reply.text).toBe(t('en', 'error.upstream.redis'));

    const deadline = Date.now() + 5000;
    let after = await say('U0DEMO0001', '今天要打多少个电话');
    while (after.error && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      after = await say('U0DEMO0001', '今天要打多少个电话');
    }
    expect(after.error).toBeUndefined();
    expect(after.intent).toBe('calls_today');
  }, 20_000);

  it('a write arriving while Redis is frozen is refused and not applied after the server resumes', async () => {
    const before = await callsToday('a4');
    redis.pause();
    let refused: Reply;
    try {
      refused = (await timed(() => say('U0DEMO0004', '今天又打了7个电话'))).reply;
    } finally {
      redis.resume();
    }
    expect(refused.error?.kind).toBe('upstream');
    expect(refused.text).toBe(t('zh-CN', 'error.upstream.redis')); // "…这次没有保存任何内容…"
    await new Promise((r) => setTimeout(r, 300));
    // The engine's first round trip (who is asking) timed out, so the write was never sent: the reply
    // "nothing was saved" holds, and the user's retry is the only copy.
    expect(await callsToday('a4')).toBe(before);
    expect((await say('U0DEMO0004', '今天又打了7个电话')).error).toBeUndefined();
    expect(await callsToday('a4')).toBe(before + 7);
  }, 15_000);
});

describe('Redis full (maxmemory reached, noeviction)', () => {
  it('refuses writes with the friendly reply, keeps answering reads, and stores nothing', async () => {
    const before = await callsToday('a5');
    const used = Number(/used_memory:(\d+)/.exec(await admin.info('memory'))?.[1] ?? 0);
    await admin.config('SET', 'maxmemory', String(Math.max(used - 1024 * 1024, 1024 * 1024)));
    try {
      const write = await say('U0DEMO0005', '今天又打了11个电话');
      expect(write.error?.kind).toBe('upstream');
      expect(write.text).toBe(t('zh-CN', 'error.upstream.redis'));
      const read = await say('U0DEMO0005', '今天要打多少个电话');
      expect(read.error).toBeUndefined();
      expect(read.intent).toBe('calls_today');
    } finally {
      await admin.config('SET', 'maxmemory', '0');
    }
    expect(await callsToday('a5')).toBe(before);
    expect((await say('U0DEMO0005', '今天又打了11个电话')).error).toBeUndefined();
    expect(await callsToday('a5')).toBe(before + 11);
  }, 15_000);
});
