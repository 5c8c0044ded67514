// `npm run bench:load`: load test of Lingyan's production HTTP server on loopback, against a bare Bolt
// app answering the same `/coach` command in the same run.
//
// Processes (so each server's RSS and CPU are its own, and the load generator does not share them):
//   parent   autocannon, signs every Slack request just before it is sent (setupRequest: fresh timestamp,
//            HMAC over the body), prints the table.
//   fake     a local Slack Web API + response_url endpoint and a Teams connector, answering ok.
//   lingyan  the real server as `npm start` wires it (buildApp + createPlatforms + createHttpApp): real
//            engine on its own redis-server seeded with the demo team, Bolt receiver with signature checks,
//            Teams CloudAdapter with JWT checks (Bot Framework OpenID/JWKS and AAD served by nock there).
//   bare     a bare Bolt 5.1 app (default HTTPReceiver) whose /coach answers with `ack(fixedText)`: the
//            fastest way Bolt answers a command (issue 24.2), the anchor Lingyan is measured against.
// Both servers run under the environment and Node flags of `npm run start:prod` (the image's settings).
//
// Levels: concurrency 10, 50, 100; LOAD_REQUESTS requests per level and target (default 4000, max
// 10,000), so each target gets ≥ 10,000 requests overall. The Slack comparison runs each level in
// LOAD_ROUNDS rounds (default 2), bare and Lingyan taking turns, so both see the same machine.
// Targets: Lingyan Slack throughput ≥ 0.8× bare, p99 ≤ 1.25× bare, 0 errors, every ack < 3 s,
// RSS ≤ 200 MB. Not part of the test suite.
// Throughput and latency are the acks'; p50/p99 leave out each connection's first request (it includes
// setting the connection up: "1st max" shows the slowest), max does not. Every answer is timestamped: an
// ack whose body carries the answer (the bare app always; Lingyan when the answer was ready in time) by the
// load generator, a Slack respond() or Teams reply message by the fake platform. So each row reports
// answers received, answers/s and the latency from sending a command to its answer, and "every command
// answered" is checked (an empty ack alone is not an answer).
//
// Diagnostics: LOAD_TARGETS=slack (Slack comparison only); LOAD_LEVELS=1,10 (other concurrency levels); BENCH_PROFILE=1 (CPU profiles of both servers,
// tmp/profile/<role>); BENCH_ALLOC=1 or =survivors (sampling allocation profile of Lingyan); BENCH_NODE_FLAGS and
// BENCH_BARE_FLAGS (V8 flags for Lingyan / the bare app, e.g. --trace-gc, shown with BENCH_STDOUT=1);
// BENCH_MEM=1 (RSS and heap every 50 ms on stderr, shown with BENCH_DEBUG=1; =spaces adds V8's heap spaces);
// BENCH_ELD=1 (event-loop stalls over 50 ms, every process); BENCH_BARE_DEFAULTS=1 (the bare app under Node's
// defaults, Lingyan under start:prod's settings); BENCH_NODE_DEFAULTS=1 (both under Node's defaults).
// Where the gap to the anchor comes from (docs/operations.md, "Session 11"): BENCH_BARE_SCAFFOLD=1 puts the
// bare app's no-op listener behind Lingyan's HTTP scaffolding (BENCH_BARE_LOG=silent without its access
// log); BENCH_STUB_ENGINE=1 answers Lingyan's repeated questions from memory (the channel without the
// engine); BENCH_BARE_REDIS=N makes the bare app do N Redis GETs first (BENCH_BARE_PIPELINE=1: in one
// pipeline); BENCH_SHOW_ACK=1 prints each target's first ack.
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { PerformanceObserver, monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import { productionCommand } from '../scripts/production-command';

type Role = 'fake' | 'lingyan' | 'bare';
const SIGNING_SECRET = 'bench-signing-secret';
const BOT_TOKEN = 'xoxb-bench-load';
const TENANT = 'T0LOAD';
const SLACK_USERS = ['U0DEMO0001', 'U0DEMO0002', 'U0DEMO0003', 'U0DEMO0004', 'U0DEMO0005', 'U0DEMO0006', 'U0DEMO0007', 'U0DEMO0008'];
const TEAMS_USERS = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`);
const LEVELS = (process.env.LOAD_LEVELS ?? '10,50,100').split(',').map(Number);
const PER_LEVEL = Math.min(Number(process.env.LOAD_REQUESTS ?? 4000), 10_000);
/** Rounds per level of the Slack comparison (see parent). */
const ROUNDS = Math.max(1, Math.floor(Number(process.env.LOAD_ROUNDS ?? 2)));

interface Ready {
  type: 'ready';
  port: number;
  token?: string;
}
interface AnswersReport {
  type: 'answers';
  /** [sequence number, arrival time in epoch ms] of every answer since the previous report. */
  answers: Array<[number, number]>;
}
interface UsageReport {
  type: 'usage';
  /** RSS peak since the previous report, and RSS now (bytes). */
  max: number;
  now: number;
  /** CPU time (user + system, all threads) since the previous report, in microseconds. */
  cpuMicros: number;
  /** Time in garbage-collection pauses since the previous report, in milliseconds. */
  gcMs: number;
}

// ------------------------------------------------------------------------------------------- children

/** BENCH_ELD=1: each process (servers and load generator) reports event-loop stalls over 50 ms on stderr. */
function watchEventLoop(): void {
  if (!process.env.BENCH_ELD) return;
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  setInterval(() => {
    if (delay.max > 50e6) process.stderr.write(`ELD ${process.argv[3] ?? 'parent'} ${process.pid} at ${Date.now()} max ${(delay.max / 1e6).toFixed(0)} ms\n`);
    delay.reset();
  }, 200).unref();
}

function trackUsage(): () => Omit<UsageReport, 'type'> {
  let max = process.memoryUsage().rss;
  let cpu = process.cpuUsage();
  let gcMs = 0;
  const spaceSummary = () =>
    getHeapSpaceStatistics()
      .map((s) => ` ${s.space_name.replace('_space', '')}=${(s.space_size / 1048576).toFixed(0)}/${(s.space_used_size / 1048576).toFixed(0)}`)
      .join('');
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  }).observe({ entryTypes: ['gc'] });
  watchEventLoop();
  setInterval(() => {
    const m = process.memoryUsage();
    max = Math.max(max, m.rss);
    if (process.env.BENCH_MEM) process.stderr.write(`MEM ${process.pid} rss=${(m.rss / 1048576).toFixed(0)} heapTotal=${(m.heapTotal / 1048576).toFixed(0)} heapUsed=${(m.heapUsed / 1048576).toFixed(0)} external=${(m.external / 1048576).toFixed(0)} ab=${(m.arrayBuffers / 1048576).toFixed(0)}${process.env.BENCH_MEM === 'spaces' ? spaceSummary() : ''}\n`);
  }, 50).unref();
  return () => {
    const now = process.memoryUsage().rss;
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    const report = { max: Math.max(max, now), now, cpuMicros: used.user + used.system, gcMs };
    max = now;
    gcMs = 0;
    return report;
  };
}

function serveIpc(port: number, extra: Partial<Ready> = {}): void {
  const usage = trackUsage();
  process.on('message', (message: { type: string }) => {
    if (message.type === 'usage') process.send?.({ type: 'usage', ...usage() } satisfies UsageReport);
    if (message.type === 'exit') void stopAllocationProfile().then(() => process.exit(0));
  });
  process.send?.({ type: 'ready', port, ...extra } satisfies Ready);
}

// BENCH_ALLOC=1: V8's sampling heap profiler over the measured part of the run, counting objects that
// were collected too (so it shows allocation, not what stays live), written to tmp/profile/.
// BENCH_ALLOC=survivors leaves out what the young generation collected: what is left is what outlived a
// scavenge (promoted, then collected by a full GC, or still live), the cost behind scavenge pauses.
let allocationSession: import('node:inspector').Session | undefined;
async function startAllocationProfile(): Promise<void> {
  if (!process.env.BENCH_ALLOC) return;
  const { Session } = await import('node:inspector');
  allocationSession = new Session();
  allocationSession.connect();
  const post = (method: string, params?: object) => new Promise<unknown>((resolve, reject) => allocationSession!.post(method, params, (err, result) => (err ? reject(err) : resolve(result))));
  await post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: process.env.BENCH_ALLOC !== 'survivors' });
}
async function stopAllocationProfile(): Promise<void> {
  const session = allocationSession;
  if (!session) return;
  const { writeFileSync, mkdirSync } = await import('node:fs');
  const result = await new Promise<{ profile: unknown }>((resolve, reject) => session.post('HeapProfiler.stopSampling', (err, r) => (err ? reject(err) : resolve(r as { profile: unknown }))));
  mkdirSync('tmp/profile', { recursive: true });
  writeFileSync(`tmp/profile/alloc-${process.pid}.heapprofile`, JSON.stringify(result.profile));
}

async function runFake(): Promise<void> {
  let posts = 0;
  // When each command's answer arrived (epoch ms, sub-ms precision), by the command's sequence number:
  // Slack's respond() posts to /respond/<seq>, Teams replies to activity load-<seq> (typing indicators
  // are not answers). The parent collects and clears these after each measured level.
  const answers = new Map<number, number>();
  const now = () => performance.timeOrigin + performance.now();
  const server = http.createServer((req, res) => {
    const slack = /^\/respond\/(\d+)$/.exec(req.url ?? '');
    const teams = /\/activities\/load-(\d+)$/.exec(req.url ?? '');
    const chunks: Buffer[] = [];
    if (teams) req.on('data', (chunk: Buffer) => chunks.push(chunk));
    else req.resume();
    req.on('end', () => {
      posts++;
      if (slack) answers.set(Number(slack[1]), now());
      if (teams && (JSON.parse(Buffer.concat(chunks).toString()) as { type?: string }).type === 'message') answers.set(Number(teams[1]), now());
      res.setHeader('content-type', 'application/json');
      if (req.url?.includes('/v3/conversations')) return res.end(JSON.stringify({ id: `activity-${posts}` }));
      res.end(JSON.stringify({ ok: true, ts: '1.0', user_id: 'UBOT', bot_id: 'B0', team_id: TENANT, channel: { id: 'D0DM' }, user: { id: 'U', name: 'agent', locale: 'zh-CN', tz: 'Asia/Shanghai' } }));
    });
  });
  process.on('message', (message: { type: string }) => {
    if (message.type !== 'answers') return;
    process.send?.({ type: 'answers', answers: [...answers] } satisfies AnswersReport);
    answers.clear();
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serveIpc((server.address() as AddressInfo).port);
}

async function runBare(fakeUrl: string): Promise<void> {
  const { App } = await import('@slack/bolt');
  // Bolt's default receiver (HTTPReceiver on /slack/events), signatures verified; the answer is the ack's body.
  // BENCH_BARE_SCAFFOLD=1 (diagnostic): the same no-op listener behind Lingyan's HTTP scaffolding instead
  // (its Express app and middlewares from src/server/http.ts, an ExpressReceiver, a pino logger at info),
  // to tell what the scaffolding costs from what Lingyan's listeners and engine cost.
  const scaffold = Boolean(process.env.BENCH_BARE_SCAFFOLD);
  const { ExpressReceiver } = await import('@slack/bolt');
  const receiver = scaffold ? new ExpressReceiver({ signingSecret: SIGNING_SECRET, signatureVerification: true, endpoints: '/slack/events' }) : undefined;
  const app = new App({ ...(receiver ? { receiver, deferInitialization: true } : { signingSecret: SIGNING_SECRET }), token: BOT_TOKEN, clientOptions: { slackApiUrl: `${fakeUrl}/api/` } });
  // BENCH_BARE_REDIS=N (diagnostic): the bare app first makes N round trips to its own redis-server (a GET
  // each, pipelined as one when BENCH_BARE_PIPELINE=1), the least any answer that reads stored data pays.
  const trips = Number(process.env.BENCH_BARE_REDIS ?? 0);
  let redisClient: import('ioredis').Redis | undefined;
  if (trips > 0) {
    const { startRedisServer } = await import('../test/setup/redis-server');
    const { Redis } = await import('ioredis');
    const server = await startRedisServer();
    process.on('exit', () => void server.stop());
    redisClient = new Redis(server.url);
  }
  app.command('/coach', async ({ ack, command }) => {
    if (redisClient) {
      if (process.env.BENCH_BARE_PIPELINE) {
        const pipeline = redisClient.pipeline();
        for (let i = 0; i < trips; i++) pipeline.get(`k:${command.user_id}:${i}`);
        await pipeline.exec();
      } else for (let i = 0; i < trips; i++) await redisClient.get(`k:${command.user_id}:${i}`);
    }
    await ack('今天要打 92 个电话');
  });
  if (receiver) {
    const { createHttpApp, startHttpServer } = await import('../src/server/http');
    const { createLogger } = await import('../src/logger');
    await app.init();
    const running = await startHttpServer(createHttpApp({ logger: createLogger(process.env.BENCH_BARE_LOG ?? 'info'), slackRouter: receiver.router, readiness: async () => ({}) }), 0, '127.0.0.1');
    serveIpc(running.port);
    return;
  }
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as http.Server;
  server.keepAliveTimeout = 65_000;
  serveIpc((server.address() as AddressInfo).port);
}

async function runLingyan(fakeUrl: string): Promise<void> {
  // nock patches globalThis.fetch as soon as it is loaded (in this bundle, at start: the Teams harness
  // imports it), and Bolt keeps the fetch it finds when the App is built, for respond(). So nock is off
  // while the app is built, and on only for the Teams warm-up below: the measured requests must not go
  // through its interceptors (the bare app has none; production has none).
  const nock = (await import('nock')).default;
  const harness = await import('../test/channels/teams/botFramework');
  nock.restore();
  const { startRedisServer } = await import('../test/setup/redis-server');
  const { loadEnv } = await import('../src/config/env');
  const { buildApp } = await import('../src/app/bootstrap');
  const { createPlatforms } = await import('../src/app/server');
  const { startupFixture } = await import('../src/app/data');
  const { createHttpApp, startHttpServer } = await import('../src/server/http');
  const redis = await startRedisServer();
  process.on('exit', () => void redis.stop());
  const env = loadEnv({
    PORT: '3000', // unused: the server below listens on an ephemeral loopback port
    REDIS_URL: redis.url,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: `${fakeUrl}/api/`,
    MicrosoftAppId: harness.APP_ID,
    MicrosoftAppPassword: 'bench-secret',
    MicrosoftAppType: 'MultiTenant',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', // production level; stderr goes to /dev/null
  });
  const app = await buildApp(env);
  if (process.env.BENCH_STUB_ENGINE) {
    // Diagnostic: each (person, text) is answered by the engine once, then from memory, so the run measures
    // the channel (HTTP, Bolt, rendering) without the engine's work.
    const handle = app.engine.handle.bind(app.engine);
    const memo = new Map<string, Awaited<ReturnType<typeof handle>>>();
    app.engine.handle = async (inbound, stream) => {
      const key = `${inbound.tenant}:${inbound.user.id}:${inbound.text}`;
      const known = memo.get(key);
      if (known) return known;
      const reply = await handle(inbound, stream);
      memo.set(key, reply);
      return reply;
    };
  }
  const fixture = await startupFixture(undefined, new Date(), env.DEFAULT_TZ);
  await app.store.seed(TENANT, fixture);
  await app.store.seed(harness.TENANT, fixture);
  const platforms = await createPlatforms(app);
  nock.activate();
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  harness.mockBotFrameworkKeys();
  harness.mockAadToken();
  const httpApp = createHttpApp({
    logger: app.logger,
    ...(platforms.slack?.router ? { slackRouter: platforms.slack.router } : {}),
    ...(platforms.teams ? { teamsHandler: (req, res) => platforms.teams!.handleRequest(req, res) } : {}),
    readiness: async () => ({ redis: await app.store.ping() }),
  });
  const server = await startHttpServer(httpApp, 0, '127.0.0.1');
  // The parent cannot mint tokens for this process's test key: hand it one (valid for an hour).
  const token = harness.mintToken({ serviceUrl: `${fakeUrl}/` });
  // One Teams turn fetches and caches the Bot Framework OpenID metadata, keys and the AAD token; then
  // nock is removed so the measured requests do not pay for its HTTP interceptors (the bare app has none).
  const warmUp = await fetch(`http://127.0.0.1:${server.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: teamsActivity(fakeUrl, harness.TENANT),
  });
  if (warmUp.status >= 300) throw new Error(`Teams warm-up failed: ${warmUp.status}`);
  await new Promise((resolve) => setTimeout(resolve, 500)); // let the reply to the connector finish
  nock.restore();
  await startAllocationProfile();
  serveIpc(server.port, { token });
}

