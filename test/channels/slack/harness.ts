// Test harness: Lingyan's real Bolt app on loopback, signed Slack requests, a fake Engine, nock for the Web API.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ExpressReceiver } from '@slack/bolt';
import nock from 'nock';
import type { Engine, FormResult, FormSubmission, Inbound, StreamSink } from '../../../src/core/engine';
import type { Reply } from '../../../src/core/reply';
import { MemoryStore } from '../../../src/store/memory';
import { createSlackApp, type SlackAppHandle } from '../../../src/channels/slack/app';
import type { SlackConfig, SlackLogger } from '../../../src/channels/slack/types';

export const SIGNING_SECRET = 'test-signing-secret';
export const BOT_TOKEN = 'xoxb-test-token';
export const SLACK = 'https://slack.com';
export const TEAM = 'T0TEAM';
export const BOT_USER = 'UBOT';

export function callsTodayReply(overrides: Partial<Reply> = {}): Reply {
  return {
    intent: 'calls_today',
    locale: 'zh-CN',
    text: '今天要打 92 个电话(还差 92 个),目标成交 2 单,意向客户 6 个。',
    data: { callsToday: 92, callsLeftToday: 92, dealsToday: 2, prospectsToday: 6, remainingWorkdays: 12, date: '2026-03-10' },
    title: '今天的目标',
    facts: [
      { label: '今天要打', value: '92' },
      { label: '还差', value: '92' },
      { label: '成交', value: '2' },
      { label: '意向客户', value: '6' },
      { label: '进度', value: '正常 (98%)' },
    ],
    why: ['需要提成 C = 12000 − 3000 = 9000', '业绩目标 S = 9000 ÷ 2% = 450000', '今天 = ⌈1100 ÷ 12⌉ = 92'],
    actions: [
      { id: 'log', label: '记录今天的量', intent: 'log_activity', form: 'log_activity', style: 'primary' },
      { id: 'roleplay', label: '练一练', intent: 'roleplay', text: '来练一下异议处理' },
      { id: 'week', label: '看本周', intent: 'plan', text: '本周目标' },
    ],
    ...overrides,
  };
}

export class FakeEngine implements Engine {
  inbounds: Inbound[] = [];
  submissions: FormSubmission[] = [];
  reply: (inbound: Inbound, stream?: StreamSink) => Promise<Reply> = async () => callsTodayReply();
  form: (submission: FormSubmission) => Promise<FormResult> = async () => ({ ok: true, reply: callsTodayReply({ intent: 'log_activity', why: [] }) });

  async handle(inbound: Inbound, stream?: StreamSink): Promise<Reply> {
    this.inbounds.push(inbound);
    return this.reply(inbound, stream);
  }
  async submitForm(submission: FormSubmission): Promise<FormResult> {
    this.submissions.push(submission);
    return this.form(submission);
  }
  async localeFor(): Promise<'zh-CN' | 'en'> {
    return 'zh-CN';
  }
}

export interface LogLine {
  level: string;
  fields: object;
  msg?: string;
}

export function memoryLogger(lines: LogLine[]): SlackLogger {
  const at = (level: string) => (fields: object, msg?: string) => void lines.push({ level, fields, msg });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export interface Harness {
  handle: SlackAppHandle;
  engine: FakeEngine;
  store: MemoryStore;
  logs: LogLine[];
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startHarness(config: Partial<SlackConfig> = {}): Promise<Harness> {
  const engine = new FakeEngine();
  const store = new MemoryStore();
  const logs: LogLine[] = [];
  const handle = createSlackApp({
    engine,
    store,
    // ackAnswerMs 0 unless a test asks otherwise: answers through response_url (the slow path); ai-answers.test.ts covers the ack body.
    config: { signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, retries: 0, streamIntervalMs: 50, ackAnswerMs: 0, ...config },
    logger: memoryLogger(logs),
  });
  const receiverApp = handle.receiver instanceof ExpressReceiver ? handle.receiver.app : undefined;
  if (!receiverApp) throw new Error('HTTP mode expected');
  const server = createServer(receiverApp);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    handle,
    engine,
    store,
    logs,
    server,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function sign(rawBody: string, timestamp = Math.floor(Date.now() / 1000), secret = SIGNING_SECRET): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
}

export async function post(
  h: Harness,
  rawBody: string,
  contentType: string,
  headers: Record<string, string> = sign(rawBody),
): Promise<{ status: number; body: string }> {
  const response = await fetch(`${h.url}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body: rawBody });
  return { status: response.status, body: await response.text() };
}

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

export function commandBody(text: string, extra: Record<string, string> = {}): string {
  return form({
    token: 'x',
    team_id: TEAM,
    team_domain: 'acme',
    channel_id: 'C0SALES',
    channel_name: 'sales',
    user_id: 'U0AGENT',
    user_name: 'zhang',
    command: '/coach',
    text,
    response_url: 'https://hooks.slack.com/commands/T0TEAM/1/abc',
    trigger_id: '111.222.333',
    api_app_id: 'A0APP',
    ...extra,
  });
}

export function eventBody(event: Record<string, unknown>, eventId = 'Ev0001'): string {
  return JSON.stringify({
    token: 'x',
    team_id: TEAM,
    api_app_id: 'A0APP',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM, user_id: BOT_USER, is_bot: true, is_enterprise_install: false }],
  });
}

export function interactionBody(payload: Record<string, unknown>): string {
  return form({ payload: JSON.stringify(payload) });
}

/** A recorder for one Web API method: every call's parsed form body. */
export function record(method: string, reply: (body: Record<string, string>) => object = () => ({ ok: true }), times = 1) {
  const calls: Array<Record<string, unknown>> = [];
  const scope = nock(SLACK)
    .post(`/api/${method}`, (body: Record<string, unknown>) => {
      calls.push(body);
      return true;
    })
    .times(times)
    .reply(200, (_uri, body) => reply(typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : (body as Record<string, string>)));
  return { calls, scope };
}

export function usersInfo(locale = 'zh-CN', email = 'zhang@example.com') {
  return nock(SLACK)
    .post('/api/users.info', (body: Record<string, string>) => body.include_locale === 'true')
    .reply(200, { ok: true, user: { id: 'U0AGENT', name: 'zhang', real_name: '张三', locale, tz: 'Asia/Shanghai', profile: { email } } })
    .persist();
}

export function authTest() {
  return nock(SLACK).post('/api/auth.test').reply(200, { ok: true, user_id: BOT_USER, bot_id: 'B0BOT', team_id: TEAM }).persist();
}

export async function waitFor(check: () => boolean, timeoutMs = 4000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for condition');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const settle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

export function parseBlocks(raw: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(raw)) return raw as Array<Record<string, unknown>>;
  return typeof raw === 'string' ? (JSON.parse(raw) as Array<Record<string, unknown>>) : [];
}

/** A fresh harness with the network locked to loopback and auth.test / users.info answered. */
export async function startMockedHarness(config: Partial<SlackConfig> = {}, locale = 'zh-CN'): Promise<Harness> {
  nock.cleanAll();
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  authTest();
  usersInfo(locale);
  return startHarness(config);
}

/** Closes a harness from startMockedHarness and releases the network. */
export async function closeMockedHarness(h: Harness): Promise<void> {
  await h.close();
  nock.cleanAll();
  nock.enableNetConnect();
}
