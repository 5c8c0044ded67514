// A reply to a nudge is answered in its context (issue 23, item 5). The nudge goes out through the real
// delivery and Slack proactive channel (nock), which writes it into the person's conversation; then:
// - offline, "为什么要这么多?" sent as a Slack DM over the real Bolt receiver is answered with that nudge's
//   numbers and steps (not the funnel diagnosis it would otherwise be routed to);
// - with an LLM (nock on the openai client), a question about the nudge goes to the coach, and the prompt
//   carries the nudge text as Lingyan's last message, redacted.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OpenAiLlmClient } from '../../src/coaching/llm';
import { loadConversation, recordNudge } from '../../src/coaching/conversation';
import { redact } from '../../src/coaching/redact';
import { whyShown } from '../../src/core/reply';
import { composeNudge, TipLibrary } from '../../src/nudges';
import { dmEvent, postSlack, signSlack } from '../security/fullServer';
import { BASE_URL, completion, sse, type CapturedBody } from '../coaching/openai-mock';
import { NOW, SLACK_TENANT, slackCalls, startClickServer, TODAY, waitUntil, ZHANG_SLACK, type ClickServer } from './clickHarness';

/** Everything the bot wrote to Slack (posts, updates, streams), as one string. */
const written = (s: ClickServer) => JSON.stringify(s.guard.calls.filter((c) => c.host === 'slack.com' && /^chat\./.test(c.path)).map((c) => c.body));

async function theNudge(s: ClickServer) {
  const agent = await s.store.getAgent(SLACK_TENANT, 'a1');
  return composeNudge({ store: s.store, tips: TipLibrary.load() }, SLACK_TENANT, agent!, 'agent_morning', TODAY);
}

