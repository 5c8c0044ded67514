// Morning-batch benchmark (issue 24, item 3): 2,000 agents' morning nudges of one Slack workspace,
// delivered by 2 worker processes at the production settings (nudgeWorkerSettings(loadEnv(...)),
// startNudgeWorker's default locks, the real SlackProactiveChannel over HTTP) to a local Slack double that enforces 1 post/s
// per channel and a workspace-wide rate, answering 429 + Retry-After beyond either. One worker is
// SIGKILLed at 40 % of the batch. Reports the total time (target ≤ 2 min), 429s, duplicates and lost
// nudges (target 0 and 0). `npm run bench:nudges` (the default mode of bench/nudges.ts).
//
// Knobs: BENCH_NUDGES (2000), BENCH_SLACK_WORKSPACE_RATE (the double's workspace posts/s, default 20) and
// BENCH_SLACK_WORKSPACE_BURST (default = the rate), BENCH_KILL_AT (0.4); Lingyan's own NUDGE_CONCURRENCY,
// SLACK_POSTS_PER_SECOND, SLACK_WORKSPACE_POSTS_PER_SECOND, NUDGE_ON_UNCERTAIN are read as in production
// (unset: the defaults). REDIS_URL optional: without it a private redis-server is started.
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { nudgeWorkerSettings } from '../src/app/nudgeRuntime';
import { SlackProactiveChannel } from '../src/channels/slack/proactive';
import { silentLogger as slackSilent } from '../src/channels/slack/types';
import { loadEnv } from '../src/config/env';
import { silentLogger } from '../src/logger';
import { createNudgeQueue, NudgeScheduler } from '../src/nudges/queue';
import { TipLibrary } from '../src/nudges/tips';
import { startNudgeWorker } from '../src/nudges/worker';
import { createRedisConnection } from '../src/store/connection';
import { RedisStore } from '../src/store/redis';
import { startRedisServer } from '../test/setup/redis-server';
import { buildFixture } from './nudgesFixture';

const N = Number(process.env.BENCH_NUDGES ?? 2000);
const WORKSPACE_RATE = Number(process.env.BENCH_SLACK_WORKSPACE_RATE ?? 20);
const WORKSPACE_BURST = Number(process.env.BENCH_SLACK_WORKSPACE_BURST ?? WORKSPACE_RATE);
const KILL_AT = Number(process.env.BENCH_KILL_AT ?? 0.4);
const WORKERS = 2;
const TENANT = 'T-MORNING';
const DATE = '2026-03-04';
const AT = Date.parse('2026-03-04T01:00:00Z'); // 09:00 Asia/Shanghai, every agent's default morning time
const TIMEOUT_MS = 300_000;
const SETTINGS = ['NUDGE_CONCURRENCY', 'SLACK_POSTS_PER_SECOND', 'SLACK_WORKSPACE_POSTS_PER_SECOND', 'NUDGE_ON_UNCERTAIN'] as const;

function lingyanEnv() {
  const source: Record<string, string> = {};
  for (const name of SETTINGS) if (process.env[name]) source[name] = process.env[name] as string;
  return loadEnv(source);
}

// ---------------------------------------------------------------- worker process
async function child(): Promise<void> {
  const url = process.env.BENCH_REDIS_URL as string;
  const prefix = process.env.BENCH_PREFIX as string;
  const env = lingyanEnv();
  const store = new RedisStore(createRedisConnection(url, { commandTimeoutMs: 20_000 }), { namespace: prefix });
  // As createSlackApp builds it for the worker (store for the "why" copy, per-DM gap from SLACK_POSTS_PER_SECOND).
  const slack = new SlackProactiveChannel({
    tokenFor: async () => 'xoxb-bench', logger: slackSilent, store, apiUrl: process.env.BENCH_SLACK_API as string,
    minIntervalMs: Math.ceil(1000 / env.SLACK_POSTS_PER_SECOND),
  });
  const started = Date.now();
  const handle = startNudgeWorker({
    connection: createRedisConnection(url, { forWorker: true }), store, prefix, channels: { slack },
    ...nudgeWorkerSettings(env),
    tips: TipLibrary.load(), logger: silentLogger,
    // The batch is for 2026-03-04 09:00 Shanghai: the delivery clock starts there (the only override).
    delivery: { ...nudgeWorkerSettings(env).delivery, now: () => AT + (Date.now() - started) },
  });
  let completed = 0;
  handle.worker.on('completed', () => {
    completed += 1;
  });
  const cpuStart = process.cpuUsage();
  process.on('message', (msg: { type: string }) => {
    if (msg.type === 'stop') {
      const cpu = process.cpuUsage(cpuStart);
      process.send?.({ type: 'cpu', ms: (cpu.user + cpu.system) / 1000, completed });
      void handle.close().then(() => process.exit(0));
    }
  });
  await handle.worker.waitUntilReady();
  process.send?.({ type: 'ready' });
}

