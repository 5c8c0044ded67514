// A reply in a Slack thread sees the thread (issue 23, item 5): conversations.replies, only what is the
// asker's own, redacted, bounded by tokens (the real BPE tokenizer), and it reaches the coach prompt.
// Over the real Bolt receiver with nock on Slack and on the openai client.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { THREAD_TOKEN_BUDGET, threadTurns } from '../../src/coaching/conversation';
import { OpenAiLlmClient } from '../../src/coaching/llm';
import { countTokens } from '../../src/coaching/tokens';
import { ownThread } from '../../src/channels/slack/thread';
import { postSlack, signSlack } from '../security/fullServer';
import { BASE_URL, completion, sse, type CapturedBody } from '../coaching/openai-mock';
import { SLACK_TENANT, slackCalls, startClickServer, waitUntil, ZHANG_SLACK, type ClickServer } from './clickHarness';

const LI = 'U0DEMO0002';

describe('ownThread: what of a thread is the asker\'s', () => {
  const messages = [
    { ts: '1.0', bot_id: 'B0', text: '早上好,今天要打 92 个电话' },
    { ts: '2.0', user: ZHANG_SLACK, text: '这么多怎么打得完' },
    { ts: '3.0', bot_id: 'B0', text: '分成上午和下午两段' },
    { ts: '4.0', user: LI, text: '我也是,我这个月才 3 单' },
    { ts: '5.0', bot_id: 'B0', text: '李娜,你的成交率 4%' },
    { ts: '6.0', user: ZHANG_SLACK, text: '那先打哪些客户' },
  ];

  it('in a DM: the asker\'s and Lingyan\'s messages before the one being answered', () => {
    expect(ownThread(messages.slice(0, 3), { userId: ZHANG_SLACK, shared: false, currentTs: '6.0' })).toEqual([
      { fromBot: true, text: '早上好,今天要打 92 个电话' },
      { fromBot: false, text: '这么多怎么打得完' },
      { fromBot: true, text: '分成上午和下午两段' },
    ]);
  });

  it('in a channel thread the asker started: their messages and the answers to them, never another agent\'s', () => {
    const own = [{ ts: '0.5', user: ZHANG_SLACK, text: '<@UBOT> 今天要打多少' }, ...messages];
    expect(ownThread(own, { userId: ZHANG_SLACK, shared: true, currentTs: '6.0' })).toEqual([
      { fromBot: false, text: '<@UBOT> 今天要打多少' },
      { fromBot: true, text: '早上好,今天要打 92 个电话' },
      { fromBot: false, text: '这么多怎么打得完' },
      { fromBot: true, text: '分成上午和下午两段' },
    ]);
  });

  it('a channel thread someone else started gives nothing', () => {
    const theirs = [{ ts: '0.5', user: LI, text: '<@UBOT> 我的进度' }, ...messages];
    expect(ownThread(theirs, { userId: ZHANG_SLACK, shared: true, currentTs: '6.0' })).toEqual([]);
  });

  it('threadTurns: redacted, newest kept within the token budget, in thread order', () => {
    const long = Array.from({ length: 40 }, (_, i) => ({ fromBot: i % 2 === 1, text: `第${i}条:客户电话 13812345678,${'今天继续跟进这位客户的分期需求。'.repeat(8)}` }));
    const turns = threadTurns(long);
    expect(turns.length).toBeGreaterThan(2);
    expect(turns.length).toBeLessThan(40);
    expect(turns[turns.length - 1].content).toContain('第39条');
    expect(turns.reduce((sum, t) => sum + countTokens(t.content) + 4, 0)).toBeLessThanOrEqual(THREAD_TOKEN_BUDGET);
    expect(JSON.stringify(turns)).not.toContain('13812345678');
    expect(turns[0].role).toBe(Number(/第(\d+)条/.exec(turns[0].content)![1]) % 2 === 1 ? 'assistant' : 'user');
  });
});

