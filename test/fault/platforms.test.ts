// Slack and Teams failing on the way out, through the whole production server with the real engine:
// chat.postMessage answering 429 or 5xx, a response_url answering 5xx, the Teams connector answering 429
// or 403. Each ends in a message the user gets (when another path works) or a log line — never a crash:
// the server keeps answering, and the next request after the platform recovers goes through.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { messageActivity, mintToken, TENANT as TEAMS_TENANT } from '../channels/teams/harness';
import { useRedisNamespace } from '../helpers/redis';
import { dmEvent, postSlack, postTeams, settle, signSlack, slashCommand, useFullServer, waitFor, type FullServer, type NetGuard } from '../security/fullServer';

const SLACK_TENANT = 'T0DEMO';
const fx = useFullServer(useRedisNamespace('lyfault-platforms'), [SLACK_TENANT, TEAMS_TENANT]);
let server: FullServer;
let guard: NetGuard;
let eventSeq = 0;
let defaultSlack: NetGuard['slackReply'];

beforeAll(() => {
  ({ server, guard } = fx);
  defaultSlack = guard.slackReply;
});
beforeEach(() => {
  guard.calls.length = 0;
  server.logs.length = 0;
  guard.slackReply = defaultSlack;
  guard.connectorReply = () => [200, { id: 'ok' }];
  guard.hooksReply = () => [200, 'ok'];
});

function nextDmEvent(text: string): string {
  eventSeq++;
  return dmEvent(text, { team: SLACK_TENANT, eventId: `EvFAULT${eventSeq}-${Date.now()}`, ts: `1700000000.${String(eventSeq).padStart(6, '0')}` });
}

const problems = () => server.logs.filter((l) => l.level >= 40); // warn and above
const healthy = async () => expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

describe('Slack Web API failures', () => {
  for (const [name, status, headers] of [
    ['429 rate limited', 429, { 'retry-after': '1' }],
    ['500 server error', 500, {}],
    ['503 unavailable', 503, {}],
  ] as const) {
    it(`chat.postMessage ${name}: acked, logged, no crash, and the next message goes through`, async () => {
      const original = guard.slackReply;
      guard.slackReply = (method, body) => (method === 'chat.postMessage' ? [status, status === 429 ? { ok: false, error: 'ratelimited' } : 'upstream error', headers] : original(method, body));
      const raw = nextDmEvent('今天要打多少个电话');
      expect((await postSlack(server.url, raw, signSlack(raw), 'application/json')).status).toBe(200);
      await waitFor(() => guard.calls.some((c) => c.path === 'chat.postMessage'), 5000);
      await waitFor(() => problems().length > 0, 5000);
      expect(JSON.stringify(problems())).not.toContain('今天要打多少个电话'); // logs carry no message text
      await healthy();

      guard.slackReply = original;
      guard.calls.length = 0;
      const again = nextDmEvent('今天要打多少个电话');
      expect((await postSlack(server.url, again, signSlack(again), 'application/json')).status).toBe(200);
      await waitFor(() => guard.calls.some((c) => c.path === 'chat.postMessage'), 5000);
    }, 20_000);
  }

  it('a /coach reply whose response_url fails: acked within 3 s, logged, no crash', async () => {
    const raw = slashCommand('today', { user: 'U0DEMO0001', responseUrl: 'https://hooks.slack.com/commands/T0DEMO/broken' });
    guard.hooksReply = (path) => (path.endsWith('/broken') ? [500, 'oops'] : [200, 'ok']);
    const started = performance.now();
    const res = await postSlack(server.url, raw, signSlack(raw));
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(3000);
    await waitFor(() => problems().length > 0, 5000);
    await healthy();
  }, 15_000);
});

describe('Teams connector failures', () => {
  const activity = (text: string) =>
    messageActivity({ text, timestamp: new Date().toISOString(), localTimestamp: undefined, from: { id: '29:user-zhang', name: '张伟', aadObjectId: '00000000-0000-4000-8000-000000000001' } });

  for (const [name, status] of [
    ['429 throttled', 429],
    ['403 bot removed', 403],
    ['502 bad gateway', 502],
  ] as const) {
    it(`reply rejected with ${name}: handled and logged, no crash, next message goes through`, async () => {
      guard.connectorReply = () => [status, { error: { code: status === 403 ? 'BotNotInConversationRoster' : 'Throttled', message: 'x' } }, status === 429 ? { 'retry-after': '1' } : ({} as Record<string, string>)];
      const res = await postTeams(server.url, activity('今天要打多少个电话'), mintToken());
      expect(res.status).toBeLessThan(600);
      await settle(300);
      expect(guard.calls.some((c) => c.host === 'connector')).toBe(true);
      expect(problems().length).toBeGreaterThan(0);
      expect(JSON.stringify(problems())).not.toContain('今天要打多少个电话');
      await healthy();

      guard.connectorReply = () => [200, { id: 'ok' }];
      guard.calls.length = 0;
      expect((await postTeams(server.url, activity('今天要打多少个电话'), mintToken())).status).toBe(200);
      expect(guard.calls.some((c) => c.host === 'connector' && (c.body as { type?: string }).type === 'message')).toBe(true);
    }, 20_000);
  }
});