// ---------------------------------------------------------------- the Slack double
interface Posted {
  channel: string;
  at: number;
  key: string | undefined;
}

class SlackDouble {
  readonly posted: Posted[] = [];
  readonly byChannel = new Map<string, Posted[]>();
  limitedChannel = 0;
  limitedWorkspace = 0;
  private readonly lastPost = new Map<string, number>();
  private tokens = WORKSPACE_BURST;
  private ts = Date.now();
  onPost: (count: number) => void = () => undefined;

  handle(method: string, body: Record<string, string>): { status: number; json: unknown; headers?: Record<string, string> } {
    switch (method) {
      case 'conversations.open':
        return { status: 200, json: { ok: true, channel: { id: `D${body.users}` } } };
      case 'conversations.history': {
        const messages = (this.byChannel.get(body.channel) ?? []).map((p, i) => ({
          type: 'message', ts: `${p.at / 1000}.${i}`, ...(p.key ? { metadata: { event_type: 'lingyan_nudge', event_payload: { nudge_key: p.key } } } : {}),
        }));
        return { status: 200, json: { ok: true, messages: messages.reverse() } };
      }
      case 'chat.postMessage': {
        const now = Date.now();
        // Slack: about 1 message per second per channel ...
        const last = this.lastPost.get(body.channel);
        if (last !== undefined && now - last < 1000) {
          this.limitedChannel += 1;
          return { status: 429, json: { ok: false, error: 'ratelimited' }, headers: { 'Retry-After': '1' } };
        }
        // ... plus a workspace-wide cap (a token bucket here).
        this.tokens = Math.min(WORKSPACE_BURST, this.tokens + ((now - this.ts) * WORKSPACE_RATE) / 1000);
        this.ts = now;
        if (this.tokens < 1) {
          this.limitedWorkspace += 1;
          return { status: 429, json: { ok: false, error: 'ratelimited' }, headers: { 'Retry-After': '1' } };
        }
        this.tokens -= 1;
        this.lastPost.set(body.channel, now);
        let key: string | undefined;
        try {
          key = (JSON.parse(body.metadata ?? 'null') as { event_payload?: { nudge_key?: string } } | null)?.event_payload?.nudge_key;
        } catch {
          key = undefined;
        }
        const post = { channel: body.channel, at: now, key };
        this.posted.push(post);
        this.byChannel.set(body.channel, [...(this.byChannel.get(body.channel) ?? []), post]);
        this.onPost(this.posted.length);
        return { status: 200, json: { ok: true, channel: body.channel, ts: `${now / 1000}.${this.posted.length}` } };
      }
      default:
        return { status: 200, json: { ok: false, error: 'unknown_method' } };
    }
  }

  listen(): Promise<{ url: string; close(): Promise<void> }> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString();
        let body: Record<string, string> = {};
        if ((req.headers['content-type'] ?? '').includes('json')) {
          const parsed = JSON.parse(raw || '{}') as Record<string, unknown>;
          body = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
        } else {
          body = Object.fromEntries(new URLSearchParams(raw));
        }
        const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
        const answer = this.handle(method, body);
        res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
        res.end(JSON.stringify(answer.json));
      });
    });
    return new Promise((resolve) => {
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        resolve({ url: `http://127.0.0.1:${port}/api/`, close: () => new Promise<void>((r) => server.close(() => r())) });
      });
    });
  }
}

// ---------------------------------------------------------------- parent
function row(cells: Array<string | number>): string {
  return cells.map((c, i) => String(c).padEnd(i === 0 ? 40 : 18)).join(' ');
}

