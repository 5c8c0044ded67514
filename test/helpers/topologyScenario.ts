// What the topology tests (test/topology/*.test.ts) run on each real topology: Lingyan's processes
// started with the topology's environment (`--once`, the worker, the HTTP server as `npm run start:prod`
// runs it), and the failover run — writers logging activity through the engine and a nudge worker
// delivering while the primary is SIGKILLed.
import { execFile, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { productionCommand } from '../../scripts/production-command';
import { startupFixture } from '../../src/app/data';
import { createEngine } from '../../src/core/lingyanEngine';
import type { Reply } from '../../src/core/reply';
import { addDays, localDateOf } from '../../src/domain/goals';
import type { AgentProfile } from '../../src/domain/types';
import type { Fixture } from '../../src/store/fixture';
import { expect } from 'vitest';
import { formatCount, t } from '../../src/i18n';
import { startNudgeWorker } from '../../src/nudges/worker';
import { createStore } from '../../src/store/index';
import { createRedisClient, replicasToAwait, type RedisClient, type RedisTopology } from '../../src/store/topology';
import type { RedisStore } from '../../src/store/redis';
import { agent as nudgeAgent, fixture as nudgeFixture } from '../nudges/helpers';
import { CountingChannel } from '../nudges/support';
import { testClock } from './testClock';

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
  const now = testClock();
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
      now: testClock(),
      locale: 'zh-CN',
      messageId: `DFAIL:${process.pid}.${++seq}`,
      channel: { kind: 'slack', shared: false, conversationId: 'DFAIL' },
    });
  const ask = (): Promise<Reply> =>
    engine.handle({
      tenant: activityTenant,
      user: { platform: 'slack', id: USERS[1]! },
      text: '今天要打多少个电话',
      now: testClock(),
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

/**
 * What a failover run must show on any topology: writes before and after, "try again" (never a hang) in
 * the window, stored = confirmed, each of the 43 planned nudges sent exactly once, and recovery without a
 * restart on the same store and worker connection.
 */
export async function expectFailoverHeld(result: FailoverResult, store: { ping(): Promise<boolean> }): Promise<void> {
  expect(result.confirmed).toBeGreaterThan(30);
  expect(result.other).toEqual([]);
  expectTryAgainInTheWindow(result.probes);
  // Stored = confirmed: nothing confirmed was lost with the old primary, nothing counted twice.
  expect(result.unknown).toBe(0);
  expect(result.stored).toBe(result.confirmed);
  // Every planned nudge went out exactly once.
  expect(result.nudgesPlanned).toBe(43);
  expect(result.nudgeSends.size).toBe(43);
  expect([...result.nudgeSends.values()].every((count) => count === 1)).toBe(true);
  // Recovered without a restart: the same store and worker connection work on the new primary.
  expect(result.recoveredAfterMs).toBeGreaterThan(0);
  expect(result.slowestWriteAfterRecoveryMs).toBeLessThan(2_000);
  expect(result.writeAfter).toBe(true);
  expect(result.workerReady).toBe(true);
  expect(await store.ping()).toBe(true);
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

// ------------------------------------------------------------------------------------------------
// The HTTP server process

/** The demo team's first agent, a1 (张伟), on Slack. */
export const SERVER_USER = 'U0DEMO0001';
const SERVER_AGENT = 'a1';
const SIGNING_SECRET = 'topology-test-signing-secret';

/**
 * The demo team placed at today (as the failover run seeds it), with a1 rostered on every day of the
 * month: whatever the weekday or holiday the suite runs on, today is one of a1's working days, so
 * `/coach today` names a calls number (on a rest day it names none). "Today" is testClock()'s: the server
 * process has no clock seam and answers on the real clock, which testClock() is outside the date matrix
 * (the topology suites are not in it: their server's date cannot be fixed).
 */
export async function demoTeamWorkingDaily(now: Date = testClock()): Promise<Fixture> {
  const fixture = await startupFixture(undefined, now, TZ);
  const month = localDateOf(now, TZ).slice(0, 7);
  for (let day = `${month}-01`; day.startsWith(month); day = addDays(day, 1)) fixture.rosters.push({ agent: SERVER_AGENT, date: day, off: false });
  return fixture;
}

/** What the engine answers to "今天要打多少个电话" for SERVER_USER at `at`, on the tenant's data in `topology` (namespace "ly", the server's). */
export async function callsTodayAt(topology: RedisTopology, tenant: string, at: number): Promise<Reply> {
  const store = await createStore({ redis: topology, connectTimeoutMs: 5_000 });
  try {
    return await createEngine({ store }).handle({
      tenant,
      user: { platform: 'slack', id: SERVER_USER },
      text: '今天要打多少个电话',
      now: new Date(at),
      locale: 'zh-CN',
      messageId: `DSERVER:${process.pid}`,
      channel: { kind: 'slack', shared: false, conversationId: 'DSERVER' },
    });
  } finally {
    await store.close();
  }
}

interface SlackDouble {
  url: string;
  /** Every request the server made to Slack (Web API methods and response_urls). */
  posts: Array<{ path: string; body: string }>;
  stop(): Promise<void>;
}

/** Slack's Web API (SLACK_API_URL) and the command's response_url on loopback; every call recorded. */
async function slackDouble(team: string): Promise<SlackDouble> {
  const posts: SlackDouble['posts'] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const url = req.url ?? '';
      posts.push({ path: url, body });
      if (url.startsWith('/hooks/')) {
        res.end('ok');
        return;
      }
      res.setHeader('content-type', 'application/json');
      if (url === '/api/auth.test') res.end(JSON.stringify({ ok: true, user_id: 'UBOT', bot_id: 'B0BOT', team_id: team }));
      else if (url === '/api/users.info') res.end(JSON.stringify({ ok: true, user: { id: SERVER_USER, name: 'zhang', locale: 'zh-CN', tz: TZ } }));
      else if (url === '/api/conversations.open') res.end(JSON.stringify({ ok: true, channel: { id: 'D0DM' } }));
      else res.end(JSON.stringify({ ok: true, channel: 'D0DM', ts: `${posts.length}.0001` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posts,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** `npm run build`'s esbuild command (package.json), into a directory of its own at dist/bin/'s depth. */
async function buildProductionBundle(): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { build: string } };
  const outDir = path.join(ROOT, 'dist', `topology-test-${process.pid}`);
  const args = pkg.scripts.build
    .trim()
    .split(/\s+/)
    .slice(1)
    .map((arg) => (arg.startsWith('--outdir=') ? `--outdir=${outDir}` : arg));
  await promisify(execFile)(path.join(ROOT, 'node_modules/.bin/esbuild'), args, { cwd: ROOT, timeout: 30_000 });
  return outDir;
}

async function get(url: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(3_000) });
  return { status: res.status, body: await res.text() };
}

export interface ServerRun {
  /** /healthz answered 200 before the process exited or 30 s passed. */
  started: boolean;
  /** /readyz, polled until 200 (up to 15 s): its last status and body. */
  readyz: { status: number; body: unknown };
  /** The answer to the signed `/coach today`: the ack's status and body. */
  ack: { status: number; body: string };
  /** The answer's message: the ack's body when it carries one, else what the server posted to the response_url. */
  answer: { via: 'ack' | 'response_url'; message: { text?: string; blocks?: Array<{ elements?: Array<{ action_id?: string; value?: string }> }> } } | null;
  /** The instant the server answered at, as its "why" button carries it (`at`). */
  answeredAt: number | null;
  exit: { code: number | null; signal: NodeJS.Signals | null };
  /** From spawn: /healthz 200, /readyz 200; the command's round trip; SIGTERM to exit. */
  timings: { upMs: number; readyMs: number; ackMs: number; stopMs: number };
  /** The process's log (pino's JSON lines on stderr, flushed at exit) and anything on stdout. */
  log: string;
}

/**
 * Runs the HTTP server process as `npm run start:prod` does (its environment and Node flags, on the
 * production bundle, built here from package.json's build command), with the topology's variables, Slack
 * over HTTP (SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_API_URL at a local double) on a free port, and
 * `--data <fixture> --tenant <tenant>` (the server seeds the tenant at start-up). Once /readyz is 200, sends
 * a Slack-signed `/coach today` from SERVER_USER to /slack/events, then SIGTERM; reports how each went.
 */
export async function serverAnswersCoachToday(env: Record<string, string>, options: { tenant: string; fixture: Fixture }): Promise<ServerRun> {
  const { tenant } = options;
  const prod = productionCommand('start:prod');
  const [outDir, double, port, dataDir] = await Promise.all([buildProductionBundle(), slackDouble(tenant), freePort(), mkdtemp(path.join(os.tmpdir(), 'lingyan-server-data-'))]);
  const dataFile = path.join(dataDir, 'team.json');
  await writeFile(dataFile, JSON.stringify(options.fixture));
  const child = spawn(process.execPath, [...prod.nodeFlags, path.join(outDir, 'main.js'), '--data', dataFile, '--tenant', tenant], {
    cwd: ROOT,
    // Only what the server needs (nothing inherited from the test run): start:prod's variables, the topology's.
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...prod.env,
      ...env,
      PORT: String(port),
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-topology-test',
      SLACK_API_URL: `${double.url}/api/`,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const running = () => child.exitCode === null && child.signalCode === null;
  const base = `http://127.0.0.1:${port}`;
  const spawnedAt = Date.now();
  const run: ServerRun = {
    started: false, readyz: { status: 0, body: null }, ack: { status: 0, body: '' }, answer: null, answeredAt: null, exit: { code: null, signal: null },
    timings: { upMs: -1, readyMs: -1, ackMs: -1, stopMs: -1 }, log: '',
  };
  try {
    // The log is buffered until exit, so start-up is seen by polling /healthz.
    const startDeadline = Date.now() + 30_000;
    while (running() && Date.now() < startDeadline && !run.started) {
      run.started = await get(`${base}/healthz`).then((r) => r.status === 200, () => false);
      if (!run.started) await pause(100);
    }
    if (run.started) {
      run.timings.upMs = Date.now() - spawnedAt;
      // Ready once the store answers PING and the nudge queue's connection is ready (server.ts readiness).
      const readyDeadline = Date.now() + 15_000;
      for (;;) {
        const ready = await get(`${base}/readyz`).catch(() => ({ status: 0, body: 'null' }));
        run.readyz = { status: ready.status, body: JSON.parse(ready.body) as unknown };
        if (ready.status === 200 || Date.now() > readyDeadline || !running()) break;
        await pause(100);
      }
      if (run.readyz.status === 200) run.timings.readyMs = Date.now() - spawnedAt;
      const raw = new URLSearchParams({
        token: 'x', team_id: tenant, team_domain: 'acme', channel_id: 'D0DIRECT', channel_name: 'directmessage', user_id: SERVER_USER,
        user_name: 'zhang', command: '/coach', text: 'today', response_url: `${double.url}/hooks/coach`, trigger_id: '111.222.333', api_app_id: 'A0APP',
      }).toString();
      // Slack's v0 signature; its timestamp must be within 5 minutes of the server's (real) clock.
      const timestamp = Math.floor(Date.now() / 1000);
      const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${raw}`).digest('hex')}`;
      const sentAt = Date.now();
      const res = await fetch(`${base}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) },
        body: raw,
        signal: AbortSignal.timeout(10_000),
      });
      run.ack = { status: res.status, body: await res.text() };
      run.timings.ackMs = Date.now() - sentAt;
      // commands.ts: the answer is the ack's body when ready within the ack deadline, else it follows on the response_url.
      const inAck = run.ack.body.trim().startsWith('{') ? (JSON.parse(run.ack.body) as { text?: string; blocks?: unknown[] }) : null;
      if (inAck?.blocks) run.answer = { via: 'ack', message: inAck as NonNullable<ServerRun['answer']>['message'] };
      else {
        const hookDeadline = Date.now() + 10_000;
        let hook = double.posts.find((p) => p.path === '/hooks/coach');
        while (!hook && Date.now() < hookDeadline) {
          await pause(50);
          hook = double.posts.find((p) => p.path === '/hooks/coach');
        }
        if (hook) run.answer = { via: 'response_url', message: JSON.parse(hook.body) as NonNullable<ServerRun['answer']>['message'] };
      }
      const why = run.answer?.message.blocks?.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'why');
      if (why?.value) run.answeredAt = (JSON.parse(why.value) as { at?: number }).at ?? null;
    }
    const stoppingAt = Date.now();
    if (running()) child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const [code, signal] = await exited;
    clearTimeout(killer);
    run.exit = { code, signal };
    run.timings.stopMs = Date.now() - stoppingAt;
    run.log = log;
    return run;
  } finally {
    if (running()) child.kill('SIGKILL');
    await double.stop();
    await rm(outDir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * The server run went as production needs it to: up, and ready on the topology (/readyz: the store answers
 * PING, the nudge queue's connection is ready); `/coach today` acked 200 and answered with a1's calls for
 * today, the headline the engine gives on the same data at the instant the server answered; SIGTERM → exit
 * 0 after "shutdown complete", no error logged, the password in no log line.
 */
export function expectServerAnswered(run: ServerRun, expected: Reply, password: string): void {
  expect(run.started, run.log).toBe(true);
  expect(run.readyz, run.log).toEqual({ status: 200, body: { status: 'ready', checks: { redis: true, queue: true } } });
  expect(run.ack.status).toBe(200);
  expect(run.answer, run.log).not.toBeNull();
  expect(run.answeredAt).toEqual(expect.any(Number));
  expect(expected.error).toBeUndefined();
  expect(expected.intent).toBe('calls_today');
  const data = expected.data as { callsToday: number; isWorkday: boolean };
  // a1 is rostered every day of the month (demoTeamWorkingDaily), and the demo data leaves a1 short of the
  // month's target on every date it can be placed at (checked for 400 consecutive dates from 2026-01-01):
  // today has calls to make, more than 0.
  expect(data.isWorkday).toBe(true);
  expect(data.callsToday).toBeGreaterThan(0);
  const headline = expected.text.split('\n')[0]!;
  expect(headline).toContain(` ${formatCount('zh-CN', data.callsToday)} `);
  expect(JSON.stringify(run.answer?.message)).toContain(headline);
  expect(run.exit, run.log).toEqual({ code: 0, signal: null });
  const lines = run.log
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level?: number; msg?: string });
  expect(lines.map((l) => l.msg)).toContain('shutdown complete');
  expect(lines.filter((l) => (l.level ?? 0) >= 50)).toEqual([]);
  expect(run.log).not.toContain(password);
}

/** One line for the test log: how the server run went. */
export function serverSummary(run: ServerRun): string {
  const headline = /📞[^"\\]*/.exec(JSON.stringify(run.answer?.message ?? ''))?.[0] ?? '(no headline)';
  const { upMs, readyMs, ackMs, stopMs } = run.timings;
  return `up after ${upMs} ms, /readyz ${run.readyz.status} after ${readyMs} ms; /coach today acked ${run.ack.status} in ${ackMs} ms, answer via ${run.answer?.via ?? 'none'}: ${headline}; SIGTERM → exit ${run.exit.code} in ${stopMs} ms`;
}
