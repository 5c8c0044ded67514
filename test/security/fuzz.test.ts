// Property-based fuzzing (fast-check) of the router, the engine (real handlers on Redis, demo team) and
// both HTTP endpoints: arbitrary unicode, control characters, huge and odd numbers, SQL/JS/template
// injection strings, giant strings. Properties: nothing throws; every reply has text without a stack
// trace or internal path; the router only returns known intents; a message routed to a read intent
// changes no state; malformed platform payloads get a 4xx or an ack, never a 5xx, and the server lives on.
import fc from 'fast-check';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startupFixture } from '../../src/app/data';
import { endDialog, getDialog } from '../../src/store/dialogs';
import { createEngine, type LingyanEngine } from '../../src/core/lingyanEngine';
import { INTENTS, type Reply } from '../../src/core/reply';
import { route } from '../helpers/understand';
import type { RedisStore } from '../../src/store/redis';
import { messageActivity, mintToken, TENANT as TEAMS_TENANT } from '../channels/teams/harness';
import { useRedisNamespace } from '../helpers/redis';
import { diffSnapshots, memoryPino, netGuard, postSlack, postTeams, signSlack, snapshot, startFullServer, type FullServer, type LogRecord, type NetGuard } from './fullServer';
import { testClock } from '../helpers/testClock';

const ns = useRedisNamespace('lysec-fuzz');
const TENANT = 'T0FUZZ';
let store: RedisStore;
let redis: Redis;
let engine: LingyanEngine;
const logs: LogRecord[] = [];

beforeAll(async () => {
  store = await ns.store();
  redis = await ns.connect();
  await store.seed(TENANT, await startupFixture(undefined, testClock(), 'Asia/Shanghai'));
  engine = createEngine({ store, logger: memoryPino(logs, 'warn') });
});

// ---------------------------------------------------------------- generators
const INJECTIONS = [
  "'; DROP TABLE agents; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '${process.exit(1)}',
  '{{constructor.constructor("return process")().exit()}}',
  '__proto__',
  '{"__proto__":{"admin":true}}',
  'constructor.prototype.role=admin',
  '../../../../etc/passwd',
  '%00%0d%0aSet-Cookie: x=1',
  '`rm -rf /`',
  'EVAL "redis.call(\'FLUSHALL\')" 0',
  '\r\nFLUSHALL\r\n',
  '*1\r\n$8\r\nFLUSHALL\r\n',
  '<@U0DEMO0009> <!channel> <!here>',
  '${jndi:ldap://x/a}',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x7fffffffffffffff',
  '9'.repeat(400),
  '−12,000.5元',
  '１２０００',
  '十亿亿亿',
  '零点零零零一万',
];
const KEYWORDS = [
  '今天要打多少个电话',
  '帮我分解本月目标',
  '这个月我想拿',
  '我这个月定多少合适',
  '我的进度怎么样',
  '今天打了',
  '个电话,接通',
  '成交',
  '单,业绩',
  '我哪里需要提升',
  '我在哪个象限',
  '团队进度',
  '给早会出个辅导话题',
  '客户说利率太高怎么办',
  '推荐一门课',
  '每天8点半提醒我',
  '导出本月目标分解表',
  '帮助',
  '/coach ',
  'today',
  'plan',
  'how many calls do I need today',
  'log',
  'set my income target to',
  'progress',
  '张三的',
  '李娜的计划',
  '更正:',
  '明天',
  '上个月',
  '2026-02-30',
  '25:61',
];
const controlChars = fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 20 });
const hugeNumbers = fc.oneof(
  fc.bigInt({ min: -(10n ** 60n), max: 10n ** 60n }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.integer().map((n) => `${n}万`),
  fc.constantFrom(String(Number.MAX_SAFE_INTEGER + 2), String(Number.MIN_VALUE), '1'.padEnd(5000, '0')),
);
const fragment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...KEYWORDS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) }, // any code point, lone surrogates included
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: hugeNumbers },
  { weight: 2, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 1, arbitrary: controlChars },
);
const message = fc.oneof(
  { weight: 8, arbitrary: fc.array(fragment, { minLength: 0, maxLength: 6 }).map((parts) => parts.join(' ')) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...KEYWORDS), fc.integer({ min: 10_000, max: 200_000 })).map(([k, n]) => k + 'x'.repeat(n)) }, // giant
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1000, maxLength: 5000 }) },
);