describe('offline: "为什么要这么多?" after a nudge (Slack DM over HTTP)', () => {
  let s: ClickServer;
  beforeAll(async () => {
    s = await startClickServer();
  });
  afterAll(async () => {
    await s.close();
  });

  it('the nudge is written into the conversation, redacted, with its steps', async () => {
    expect((await s.deliver(SLACK_TENANT, 'a1', 'slack')).status).toBe('sent');
    const nudge = await theNudge(s);
    const turns = await loadConversation(s.store, SLACK_TENANT, 'a1');
    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({ role: 'assistant', nudge: { kind: 'agent_morning', date: TODAY, at: NOW.toISOString() } });
    expect(turns[0].content).toContain(nudge.text.split('\n')[0]);
    expect(turns[0].nudge?.why).toEqual(whyShown(nudge).map(redact));
  });

  it('is answered with that nudge\'s numbers and steps', async () => {
    s.guard.calls.length = 0;
    const nudge = await theNudge(s);
    const raw = dmEvent('为什么要这么多?', { eventId: 'EvWHY1', ts: '1772586100.000100', team: SLACK_TENANT, user: ZHANG_SLACK });
    expect((await postSlack(s.url, raw, signSlack(raw), 'application/json')).status).toBe(200);
    await waitUntil(() => written(s).includes('提醒你的数字'));
    const text = written(s);
    expect(text).toContain('这是3月4日 周三提醒你的数字');
    // Every step of the nudge, with the nudge's own number of calls for today.
    for (const step of whyShown(nudge)) expect(text).toContain(JSON.stringify(step).slice(1, -1));
    expect(text).toContain(String(nudge.data.callsToday));
    // Not the funnel diagnosis "为什么要这么多?" reads as on its own.
    expect(text).not.toContain('漏斗诊断');
  });

  it('without a nudge before it, the same question is routed as usual', async () => {
    await s.store.putSession(SLACK_TENANT, 'coach:history:a1', [], 60);
    s.guard.calls.length = 0;
    const raw = dmEvent('为什么要这么多?', { eventId: 'EvWHY2', ts: '1772586200.000100', team: SLACK_TENANT, user: ZHANG_SLACK });
    expect((await postSlack(s.url, raw, signSlack(raw), 'application/json')).status).toBe(200);
    await waitUntil(() => slackCalls(s.guard, 'chat.postMessage').length + slackCalls(s.guard, 'chat.update').length > 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(written(s)).not.toContain('提醒你的数字');
  });
});

describe('with an LLM: the coach prompt sees the nudge', () => {
  let s: ClickServer;
  const bodies: CapturedBody[] = [];
  beforeAll(async () => {
    const llm = new OpenAiLlmClient({ apiKey: 'sk-test', baseURL: BASE_URL, model: 'gpt-4o-mini', timeoutMs: 4000, maxRetries: 0 });
    s = await startClickServer({ llm });
    nock(new URL(BASE_URL).origin)
      .persist()
      .post('/v1/chat/completions', (body: CapturedBody) => {
        bodies.push(body);
        return true;
      })
      .reply(200, (_uri, body) => {
        const answer = '先把今天的量拆成上午和下午两段,上午先完成一半。[1]';
        return (body as CapturedBody).stream ? sse([answer]) : completion(answer);
      });
  });
  afterEach(() => {
    bodies.length = 0;
  });
  afterAll(async () => {
    await s.close();
  });

  const ask = (text: string) =>
    s.engine.handle({ tenant: SLACK_TENANT, user: { platform: 'slack', id: ZHANG_SLACK }, text, now: new Date(NOW.getTime() + 20 * 60_000), channel: { kind: 'slack', shared: false, conversationId: 'D0DM' } });

  it('a question about the nudge goes to the coach, and the prompt carries the nudge text', async () => {
    expect((await s.deliver(SLACK_TENANT, 'a1', 'slack')).status).toBe('sent');
    const nudge = await theNudge(s);
    const reply = await ask('这么多电话我今天打不完怎么办?');
    expect(reply.intent).toBe('coach');
    expect(reply.data.offline).toBe(false);
    expect(bodies).toHaveLength(1);
    const messages = bodies[0].messages;
    const fromNudge = messages.find((m) => m.role === 'assistant' && m.content.includes(nudge.text.split('\n')[0]));
    expect(fromNudge?.content).toBe(redact(`${nudge.title}\n${nudge.text}\n\n${whyShown(nudge).join('\n')}`));
    expect(messages[messages.length - 1].content).toContain('这么多电话我今天打不完怎么办?');
  });

  it('what goes to the LLM is redacted: a phone number in a nudge never leaves', async () => {
    await s.store.putSession(SLACK_TENANT, 'coach:history:a1', [], 60);
    await recordNudge(s.store, SLACK_TENANT, 'a1', {
      kind: 'agent_morning', date: TODAY, at: NOW, title: '早上好', text: '今天要打 92 个电话。昨天约好的客户王先生 13812345678 今天回电。',
    });
    await ask('为什么今天要打这么多电话,昨天不是打够了吗?');
    expect(bodies).toHaveLength(1);
    const prompt = JSON.stringify(bodies[0].messages);
    expect(prompt).toContain('今天要打 92 个电话');
    expect(prompt).not.toContain('13812345678');
    expect(prompt).toContain('[PHONE]');
  });

  it('a bare "为什么" still gets the nudge\'s exact steps, not an LLM answer', async () => {
    await s.store.putSession(SLACK_TENANT, 'coach:history:a1', [], 60);
    expect((await s.deliver(SLACK_TENANT, 'a1', 'slack')).status).toBe('sent');
    const reply = await ask('为什么要这么多?');
    expect(reply.intent).toBe('nudges');
    expect(reply.why).toEqual(whyShown(await theNudge(s)).map(redact));
    expect(bodies).toHaveLength(0);
  });
});

describe('which questions are about the nudge', () => {
  it('questions about its numbers are; other questions with 为什么 are routed as usual', async () => {
    const { isWhyQuestion } = await import('../../src/nudges/followUp');
    for (const q of ['为什么要这么多?', '为什么', 'why so many?', '这么多电话我今天打不完怎么办?', '这个数怎么算的', 'how come?', 'where does that number come from']) expect(isWhyQuestion(q), q).toBe(true);
    for (const q of ['客户为什么总是挂我电话', '为什么我成交率这么低', 'why do customers hang up on me', '今天打了85个电话']) expect(isWhyQuestion(q), q).toBe(false);
  });
});
