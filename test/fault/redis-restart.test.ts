// Redis restarted in the middle of traffic. A stream of engine requests (reads and log_activity writes for
// several agents) runs while Redis is stopped and started again on the same port with its AOF. During
// the outage every request answers at once with the friendly localized "try again" (error.kind
// 'upstream'), never an internal error; afterwards the bot recovers by itself, every write it confirmed
// is still there, no write it refused was stored, and retrying the refused writes stores each exactly once.
// Writes carry their message id (as every channel sends them), so a write cut by the outage is checked
// against its receipt before the reply says whether it was saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startupFixture } from '../../src/app/data';
import { createEngine, type LingyanEngine } from '../../src/core/lingyanEngine';
import { OUTCOME_RECHECK_MS } from '../../src/core/writeOutcome';
import type { Reply } from '../../src/core/reply';
import { localDateOf } from '../../src/domain/goals';
import { t } from '../../src/i18n';
import { createRedisConnection, waitUntilReady } from '../../src/store/connection';
import { RedisStore } from '../../src/store/redis';
import { ownRedis, type OwnedRedis } from './redisProcess';
import { testClock } from '../helpers/testClock';

const TENANT = 'T0FAULT';
const WRITERS = ['U0DEMO0002', 'U0DEMO0003', 'U0DEMO0004']; // a2, a3, a4
const AGENT_OF: Record<string, string> = { U0DEMO0002: 'a2', U0DEMO0003: 'a3', U0DEMO0004: 'a4' };
let redis: OwnedRedis;
let store: RedisStore;
let engine: LingyanEngine;

beforeAll(async () => {
  redis = await ownRedis();
  const connection = createRedisConnection(redis.url);
  await waitUntilReady(connection, 5000);
  store = new RedisStore(connection, { namespace: 'lyfault' });
  await store.seed(TENANT, await startupFixture(undefined, testClock(), 'Asia/Shanghai'));
  engine = createEngine({ store });
});
afterAll(async () => {
  await store.close().catch(() => undefined);
  await redis.dispose();
});

let messageSeq = 0;

/** A DM as the Slack channel hands it over: with the message's own id, which activity writes carry. */
function say(user: string, text: string): Promise<Reply> {
  return engine.handle({
    tenant: TENANT,
    user: { platform: 'slack', id: user },
    text,
    now: testClock(),
    locale: 'zh-CN',
    messageId: `D0FAULT:${process.pid}.${++messageSeq}`,
    channel: { kind: 'slack', shared: false, conversationId: 'D0FAULT' },
  });
}

async function callsToday(agent: string): Promise<number> {
  const today = localDateOf(testClock(), 'Asia/Shanghai');
  const days = await store.getActivity(TENANT, agent, today.slice(0, 7) as `${number}-${number}`);
  return days.find((d) => d.date === today)?.calls ?? 0;
}

interface Outcome {
  user: string;
  kind: 'read' | 'write';
  calls: number;
  ok: boolean;
  error?: string;
  text: string;
  ms: number;
}

