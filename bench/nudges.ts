// Nudge benchmarks. `npm run bench:nudges` runs the morning batch (bench/nudgesMorning.ts: 2,000 agents,
// 2 workers at the production settings, a local Slack double with per-channel and workspace limits, one
// worker killed). BENCH_NUDGES_MODE=throughput runs this file's older pipeline benchmark: compose and
// enqueue 10,000 nudges, then deliver them with 3 worker processes through a nock'd Slack that enforces a
// workspace rate limit (429 + Retry-After beyond it), SIGKILLing one worker mid-run; reports time,
// achieved vs allowed rate, duplicates and lost messages (BENCH_NUDGES, BENCH_RATE, REDIS_URL optional:
// without it a private redis-server is started).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import type { ProactiveRecipient } from '../src/channels/channel';
import { SlackProactiveChannel } from '../src/channels/slack/proactive';
import { SlackRenderer } from '../src/channels/slack/blocks';
import { silentLogger as slackSilent } from '../src/channels/slack/types';
import type { Reply } from '../src/core/reply';
import { composeNudges } from '../src/nudges/batch';
import type { VerifiableChannel } from '../src/nudges/delivery';
import { createNudgeQueue, NudgeScheduler } from '../src/nudges/queue';
import { TipLibrary } from '../src/nudges/tips';
import { startNudgeWorker } from '../src/nudges/worker';
import { createRedisConnection } from '../src/store/connection';
import { RedisStore } from '../src/store/redis';
import { startRedisServer } from '../test/setup/redis-server';
import { buildFixture } from './nudgesFixture';
import { runMorningBench } from './nudgesMorning';

const N = Number(process.env.BENCH_NUDGES ?? 10_000);
const RATE = Number(process.env.BENCH_RATE ?? 200); // chat.postMessage per second the workspace allows
const WORKERS = 3;
const CONCURRENCY = 24;
const TENANT = 'T-BENCH';
const DATE = '2026-03-04';
const AT = Date.parse('2026-03-04T01:00:00Z'); // 09:00 Asia/Shanghai
const SLACK = 'https://slack.bench';
const TIMEOUT_MS = 180_000;

type ToParent = { type: 'ready' } | { type: 'post'; id: number; channel: string; text: string } | { type: 'history'; id: number; channel: string; text: string };
type ToChild = { type: 'post'; id: number; ok: boolean; retryAfter?: number; ts?: string } | { type: 'history'; id: number; found: boolean } | { type: 'stop' };

// ---------------------------------------------------------------- worker process
async function child(index: number): Promise<void> {
  const url = process.env.BENCH_REDIS_URL as string;
  const prefix = process.env.BENCH_PREFIX as string;
  let nextId = 0;
  const pending = new Map<number, (msg: ToChild) => void>();
  const ask = (msg: Omit<Extract<ToParent, { id: number }>, 'id'>): Promise<ToChild> =>
    new Promise((resolve) => {
      const id = ++nextId;
      pending.set(id, resolve);
      process.send?.({ ...msg, id });
    });
  const field = (body: unknown, name: string): string => {
    if (typeof body === 'string') return new URLSearchParams(body).get(name) ?? '';
    return String((body as Record<string, unknown>)[name] ?? '');
  };
  nock(SLACK).persist().post('/api/conversations.open').reply(200, (_uri, body) => ({ ok: true, channel: { id: `D${field(body, 'users')}` } }));
  nock(SLACK).persist().post('/api/chat.postMessage').reply(async (_uri, body) => {
    const channel = field(body, 'channel');
    const answer = (await ask({ type: 'post', channel, text: field(body, 'text') })) as Extract<ToChild, { type: 'post' }>;
    return answer.ok
      ? [200, { ok: true, channel, ts: answer.ts }]
      : [429, { ok: false, error: 'ratelimited' }, { 'Retry-After': String(answer.retryAfter ?? 1) }];
  });

  const renderer = new SlackRenderer();
  const inner = new SlackProactiveChannel({ tokenFor: async () => 'xoxb-bench', logger: slackSilent, apiUrl: `${SLACK}/api/`, minIntervalMs: 0 });
  // Verification for the crash window: does the DM history (the stub's) already hold this exact message?
  const slack: VerifiableChannel = {
    kind: 'slack',
    sendToUser: (recipient, reply) => inner.sendToUser(recipient, reply),
    wasDelivered: async (recipient: ProactiveRecipient, _key: string, reply: Reply) => {
      const answer = (await ask({ type: 'history', channel: `D${recipient.platformUserId}`, text: renderer.render(reply).text })) as Extract<ToChild, { type: 'history' }>;
      return answer.found;
    },
  };
  const connection = createRedisConnection(url, { forWorker: true });
  const store = new RedisStore(createRedisConnection(url, { commandTimeoutMs: 20_000 }), { namespace: prefix });
  const started = Date.now();
  const handle = startNudgeWorker({
    connection, store, prefix, channels: { slack }, concurrency: CONCURRENCY,
    // RATE is the workspace's; each recipient gets one nudge, so the per-DM bucket never binds.
    rates: { slack: { perSecond: 1, burst: 1, workspace: { perSecond: RATE, burst: Math.max(1, Math.floor(RATE / 20)) } } },
    lockDurationMs: 5_000, stalledIntervalMs: 2_000, tips: TipLibrary.load(),
    delivery: { now: () => AT + 1_000 + (Date.now() - started), sendLockMs: 8_000 },
  });
  process.on('message', (msg: ToChild) => {
    if (msg.type === 'stop') {
      void handle.close().then(() => process.exit(0));
      return;
    }
    pending.get(msg.id)?.(msg);
    pending.delete(msg.id);
  });
  await handle.worker.waitUntilReady();
  process.send?.({ type: 'ready', index });
}

