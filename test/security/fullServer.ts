// The whole production HTTP server for security and fault tests: createHttpApp with Lingyan's Slack
// receiver (real Bolt, signature checks on) and Teams' CloudAdapter (JWT checks on) in front of the real
// engine and a real store, on loopback. Slack's Web API / response_url and the Bot Framework endpoints
// are served by nock (see netGuard); every outgoing call is recorded so tests can assert "no side effect".
import { createHmac } from 'node:crypto';
import nock from 'nock';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { startupFixture } from '../../src/app/data';
import { createSlackApp, type SlackAppHandle } from '../../src/channels/slack';
import { createTeamsChannel, type TeamsChannel } from '../../src/channels/teams/adapter';
import type { Engine } from '../../src/core/engine';
import { createEngine, type LingyanEngine } from '../../src/core/lingyanEngine';
import { createHttpApp, startHttpServer, type RunningServer } from '../../src/server/http';
import type { RedisStore } from '../../src/store/redis';
import type { Store } from '../../src/store/store';
import { memoryPino, type LogRecord } from '../helpers/memoryLogger';
import { testClock } from '../helpers/testClock';
import type { RedisTestNamespace } from '../helpers/redis';
import { APP_ID, CONNECTOR_HOST, mockAadToken, mockBotFrameworkKeys } from '../channels/teams/harness';

export const SIGNING_SECRET = 'security-test-signing-secret';
export const BOT_TOKEN = 'xoxb-security-test';
export const SLACK_API = 'https://slack.com';
export const SLACK_HOOKS = 'https://hooks.slack.com';

export { memoryPino, type LogRecord } from '../helpers/memoryLogger';

export interface OutgoingCall {
  host: string;
  path: string;
  body: unknown;
}

export interface NetGuard {
  calls: OutgoingCall[];
  /** Replace how Slack answers a Web API method (default `{ ok: true }`). */
  slackReply: (method: string, body: unknown) => [number, unknown, Record<string, string>?];
  /** How a response_url answers (default 200 "ok"). */
  hooksReply: (path: string, body: unknown) => [number, unknown, Record<string, string>?];
  /** How the Teams connector answers a posted activity (default 200). */
  connectorReply: (path: string, body: unknown) => [number, unknown, Record<string, string>?];
  restore(): void;
}

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    return Object.fromEntries(new URLSearchParams(body));
  }
}

/**
 * Loopback only; Slack (Web API and response_url), the Bot Framework keys, AAD and the Teams connector
 * answered by nock, and every call recorded.
 */