describe('Redis restarted mid-traffic', () => {
  it('answers "try again" during the outage, recovers, loses nothing and applies no write twice', async () => {
    const baseline = Object.fromEntries(await Promise.all(Object.values(AGENT_OF).map(async (a) => [a, await callsToday(a)] as const)));
    const outcomes: Outcome[] = [];
    let stop = false;
    let n = 0;
    const traffic = (async () => {
      while (!stop) {
        n++;
        const user = WRITERS[n % WRITERS.length];
        const write = n % 2 === 0;
        const calls = (n % 7) + 1;
        const started = performance.now();
        const reply = await say(user, write ? `今天又打了${calls}个电话` : '今天要打多少个电话');
        outcomes.push({
          user,
          kind: write ? 'write' : 'read',
          calls,
          ok: !reply.error,
          ...(reply.error ? { error: reply.error.kind } : {}),
          text: reply.text,
          ms: performance.now() - started,
        });
        await new Promise((r) => setTimeout(r, 15));
      }
    })();

    await new Promise((r) => setTimeout(r, 600)); // healthy traffic
    const okBefore = outcomes.filter((o) => o.ok).length;
    await redis.stop(); // SIGTERM: AOF flushed, connections dropped
    const atStop = outcomes.length;
    await new Promise((r) => setTimeout(r, 1500)); // outage
    // A write cut in flight waits for its receipt (up to 6 s, writeOutcome.ts), holding the one traffic loop:
    // the outage lasts until at least one request has been answered during it (at most 8 s more), so the
    // outage is seen on a loaded machine too.
    for (const until = Date.now() + 8000; outcomes.length === atStop && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
    const duringOutage = outcomes.length;
    await redis.start(); // same port, same AOF
    // The request path reconnects in the background (backoff ≤ 2 s): wait for answers to come back.
    const deadline = Date.now() + 8000;
    while (Date.now() < deadline && !outcomes.slice(duringOutage).some((o) => o.ok)) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500)); // healthy traffic again
    stop = true;
    await traffic;

    expect(okBefore).toBeGreaterThan(5);
    const failed = outcomes.filter((o) => !o.ok);
    expect(failed.length).toBeGreaterThan(0); // the outage was seen
    // Every failure is the friendly, localized upstream reply — no internal error, no stack trace. A
    // write says "nothing was saved" only once the store has answered that its receipt is not there; the
    // outage is shorter than the recheck window, so no reply has to say "cannot tell yet".
    for (const o of failed) {
      expect(o.error).toBe('upstream');
      expect(o.text).toBe(t('zh-CN', 'error.upstream.redis'));
    }
    // Reads fail fast (nowhere near Slack's 3-second budget; answers go out after the ack anyway); a write
    // whose outcome was unknown waited at most the recheck window for Redis to come back.
    expect(Math.max(...outcomes.filter((o) => o.kind === 'read').map((o) => o.ms))).toBeLessThan(2500);
    expect(Math.max(...outcomes.filter((o) => o.kind === 'write').map((o) => o.ms))).toBeLessThan(OUTCOME_RECHECK_MS + 2500);
    // Recovered by itself.
    expect(outcomes.slice(-5).every((o) => o.ok)).toBe(true);

    // Nothing lost, nothing refused was stored: stored = baseline + confirmed writes, per agent.
    for (const [user, agent] of Object.entries(AGENT_OF)) {
      const confirmed = outcomes.filter((o) => o.user === user && o.kind === 'write' && o.ok).reduce((sum, o) => sum + o.calls, 0);
      expect(await callsToday(agent), `${agent}`).toBe(baseline[agent] + confirmed);
    }

    // Retrying each refused write once stores it exactly once.
    const refusedWrites = failed.filter((o) => o.kind === 'write');
    for (const o of refusedWrites) {
      const retry = await say(o.user, `今天又打了${o.calls}个电话`);
      expect(retry.error).toBeUndefined();
    }
    for (const [user, agent] of Object.entries(AGENT_OF)) {
      const all = outcomes.filter((o) => o.user === user && o.kind === 'write').reduce((sum, o) => sum + o.calls, 0);
      expect(await callsToday(agent), `${agent} after retries`).toBe(baseline[agent] + all);
    }
  }, 25_000);

  it('data written before the restart survives it (AOF), and reads answer normally afterwards', async () => {
    const before = await callsToday('a5');
    const logged = await say('U0DEMO0005', '今天又打了9个电话');
    expect(logged.error).toBeUndefined();
    await redis.stop();
    const during = await say('U0DEMO0005', '今天要打多少个电话');
    expect(during.error?.kind).toBe('upstream');
    await redis.start();
    const deadline = Date.now() + 8000;
    let after = await say('U0DEMO0005', '今天要打多少个电话');
    while (after.error && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      after = await say('U0DEMO0005', '今天要打多少个电话');
    }
    expect(after.error).toBeUndefined();
    expect(after.intent).toBe('calls_today');
    expect(await callsToday('a5')).toBe(before + 9);
  }, 20_000);
});