// ---------------------------------------------------------------- parent
function row(cells: Array<string | number>): string {
  return cells.map((c, i) => String(c).padEnd(i === 0 ? 34 : 16)).join(' ');
}

async function parent(): Promise<void> {
  const server = process.env.REDIS_URL ? null : await startRedisServer();
  const url = process.env.REDIS_URL ?? (server as { url: string }).url;
  const prefix = `bench-nudges-${process.pid}`;
  const connection = createRedisConnection(url, { forWorker: true });
  const store = new RedisStore(connection, { namespace: prefix });
  const children: ChildProcess[] = [];
  try {
    let t = performance.now();
    await store.seed(TENANT, buildFixture(N));
    const seedMs = performance.now() - t;

    // Phase 1: compose every nudge (numbers, tip choice recorded) and enqueue every delivery job.
    const tips = TipLibrary.load();
    const people = await store.listAgents(TENANT);
    t = performance.now();
    const composed = await composeNudges({ store, tips }, TENANT, people.map((person) => ({ person, kind: 'agent_morning' as const, date: DATE })));
    if (composed.some((reply) => typeof reply.data.callsToday !== 'number')) throw new Error('a nudge without numbers');
    const composeMs = performance.now() - t;
    const scheduler = new NudgeScheduler({ queue: createNudgeQueue(connection, prefix), store, now: () => AT });
    t = performance.now();
    const plan = await scheduler.planDate(TENANT, DATE);
    const enqueueMs = performance.now() - t;
    if (plan.scheduled !== N) throw new Error(`expected ${N} jobs, planned ${JSON.stringify(plan)}`);

    // Phase 2: deliver through the rate-limited Slack stub with 3 workers, one killed mid-run.
    const perUser = new Map<string, number>();
    const texts = new Map<string, string[]>();
    const acceptedAt: number[] = [];
    let limited = 0;
    let killedAt = 0;
    const bucket = { tokens: RATE, ts: Date.now() };
    const self = fileURLToPath(import.meta.url);
    let ready = 0;
    const allReady = new Promise<void>((resolve) => {
      for (let i = 0; i < WORKERS; i++) {
        const c = fork(self, ['--child', String(i)], {
          env: { ...process.env, BENCH_REDIS_URL: url, BENCH_PREFIX: prefix, LOG_LEVEL: 'silent' },
          execArgv: process.execArgv,
        });
        c.on('message', (msg: ToParent) => {
          if (msg.type === 'ready') {
            if (++ready === WORKERS) resolve();
            return;
          }
          if (msg.type === 'history') {
            c.send({ type: 'history', id: msg.id, found: (texts.get(msg.channel) ?? []).includes(msg.text) } satisfies ToChild);
            return;
          }
          const now = Date.now();
          bucket.tokens = Math.min(RATE, bucket.tokens + ((now - bucket.ts) * RATE) / 1000);
          bucket.ts = now;
          if (bucket.tokens < 1) {
            limited += 1;
            c.send({ type: 'post', id: msg.id, ok: false, retryAfter: 1 } satisfies ToChild);
            return;
          }
          bucket.tokens -= 1;
          perUser.set(msg.channel, (perUser.get(msg.channel) ?? 0) + 1);
          texts.set(msg.channel, [...(texts.get(msg.channel) ?? []), msg.text]);
          acceptedAt.push(now);
          if (!killedAt && perUser.size >= N * 0.4) {
            killedAt = now;
            children[1].kill('SIGKILL');
          }
          c.send({ type: 'post', id: msg.id, ok: true, ts: `${now}.${acceptedAt.length}` } satisfies ToChild);
        });
        children.push(c);
      }
    });
    await allReady;
    const deliverStart = Date.now();
    while (Date.now() - deliverStart < TIMEOUT_MS) {
      const counts = await scheduler.queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
      if (perUser.size >= N && Object.values(counts).every((c) => c === 0)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const deliverMs = Date.now() - deliverStart;
    const failed = (await scheduler.queue.getJobCounts('failed')).failed;
    const duplicates = [...perUser.values()].reduce((sum, c) => sum + (c - 1), 0);
    const lost = N - perUser.size;
    const window = (acceptedAt[acceptedAt.length - 1] - acceptedAt[0]) / 1000;
    const achieved = (acceptedAt.length - 1) / window;
    const steady = acceptedAt.filter((x) => x < killedAt).length / ((killedAt - acceptedAt[0]) / 1000);

    const lines = [
      '',
      `Nudges benchmark — ${N} nudges, Slack stub limit ${RATE}/s, ${WORKERS} workers × concurrency ${CONCURRENCY}, worker 2 SIGKILLed at 40%`,
      row(['metric', 'value', 'target', 'ok']),
      row(['-'.repeat(34), '-'.repeat(16), '-'.repeat(16), '--']),
      row(['seed tenant (setup)', `${(seedMs / 1000).toFixed(2)} s`, '', '']),
      row([`compose ${N} nudges`, `${(composeMs / 1000).toFixed(2)} s`, '', '']),
      row([`plan + enqueue ${N} jobs`, `${(enqueueMs / 1000).toFixed(2)} s`, '', '']),
      row(['compose + enqueue', `${((composeMs + enqueueMs) / 1000).toFixed(2)} s`, '<= 5 s', composeMs + enqueueMs <= 5000 ? 'yes' : 'NO']),
      row(['deliver all (incl. crash recovery)', `${(deliverMs / 1000).toFixed(1)} s`, '', '']),
      row(['achieved send rate (whole run)', `${achieved.toFixed(1)}/s`, `>= ${(0.95 * RATE).toFixed(1)}/s`, achieved >= 0.95 * RATE ? 'yes' : 'NO']),
      row(['  = share of allowed rate', `${((achieved / RATE) * 100).toFixed(1)} %`, '>= 95 %', '']),
      row(['rate before the kill', `${steady.toFixed(1)}/s`, '', '']),
      row(['429s from the stub', limited, '', '']),
      row(['delivered (unique recipients)', perUser.size, N, '']),
      row(['duplicates', duplicates, 0, duplicates === 0 ? 'yes' : 'NO']),
      row(['lost', lost, 0, lost === 0 ? 'yes' : 'NO']),
      row(['failed jobs', failed, 0, failed === 0 ? 'yes' : 'NO']),
      '',
    ];
    process.stdout.write(lines.join('\n'));
    process.exitCode = duplicates === 0 && lost === 0 ? 0 : 1;
    await scheduler.close();
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.send({ type: 'stop' } satisfies ToChild);
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
    await server?.stop();
  }
}

const at = process.argv.indexOf('--child');
if (process.env.BENCH_NUDGES_MODE !== 'throughput') runMorningBench();
else if (at >= 0) void child(Number(process.argv[at + 1]));
else void parent();