describe('a Slack thread reply reaches the coach with its thread', () => {
  let s: ClickServer;
  const bodies: CapturedBody[] = [];
  let replies: Array<Record<string, unknown>> = [];
  beforeAll(async () => {
    const llm = new OpenAiLlmClient({ apiKey: 'sk-test', baseURL: BASE_URL, model: 'gpt-4o-mini', timeoutMs: 4000, maxRetries: 0 });
    s = await startClickServer({ llm });
    const base = s.guard.slackReply;
    s.guard.slackReply = (method, body) => (method === 'conversations.replies' ? [200, { ok: true, messages: replies, has_more: false }] : base(method, body));
    nock(new URL(BASE_URL).origin)
      .persist()
      .post('/v1/chat/completions', (body: CapturedBody) => {
        bodies.push(body);
        return true;
      })
      .reply(200, (_uri, body) => ((body as CapturedBody).stream ? sse(['先打意向客户。']) : completion('先打意向客户。')));
  });
  afterEach(() => {
    bodies.length = 0;
    s.guard.calls.length = 0;
  });
  afterAll(async () => {
    await s.close();
  });

  function event(fields: { text: string; ts: string; threadTs: string; channel: string; type?: string; channelType: string; id: string }): string {
    return JSON.stringify({
      type: 'event_callback',
      team_id: SLACK_TENANT,
      api_app_id: 'A0APP',
      event_id: fields.id,
      event_time: Math.floor(Date.now() / 1000),
      event: { type: fields.type ?? 'message', channel_type: fields.channelType, user: ZHANG_SLACK, text: fields.text, ts: fields.ts, thread_ts: fields.threadTs, channel: fields.channel },
      authorizations: [{ team_id: SLACK_TENANT, user_id: 'UBOT', is_bot: true }],
    });
  }

  it('in a DM thread under a nudge: conversations.replies is read and the prompt carries the thread, redacted', async () => {
    replies = [
      { ts: '1772586000.000100', bot_id: 'B0', text: '张伟,早上好!今天要打 92 个电话。' },
      { ts: '1772586050.000100', user: ZHANG_SLACK, text: '昨天约的客户王先生 13812345678 没接' },
      { ts: '1772586100.000100', user: ZHANG_SLACK, text: '客户说利率太高怎么办' },
    ];
    const raw = event({ text: '客户说利率太高怎么办', ts: '1772586100.000100', threadTs: '1772586000.000100', channel: 'D0DM', channelType: 'im', id: 'EvTH1' });
    expect((await postSlack(s.url, raw, signSlack(raw), 'application/json')).status).toBe(200);
    await waitUntil(() => bodies.length > 0);
    expect(slackCalls(s.guard, 'conversations.replies')).toEqual([expect.objectContaining({ channel: 'D0DM', ts: '1772586000.000100', limit: '50' })]);
    const prompt = bodies[0].messages;
    expect(prompt).toContainEqual({ role: 'assistant', content: '张伟,早上好!今天要打 92 个电话。' });
    const userTurns = JSON.stringify(prompt.filter((m) => m.role === 'user'));
    expect(userTurns).toContain('[PHONE]');
    expect(JSON.stringify(prompt)).not.toContain('13812345678');
    // The message being answered is the question, not a thread turn.
    expect(prompt.filter((m) => m.content.includes('客户说利率太高怎么办'))).toHaveLength(1);
  });

  it('in a channel thread another agent started: nothing of it reaches the prompt', async () => {
    replies = [
      { ts: '1772586000.000100', user: LI, text: '<@UBOT> 我这个月才 3 单,成交率 4%' },
      { ts: '1772586050.000100', bot_id: 'B0', text: '李娜,你的成交率是团队的 70%' },
      { ts: '1772586100.000100', user: ZHANG_SLACK, text: '<@UBOT> 客户说利率太高怎么办' },
    ];
    const raw = event({ type: 'app_mention', text: '<@UBOT> 客户说利率太高怎么办', ts: '1772586100.000100', threadTs: '1772586000.000100', channel: 'C0SALES', channelType: 'channel', id: 'EvTH2' });
    expect((await postSlack(s.url, raw, signSlack(raw), 'application/json')).status).toBe(200);
    await waitUntil(() => bodies.length > 0);
    const prompt = JSON.stringify(bodies[0].messages);
    expect(prompt).not.toContain('李娜');
    expect(prompt).not.toContain('3 单');
  });
});