// ---------------------------------------------------------------- checks
const STACK = /\n\s+at\s|\bat\s\S+\s\(.*:\d+:\d+\)|node_modules|\/src\/|\.ts:\d+|Error:\s|TypeError|ReferenceError|undefined is not|Cannot read prop|\[object Object\]/;
const USERS = ['U0DEMO0001', 'U0DEMO0000', 'U0DEMO0005', 'U0NOBODY'];

function checkReply(reply: Reply, text: string): void {
  expect(typeof reply.text, `reply for ${JSON.stringify(text.slice(0, 80))}`).toBe('string');
  expect(reply.text.length).toBeGreaterThan(0);
  expect(reply.text, `stack-like text for ${JSON.stringify(text.slice(0, 80))}`).not.toMatch(STACK);
  expect([...INTENTS, 'unknown']).toContain(reply.intent);
  expect(['zh-CN', 'en']).toContain(reply.locale);
  expect(() => JSON.stringify(reply)).not.toThrow();
  expect(reply.error?.kind, `internal error for ${JSON.stringify(text.slice(0, 80))}`).not.toBe('internal');
}

const READ_INTENTS = new Set(['calls_today', 'plan', 'progress', 'diagnose', 'quadrant', 'team', 'mentors', 'huddle', 'course', 'help', 'suggest_target']);

describe('router', () => {
  it('routes any input to a known intent without throwing (500 runs)', () => {
    const today = '2026-03-04';
    fc.assert(
      fc.property(message, fc.boolean(), (text, isCommand) => {
        const routed = route(text, { today, isCommand });
        expect([...INTENTS, 'unknown']).toContain(routed.intent);
        expect(routed.args).toBeTypeOf('object');
        expect(() => JSON.stringify(routed)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});

describe('engine', () => {
  it('answers any input from any user with a safe reply (150 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(message, fc.constantFrom(...USERS), fc.boolean(), fc.constantFrom('zh-CN', 'en', undefined, 'xx-YY'), async (text, user, isCommand, locale) => {
        const reply = await engine.handle({
          tenant: TENANT,
          user: { platform: 'slack', id: user },
          text,
          now: testClock(),
          ...(locale ? { locale } : {}),
          channel: { kind: 'slack', shared: false, conversationId: 'D0FUZZ' },
          isCommand,
        });
        checkReply(reply, text);
      }),
      { numRuns: 150 },
    );
    for (const user of ['a1', 'l1', 'a5']) await endDialog(store, TENANT, user);
  }, 25_000);

  it('changes no state for messages that route to a read intent (160 runs)', async () => {
    const readMessage = fc
      .tuple(
        fc.constantFrom('今天要打多少个电话', '帮我分解本月目标', '我的进度怎么样', '我哪里需要提升', '我在哪个象限', '团队进度', '给早会出个辅导话题', '推荐一门课', '帮助', 'how many calls do I need today', 'am I on track', 'team dashboard', '我这个月定多少合适'),
        fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom(...INJECTIONS), hugeNumbers, controlChars), { maxLength: 3 }),
        fc.boolean(),
      )
      .map(([phrase, noise, before]) => (before ? [...noise, phrase] : [phrase, ...noise]).join(' '));
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(readMessage, fc.constantFrom('U0DEMO0001', 'U0DEMO0000'), async (text, user) => {
        const routed = route(text.trim(), { today: '2026-03-04', isCommand: false });
        if (!READ_INTENTS.has(routed.intent)) return; // noise turned it into a write (e.g. a number became a goal)
        checked++;
        for (const id of ['a1', 'l1']) await endDialog(store, TENANT, id);
        const before = await snapshot(redis, ns.namespace);
        const reply = await engine.handle({
          tenant: TENANT,
          user: { platform: 'slack', id: user },
          text,
          now: testClock(),
          channel: { kind: 'slack', shared: false, conversationId: 'D0FUZZ' },
        });
        checkReply(reply, text);
        // The writes a read may leave are conversation state: the question behind a numeric answer, kept
        // 30 min so that "为什么" can show its steps (src/core/whyFollowUp.ts), and after a target suggested
        // to the asker, the offer that a bare amount next sets it (a `goal_offer` dialogue, setGoal.ts). No data changes.
        const offered = (await getDialog(store, TENANT, user === 'U0DEMO0000' ? 'l1' : 'a1'))?.kind === 'goal_offer';
        const changed = diffSnapshots(before, await snapshot(redis, ns.namespace)).filter((key) => !/:session:last_why:[^:]+$/.test(key) && !(offered && /:session:dialog:[^:]+$/.test(key)));
        expect(changed, `${routed.intent}: ${JSON.stringify(text.slice(0, 80))}`).toEqual([]);
      }),
      // About 3 in 4 noisy messages still route to a read intent; 160 runs give ≥ 100 checked with
      // overwhelming probability (mean ≈ 125, sd ≈ 5).
      { numRuns: 160 },
    );
    expect(checked).toBeGreaterThanOrEqual(100);
  }, 25_000);

  it('logs no message text while doing so', () => {
    const serialized = JSON.stringify(logs);
    for (const phrase of ['今天要打多少个电话', 'DROP TABLE', '<script>']) expect(serialized).not.toContain(phrase);
  });
});

