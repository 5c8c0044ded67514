// Test harness: the real Teams channel behind express on loopback, Bot Framework JWTs minted with a test RSA
// key (OpenID metadata and JWKS served by nock), AAD tokens and the connector service captured by nock.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import jwt from 'jsonwebtoken';
import nock from 'nock';
import { afterAll, beforeAll, vi } from 'vitest';
import type { Engine, FormResult, FormSubmission, Inbound } from '../../../src/core/engine';
import type { Reply } from '../../../src/core/reply';
import { MemoryStore } from '../../../src/store/memory';
import { createTeamsChannel, type TeamsChannel } from '../../../src/channels/teams/adapter';
import type { TeamsConfig, TeamsLogger } from '../../../src/channels/teams/types';

export const APP_ID = '11111111-2222-3333-4444-555555555555';
export const TENANT = 'tenant-0001';
export const SERVICE_URL = 'https://smba.trafficmanager.net/amer/';
export const CONNECTOR_HOST = 'https://smba.trafficmanager.net';
export const ISSUER = 'https://api.botframework.com';
export const KID = 'lingyan-test-key';
export const NOW = new Date('2026-03-10T09:00:00+08:00');

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** Serves the Bot Framework OpenID metadata and the JWKS holding the test key (endorsed for msteams). */
export function mockBotFrameworkKeys(): void {
  const jwk = keys.publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  nock('https://login.botframework.com')
    .persist()
    .get('/v1/.well-known/openidconfiguration')
    .reply(200, {
      issuer: ISSUER,
      authorization_endpoint: 'https://invalid.botframework.com',
      jwks_uri: 'https://login.botframework.com/v1/.well-known/keys',
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
    })
    .get('/v1/.well-known/keys')
    .reply(200, { keys: [{ kty: 'RSA', use: 'sig', kid: KID, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] });
}

/** AAD (MSAL) metadata and client-credential token endpoint for the bot's outgoing calls. */
export function mockAadToken(): void {
  const scope = nock('https://login.microsoftonline.com').persist();
  scope.get(/\/v2\.0\/\.well-known\/openid-configuration/).reply(200, (uri) => {
    const tenant = uri.split('/')[1];
    const base = `https://login.microsoftonline.com/${tenant}`;
    return {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      issuer: `https://login.microsoftonline.com/${tenant}/v2.0`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
    };
  });
  scope.get(/\/common\/discovery\/instance/).reply(200, {
    tenant_discovery_endpoint: 'https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration',
    metadata: [
      { preferred_network: 'login.microsoftonline.com', preferred_cache: 'login.windows.net', aliases: ['login.microsoftonline.com'] },
    ],
  });
  scope.post(/\/oauth2\/v2\.0\/token/).reply(200, {
    token_type: 'Bearer',
    expires_in: 3599,
    ext_expires_in: 3599,
    access_token: 'outgoing-test-token',
  });
}

export interface TokenOptions {
  audience?: string;
  issuer?: string;
  serviceUrl?: string;
  expiresInSeconds?: number;
  /** Sign with a key that is not in the JWKS (under the same kid): an invalid signature. */
  wrongKey?: boolean;
}

export function mintToken(options: TokenOptions = {}): string {
  const key: KeyObject = options.wrongKey ? otherKeys.privateKey : keys.privateKey;
  const now = Math.floor(Date.now() / 1000);
  const exp = now + (options.expiresInSeconds ?? 3600);
  return jwt.sign(
    {
      serviceurl: options.serviceUrl ?? SERVICE_URL,
      nbf: Math.min(now - 60, exp - 60),
      exp,
      iss: options.issuer ?? ISSUER,
      aud: options.audience ?? APP_ID,
    },
    key,
    { algorithm: 'RS256', keyid: KID, noTimestamp: false },
  );
}

export interface Sent {
  path: string;
  body: Record<string, unknown>;
  authorization?: string;
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
      sent.push({ path: decodeURIComponent(uri), body: body as Record<string, unknown>, authorization: typeof header === 'string' ? header : undefined });
      n += 1;
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
): Promise<Harness<E>> {
  const channel = createTeamsChannel({
    engine,
    store,
    config: { appId: APP_ID, appPassword: 'test-secret', appType: 'MultiTenant', ...config },
    logger: silentLogger,
    now: () => now,
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