// ------------------------------------------------------------------------------------------- parent

interface Child {
  process: ChildProcess;
  port: number;
  token?: string;
  url: string;
}

const children: ChildProcess[] = [];
let childEntry = process.argv[1];

/**
 * The servers run from an esbuild bundle of this file under plain `node`, as production runs the
 * `npm run build` bundle: no TypeScript loader in their memory or CPU. Same flags as the build script;
 * dist/bench/ has the depth of src/<area>/ so data files resolve as in production.
 */
function bundleChildren(): void {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { build: string } };
  // Split like the production build, so what production loads lazily (each platform's chunk and its SDK)
  // is loaded lazily here too; no source maps (production does not enable them).
  const flags = pkg.scripts.build
    .split(/\s+/)
    .slice(2)
    .filter((arg) => !arg.startsWith('--outdir=') && arg !== '--sourcemap');
  rmSync('dist/bench', { recursive: true, force: true });
  childEntry = 'dist/bench/load.js';
  execFileSync('node_modules/.bin/esbuild', ['bench/load.ts', ...flags, '--outdir=dist/bench'], { stdio: 'inherit' });
}

const NODE_DEFAULTS = { env: {}, nodeFlags: [] as string[] };

/**
 * The runtime settings (environment and Node flags) a server runs under. By default both servers get
 * start:prod's memory settings: under Node's defaults a bare Bolt app alone peaks at 180–260 MB, so
 * holding Lingyan to the RSS target while the bare app keeps Node's defaults would compare two memory
 * budgets, not two programs. BENCH_BARE_DEFAULTS=1 runs the bare app under Node's defaults (Lingyan
 * keeps start:prod's); BENCH_NODE_DEFAULTS=1 runs both under Node's defaults.
 */