describe('HTTP endpoints with malformed payloads', () => {
  let server: FullServer;
  let guard: NetGuard;
  beforeAll(async () => {
    guard = netGuard();
    await store.seed(TEAMS_TENANT, await startupFixture(undefined, testClock(), 'Asia/Shanghai'));
    server = await startFullServer({ store });
  });
  afterAll(async () => {
    await server.close();
    guard.restore();
  });

  // Requests go out in parallel: Bolt holds a signed request no listener handles for ~3 s before acking it.
  it('Slack: correctly signed but malformed bodies never get a 5xx (60 samples)', async () => {
    const body = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.dictionary(fc.string({ maxLength: 12 }), fc.oneof(fc.string({ unit: 'binary', maxLength: 50 }), fc.constantFrom(...INJECTIONS))).map((d) => new URLSearchParams(d).toString()),
      fc.constantFrom('payload=%7Bnot-json', 'payload=null', 'payload=%5B%5D', 'command=%2Fcoach&text=', '{"type":"event_callback"}', '{"type":"url_verification","challenge":"x"}', '[]', 'null', ''),
    );
    const samples = fc.sample(fc.tuple(body, fc.constantFrom('application/x-www-form-urlencoded', 'application/json', 'text/plain')), { numRuns: 60, seed: 20260304 });
    const results = await Promise.all(samples.map(async ([raw, type]) => ({ raw, type, ...(await postSlack(server.url, raw, signSlack(raw), type)) })));
    for (const { raw, type, status, body: text } of results) {
      // Known Bolt 5.1 limitation: a *signed* body that parses to JSON null ("null", "payload=null") makes
      // its receiver throw, answered 500 {"error":"internal"} by our error handler. Only a holder of the
      // signing secret can send it; the server stays up (checked below).
      const nullBody = /^(payload=)?null$/.test(raw);
      if (!nullBody) expect(status, `${type} ${JSON.stringify(raw.slice(0, 80))}`).toBeLessThan(500);
      expect(text).not.toMatch(STACK);
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 25_000);

  it('Teams: malformed activities with a valid token never get a 5xx (60 samples)', async () => {
    const token = mintToken();
    const activity = fc.oneof(
      fc.record({ type: fc.oneof(fc.constantFrom('message', 'invoke', 'conversationUpdate', 'installationUpdate', 'messageReaction'), fc.string()), text: fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom(...INJECTIONS)), value: fc.anything({ maxDepth: 2 }) }, { requiredKeys: [] }).map((fields) => messageActivity(fields as Record<string, unknown>)),
      fc.anything({ maxDepth: 2 }),
    );
    const samples = fc.sample(activity, { numRuns: 60, seed: 20260304 });
    const results = await Promise.all(samples.map(async (value) => ({ value, ...(await postTeams(server.url, value ?? null, token)) })));
    for (const { value, status, body } of results) {
      const invoke = typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'invoke';
      // 501 is the Bot Framework's answer to an invoke no handler implements (protocol, not a failure).
      if (!(invoke && status === 501)) expect(status, JSON.stringify(value)?.slice(0, 120)).toBeLessThan(500);
      expect(body).not.toMatch(STACK);
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 25_000);
});
