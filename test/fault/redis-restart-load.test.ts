// Stored = confirmed under concurrent writes while Redis goes away (issue 25, item 7): 10 writers log one
// call each as fast as they can while Redis is shut down and restarted (AOF on), or frozen (SIGSTOP) long
// enough for in-flight commands to time out. Each write carries its message id, as the channels send
// them. Afterwards, for every run: the calls stored for the day equal the writes Lingyan confirmed, no
// reply said "nothing was saved" about a write that landed, and none had to say "cannot tell yet".
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startupFixture } from '../../src/app/data';
import { createEngine, type LingyanEngine } from '../../src/core/lingyanEngine';
import type { Reply } from '../../src/core/reply';
import { localDateOf } from '../../src/domain/goals';
import { createRedisConnection, waitUntilReady } from '../../src/store/connection';
import { RedisStore } from '../../src/store/redis';
import { testClock } from '../helpers/testClock';
import { ownRedis, type OwnedRedis } from './redisProcess';

const TENANT = 'T0LOAD';
// The demo's ten agents, one writer each, pausing 40 ms between logs: a person's day stays below the
// 150 calls that are never questioned (≤ 25 logs/s × a run of < 5 s), so every reply is a save, a refusal
// or (never, we check) "cannot tell" — on any date the date matrix picks, however fast the machine.
const USERS = ['U0DEMO0001', 'U0DEMO0002', 'U0DEMO0003', 'U0DEMO0004', 'U0DEMO0005', 'U0DEMO0006', 'U0DEMO0007', 'U0DEMO0008', 'U0DEMO0010', 'U0DEMO0011'];
const AGENTS = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'b1', 'b2'];
const WRITERS = USERS.length;
let redis: OwnedRedis;
let connection: Redis;
let store: RedisStore;
let engine: LingyanEngine;
let seq = 0;

beforeAll(async () => {
  redis = await ownRedis();
  connection = createRedisConnection(redis.url);
  await waitUntilReady(connection, 5000);
  store = new RedisStore(connection, { namespace: 'lyload' });
  await store.seed(TENANT, await startupFixture(undefined, testClock(), 'Asia/Shanghai'));
  engine = createEngine({ store });
});
afterAll(async () => {
  await store.close().catch(() => undefined);
  await redis.dispose();
});

const today = () => localDateOf(testClock(), 'Asia/Shanghai');

function log(user: string): Promise<Reply> {
  return engine.handle({
    tenant: TENANT,
    user: { platform: 'slack', id: user },
    text: '又打了1个电话',
    now: testClock(),
    locale: 'zh-CN',
    messageId: `D0LOAD:${process.pid}.${++seq}`,
    channel: { kind: 'slack', shared: false, conversationId: 'D0LOAD' },
  });
}

async function storedCalls(): Promise<number> {
  const date = today();
  let total = 0;
  for (const agent of AGENTS) total += (await store.getActivity(TENANT, agent, date.slice(0, 7))).find((d) => d.date === date)?.calls ?? 0;
  return total;
}

/** Resets today's calls to 0 for the six agents (a day under the plausibility check for every run). */
async function resetDay(): Promise<void> {
  for (const agent of AGENTS) await store.recordActivity(TENANT, agent, today(), { calls: 0 }, 'replace');
}

async function untilHealthy(): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      await store.ping();
      if (await store.ping()) return;
    } catch {
      // still reconnecting
    }
    if (Date.now() > deadline) throw new Error('Redis did not come back');
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Tally {
  confirmed: number;
  refused: number;
  unknown: number;
  other: number;
  /** The slowest reply: writes in flight when Redis went away wait for it (resent on reconnect) or recheck. */
  slowestMs: number;
}

async function runWith(outage: () => Promise<void>): Promise<Tally> {
  await untilHealthy();
  await resetDay();
  const tally: Tally = { confirmed: 0, refused: 0, unknown: 0, other: 0, slowestMs: 0 };
  let stop = false;
  const writers = Array.from({ length: WRITERS }, async (_, i) => {
    const user = USERS[i % USERS.length]!;
    while (!stop) {
      const started = performance.now();
      const reply = await log(user);
      tally.slowestMs = Math.max(tally.slowestMs, performance.now() - started);
      if (!reply.error && reply.intent === 'log_activity' && (reply.data as { saved?: boolean }).saved !== false) tally.confirmed++;
      else if (reply.error?.key === 'error.upstream.redis') tally.refused++;
      else if (reply.error?.key === 'error.upstream.write_unknown') tally.unknown++;
      else tally.other++;
      await new Promise((r) => setTimeout(r, 40));
    }
  });
  await new Promise((r) => setTimeout(r, 400)); // healthy traffic
  await outage();
  await untilHealthy();
  await new Promise((r) => setTimeout(r, 400)); // healthy again
  stop = true;
  await Promise.all(writers);
  return tally;
}

describe('stored = confirmed under concurrent writes while Redis goes away', () => {
  it.each([1, 2, 3])('Redis shut down and restarted mid-run (run %i)', async () => {
    const tally = await runWith(async () => {
      await redis.stop();
      await new Promise((r) => setTimeout(r, 800));
      await redis.start();
    });
    expect(tally.confirmed).toBeGreaterThan(50);
    // The outage was felt: replies were refused, or writes in flight waited for the restart (ioredis
    // resends them on reconnect; their receipts make the resend safe either way).
    expect(tally.refused > 0 || tally.slowestMs > 500).toBe(true);
    expect(tally.unknown).toBe(0);
    expect(tally.other).toBe(0);
    expect(await storedCalls()).toBe(tally.confirmed);
  }, 40_000);

  it('Redis frozen past the command timeout (in-flight writes time out, then land when it thaws)', async () => {
    const tally = await runWith(async () => {
      redis.pause();
      await new Promise((r) => setTimeout(r, 2_500)); // > the request path's 1.5 s command timeout
      redis.resume();
    });
    expect(tally.confirmed).toBeGreaterThan(50);
    expect(tally.slowestMs).toBeGreaterThan(1_500); // writes really waited for the thaw
    expect(tally.unknown).toBe(0);
    expect(tally.other).toBe(0);
    expect(await storedCalls()).toBe(tally.confirmed);
  }, 40_000);

  it.each([1, 2, 3])('the connection drops with writes sent but not answered (run %i)', async () => {
    // Redis frozen, writes pile up in its socket; the client's connection is cut; Redis thaws and runs
    // the writes it had received, its replies go nowhere. ioredis reconnects and may resend them. Without
    // receipts, these writes are either applied twice or reported "nothing saved" although they landed.
    const tally = await runWith(async () => {
      redis.pause();
      await new Promise((r) => setTimeout(r, 300));
      connection.disconnect(true);
      await new Promise((r) => setTimeout(r, 100));
      redis.resume();
    });
    expect(tally.confirmed).toBeGreaterThan(50);
    expect(tally.unknown).toBe(0);
    expect(tally.other).toBe(0);
    expect(await storedCalls()).toBe(tally.confirmed);
  }, 40_000);
});