function runtimeSettings(role: 'lingyan' | 'bare'): { env: Record<string, string>; nodeFlags: string[] } {
  if (process.env.BENCH_NODE_DEFAULTS) return NODE_DEFAULTS;
  if (role === 'bare' && process.env.BENCH_BARE_DEFAULTS) return NODE_DEFAULTS;
  const { env, nodeFlags } = productionCommand('start:prod');
  return { env, nodeFlags };
}

/** An experiment's extra Node flags for a server: BENCH_NODE_FLAGS (Lingyan) or BENCH_BARE_FLAGS. */
function extraFlagsFor(role: Role): string[] {
  const flags = role === 'lingyan' ? process.env.BENCH_NODE_FLAGS : role === 'bare' ? process.env.BENCH_BARE_FLAGS : undefined;
  return flags?.split(' ').filter(Boolean) ?? [];
}

/** The settings line under the table. */
function describeSettings(): string {
  const describe = (role: 'lingyan' | 'bare') => {
    const { env, nodeFlags } = runtimeSettings(role);
    const words = [...Object.entries(env).map(([name, value]) => `${name}=${value}`), ...nodeFlags, ...extraFlagsFor(role)];
    return words.length > 0 ? words.join(' ') : "Node's defaults";
  };
  return `Runtime settings: Lingyan ${describe('lingyan')}; bare ${describe('bare')}.`;
}