export function netGuard(): NetGuard {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  mockBotFrameworkKeys();
  mockAadToken();
  const guard: NetGuard = {
    calls: [],
    slackReply: (method) => {
      if (method === 'users.info') return [200, { ok: true, user: { id: 'U', name: 'x', locale: 'zh-CN', tz: 'Asia/Shanghai' } }];
      if (method === 'conversations.open') return [200, { ok: true, channel: { id: 'D0DM' } }];
      return [200, { ok: true, ts: '1.0', channel: 'C0', user_id: 'UBOT', bot_id: 'B0' }];
    },
    hooksReply: () => [200, 'ok'],
    connectorReply: () => [200, { id: 'activity-1' }],
    restore() {
      nock.cleanAll();
      nock.enableNetConnect();
    },
  };
  nock(SLACK_API)
    .persist()
    .post(/^\/api\/.+/)
    .reply((uri, body) => {
      const method = uri.replace(/^\/api\//, '').split('?')[0];
      // auth.test is Bolt verifying its own token at start-up, not a reaction to a request.
      if (method !== 'auth.test') guard.calls.push({ host: 'slack.com', path: method, body: parseBody(body) });
      return guard.slackReply(method, parseBody(body));
    });
  nock(SLACK_HOOKS)
    .persist()
    .post(/.*/)
    .reply((uri, body) => {
      guard.calls.push({ host: 'hooks.slack.com', path: uri, body: parseBody(body) });
      return guard.hooksReply(uri, parseBody(body));
    });
  nock(CONNECTOR_HOST)
    .persist()
    .post(/.*/)
    .reply((uri, body) => {
      guard.calls.push({ host: 'connector', path: decodeURIComponent(uri), body: parseBody(body) });
      return guard.connectorReply(decodeURIComponent(uri), parseBody(body));
    })
    .put(/.*/)
    .reply((uri, body) => {
      guard.calls.push({ host: 'connector', path: decodeURIComponent(uri), body: parseBody(body) });
      return guard.connectorReply(decodeURIComponent(uri), parseBody(body));
    });
  return guard;
}

export interface FullServer {
  url: string;
  server: RunningServer;
  engine: Engine;
  slack: SlackAppHandle;
  teams: TeamsChannel;
  logs: LogRecord[];
  close(): Promise<void>;
}

export async function startFullServer(options: { store: Store; engine?: Engine; logs?: LogRecord[] }): Promise<FullServer> {
  const logs = options.logs ?? [];
  const logger = memoryPino(logs);
  const engine: Engine = options.engine ?? createEngine({ store: options.store, logger });
  const slack = createSlackApp({
    engine,
    store: options.store,
    logger: logger.child({ channel: 'slack' }),
    // ackAnswerMs 0: every /coach answer arrives through response_url, where these tests read it (answers
    // in the ack body are tested in test/channels/slack/ai-answers.test.ts).
    config: { signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, retries: 0, streamIntervalMs: 50, ackAnswerMs: 0 },
    clock: testClock,
  });
  const teams = createTeamsChannel({
    engine,
    store: options.store,
    logger: logger.child({ channel: 'teams' }),
    config: { appId: APP_ID, appPassword: 'test-secret', appType: 'MultiTenant' },
    now: testClock,
  });
  const app = createHttpApp({
    logger,
    ...(slack.router ? { slackRouter: slack.router } : {}),
    teamsHandler: (req, res) => teams.handleRequest(req, res),
    readiness: async () => ({ redis: await options.store.ping() }),
  });
  const server = await startHttpServer(app, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${server.port}`,
    server,
    engine,
    slack,
    teams,
    logs,
    close: () => server.close(2000),
  };
}

export interface FullServerFixture {
  readonly server: FullServer;
  readonly guard: NetGuard;
  readonly store: RedisStore;
}

/**
 * The lifecycle the full-server tests share; call at the top level of a test file. Before its tests: the
 * net guard, a store in `ns` with the demo team seeded under each of `tenants`, the server on it. After
 * them: server closed, guard restored. Read the fields inside hooks and tests (they are set in beforeAll).
 */
export function useFullServer(ns: RedisTestNamespace, tenants: string[]): FullServerFixture {
  let server: FullServer | undefined;
  let guard: NetGuard | undefined;
  let store: RedisStore | undefined;
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useFullServer: read its fields in hooks or tests, after beforeAll');
    return value;
  };
  beforeAll(async () => {
    guard = netGuard();
    store = await ns.store();
    const demo = await startupFixture(undefined, testClock(), 'Asia/Shanghai');
    for (const tenant of tenants) await store.seed(tenant, demo);
    server = await startFullServer({ store });
  });
  afterAll(async () => {
    await server?.close();
    guard?.restore();
  });
  return {
    get server() {
      return ready(server);
    },
    get guard() {
      return ready(guard);
    },
    get store() {
      return ready(store);
    },
  };
}

export function signSlack(rawBody: string, timestamp = Math.floor(Date.now() / 1000), secret = SIGNING_SECRET): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
}

/** A signed-ready Slack Events API body: a person's DM to the bot (team T0DEMO unless given). */
export function dmEvent(text: string, fields: { eventId: string; ts: string; team?: string; user?: string }): string {
  const team = fields.team ?? 'T0DEMO';
  return JSON.stringify({
    type: 'event_callback',
    team_id: team,
    api_app_id: 'A0APP',
    event_id: fields.eventId,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'message', channel_type: 'im', user: fields.user ?? 'U0DEMO0001', text, ts: fields.ts, channel: 'D0DM' },
    authorizations: [{ team_id: team, user_id: 'UBOT', is_bot: true }],
  });
}

export function slashCommand(text: string, fields: { team?: string; user?: string; channel?: string; responseUrl?: string } = {}): string {
  return new URLSearchParams({
    token: 'x',
    team_id: fields.team ?? 'T0DEMO',
    team_domain: 'acme',
    channel_id: fields.channel ?? 'D0DIRECT',
    channel_name: 'directmessage',
    user_id: fields.user ?? 'U0DEMO0001',
    user_name: 'someone',
    command: '/coach',
    text,
    response_url: fields.responseUrl ?? `${SLACK_HOOKS}/commands/T0DEMO/1/abc`,
    trigger_id: '111.222.333',
    api_app_id: 'A0APP',
  }).toString();
}

export async function postSlack(url: string, raw: string, headers: Record<string, string>, contentType = 'application/x-www-form-urlencoded') {
  const res = await fetch(`${url}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body: raw });
  return { status: res.status, body: await res.text() };
}

export async function postTeams(url: string, activity: unknown, token: string | null) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers, body: JSON.stringify(activity) });
  return { status: res.status, body: await res.text() };
}

/** Every key of a Redis namespace with its serialized value: equal snapshots mean no state changed. */
export async function snapshot(redis: Redis, namespace: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${namespace}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length === 0) continue;
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.dumpBuffer(key);
    const results = (await pipeline.exec()) ?? [];
    keys.forEach((key, i) => {
      const dumped = results[i]?.[1] as Buffer | null | undefined;
      if (dumped) out.set(key, dumped.toString('hex'));
    });
  } while (cursor !== '0');
  return out;
}

/** Keys added, removed or changed between two snapshots. */
export function diffSnapshots(before: Map<string, string>, after: Map<string, string>): string[] {
  const changed: string[] = [];
  for (const [key, value] of after) if (before.get(key) !== value) changed.push(key);
  for (const key of before.keys()) if (!after.has(key)) changed.push(key);
  return changed.sort();
}

export const settle = (ms = 200) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for condition');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export type { LingyanEngine };

/** A signed-ready `block_actions` body: `user` clicked the button `actionId` (with `value`) in `channel`. */
export function blockActionBody(fields: { tenant: string; user: string; actionId: string; value: string; responsePath: string; channel?: string; ephemeral?: boolean }): string {
  const channel = fields.channel ?? 'D0DIRECT';
  const payload = {
    type: 'block_actions',
    team: { id: fields.tenant, domain: 'acme' },
    user: { id: fields.user, username: 'x', team_id: fields.tenant },
    api_app_id: 'A0APP',
    token: 'x',
    trigger_id: '1.2.3',
    container: { type: 'message', message_ts: '5.5', channel_id: channel, is_ephemeral: fields.ephemeral ?? true },
    channel: { id: channel, name: 'directmessage' },
    response_url: `${SLACK_HOOKS}${fields.responsePath}`,
    actions: [{ type: 'button', action_id: fields.actionId, block_id: 'b', value: fields.value, action_ts: '6.6' }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
