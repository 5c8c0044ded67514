// The Slack install lifecycle over the real Bolt pipeline on loopback (signed event bodies, the real OAuth
// install and callback routes), with nock as Slack's Web API, a RedisStore, and a real nudge worker (BullMQ)
// sending through the app's own proactive channel. Asserted on the store: the OAuth install stores the bot
// token encrypted; `app_uninstalled` and `tokens_revoked` (bot) remove the installation and pause the
// workspace's nudges (no sends, no dead marks); a reinstall resumes them and removes the dead marks the lost
// installation left (marks about one person stay); a token revoked without any event pauses the workspace
// at the first refused send instead of marking each person. One workspace (SLACK_BOT_TOKEN): the uninstall
// pauses, and a token Slack accepts again resumes.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ExpressReceiver } from '@slack/bolt';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp, type SlackAppHandle } from '../../../src/channels/slack/app';
import { INSTALLATION_KIND } from '../../../src/channels/slack/installation-store';
import type { AgentProfile } from '../../../src/domain/types';
import type { DeliveryOutcome } from '../../../src/nudges/delivery';
import { DEAD_KIND, type DeadRecipient } from '../../../src/nudges/planning';
import { CHANNEL_PAUSE_KIND, type ChannelPause } from '../../../src/nudges/workspaces';
import { MemoryStore } from '../../../src/store/memory';
import type { RedisStore } from '../../../src/store/redis';
import type { Store } from '../../../src/store/store';
import { useRedisNamespace } from '../../helpers/redis';
import { fixture } from '../../nudges/helpers';
import { waitFor as waitUntil, worker } from '../../nudges/support';
import { FakeEngine, memoryLogger, sign, type LogLine } from './harness';

const ns = useRedisNamespace('lylife');
const GOV = 'https://slack-gov.example';
const KEY = randomBytes(32).toString('base64');
const SECRET = 'lifecycle-signing-secret';
const OAUTH = { signingSecret: SECRET, clientId: '123.456', clientSecret: 'shh', stateSecret: 'state-secret', apiUrl: `${GOV}/api`, retries: 0 };

/** 09:00:30 in Shanghai on `date`: the morning nudges (agents) and the digest (lead l1) are due. The dates
 * are ordinary CN working days (no month start or end, whose extra nudges come later in the day). */
let now = Date.parse('2026-09-21T01:00:30Z');
const clock = () => now;
const morningOf = (date: string) => Date.parse(`${date}T01:00:30Z`);

/** Slack's Web API as nock serves it: tokens it accepts, what each OAuth code installs, every call. */
const slack = {
  valid: new Set<string>(),
  codes: new Map<string, { team: string; token: string }>(),
  calls: [] as Array<{ method: string; token: string; body: Record<string, unknown> }>,
  posts(token?: string): string[] {
    return this.calls.filter((c) => c.method === 'chat.postMessage' && (!token || c.token === token)).map((c) => String(c.body.channel)).sort();
  },
};

