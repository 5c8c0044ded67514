// Proactive delivery from stored references: sent, 403/404 → dead (and marked in the Store), 429 →
// rate_limited with Retry-After, 412 → retryable failure; the limiters space messages out.
import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffMs, KeyedRateLimiter, type Clock } from '../../../src/channels/teams/rateLimit';
import { parseRetryAfter } from '../../../src/channels/teams/proactive';
import {
  CONNECTOR_HOST,
  FakeEngine,
  type Harness,
  messageActivity,
  mockBotFrameworkNetwork,
  releaseNetwork,
  startHarness,
  TENANT,
} from './harness';
import { callsTodayReply } from './replies';

let h: Harness;
const recipient = { tenant: TENANT, platformUserId: 'aad-zhang' };
const ACTIVITIES = /\/amer\/v3\/conversations\/a(:|%3A)personal-zhang\/activities(\/[^/]+)?$/;

beforeAll(async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  mockBotFrameworkNetwork();
  h = await startHarness(new FakeEngine(() => ({ intent: 'help', locale: 'zh-CN', text: 'hi', data: {} })));
});
afterAll(async () => {
  await h.close();
  releaseNetwork();
  vi.restoreAllMocks();
});

async function storeReference(): Promise<void> {
  const scope = nock(CONNECTOR_HOST).post(/activities/).times(2).reply(200, { id: 'x' });
  await h.post(messageActivity());
  scope.done();
  await h.store.putDoc(TENANT, 'teams_ref', 'aad-zhang', {
    ...(await h.store.getDoc<Record<string, unknown>>(TENANT, 'teams_ref', 'aad-zhang')),
    status: 'active',
  });
}

describe('TeamsProactiveChannel.sendToUser', () => {
  beforeEach(storeReference);

  it('sends the card into the stored personal conversation', async () => {
    const bodies: unknown[] = [];
    nock(CONNECTOR_HOST)
      .post(ACTIVITIES, (body) => {
        bodies.push(body);
        return true;
      })
      .reply(200, { id: 'nudge-1' });
    const result = await h.channel.proactive.sendToUser(recipient, callsTodayReply());
    expect(result).toEqual({ status: 'sent', messageId: 'nudge-1' });
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatchObject({
      type: 'message',
      conversation: { id: 'a:personal-zhang' },
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: h.channel.renderer.render(callsTodayReply()) }],
    });
  });

  it('403 (app removed / blocked) → dead, and the reference is marked dead', async () => {
    nock(CONNECTOR_HOST).post(ACTIVITIES).reply(403, { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } });
    const result = await h.channel.proactive.sendToUser(recipient, callsTodayReply());
    expect(result).toEqual({ status: 'dead', reason: 'bot removed or blocked (403)' });
    expect(await h.store.getDoc(TENANT, 'teams_ref', 'aad-zhang')).toMatchObject({ status: 'dead', reason: 'bot removed or blocked (403)' });
    // Later sends do not touch the network.
    expect(await h.channel.proactive.sendToUser(recipient, callsTodayReply())).toEqual({ status: 'dead', reason: 'bot removed or blocked (403)' });
  });

  it('404 (conversation gone) → dead', async () => {
    nock(CONNECTOR_HOST).post(ACTIVITIES).reply(404, { error: { code: 'ConversationNotFound' } });
    expect(await h.channel.proactive.sendToUser(recipient, callsTodayReply())).toMatchObject({ status: 'dead' });
  });

  it('429 → rate_limited with the Retry-After of the last answer (the SDK retries 3 times itself first)', async () => {
    const scope = nock(CONNECTOR_HOST)
      .post(ACTIVITIES)
      .times(3)
      .reply(429, { error: { code: 'Throttled' } }, { 'Retry-After': '0' })
      .post(ACTIVITIES)
      .reply(429, { error: { code: 'Throttled' } }, { 'Retry-After': '7' });
    const result = await h.channel.proactive.sendToUser(recipient, callsTodayReply());
    scope.done();
    expect(result).toEqual({ status: 'rate_limited', retryAfterMs: 7000 });
    expect(await h.store.getDoc(TENANT, 'teams_ref', 'aad-zhang')).toMatchObject({ status: 'active' });
  });

  it('412 → failed and retryable', async () => {
    nock(CONNECTOR_HOST).post(ACTIVITIES).reply(412, { error: { code: 'PreconditionFailed' } });
    expect(await h.channel.proactive.sendToUser(recipient, callsTodayReply())).toMatchObject({ status: 'failed', retryable: true });
  });

  it('no reference → failed, not retryable; removed → dead', async () => {
    expect(await h.channel.proactive.sendToUser({ tenant: TENANT, platformUserId: 'aad-nobody' }, callsTodayReply())).toMatchObject({
      status: 'failed',
      retryable: false,
    });
    await h.store.putDoc(TENANT, 'teams_ref', 'aad-zhang', {
      ...(await h.store.getDoc<Record<string, unknown>>(TENANT, 'teams_ref', 'aad-zhang')),
      status: 'removed',
      reason: 'app uninstalled',
    });
    expect(await h.channel.proactive.sendToUser(recipient, callsTodayReply())).toEqual({ status: 'dead', reason: 'app uninstalled' });
  });
});

describe('rate limiting helpers', () => {
  function fakeClock(): Clock & { t: number; slept: number[] } {
    const clock = {
      t: 0,
      slept: [] as number[],
      now: () => clock.t,
      sleep: async (ms: number) => {
        clock.slept.push(ms);
        clock.t += ms;
      },
    };
    return clock;
  }

  it('allows a burst of 7 per conversation, then spaces messages at 7/s', async () => {
    const clock = fakeClock();
    const limiter = new KeyedRateLimiter(7, 7, clock);
    for (let i = 0; i < 7; i++) await limiter.acquire('conv');
    expect(clock.slept).toEqual([]);
    await limiter.acquire('conv');
    await limiter.acquire('other'); // another conversation is not held up
    expect(clock.slept).toEqual([143]);
  });

  it('parses Retry-After as seconds or a date; backoff grows with jitter and is capped', () => {
    expect(parseRetryAfter('3', 0)).toBe(3000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(backoffMs(0, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffMs(3, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffMs(20, 1000, 60_000, () => 1)).toBe(60_000);
    expect(backoffMs(3, 1000, 60_000, () => 0)).toBe(500);
  });
});