function start(role: Role, fakeUrl?: string): Promise<Child> {
  // Only Lingyan runs from the bundle: bundled, every external package the file can reach is imported
  // up front, which would inflate the bare app's memory. The others run under the tsx loader.
  const bundled = role === 'lingyan';
  // BENCH_PROFILE profiles both servers (tmp/profile/<role>), so their costs can be compared line by line.
  const profile = process.env.BENCH_PROFILE && role !== 'fake' ? ['--cpu-prof', `--cpu-prof-dir=tmp/profile/${role}`] : [];
  // Both servers run under the same runtime settings, those of `npm run start:prod` (environment and Node
  // flags), so the comparison measures what Lingyan's code adds to Bolt and not a difference of settings
  // (see runtimeSettings). BENCH_NODE_FLAGS / BENCH_BARE_FLAGS come after them, so an experiment can
  // override one.
  const settings = role === 'fake' ? NODE_DEFAULTS : runtimeSettings(role);
  const execArgv = [...(bundled ? [] : process.execArgv), ...settings.nodeFlags, ...extraFlagsFor(role), ...profile];
  const child = fork(bundled ? childEntry : process.argv[1], ['--serve', role, ...(fakeUrl ? [fakeUrl] : [])], { execArgv, env: { ...process.env, ...settings.env }, stdio: ['ignore', process.env.BENCH_STDOUT ? 'inherit' : 'ignore', process.env.BENCH_DEBUG ? 'inherit' : 'ignore', 'ipc'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${role} exited early (${code})`)));
    child.on('message', (message: Ready) => {
      if (message.type === 'ready') resolve({ process: child, port: message.port, token: message.token, url: `http://127.0.0.1:${message.port}` });
    });
  });
}