async function parent(): Promise<void> {
  const server = process.env.REDIS_URL ? null : await startRedisServer();
  const url = process.env.REDIS_URL ?? (server as { url: string }).url;
  const prefix = `bench-morning-${process.pid}`;
  const connection = createRedisConnection(url, { forWorker: true });
  const store = new RedisStore(connection, { namespace: prefix });
  const double = new SlackDouble();
  const api = await double.listen();
  const children: ChildProcess[] = [];
  const env = lingyanEnv();
  const settings = nudgeWorkerSettings(env);
  const loadStart = os.loadavg()[0];
  try {
    await store.seed(TENANT, buildFixture(N));
    const scheduler = new NudgeScheduler({ queue: createNudgeQueue(connection, prefix), store, now: () => AT });

    let killedAt = 0;
    let killedAtCount = 0;
    double.onPost = (count) => {
      if (!killedAt && count >= N * KILL_AT) {
        killedAt = Date.now();
        killedAtCount = count;
        children[1]?.kill('SIGKILL');
      }
    };
    const self = fileURLToPath(import.meta.url);
    await Promise.all(
      Array.from({ length: WORKERS }, () => {
        const c = fork(self, ['--child'], {
          env: { ...process.env, BENCH_REDIS_URL: url, BENCH_PREFIX: prefix, BENCH_SLACK_API: api.url, LOG_LEVEL: 'silent' },
          execArgv: process.execArgv,
        });
        children.push(c);
        return new Promise<void>((resolve) => c.on('message', (msg: { type: string }) => msg.type === 'ready' && resolve()));
      }),
    );

    // 09:00: every agent's morning nudge becomes due at once (planned with the scheduler's clock at 09:00).
    const t0 = Date.now();
    const plan = await scheduler.planDate(TENANT, DATE);
    const enqueueMs = Date.now() - t0;
    if (plan.scheduled !== N) throw new Error(`expected ${N} jobs, planned ${JSON.stringify(plan)}`);
    let done = false;
    while (Date.now() - t0 < TIMEOUT_MS) {
      const counts = await scheduler.queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
      if (new Set(double.posted.map((p) => p.channel)).size >= N && Object.values(counts).every((c) => c === 0)) {
        done = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const failed = (await scheduler.queue.getJobCounts('failed')).failed;
    const last = double.posted[double.posted.length - 1]?.at ?? Date.now();
    const totalS = (last - t0) / 1000;
    const perChannel = [...double.byChannel.values()];
    const duplicates = perChannel.reduce((sum, posts) => sum + Math.max(0, posts.length - 1), 0);
    const lost = N - double.byChannel.size;
    // Most posts the double accepted in any 1-second window.
    let maxPerSecond = 0;
    for (let i = 0, j = 0; i < double.posted.length; i++) {
      while (double.posted[i].at - double.posted[j].at >= 1000) j++;
      maxPerSecond = Math.max(maxPerSecond, i - j + 1);
    }
    const beforeKill = double.posted.filter((p) => p.at <= killedAt).length;
    const rateBeforeKill = beforeKill / ((killedAt - t0) / 1000);
    const afterKill = double.posted.length - beforeKill;
    const rateAfterKill = afterKill / ((last - killedAt) / 1000);
    const slack = settings.rates?.slack;
    const timeline: number[] = [];
    for (const p of double.posted) {
      const bin = Math.floor((p.at - t0) / 10_000);
      while (timeline.length <= bin) timeline.push(0);
      timeline[bin] += 1;
    }
    const ok = (cond: boolean) => (cond ? 'yes' : 'NO');

    const lines = [
      '',
      `Morning batch — ${N} agents of one Slack workspace, ${WORKERS} worker processes, worker 2 SIGKILLed at ${Math.round(KILL_AT * 100)} %`,
      `Lingyan settings: NUDGE_CONCURRENCY=${env.NUDGE_CONCURRENCY}, SLACK_POSTS_PER_SECOND=${env.SLACK_POSTS_PER_SECOND} (per DM), SLACK_WORKSPACE_POSTS_PER_SECOND=${env.SLACK_WORKSPACE_POSTS_PER_SECOND}; limiter ${JSON.stringify(slack)}; BullMQ lock 15 s, stalled check 5 s (startNudgeWorker's defaults)`,
      `Slack double: 1 post/s per channel, workspace ${WORKSPACE_RATE}/s (burst ${WORKSPACE_BURST}); 429 + Retry-After: 1 beyond either`,
      row(['metric', 'value', 'target', 'ok']),
      row(['-'.repeat(40), '-'.repeat(18), '-'.repeat(18), '--']),
      row(['plan + enqueue at 09:00', `${(enqueueMs / 1000).toFixed(2)} s`, '', '']),
      row(['all delivered (09:00 → last post)', `${totalS.toFixed(1)} s`, '<= 120 s', ok(done && totalS <= 120)]),
      row(['worker 2 killed at', `${((killedAt - t0) / 1000).toFixed(1)} s (${killedAtCount} posted)`, '', '']),
      row(['posts/s before the kill (2 workers)', rateBeforeKill.toFixed(1), '', '']),
      row(['posts/s after the kill (1 worker)', rateAfterKill.toFixed(1), '', '']),
      row(['most posts in any 1 s', maxPerSecond, `<= ${WORKSPACE_RATE + WORKSPACE_BURST}`, '']),
      row(['429s: channel limit', double.limitedChannel, '', '']),
      row(['429s: workspace limit', double.limitedWorkspace, '', '']),
      row(['delivered (distinct DMs)', double.byChannel.size, N, ok(double.byChannel.size === N)]),
      row(['duplicates', duplicates, 0, ok(duplicates === 0)]),
      row(['lost', lost, 0, ok(lost === 0)]),
      row(['failed jobs', failed, 0, ok(failed === 0)]),
      `posts per 10 s from 09:00: ${timeline.join(' ')}`,
      '',
    ];
    process.stdout.write(lines.join('\n'));
    if (process.env.BENCH_TAIL) {
      // The last posts: when each job was processed, how often it stalled, whether it was re-delayed.
      for (const p of double.posted.slice(-Number(process.env.BENCH_TAIL))) {
        const job = await scheduler.queue.getJob(`nudge|${TENANT}|a${p.channel.slice(2)}|${DATE}|agent_morning`);
        process.stdout.write(`tail: +${((p.at - t0) / 1000).toFixed(1)} s ${p.channel} stalled ${job?.stalledCounter} attemptsStarted ${job?.attemptsStarted} processedOn +${(((job?.processedOn ?? 0) - t0) / 1000).toFixed(1)} s\n`);
      }
    }
    process.exitCode = done && duplicates === 0 && lost === 0 ? 0 : 1;
    await scheduler.close();
  } finally {
    const cpu = children.map((c) => new Promise<{ ms: number; completed: number } | null>((resolve) => {
      if (c.exitCode !== null || c.signalCode !== null) return resolve(null);
      c.on('message', (msg: { type: string; ms?: number; completed?: number }) => msg.type === 'cpu' && resolve({ ms: msg.ms ?? 0, completed: msg.completed ?? 0 }));
      c.once('exit', () => resolve(null));
    }));
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.send({ type: 'stop' });
    for (const [i, usage] of (await Promise.all(cpu)).entries()) {
      if (usage) process.stdout.write(`worker ${i + 1}: ${usage.completed} jobs, CPU ${(usage.ms / 1000).toFixed(1)} s = ${(usage.ms / Math.max(1, usage.completed)).toFixed(1)} ms per job (all its work, including start-up)\n`);
    }
    process.stdout.write(`load average (1 min) at the start ${loadStart.toFixed(2)}, at the end ${os.loadavg()[0].toFixed(2)} (2 shared vCPUs)\n`);
    await Promise.all(children.map((c) => (c.exitCode !== null || c.signalCode !== null ? undefined : new Promise((r) => c.once('exit', r)))));
    if (process.env.REDIS_URL) {
      let cursor = '0';
      do {
        const [next, keys] = await connection.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await connection.unlink(...keys);
      } while (cursor !== '0');
    }
    connection.disconnect();
    await api.close();
    await server?.stop();
  }
}

export function runMorningBench(): void {
  if (process.argv.includes('--child')) void child();
  else void parent();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) runMorningBench();