function slackApi(): void {
  nock(GOV)
    .persist()
    .post(/^\/api\/.+/)
    .reply(function (uri, raw) {
      const method = uri.replace(/^\/api\//, '');
      const body = (typeof raw === 'string' ? Object.fromEntries(new URLSearchParams(raw)) : raw) as Record<string, unknown>;
      const token = String(this.req.headers.authorization ?? '').replace(/^Bearer /, '');
      slack.calls.push({ method, token, body });
      if (method === 'oauth.v2.access') {
        const install = slack.codes.get(String(body.code));
        if (!install) return [200, { ok: false, error: 'invalid_code' }];
        slack.valid.add(install.token);
        return [200, {
          ok: true, app_id: 'A0APP', authed_user: { id: 'U0ADMIN' }, scope: 'chat:write,im:write,im:history', token_type: 'bot',
          access_token: install.token, bot_user_id: 'UBOT', team: { id: install.team, name: 'Acme' }, enterprise: null, is_enterprise_install: false,
        }];
      }
      if (!slack.valid.has(token)) return [200, { ok: false, error: 'token_revoked' }];
      if (method === 'auth.test') return [200, { ok: true, user_id: 'UBOT', bot_id: 'B0BOT', team_id: 'T0SINGLE', url: 'https://acme.slack.com/' }];
      if (method === 'conversations.open') return [200, { ok: true, channel: { id: `D-${String(body.users)}` } }];
      if (method === 'conversations.history') return [200, { ok: true, messages: [] }];
      return [200, { ok: true, channel: body.channel, ts: `${slack.calls.length}.0001` }];
    });
}

interface App {
  handle: SlackAppHandle;
  url: string;
  logs: LogLine[];
  server: Server;
}

async function startApp(store: Store, config: Record<string, unknown>): Promise<App> {
  const logs: LogLine[] = [];
  const handle = createSlackApp({ engine: new FakeEngine(), store, config: { signingSecret: SECRET, ...config }, logger: memoryLogger(logs) });
  const server = createServer((handle.receiver as ExpressReceiver).app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { handle, logs, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** The real OAuth flow: /slack/install (state cookie), then Slack's redirect back with a code. */
async function install(app: App, team: string, token: string): Promise<void> {
  const code = `code-${token}`;
  slack.codes.set(code, { team, token });
  const start = await fetch(`${app.url}/slack/install`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0];
  const callback = await fetch(`${app.url}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, { headers: { cookie } });
  expect(callback.status).toBe(200);
}

let eventSeq = 0;
async function sendEvent(app: App, team: string, event: Record<string, unknown>): Promise<number> {
  // As Slack sends them: no `authorizations` (the app is gone), only the team.
  const raw = JSON.stringify({
    token: 'x', team_id: team, api_app_id: 'A0APP', type: 'event_callback', event_id: `EvLIFE${++eventSeq}`,
    event_time: Math.floor(Date.now() / 1000), event: { ...event, event_ts: `${Date.now() / 1000}` },
  });
  const res = await fetch(`${app.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...sign(raw, undefined, SECRET) }, body: raw });
  return res.status;
}

let store: RedisStore;
let app: App;
const workers: Array<{ close(): Promise<void> }> = [];

async function seedTenant(team: string): Promise<void> {
  const f = fixture();
  f.agents = f.agents.filter((a) => a.tz === 'Asia/Shanghai'); // a1 (UA1), a2 (UA2), lead l1 (UL1)
  f.teams = f.teams.filter((t) => t.id === 't1');
  f.history = f.history.filter((h) => f.agents.some((a: AgentProfile) => a.id === h.agent));
  f.goals = f.goals.filter((g) => f.agents.some((a: AgentProfile) => a.id === g.agent));
  await store.seed(team, f);
}

function startWorker(queueName: string) {
  const w = worker(ns.url, {
    store, prefix: ns.namespace, queueName, channels: { slack: app.handle.proactive },
    rates: { slack: { perSecond: 500, burst: 50 } }, scheduler: { now: clock }, delivery: { now: clock },
  });
  workers.push(w);
  return w;
}

/** Plans `team`'s nudges of `date` at 09:00:30 there and waits for the worker to finish them. */
async function runDay(w: ReturnType<typeof startWorker>, team: string, date: string): Promise<DeliveryOutcome[]> {
  now = morningOf(date);
  const before = (await w.scheduler.queue.getJobCounts('completed')).completed;
  const planned = await w.scheduler.planDate(team, date);
  const jobs = planned.scheduled;
  expect(jobs).toBeGreaterThan(0);
  await waitUntil(async () => (await w.scheduler.queue.getJobCounts('completed')).completed >= before + jobs, 20_000, `${date}'s nudges`);
  const done = await w.scheduler.queue.getJobs(['completed']);
  return done.filter((j) => j.name !== 'plan' && (j.data as { tenant: string; date: string }).tenant === team && (j.data as { date: string }).date === date).map((j) => j.returnvalue as DeliveryOutcome);
}

const deadMarks = async (team: string) => (await store.listDocs<DeadRecipient>(team, DEAD_KIND)).map((d) => `${d.agent}:${d.reason}`).sort();
const pause = (team: string) => store.getDoc<ChannelPause>(team, CHANNEL_PAUSE_KIND, 'slack');
const installation = (team: string) => store.getDoc<{ bot?: { token?: string } }>(team, INSTALLATION_KIND, 'workspace');

beforeAll(async () => {
  nock.cleanAll();
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  slackApi();
  store = await ns.store();
  app = await startApp(store, { ...OAUTH, installationKey: KEY });
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.close().catch(() => undefined)));
  await new Promise((resolve) => app.server.close(resolve));
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('install, uninstall, reinstall (OAuth)', () => {
  it('pauses nudges on app_uninstalled and resumes them on a reinstall, clearing the marks the removal left', async () => {
    const team = 'T0LIFE';
    await seedTenant(team);
    const w = startWorker('life');

    await install(app, team, 'xoxb-life-one');
    // Stored encrypted: neither the document nor any key of the namespace holds the token.
    const stored = await installation(team);
    expect(stored?.bot?.token).toMatch(/^lyenc:v1:/);
    const redis = await ns.connect();
    const values: string[] = [];
    for (const key of await redis.keys(`${ns.namespace}:*`)) {
      const type = await redis.type(key);
      if (type === 'hash') values.push(JSON.stringify(await redis.hgetall(key)));
      else if (type === 'string') values.push((await redis.get(key)) ?? '');
    }
    expect(values.some((v) => v.includes('lyenc:v1:'))).toBe(true);
    expect(values.filter((v) => v.includes('xoxb-life-one'))).toEqual([]);
    expect(await app.handle.installations?.botToken(team)).toBe('xoxb-life-one');

    // Monday: all three get their nudge, with the workspace's token.
    const monday = await runDay(w, team, '2026-09-21');
    expect(monday.map((o) => o.status)).toEqual(['sent', 'sent', 'sent']);
    expect(slack.posts('xoxb-life-one')).toEqual(['D-UA1', 'D-UA2', 'D-UL1']);

    // A mark about one person: Slack no longer knows a2.
    await store.putDoc(team, DEAD_KIND, 'a2', { agent: 'a2', reason: 'user_not_found', channel: 'slack', at: '2026-09-21T01:30:00Z' });

    // The workspace removes Lingyan: Slack revokes the token and sends app_uninstalled.
    slack.valid.delete('xoxb-life-one');
    expect(await sendEvent(app, team, { type: 'app_uninstalled' })).toBe(200);
    await waitUntil(async () => (await installation(team)) === null && (await pause(team)) !== null, 5000, 'the removal');
    expect(await pause(team)).toMatchObject({ channel: 'slack', reason: 'app_uninstalled' });
    // A mark the removal left: a send refused with the dead token (as a version before the pause marked
    // each person, or a send racing the event).
    await store.putDoc(team, DEAD_KIND, 'a1', { agent: 'a1', reason: 'token_revoked', channel: 'slack', at: '2026-09-21T02:00:00Z' });
    expect(await deadMarks(team)).toEqual(['a1:token_revoked', 'a2:user_not_found']);

    // Tuesday: nothing is sent (not even conversations.open), no mark is added. The marked a1 and a2 are
    // not planned at all; l1, who has no mark, is skipped for the paused workspace.
    const callsBefore = slack.calls.length;
    const tuesday = await runDay(w, team, '2026-09-22');
    expect(tuesday.map((o) => `${o.status}:${o.reason}`)).toEqual(['skipped:workspace_paused']);
    expect(slack.calls.slice(callsBefore)).toEqual([]);
    expect(await deadMarks(team)).toEqual(['a1:token_revoked', 'a2:user_not_found']);

    // Reinstalled: the pause is lifted and the mark the removal left is gone; a2's stays.
    await install(app, team, 'xoxb-life-two');
    expect(await pause(team)).toBeNull();
    expect(await deadMarks(team)).toEqual(['a2:user_not_found']);
    expect(app.logs.some((l) => l.msg === 'slack: reinstalled; the workspace nudges resume')).toBe(true);

    // Wednesday: a1 and l1 get their nudges again, with the new token; a2 is still skipped.
    const wednesday = await runDay(w, team, '2026-09-23');
    expect(wednesday.filter((o) => o.status === 'sent')).toHaveLength(2);
    expect(slack.posts('xoxb-life-two')).toEqual(['D-UA1', 'D-UL1']);
  }, 60_000);

  it('tokens_revoked: user tokens alone change nothing; the bot token removes the installation and pauses', async () => {
    const team = 'T0REVOKE';
    await seedTenant(team);
    await install(app, team, 'xoxb-revoke');

    expect(await sendEvent(app, team, { type: 'tokens_revoked', tokens: { oauth: ['U0ADMIN'] } })).toBe(200);
    await waitUntil(() => app.logs.some((l) => l.msg === 'slack: user tokens revoked; the bot token is unaffected'), 5000, 'the log line');
    expect(await installation(team)).not.toBeNull();
    expect(await pause(team)).toBeNull();

    slack.valid.delete('xoxb-revoke');
    expect(await sendEvent(app, team, { type: 'tokens_revoked', tokens: { oauth: ['U0ADMIN'], bot: ['UBOT'] } })).toBe(200);
    await waitUntil(async () => (await installation(team)) === null && (await pause(team)) !== null, 5000, 'the removal');
    expect(await pause(team)).toMatchObject({ channel: 'slack', reason: 'tokens_revoked' });
    expect(await app.handle.installations?.botToken(team)).toBeNull();
  });

  it('a token revoked without any event: the first refused send pauses the workspace, nobody is marked dead', async () => {
    const team = 'T0MISSED';
    await seedTenant(team);
    const w = startWorker('missed');
    await install(app, team, 'xoxb-missed');
    slack.valid.delete('xoxb-missed'); // the app_uninstalled event never reached Lingyan

    const outcomes = await runDay(w, team, '2026-09-28');
    expect(outcomes.length).toBe(3);
    for (const outcome of outcomes) expect(outcome).toMatchObject({ status: 'skipped', reason: 'workspace_paused' });
    expect(await deadMarks(team)).toEqual([]);
    expect(await pause(team)).toMatchObject({ channel: 'slack', reason: 'send:token_revoked' });
    expect(slack.posts('xoxb-missed')).toEqual([]);

    await install(app, team, 'xoxb-missed-again');
    expect(await pause(team)).toBeNull();
    const next = await runDay(w, team, '2026-09-29');
    expect(next.map((o) => o.status)).toEqual(['sent', 'sent', 'sent']);
  }, 60_000);
});

describe('one workspace (SLACK_BOT_TOKEN)', () => {
  it('app_uninstalled pauses the nudges; a token Slack accepts again resumes them', async () => {
    const memory = new MemoryStore();
    slack.valid.add('xoxb-single-old');
    const first = await startApp(memory, { botToken: 'xoxb-single-old', apiUrl: `${GOV}/api`, retries: 0 });
    try {
      await waitUntil(() => slack.calls.some((c) => c.method === 'auth.test' && c.token === 'xoxb-single-old'), 5000, 'auth.test');
      slack.valid.delete('xoxb-single-old');
      expect(await sendEvent(first, 'T0SINGLE', { type: 'app_uninstalled' })).toBe(200);
      await waitUntil(async () => (await memory.getDoc(('T0SINGLE'), CHANNEL_PAUSE_KIND, 'slack')) !== null, 5000, 'the pause');
      await memory.putDoc('T0SINGLE', DEAD_KIND, 'a1', { agent: 'a1', reason: 'invalid_auth', channel: 'slack', at: '2026-09-28T01:00:00Z' });
    } finally {
      await new Promise((resolve) => first.server.close(resolve));
    }
    // The operator reinstalls, sets the new token and restarts: Slack accepts it at start-up.
    slack.valid.add('xoxb-single-new');
    const second = await startApp(memory, { botToken: 'xoxb-single-new', apiUrl: `${GOV}/api`, retries: 0 });
    try {
      await waitUntil(async () => (await memory.getDoc('T0SINGLE', CHANNEL_PAUSE_KIND, 'slack')) === null, 5000, 'the resume');
      expect(await memory.listDocs(('T0SINGLE'), DEAD_KIND)).toEqual([]);
    } finally {
      await new Promise((resolve) => second.server.close(resolve));
    }
  });
});