/** Asks a child for a report over IPC (usage from a server, answers from the fake). */
function ask<T extends { type: string }>(child: Child, type: T['type']): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (message: T) => {
      if (message.type !== type) return;
      child.process.off('message', onMessage);
      resolve(message);
    };
    child.process.on('message', onMessage);
    child.process.send({ type });
  });
}
const usageOf = (child: Child) => ask<UsageReport>(child, 'usage');

/** Epoch ms with sub-ms precision, comparable across the processes of this machine. */
const nowMs = () => performance.timeOrigin + performance.now();
/** When each command was handed to autocannon, by sequence number (read back against the answers). */
const sentAt = new Map<number, number>();

const sign = (body: string) => {
  const ts = Math.floor(Date.now() / 1000);
  return { 'x-slack-signature': `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`, 'x-slack-request-timestamp': String(ts) };
};

let seq = 0;
function slackCommand(fakeUrl: string): { body: string; headers: Record<string, string> } {
  seq++;
  sentAt.set(seq, nowMs());
  const body = new URLSearchParams({
    token: 'x',
    team_id: TENANT,
    team_domain: 'load',
    channel_id: 'D0LOAD',
    channel_name: 'directmessage',
    user_id: SLACK_USERS[seq % SLACK_USERS.length],
    user_name: 'agent',
    command: '/coach',
    text: 'today',
    response_url: `${fakeUrl}/respond/${seq}`,
    trigger_id: `${seq}.1.1`,
    api_app_id: 'A0LOAD',
  }).toString();
  return { body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body) } };
}

function teamsActivity(fakeUrl: string, tenant: string): string {
  seq++;
  sentAt.set(seq, nowMs());
  const n = seq % TEAMS_USERS.length;
  return JSON.stringify({
    type: 'message',
    id: `load-${seq}`,
    timestamp: new Date().toISOString(),
    serviceUrl: `${fakeUrl}/`,
    channelId: 'msteams',
    from: { id: `29:user-${n}`, name: 'agent', aadObjectId: TEAMS_USERS[n] },
    conversation: { id: `a:personal-${n}`, conversationType: 'personal', tenantId: tenant },
    recipient: { id: '28:bot', name: 'Lingyan' },
    locale: 'zh-CN',
    text: '今天要打多少个电话',
    channelData: { tenant: { id: tenant } },
  });
}

/** One autocannon run against one target (a round of a level), before rounds are merged into a Row. */
interface Sample {
  target: string;
  connections: number;
  requests: number;
  /** Sum of every ack's latency (mean × count), for the merged mean. */
  latencySum: number;
  /** Ack latencies but each connection's first. */
  steady: number[];
  max: number;
  firstMax: number;
  errors: number;
  rssMax: number;
  cpuMicros: number;
  gcMs: number;
  answerLatencies: number[];
  /** From the first command sent to the last answer received. */
  answerSpanMs: number;
}

