// Test harness: the real Teams channel behind express on loopback, Bot Framework JWTs minted with a test RSA
// key (botFramework.ts: OpenID metadata and JWKS served by nock), AAD tokens and the connector service captured by nock.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import nock from 'nock';
import { afterAll, beforeAll, vi } from 'vitest';
import type { Engine, FormResult, FormSubmission, Inbound } from '../../../src/core/engine';
import type { Reply } from '../../../src/core/reply';
import { MemoryStore } from '../../../src/store/memory';
import { createTeamsChannel, type TeamsChannel } from '../../../src/channels/teams/adapter';
import type { TeamsConfig, TeamsLogger, TeamsTiming } from '../../../src/channels/teams/types';
import { APP_ID, CONNECTOR_HOST, mintToken, mockAadToken, mockBotFrameworkKeys, NOW, SERVICE_URL, TENANT } from './botFramework';

export * from './botFramework';

export interface Sent {
  path: string;
  body: Record<string, unknown>;
  authorization?: string;
  /** The id the connector answered with (`bot-activity-<n>`). */
  replyId?: string;
}

/** Captures every activity the bot posts to the connector; answers with incrementing ids. */
export function captureConnector(): Sent[] {
  const sent: Sent[] = [];
  let n = 0;
  nock(CONNECTOR_HOST)
    .persist()
    .post(/\/amer\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/)
    .reply(function (uri, body) {
      const header = this.req.headers.authorization;
      n += 1;
      sent.push({ path: decodeURIComponent(uri), body: body as Record<string, unknown>, authorization: typeof header === 'string' ? header : undefined, replyId: `bot-activity-${n}` });
      return [200, { id: `bot-activity-${n}` }];
    });
  return sent;
}

export const silentLogger: TeamsLogger & { lines: Array<{ level: string; msg?: string; obj: Record<string, unknown> }> } = {
  lines: [],
  debug(obj, msg) {
    this.lines.push({ level: 'debug', obj, msg });
  },
  info(obj, msg) {
    this.lines.push({ level: 'info', obj, msg });
  },
  warn(obj, msg) {
    this.lines.push({ level: 'warn', obj, msg });
  },
  error(obj, msg) {
    this.lines.push({ level: 'error', obj, msg });
  },
};

/** An Engine double: canned replies by text, recorded calls. */
export class FakeEngine implements Engine {
  handled: Inbound[] = [];
  submitted: FormSubmission[] = [];
  constructor(
    public reply: (inbound: Inbound) => Reply,
    public formResult: (submission: FormSubmission) => FormResult = () => ({ ok: true }),
  ) {}
  async handle(inbound: Inbound): Promise<Reply> {
    this.handled.push(inbound);
    return this.reply(inbound);
  }
  async submitForm(submission: FormSubmission): Promise<FormResult> {
    this.submitted.push(submission);
    return this.formResult(submission);
  }
  async localeFor(inbound: Pick<Inbound, 'locale'>): Promise<'zh-CN' | 'en'> {
    return inbound.locale?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
  }
}

export interface Harness<E extends Engine = FakeEngine> {
  url: string;
  channel: TeamsChannel;
  store: MemoryStore;
  engine: E;
  post(activity: Record<string, unknown>, token?: string | null): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

export async function startHarness<E extends Engine = FakeEngine>(
  engine: E,
  config: Partial<TeamsConfig> = {},
  store: MemoryStore = new MemoryStore(),
  now: Date = NOW,
  timing?: TeamsTiming,
): Promise<Harness<E>> {
  const channel = createTeamsChannel({
    engine,
    store,
    config: { appId: APP_ID, appPassword: 'test-secret', appType: 'MultiTenant', ...config },
    logger: silentLogger,
    now: () => now,
    ...(timing ? { timing } : {}),
  });
  const app = express();
  app.post('/api/messages', express.json(), (req, res) => channel.handleRequest(req, res));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  return {
    url,
    channel,
    store,
    engine,
    async post(activity, token = mintToken()) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(activity) });
      return { status: res.status, body: await res.text() };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Loopback only, plus the Bot Framework OpenID/JWKS and AAD token endpoints every turn needs. */
export function mockBotFrameworkNetwork(): void {
  lockNetwork();
  mockBotFrameworkKeys();
  mockAadToken();
}

/** Undoes mockBotFrameworkNetwork (after a file's tests). */
export function releaseNetwork(): void {
  nock.cleanAll();
  nock.enableNetConnect();
}

/** Network: loopback only; everything else must be mocked. */
export function lockNetwork(): void {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
}

let activityCounter = 0;
/** A Teams message activity as the service sends it. */
export function messageActivity(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  activityCounter += 1;
  return {
    type: 'message',
    id: `incoming-${activityCounter}`,
    timestamp: '2026-03-10T01:00:00.000Z',
    localTimestamp: '2026-03-10T09:00:00.000+08:00',
    localTimezone: 'Asia/Shanghai',
    serviceUrl: SERVICE_URL,
    channelId: 'msteams',
    from: { id: '29:user-zhang', name: '张三', aadObjectId: 'aad-zhang' },
    conversation: { id: 'a:personal-zhang', conversationType: 'personal', tenantId: TENANT },
    recipient: { id: `28:${APP_ID}`, name: 'Lingyan' },
    locale: 'zh-CN',
    text: '今天要打多少个电话',
    channelData: { tenant: { id: TENANT } },
    ...overrides,
  };
}

export interface TeamsHarnessFixture<E extends Engine> {
  readonly h: Harness<E>;
  readonly sent: Sent[];
}

/**
 * The lifecycle the Teams channel tests share; call at the top level of a test file. Before its tests:
 * the SDK's console noise muted, Bot Framework network mocked, the harness from `start`, the connector
 * captured. After them: harness closed, network released, mocks restored. Read the fields in hooks and tests.
 */
export function useTeamsHarness<E extends Engine>(start: () => Promise<Harness<E>>): TeamsHarnessFixture<E> {
  let h: Harness<E> | undefined;
  let sent: Sent[] | undefined;
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useTeamsHarness: read its fields in hooks or tests, after beforeAll');
    return value;
  };
  beforeAll(async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    mockBotFrameworkNetwork();
    h = await start();
    sent = captureConnector();
  });
  afterAll(async () => {
    await h?.close();
    releaseNetwork();
    vi.restoreAllMocks();
  });
  return {
    get h() {
      return ready(h);
    },
    get sent() {
      return ready(sent);
    },
  };
}
