// What the topology tests (test/topology/*.test.ts) run on each real topology: Lingyan's processes
// started with the topology's environment (`--once`, the worker), and the failover run — writers logging
// activity through the engine and a nudge worker delivering while the primary is SIGKILLed.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { startupFixture } from '../../src/app/data';
import { createEngine } from '../../src/core/lingyanEngine';
import type { Reply } from '../../src/core/reply';
import { localDateOf } from '../../src/domain/goals';
import type { AgentProfile } from '../../src/domain/types';
import { expect } from 'vitest';
import { t } from '../../src/i18n';
import { startNudgeWorker } from '../../src/nudges/worker';
import { createRedisClient, replicasToAwait, type RedisClient, type RedisTopology } from '../../src/store/topology';
import type { RedisStore } from '../../src/store/redis';
import { agent as nudgeAgent, fixture as nudgeFixture } from '../nudges/helpers';
import { CountingChannel } from '../nudges/support';

const ROOT = path.resolve(import.meta.dirname, '../..');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `src/main.ts` with `args` and the topology's variables (and no other Redis variable). */
export async function runLingyan(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent', REDIS_URL: '', REDIS_SENTINELS: '', REDIS_SENTINEL_NAME: '', REDIS_CLUSTER_NODES: '', REDIS_PASSWORD: '', SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '', SLACK_CLIENT_ID: '', MicrosoftAppId: '', OPENAI_API_KEY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/**
 * Starts `src/main.ts --worker` with the topology's variables, waits until `consuming()` says its BullMQ
 * worker is attached to the queue (its logs are buffered, so they cannot tell), then sends SIGTERM and
 * returns how it went: whether it attached, the exit code, the log lines.
 */
export async function workerStartsAndStops(
  env: Record<string, string>,
  consuming: () => Promise<boolean>,
  timeoutMs = 40_000,
): Promise<{ started: boolean; code: number | null; log: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--worker'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', REDIS_URL: '', REDIS_SENTINELS: '', REDIS_SENTINEL_NAME: '', REDIS_CLUSTER_NODES: '', REDIS_PASSWORD: '', SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '', SLACK_CLIENT_ID: '', MicrosoftAppId: '', OPENAI_API_KEY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  let exitedEarly = false;
  const exited = (once(child, 'exit') as Promise<[number | null]>).finally(() => (exitedEarly = true));
  let started = false;
  const deadline = Date.now() + timeoutMs;
  while (!exitedEarly && Date.now() < deadline) {
    if (await consuming().catch(() => false)) {
      started = true;
      break;
    }
    await pause(200);
  }
  // The worker attaches to the queue a moment before the process installs its SIGTERM handler.
  if (started) await pause(1_500);
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const [code, signal] = (await exited) as unknown as [number | null, string | null];
  clearTimeout(killer);
  return { started, code, log: signal ? `${log}\n(ended by ${signal})` : log };
}

// ------------------------------------------------------------------------------------------------
// The failover run

/** Demo users (fixtures/demo-team.json) who log calls, and their agent ids. */
// One writer per person, each pausing a little between logs: a person's day stays under the "that many
// calls in one day?" check (480) however long the failover takes on a slow machine (~5 s → < 250 each).
const USERS = ['U0DEMO0001', 'U0DEMO0002', 'U0DEMO0003', 'U0DEMO0004', 'U0DEMO0005', 'U0DEMO0006', 'U0DEMO0007', 'U0DEMO0008'];
const AGENTS = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8'];
const WRITERS = 8;
const TZ = 'Asia/Shanghai';
/** 09:00:30 in Shanghai on a working Tuesday: the morning nudges of 2026-09-29 are due. */
const NUDGE_NOW = Date.parse('2026-09-29T01:00:30Z');
const NUDGE_DATE = '2026-09-29';

export interface FailoverSetup {
  topology: RedisTopology;
  store: RedisStore;
  /** Tenant whose people log activity (the demo team). */
  activityTenant: string;
  /** Tenant whose people get nudges (a small team plus extra agents). */
  nudgeTenant: string;
  /** BullMQ prefix (a hash tag on a Cluster). */
  prefix: string;
  /** Kills the primary serving the tenants and the queue (SIGKILL); resolves once another one took over. */
  failover(): Promise<void>;
}

export interface FailoverResult {
  confirmed: number;
  /** Writes answered "try again" (error.upstream.redis): refused during the window, or in flight when the
   * primary died and, by their receipt, not stored. */
  refused: number;
  unknown: number;
  other: string[];
  stored: number;
  /**
   * Questions ("今天要打多少个电话") asked every 150 ms from the SIGKILL until the tenant's data answers
   * again: what a person gets in the failover window, and how fast.
   */
  probes: Array<{ atMs: number; ms: number; outcome: string; text: string }>;
  /** How long the failover took, from SIGKILL to a promoted primary. */
  failoverMs: number;
  /** From SIGKILL until, after the failover, the tenant's data answered again (same client, no restart). */
  recoveredAfterMs: number;
  /**
   * The slowest write reply started after that: the new primary has no replica (the old one is dead), so
   * writes must not stall waiting for one (replication.ts: one WAIT times out, then writes stop waiting).
   */
  slowestWriteAfterRecoveryMs: number;
  nudgesPlanned: number;
  /** Sends per person (each person has exactly one nudge that day). */
  nudgeSends: Map<string, number>;
  /** Sends that happened before the kill, and in the worst case during it. */
  nudgesSentBeforeKill: number;
  /** A write after everything, on the same store: it must work without a restart. */
  writeAfter: boolean;
  workerReady: boolean;
}

export async function failoverRun(setup: FailoverSetup): Promise<FailoverResult> {
  const { store, activityTenant, nudgeTenant, topology, prefix } = setup;
  const now = new Date();
  await store.seed(activityTenant, await startupFixture(undefined, now, TZ));
  const engine = createEngine({ store });
  const today = localDateOf(now, TZ);
  for (const a of AGENTS) await store.recordActivity(activityTenant, a, today, { calls: 0 }, 'replace');

  // The nudge tenant: the Shanghai team of the nudges tests plus 40 agents, all reachable on Slack.
  const f = nudgeFixture();
  f.agents = f.agents.filter((a) => a.tz === TZ);
  f.teams = f.teams.filter((team) => team.id === 't1');
  f.history = f.history.filter((h) => f.agents.some((a) => a.id === h.agent));
  f.goals = f.goals.filter((g) => f.agents.some((a) => a.id === g.agent));
  for (let i = 0; i < 40; i++) f.agents.push(nudgeAgent(`x${i}`, { slack: `UX${i}` }) as AgentProfile);
  await store.seed(nudgeTenant, f);

  const channel = new CountingChannel(async () => {
    await pause(40);
    return { status: 'sent' };
  });
  const connection: RedisClient = createRedisClient(topology, { forWorker: true });
  const clock = () => NUDGE_NOW;
  const nudges = startNudgeWorker({
    connection,
    store,
    channels: { slack: channel },
    prefix,
    queueName: 'failover',
    replication: { replicas: replicasToAwait(topology) },
    concurrency: 2,
    lockDurationMs: 3_000,
    stalledIntervalMs: 1_000,
    rates: { slack: { perSecond: 1000, burst: 100 } },
    scheduler: { now: clock, backoffMs: 300 },
    delivery: { now: clock, sendLockMs: 1_500 },
  });

  const result: FailoverResult = {
    confirmed: 0, refused: 0, unknown: 0, other: [], stored: 0, probes: [], failoverMs: 0, recoveredAfterMs: 0, slowestWriteAfterRecoveryMs: 0,
    nudgesPlanned: 0, nudgeSends: channel.sends, nudgesSentBeforeKill: 0, writeAfter: false, workerReady: false,
  };
  let seq = 0;
  const log = (user: string): Promise<Reply> =>
    engine.handle({
      tenant: activityTenant,
      user: { platform: 'slack', id: user },
      text: '又打了1个电话',
      now: new Date(),
      locale: 'zh-CN',
      messageId: `DFAIL:${process.pid}.${++seq}`,
      channel: { kind: 'slack', shared: false, conversationId: 'DFAIL' },
    });
  const ask = (): Promise<Reply> =>
    engine.handle({
      tenant: activityTenant,
      user: { platform: 'slack', id: USERS[1]! },
      text: '今天要打多少个电话',
      now: new Date(),
      locale: 'zh-CN',
      messageId: `DPROBE:${process.pid}.${++seq}`,
      channel: { kind: 'slack', shared: false, conversationId: 'DPROBE' },
    });

  try {
    result.nudgesPlanned = (await nudges.scheduler.planDate(nudgeTenant, NUDGE_DATE)).scheduled;
    let stop = false;
    let up = false;
    const writers = Array.from({ length: WRITERS }, async (_, i) => {
      const user = USERS[i % USERS.length]!;
      while (!stop) {
        const started = Date.now();
        const afterRecovery = up;
        const reply = await log(user);
        if (afterRecovery) result.slowestWriteAfterRecoveryMs = Math.max(result.slowestWriteAfterRecoveryMs, Date.now() - started);
        if (!reply.error && reply.intent === 'log_activity' && (reply.data as { saved?: boolean }).saved !== false) result.confirmed++;
        else if (reply.error?.key === 'error.upstream.redis') {
          result.refused++;
          await pause(50); // a person would not resend at once
        } else if (reply.error?.key === 'error.upstream.write_unknown') result.unknown++;
        else result.other.push(`${reply.intent} ${reply.error?.key ?? ''} ${reply.text.slice(0, 80)}`);
        await pause(20);
      }
    });

    await pause(700); // healthy traffic, nudges going out
    result.nudgesSentBeforeKill = channel.total();
    const killedAt = Date.now();
    const probing = (async () => {
      while (!up) {
        const started = Date.now();
        const reply = await ask();
        result.probes.push({ atMs: started - killedAt, ms: Date.now() - started, outcome: reply.error?.key ?? reply.intent, text: reply.text });
        await pause(150);
      }
    })();
    await setup.failover();
    result.failoverMs = Date.now() - killedAt;
    // Recovered: the tenant's data answers again through the same store (its client reconnected by itself).
    const recoveryDeadline = Date.now() + 20_000;
    for (;;) {
      const answers = await store.getAgent(activityTenant, AGENTS[0]!).then((a) => a !== null, () => false);
      if (answers && (await store.ping())) break;
      if (Date.now() > recoveryDeadline) break;
      await pause(100);
    }
    result.recoveredAfterMs = Date.now() < recoveryDeadline ? Date.now() - killedAt : -1;
    up = true;
    await probing;
    await pause(1_000); // healthy again
    stop = true;
    await Promise.all(writers);

    // The runtime re-plans every 15 minutes (nudgeRuntime.ts); a nudge job lost with the old primary, or
    // failed during the window, comes back here. The ledger keeps each one to a single send.
    await nudges.scheduler.planDate(nudgeTenant, NUDGE_DATE);
    const deadline = Date.now() + 30_000;
    while (channel.sends.size < result.nudgesPlanned && Date.now() < deadline) await pause(100);
    await pause(1_500); // anything that would go out twice has had time to
    result.workerReady = connection.status === 'ready';

    const date = today;
    for (const a of AGENTS) result.stored += (await store.getActivity(activityTenant, a, date.slice(0, 7))).find((d) => d.date === date)?.calls ?? 0;
    const after = await log(USERS[0]!);
    result.writeAfter = !after.error && after.intent === 'log_activity';
    return result;
  } finally {
    await nudges.worker.close(true).catch(() => undefined);
    await nudges.scheduler.close().catch(() => undefined);
    connection.disconnect();
  }
}

/**
 * Questions asked while the primary was gone: each is answered (none hangs past Slack's 3 s ack budget),
 * with the numbers or with the localized "try again" (error.upstream.redis), and at least one of them
 * fell in the window.
 */
export function expectTryAgainInTheWindow(probes: FailoverResult['probes']): void {
  const tryAgain = t('zh-CN', 'error.upstream.redis');
  const refused = probes.filter((p) => p.outcome === 'error.upstream.redis');
  expect(refused.length).toBeGreaterThan(0);
  for (const probe of refused) expect(probe.text).toBe(tryAgain);
  expect(probes.filter((p) => p.outcome !== 'error.upstream.redis' && p.outcome !== 'calls_today')).toEqual([]);
  expect(Math.max(...probes.map((p) => p.ms))).toBeLessThan(3_000);
}

/** One line for the test log: what the failover looked like (a failure then shows its numbers). */
export function summary(r: FailoverResult): string {
  const probes = r.probes.map((p) => `${p.atMs}ms+${p.ms}ms ${p.outcome === 'error.upstream.redis' ? 'try-again' : p.outcome}`).join(', ');
  return (
    `failover ${r.failoverMs} ms, data answering again after ${r.recoveredAfterMs} ms (slowest write after: ${r.slowestWriteAfterRecoveryMs} ms); writes confirmed ${r.confirmed}, stored ${r.stored}, ` +
    `refused ${r.refused}, unknown ${r.unknown}; nudges planned ${r.nudgesPlanned}, sent ${[...r.nudgeSends.values()].reduce((a, b) => a + b, 0)} ` +
    `to ${r.nudgeSends.size} people (${r.nudgesSentBeforeKill} before the kill); probes in the window: ${probes}`
  );
}