interface Row {
  target: string;
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  /** The slowest first response of a connection (it includes setting the connection up). */
  firstMax: number;
  errors: number;
  rssMb: number;
  /** The server process's CPU time per request (all its threads: JS, GC, libuv), in milliseconds. */
  cpuMs: number;
  /** Of which garbage-collection pauses (main thread's view), in milliseconds per request. */
  gcMs: number;
  /** Commands answered: in the ack's body (Slack), or by a Slack respond() / Teams reply at the fake platform. */
  answered: number;
  /** Answers per second, from the first command sent to the last answer received. */
  answersPerSecond: number;
  /** From sending the command to receiving its answer, in milliseconds. */
  answerP50: number;
  answerP99: number;
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { mean: number; p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
// Untyped CommonJS, loaded by the load generator only: at the top of this file it would also sit in the
// measured servers' heaps (3.8 MB).
let loadedAutocannon: Autocannon | undefined;
const autocannon: Autocannon = (options) => {
  loadedAutocannon ??= createRequire(import.meta.url)('autocannon') as Autocannon;
  return loadedAutocannon(options);
};

/** The fake platform (set by parent()): it timestamps every answer sent after an ack. */
let platform: Child;
/** Commands answered in their ack's body (Slack), by sequence number: when the ack arrived (epoch ms). */
const ackAnswers = new Map<number, number>();

/** Collects the answers to commands first..last (in acks, or at the fake platform), waiting up to 10 s for late ones. */
async function answersTo(first: number, last: number): Promise<Map<number, number>> {
  const arrivals = new Map<number, number>();
  for (const [n, at] of ackAnswers) if (n >= first && n <= last) arrivals.set(n, at);
  const deadline = Date.now() + 10_000;
  for (;;) {
    for (const [n, at] of (await ask<AnswersReport>(platform, 'answers')).answers) if (n >= first && n <= last && !arrivals.has(n)) arrivals.set(n, at);
    if (arrivals.size >= last - first + 1 || Date.now() > deadline) return arrivals;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);

async function load(target: string, child: Child, connections: number, amount: number, request: () => { path: string; body: string; headers: Record<string, string> }): Promise<Sample> {
  await ask<AnswersReport>(platform, 'answers'); // forget answers to earlier traffic
  await usageOf(child); // reset the peak and the CPU count
  const first = seq + 1;
  // Each connection's first request also waits for the connection to be set up and accepted. With 100
  // fresh connections against a saturated server, that ramp took up to 1.7 s in some runs, for either
  // app, and alone decided the p99 there. So p50/p99 are over the steady state (every response but a
  // connection's first), and the slowest first response is shown apart ("1st max"); max is over all.
  const steady: number[] = [];
  let firstMax = 0;
  const result = await autocannon({
    url: child.url,
    connections,
    amount,
    timeout: 10,
    setupClient: (client: EventEmitter) => {
      let answered = 0;
      client.on('response', (_status: number, _bytes: number, durationMs: number) => {
        if (answered++ === 0) firstMax = Math.max(firstMax, durationMs);
        else steady.push(durationMs);
      });
    },
    requests: [
      {
        method: 'POST',
        // One request in flight per connection (no pipelining), so the client's context holds its sequence number.
        setupRequest: (req: Record<string, unknown>, context: { seq?: number; slack?: boolean }) => {
          const { path, body, headers } = request();
          context.seq = seq;
          context.slack = path === '/slack/events';
          return { ...req, path, body, headers };
        },
        // A Slack ack with a body is the answer itself (a Slack ack's body is never anything else).
        onResponse: (status: number, body: string, context: { seq?: number; slack?: boolean }) => {
          if (status === 200 && context.slack && body.length > 0 && context.seq !== undefined) ackAnswers.set(context.seq, nowMs());
        },
      },
    ],
  });
  const last = seq;
  // Usage is read once every answer is in, so the work done after the acks is counted in this row.
  const arrivals = await answersTo(first, last);
  const usage = await usageOf(child);
  const latencies = [...arrivals].map(([n, at]) => at - (sentAt.get(n) ?? at));
  const firstSent = sentAt.get(first) ?? 0;
  const lastAnswer = Math.max(...arrivals.values());
  for (let n = first; n <= last; n++) {
    sentAt.delete(n);
    ackAnswers.delete(n);
  }
  return {
    target,
    connections,
    requests: result.requests.total,
    latencySum: result.latency.mean * result.requests.total,
    steady,
    max: result.latency.max,
    firstMax: Math.round(firstMax),
    errors: result.errors + result.timeouts + result.non2xx,
    rssMax: usage.max,
    cpuMicros: usage.cpuMicros,
    gcMs: usage.gcMs,
    answerLatencies: latencies,
    answerSpanMs: arrivals.size > 0 ? lastAnswer - firstSent : 0,
  };
}

/** One row of the table from a target's rounds at one level. */
function rowOf(samples: Sample[]): Row {
  const sum = (pick: (s: Sample) => number) => samples.reduce((total, s) => total + pick(s), 0);
  const requests = sum((s) => s.requests);
  const steady = samples.flatMap((s) => s.steady).sort((a, b) => a - b);
  const latencies = samples.flatMap((s) => s.answerLatencies).sort((a, b) => a - b);
  const spanMs = sum((s) => s.answerSpanMs);
  return {
    target: samples[0].target,
    connections: samples[0].connections,
    requests,
    // Closed loop (Little's law): connections / mean latency. autocannon's own req/s and its end time are
    // quantised to whole seconds, too coarse for runs of a few seconds.
    rps: (samples[0].connections * 1000) / (sum((s) => s.latencySum) / requests),
    p50: Math.round(percentile(steady, 50)),
    p99: Math.round(percentile(steady, 99)),
    max: Math.max(...samples.map((s) => s.max)),
    firstMax: Math.max(...samples.map((s) => s.firstMax)),
    errors: sum((s) => s.errors),
    rssMb: Math.max(...samples.map((s) => s.rssMax)) / 1024 / 1024,
    cpuMs: sum((s) => s.cpuMicros) / 1000 / requests,
    gcMs: sum((s) => s.gcMs) / requests,
    answered: latencies.length,
    answersPerSecond: spanMs > 0 ? (latencies.length * 1000) / spanMs : 0,
    answerP50: percentile(latencies, 50),
    answerP99: percentile(latencies, 99),
  };
}

function pad(value: string | number, width: number): string {
  return String(value).padStart(width);
}

async function parent(): Promise<void> {
  watchEventLoop();
  const started = Date.now();
  bundleChildren();
  const fake = await start('fake');
  platform = fake;
  const [lingyan, bare] = await Promise.all([start('lingyan', fake.url), start('bare', fake.url)]);
  const token = lingyan.token!;
  const teamsTenant = 'tenant-0001'; // the Teams harness's TENANT
  const slack = () => ({ path: '/slack/events', ...slackCommand(fake.url) });
  const teams = () => ({ path: '/api/messages', body: teamsActivity(fake.url, teamsTenant), headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });

  // Sanity: each target answers one request correctly before any load.
  for (const [name, child, make] of [['bare', bare, slack], ['lingyan-slack', lingyan, slack], ['lingyan-teams', lingyan, teams]] as const) {
    const { path, body, headers } = make();
    const res = await fetch(`${child.url}${path}`, { method: 'POST', headers, body });
    const sanityBody = await res.text();
    if (process.env.BENCH_SHOW_ACK) process.stderr.write(`${name} ack (${Buffer.byteLength(sanityBody)} bytes): ${sanityBody}\n`);
    if (res.status !== 200) throw new Error(`${name}: sanity request answered ${res.status}: ${sanityBody}`);
  }
  // Warm-up (JIT, connection pools, users.info cache, JWKS cache).
  // LOAD_TARGETS=slack measures (and profiles) the Slack comparison alone.
  const withTeams = (process.env.LOAD_TARGETS ?? 'slack,teams').includes('teams');
  for (const [name, child, make] of [['bare', bare, slack], ['lingyan', lingyan, slack], ...(withTeams ? [['lingyan', lingyan, teams] as const] : [])] as const) await load(name, child, 10, 1000, make);

  // The Slack comparison is interleaved: each level runs in ROUNDS rounds, bare and Lingyan taking turns
  // (which one goes first alternates), and a row pools its target's rounds. On a shared 2-core machine the
  // speed drifts over seconds, so back to back one app could get the slow stretch: the bare app's own p99
  // at 100 connections ranged over 30–96 ms between runs of one build (docs/operations.md, session 8).
  const rows: Row[] = [];
  const perRound = Math.ceil(PER_LEVEL / ROUNDS);
  for (const connections of LEVELS) {
    const bareSamples: Sample[] = [];
    const lingyanSamples: Sample[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const turns = [
        async () => bareSamples.push(await load('bare Bolt (Slack)', bare, connections, perRound, slack)),
        async () => lingyanSamples.push(await load('Lingyan Slack', lingyan, connections, perRound, slack)),
      ];
      for (const turn of round % 2 === 0 ? turns : turns.reverse()) await turn();
    }
    rows.push(rowOf(bareSamples), rowOf(lingyanSamples));
    if (withTeams) rows.push(rowOf([await load('Lingyan Teams', lingyan, connections, perRound * ROUNDS, teams)]));
    process.stderr.write(`level ${connections} done\n`);
  }

  // req/s, p50, p99 and max are the acks (the HTTP responses); the "answers" columns are the answers (in
  // an ack's body, or a Slack respond() / Teams message at the fake platform), timed from sending the command.
  const header = `${'target'.padEnd(20)} ${pad('conns', 5)} ${pad('requests', 8)} ${pad('req/s', 8)} ${pad('p50 ms', 7)} ${pad('p99 ms', 7)} ${pad('max ms', 7)} ${pad('1st max', 7)} ${pad('errors', 6)} ${pad('answers', 7)} ${pad('ans/s', 6)} ${pad('ans p50', 7)} ${pad('ans p99', 7)} ${pad('RSS MB', 7)} ${pad('CPU ms/req', 10)} ${pad('GC ms/req', 9)}`;
  const lines = [header, '-'.repeat(header.length)];
  for (const r of rows) lines.push(`${r.target.padEnd(20)} ${pad(r.connections, 5)} ${pad(r.requests, 8)} ${pad(r.rps.toFixed(0), 8)} ${pad(r.p50, 7)} ${pad(r.p99, 7)} ${pad(r.max, 7)} ${pad(r.firstMax, 7)} ${pad(r.errors, 6)} ${pad(r.answered, 7)} ${pad(r.answersPerSecond.toFixed(0), 6)} ${pad(r.answerP50.toFixed(0), 7)} ${pad(r.answerP99.toFixed(0), 7)} ${pad(r.rssMb.toFixed(0), 7)} ${pad(r.cpuMs.toFixed(3), 10)} ${pad(r.gcMs.toFixed(3), 9)}`);
  lines.push('');

  // null: reported for comparison, not one of the issue's targets (does not set the exit code).
  const checks: Array<[string, string, boolean | null]> = [];
  for (const connections of LEVELS) {
    const b = rows.find((r) => r.target.startsWith('bare') && r.connections === connections)!;
    const l = rows.find((r) => r.target === 'Lingyan Slack' && r.connections === connections)!;
    checks.push([`c=${connections} Slack throughput ≥ 0.8× bare`, `${(l.rps / b.rps).toFixed(2)}× (${l.rps.toFixed(0)} vs ${b.rps.toFixed(0)} req/s)`, l.rps >= 0.8 * b.rps]);
    checks.push([`c=${connections} Slack p99 ≤ 1.25× bare`, `${(l.p99 / Math.max(b.p99, 1)).toFixed(2)}× (${l.p99} vs ${b.p99} ms)`, l.p99 <= 1.25 * Math.max(b.p99, 1)]);
    checks.push([`c=${connections} Slack answers/s vs bare`, `${(l.answersPerSecond / b.answersPerSecond).toFixed(2)}× (${l.answersPerSecond.toFixed(0)} vs ${b.answersPerSecond.toFixed(0)})`, null]);
    checks.push([`c=${connections} Slack answer p99 vs bare`, `${(l.answerP99 / Math.max(b.answerP99, 1)).toFixed(2)}× (${l.answerP99.toFixed(0)} vs ${b.answerP99.toFixed(0)} ms)`, null]);
  }
  const lingyanRows = rows.filter((r) => r.target.startsWith('Lingyan'));
  const total = lingyanRows.reduce((sum, r) => sum + r.requests, 0);
  checks.push(['0 errors (Lingyan, all levels)', `${lingyanRows.reduce((s, r) => s + r.errors, 0)} over ${total} requests`, lingyanRows.every((r) => r.errors === 0)]);
  const answered = lingyanRows.reduce((sum, r) => sum + r.answered, 0);
  checks.push(['every command answered (Lingyan)', `${answered} of ${total}`, answered === total]);
  checks.push(['every ack < 3 s', `max ${Math.max(...lingyanRows.map((r) => r.max))} ms`, lingyanRows.every((r) => r.max < 3000)]);
  checks.push(['RSS ≤ 200 MB (Lingyan process peak)', `${Math.max(...lingyanRows.map((r) => r.rssMb)).toFixed(0)} MB`, lingyanRows.every((r) => r.rssMb <= 200)]);
  lines.push(`${'target'.padEnd(42)} ${'measured'.padEnd(36)} verdict`);
  for (const [name, measured, ok] of checks) lines.push(`${name.padEnd(42)} ${measured.padEnd(36)} ${ok === null ? '(info)' : ok ? 'PASS' : 'FAIL'}`);
  lines.push('', `${PER_LEVEL} requests per level and target (Slack in ${ROUNDS} interleaved rounds); ${((Date.now() - started) / 1000).toFixed(0)} s in all; Node ${process.version}.`, describeSettings());
  process.stdout.write(`${lines.join('\n')}\n`);

  for (const child of [lingyan, bare, fake]) {
    child.process.removeAllListeners('exit');
    child.process.send({ type: 'exit' });
  }
  process.exitCode = checks.every(([, , ok]) => ok !== false) ? 0 : 1;
}

// ------------------------------------------------------------------------------------------- main

const serveAt = process.argv.indexOf('--serve');
if (serveAt >= 0) {
  const role = process.argv[serveAt + 1] as Role;
  const fakeUrl = process.argv[serveAt + 2] ?? '';
  const run = role === 'fake' ? runFake() : role === 'bare' ? runBare(fakeUrl) : runLingyan(fakeUrl);
  run.catch((error: unknown) => {
    process.stderr.write(`${role}: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
} else {
  parent().catch((error: unknown) => {
    process.stderr.write(`bench:load failed: ${(error as Error).stack ?? String(error)}\n(BENCH_DEBUG=1 shows the servers' stderr)\n`);
    for (const child of children) child.kill();
    process.exit(1);
  });
}
