// Slack request authenticity through the whole production server (createHttpApp + Lingyan's Bolt app +
// the real engine on Redis): forged, stale (> 5 min), tampered/replayed and unsigned requests get 401,
// reach no listener, cause no Slack API call and change nothing in the store. A correctly signed request
// on the same server does all three, so the negative checks are meaningful.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { useRedisNamespace } from '../helpers/redis';
import { testClock } from '../helpers/testClock';
import { localDateOf } from '../../src/domain/goals/calendar';
import {
  diffSnapshots,
  dmEvent,
  postSlack,
  settle,
  signSlack,
  slashCommand,
  snapshot,
  useFullServer,
  waitFor,
  type FullServer,
  type NetGuard,
} from './fullServer';

const TENANT = 'T0DEMO';
const ns = useRedisNamespace('lysec-slack');
const fx = useFullServer(ns, [TENANT]);
let redis: Redis;
let server: FullServer;
let guard: NetGuard;

beforeAll(async () => {
  ({ server, guard } = fx);
  redis = await ns.connect();
});
beforeEach(() => {
  guard.calls.length = 0;
});

const now = () => Math.floor(Date.now() / 1000);
const LOG = '今天打了85个电话,接通30,成交2单,业绩3万';

async function expectRejected(raw: string, headers: Record<string, string>, contentType?: string): Promise<void> {
  const before = await snapshot(redis, ns.namespace);
  const res = await postSlack(server.url, raw, headers, contentType);
  expect(res.status).toBe(401);
  await settle(300);
  expect(guard.calls).toEqual([]);
  expect(diffSnapshots(before, await snapshot(redis, ns.namespace))).toEqual([]);
}

describe('signed Slack requests through the full server', () => {
  it('accepts a correctly signed /coach command: it is answered and the activity is stored', async () => {
    const raw = slashCommand(`记录 ${LOG}`, { user: 'U0DEMO0005' });
    const before = await snapshot(redis, ns.namespace);
    const res = await postSlack(server.url, raw, signSlack(raw));
    expect(res.status).toBe(200);
    await waitFor(() => guard.calls.some((c) => c.host === 'hooks.slack.com'));
    await settle(300); // let follow-up calls (App Home refresh) finish before the next test counts calls
    const reply = guard.calls.find((c) => c.host === 'hooks.slack.com')?.body as { text?: string };
    // The demo is placed so that today holds no activity yet (placeDemoFixture), on whatever date the
    // suite runs (the CI date matrix sets it): today's total is exactly the 85 just logged.
    expect(reply.text).toMatch(/已记录.*累计拨打 85(?!\d)/);
    const changed = diffSnapshots(before, await snapshot(redis, ns.namespace));
    expect(changed.some((key) => key.includes('a5'))).toBe(true);
    const today = localDateOf(testClock(), 'Asia/Shanghai');
    const stored = (await fx.store.getActivity(TENANT, 'a5', today.slice(0, 7))).find((day) => day.date === today);
    expect(stored?.calls).toBe(85);
    // Logs carry ids and timings, never the message text.
    expect(server.logs.length).toBeGreaterThan(0);
    expect(JSON.stringify(server.logs)).not.toContain('85个电话');
  });

  it('rejects a forged signature (wrong secret): 401, no Slack call, store unchanged', async () => {
    const raw = slashCommand(LOG);
    await expectRejected(raw, signSlack(raw, now(), 'an-attackers-guess'));
  });

  it('rejects a correctly signed request whose timestamp is more than 5 minutes old', async () => {
    const raw = slashCommand(LOG);
    await expectRejected(raw, signSlack(raw, now() - 5 * 60 - 30));
  });

  it('rejects a timestamp from the future beyond the 5-minute window', async () => {
    const raw = slashCommand(LOG);
    await expectRejected(raw, signSlack(raw, now() + 10 * 60));
  });

  it('rejects a captured request replayed later (its original timestamp is now stale)', async () => {
    const raw = slashCommand(LOG);
    const captured = signSlack(raw, now() - 10 * 60); // what an eavesdropper recorded ten minutes ago
    await expectRejected(raw, captured);
  });

  it('rejects a captured signature replayed with another body or a moved timestamp', async () => {
    const original = slashCommand('今天要打多少个电话');
    const headers = signSlack(original);
    await expectRejected(slashCommand(LOG), headers);
    await expectRejected(original, { ...headers, 'x-slack-request-timestamp': String(now()) === headers['x-slack-request-timestamp'] ? String(now() + 1) : String(now()) });
  });

  it('rejects missing or malformed signature headers', async () => {
    const raw = slashCommand(LOG);
    await expectRejected(raw, {});
    await expectRejected(raw, { 'x-slack-request-timestamp': String(now()) });
    await expectRejected(raw, { 'x-slack-signature': signSlack(raw)['x-slack-signature'] });
    await expectRejected(raw, { ...signSlack(raw), 'x-slack-signature': 'v1=deadbeef' });
    await expectRejected(raw, { ...signSlack(raw), 'x-slack-request-timestamp': 'yesterday' });
  });

  it('rejects a forged event and a forged interactive payload the same way', async () => {
    const event = dmEvent(LOG, { team: TENANT, eventId: 'EvSEC1', ts: '1.1' });
    await expectRejected(event, signSlack(event, now(), 'wrong'), 'application/json');
    const action = new URLSearchParams({
      payload: JSON.stringify({ type: 'block_actions', team: { id: TENANT }, user: { id: 'U0DEMO0001' }, actions: [{ action_id: 'why', value: 'x' }] }),
    }).toString();
    await expectRejected(action, signSlack(action, now() - 3600));
  });

  it('processes an exact replay of a signed event (same event_id, inside the window) only once', async () => {
    const event = dmEvent('今天打了10个电话', { team: TENANT, user: 'U0DEMO0006', eventId: 'EvSEC-REPLAY', ts: '1700000000.000300' });
    const headers = signSlack(event);
    expect((await postSlack(server.url, event, headers, 'application/json')).status).toBe(200);
    await waitFor(() => guard.calls.some((c) => c.path === 'chat.postMessage'));
    await settle(300);
    const afterFirst = await snapshot(redis, ns.namespace);
    const postsAfterFirst = guard.calls.filter((c) => c.path === 'chat.postMessage').length;
    expect((await postSlack(server.url, event, headers, 'application/json')).status).toBe(200);
    await settle(400);
    expect(guard.calls.filter((c) => c.path === 'chat.postMessage')).toHaveLength(postsAfterFirst);
    expect(diffSnapshots(afterFirst, await snapshot(redis, ns.namespace))).toEqual([]);
  });
});
