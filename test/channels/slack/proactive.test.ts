// Proactive DMs: sent, 429 → rate_limited with Retry-After, unreachable people → dead, 5xx → retryable,
// not installed → dead, and ≥ 1 s between posts to one channel; a nudge's key as message metadata, and
// wasDelivered reading it back from the DM history.
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NUDGE_METADATA_TYPE, SlackProactiveChannel } from '../../../src/channels/slack/proactive';
import { MemoryStore } from '../../../src/store/memory';
import { SLACK, callsTodayReply, memoryLogger, record, type LogLine } from './harness';

const recipient = { tenant: 'T0TEAM', platformUserId: 'U0AGENT' };
let logs: LogLine[];

function channel(options: Partial<ConstructorParameters<typeof SlackProactiveChannel>[0]> = {}) {
  return new SlackProactiveChannel({ tokenFor: async () => 'xoxb-1', logger: memoryLogger(logs), ...options });
}

beforeEach(() => {
  logs = [];
  nock.cleanAll();
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('SlackProactiveChannel', () => {
  it('opens the DM and posts the rendered reply', async () => {
    const open = record('conversations.open', () => ({ ok: true, channel: { id: 'D1' } }));
    const postMessage = record('chat.postMessage', () => ({ ok: true, ts: '1.5' }));
    const result = await channel({ store: new MemoryStore() }).sendToUser(recipient, callsTodayReply());
    expect(result).toEqual({ status: 'sent', messageId: '1.5' });
    expect(open.calls[0].users).toBe('U0AGENT');
    expect(postMessage.calls[0]).toMatchObject({ channel: 'D1', text: callsTodayReply().text });
    expect(String(postMessage.calls[0].blocks)).toContain('"action_id":"why"');
  });

  it('returns rate_limited with Retry-After in ms on 429 (no retry inside the call)', async () => {
    record('conversations.open', () => ({ ok: true, channel: { id: 'D1' } }));
    nock(SLACK).post('/api/chat.postMessage').reply(429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '30' });
    const result = await channel().sendToUser(recipient, callsTodayReply());
    expect(result).toEqual({ status: 'rate_limited', retryAfterMs: 30_000 });
  });

  it.each(['user_not_found', 'account_inactive', 'channel_not_found', 'is_archived', 'token_revoked', 'invalid_auth'])(
    'marks %s as dead',
    async (error) => {
      nock(SLACK).post('/api/conversations.open').reply(200, { ok: false, error });
      const result = await channel().sendToUser(recipient, callsTodayReply());
      expect(result).toEqual({ status: 'dead', reason: error });
    },
  );

  it('returns a retryable failure on 5xx', async () => {
    record('conversations.open', () => ({ ok: true, channel: { id: 'D1' } }));
    nock(SLACK).post('/api/chat.postMessage').reply(502, 'bad gateway');
    const result = await channel().sendToUser(recipient, callsTodayReply());
    expect(result).toEqual({ status: 'failed', reason: 'http_502', retryable: true });
  });

  it('marks a workspace that never installed Lingyan as dead without calling Slack', async () => {
    const result = await channel({ tokenFor: async () => null }).sendToUser(recipient, callsTodayReply());
    expect(result).toEqual({ status: 'dead', reason: 'not_installed' });
    expect(logs.some((l) => l.msg?.includes('not installed'))).toBe(true);
  });

  it('keeps at least 1 s between posts to one channel', async () => {
    record('conversations.open', () => ({ ok: true, channel: { id: 'D1' } }), 3);
    record('chat.postMessage', () => ({ ok: true, ts: '2.0' }), 3);
    let now = 10_000;
    const sleeps: number[] = [];
    const ch = channel({
      clock: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
    });
    const results = await Promise.all([1, 2, 3].map(() => ch.sendToUser(recipient, callsTodayReply({ why: [] }))));
    expect(results.every((r) => r.status === 'sent')).toBe(true);
    expect(sleeps).toEqual([1000, 1000]);
  });
});

describe('SlackProactiveChannel: nudge keys', () => {
  const nudge = () => callsTodayReply({ data: { ...callsTodayReply().data, nudgeKey: 'nudge|T0TEAM|a1|2026-09-29|agent_morning' } });
  const ourMessage = (key: string) => ({ ts: '9.1', text: '…', metadata: { event_type: NUDGE_METADATA_TYPE, event_payload: { nudge_key: key } } });

  it('posts a nudge with its key as message metadata, and an ordinary reply without', async () => {
    record('conversations.open', () => ({ ok: true, channel: { id: 'D1' } }), 2);
    const postMessage = record('chat.postMessage', () => ({ ok: true, ts: '1.5' }), 2);
    await channel().sendToUser(recipient, nudge());
    await channel().sendToUser(recipient, callsTodayReply());
    expect(JSON.parse(String(postMessage.calls[0].metadata))).toEqual({
      event_type: 'lingyan_nudge',
      event_payload: { nudge_key: 'nudge|T0TEAM|a1|2026-09-29|agent_morning' },
    });
    expect(postMessage.calls[1].metadata).toBeUndefined();
  });

  it('wasDelivered: true when the DM history holds the key, false when it holds other messages only', async () => {
    record('conversations.open', () => ({ ok: true, channel: { id: 'D1' } }), 2);
    const history = record(
      'conversations.history',
      () => ({ ok: true, messages: [{ ts: '9.2', text: 'hi' }, ourMessage('nudge|T0TEAM|a1|2026-09-28|agent_morning'), ourMessage('nudge|T0TEAM|a1|2026-09-29|agent_morning')] }),
      2,
    );
    expect(await channel().wasDelivered(recipient, 'nudge|T0TEAM|a1|2026-09-29|agent_morning')).toBe(true);
    expect(await channel().wasDelivered(recipient, 'nudge|T0TEAM|a1|2026-09-29|agent_end_of_day')).toBe(false);
    expect(history.calls[0]).toMatchObject({ channel: 'D1', include_all_metadata: 'true', limit: '50' });
  });

  it('wasDelivered: cannot tell (undefined, logged) when Slack refuses or the workspace is gone', async () => {
    record('conversations.open', () => ({ ok: true, channel: { id: 'D1' } }));
    nock(SLACK).post('/api/conversations.history').reply(200, { ok: false, error: 'missing_scope' });
    expect(await channel().wasDelivered(recipient, 'nudge|x')).toBeUndefined();
    expect(logs.some((l) => l.msg === 'slack proactive: could not check the DM history')).toBe(true);
    expect(await channel({ tokenFor: async () => null }).wasDelivered(recipient, 'nudge|x')).toBeUndefined();
  });
});
