// Issue 23, Teams: AI-native answers through the real CloudAdapter over HTTP on loopback, with nock capturing
// every connector call. Streaming in personal chat (informative update, updates ≤ 1 per interval, final
// message), final message only in group chats; the AI label, citation Claims and the feedback loop on
// AI-written answers and none on exact numbers; the feedback invoke stored with the answer's intent and
// citations; long answers split in order within 28 KB; a redelivered activity processed once; a slow
// engine answered by a proactive continuation of the same conversation.
import { readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { feedbackSummary, type Feedback } from '../../../src/core/feedback';
import type { Engine, FormResult, Inbound, StreamSink } from '../../../src/core/engine';
import type { Reply } from '../../../src/core/reply';
import type { AgentProfile } from '../../../src/domain/types';
import type { AdaptiveCardJson } from '../../../src/channels/teams/cardTypes';
import { MemoryStore } from '../../../src/store/memory';
import { APP_ID, type Harness, messageActivity, type Sent, SERVICE_URL, silentLogger, startHarness, TENANT, useTeamsHarness } from './harness';
import { callsTodayReply } from './replies';
import { checkCard } from './validateCard';

const PREVIEW = new URL('../../../docs/teams-preview-streamed-answer.json', import.meta.url);
const BOT = { id: `28:${APP_ID}`, name: 'Lingyan' };
const ZHANG = { id: '29:user-zhang', name: '张三', aadObjectId: 'aad-zhang' };
const PERSONAL = { conversationType: 'personal', id: 'a:personal-zhang', tenantId: TENANT };
const GROUP = { id: '19:group-sales@thread.v2', conversationType: 'groupChat', tenantId: TENANT };
const MAX = 28 * 1024;
const INLINE_BUDGET_MS = 1500;

/** An Engine double whose script may stream through the sink the channel passes. */
class ScriptEngine implements Engine {
  handled: Inbound[] = [];
  finished = 0;
  script: (inbound: Inbound, stream?: StreamSink) => Promise<Reply> = async () => callsTodayReply();
  async handle(inbound: Inbound, stream?: StreamSink): Promise<Reply> {
    this.handled.push(inbound);
    const reply = await this.script(inbound, stream);
    this.finished += 1;
    return reply;
  }
  async submitForm(): Promise<FormResult> {
    return { ok: true };
  }
  async localeFor(inbound: Pick<Inbound, 'locale'>): Promise<'zh-CN' | 'en'> {
    return inbound.locale?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
  }
}

const AGENT: AgentProfile = {
  id: 'a1',
  name: '张三',
  team: 't1',
  role: 'agent',
  locale: 'zh-CN',
  tz: 'Asia/Shanghai',
  calendar: 'CN',
  baseSalary: 3000,
  commission: { type: 'flat', rate: 0.02 },
  teams: 'aad-zhang',
};

/** A coaching answer as the LLM path returns it: [n] markers, structured citations, offline: false. */
function coachAnswer(text = '先认同客户的顾虑 [1],再用他自己的数字说明差别 [2]。'): Reply {
  return {
    intent: 'coach',
    locale: 'zh-CN',
    title: '教练建议',
    text,
    data: {
      citations: [
        { course: 'objection-handling', section: '技巧一:先认同再回应' },
        { course: 'customer-communication', section: '倾听与提问' },
      ],
      offline: false,
    },
    citations: [
      { n: 1, title: '异议化解', section: '技巧一:先认同再回应' },
      { n: 2, title: '客户沟通艺术', section: '倾听与提问' },
    ],
  };
}

const AI_ENTITY = {
  type: 'https://schema.org/Message',
  '@type': 'Message',
  '@context': 'https://schema.org',
  '@id': '',
  additionalType: ['AIGeneratedContent'],
};
const CLAIM_1 = { '@type': 'Claim', position: 1, appearance: { '@type': 'DigitalDocument', name: '异议化解', abstract: '技巧一:先认同再回应' } };
const CLAIM_2 = { '@type': 'Claim', position: 2, appearance: { '@type': 'DigitalDocument', name: '客户沟通艺术', abstract: '倾听与提问' } };

let h: Harness<ScriptEngine>;
let sent: Sent[];
let clockMs = 0;

const fx = useTeamsHarness(async () => {
  const store = new MemoryStore();
  await store.putAgent(TENANT, AGENT);
  return startHarness(new ScriptEngine(), {}, store, undefined, {
    inlineBudgetMs: INLINE_BUDGET_MS,
    streamIntervalMs: 1000,
    monotonic: () => clockMs,
  });
});
beforeAll(() => {
  ({ h, sent } = fx);
});
beforeEach(() => {
  sent.length = 0;
  h.engine.handled.length = 0;
  h.engine.script = async () => callsTodayReply();
  silentLogger.lines.length = 0;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function envelope(conversation: Record<string, unknown>, replyToId: unknown): Record<string, unknown> {
  return { serviceUrl: SERVICE_URL, channelId: 'msteams', from: BOT, conversation, recipient: ZHANG, locale: 'zh-CN', replyToId };
}

function groupMessage(text: string): Record<string, unknown> {
  return messageActivity({
    text: `<at>Lingyan</at> ${text}`,
    entities: [{ type: 'mention', text: '<at>Lingyan</at>', mentioned: { id: BOT.id, name: 'Lingyan' } }],
    conversation: GROUP,
  });
}

function feedbackInvoke(replyToId: string, reaction: 'like' | 'dislike', overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return messageActivity({
    type: 'invoke',
    name: 'message/submitAction',
    text: undefined,
    replyToId,
    value: { actionName: 'feedback', actionValue: { reaction, feedback: '{"feedbackText":"太长了,说重点"}' } },
    ...overrides,
  });
}

describe('streaming in personal chat', () => {
  it('sends typing, the informative update, streaming updates at most once per second, then the final message with the AI label, citations and feedback', async () => {
    h.engine.script = async (_inbound, stream) => {
      clockMs = 10_000;
      await stream?.('先认同'); // opens the stream: the informative update
      await stream?.('先认同客户'); // same instant: kept, not sent
      clockMs = 10_500;
      await stream?.('先认同客户的顾虑 [1]'); // 0.5 s later: kept, not sent
      clockMs = 11_100;
      await stream?.('先认同客户的顾虑 [1],再用'); // 1.1 s after the informative update: sent
      clockMs = 11_900;
      await stream?.('先认同客户的顾虑 [1],再用他自己的'); // 0.8 s: kept
      clockMs = 12_200;
      await stream?.('先认同客户的顾虑 [1],再用他自己的数字'); // 1.1 s: sent
      return coachAnswer(); // the final message waits out the second after the last update
    };
    const incoming = messageActivity({ text: '客户说利率太高怎么办' });
    const res = await h.post(incoming);
    expect(res.status).toBe(200);

    const path = `/amer/v3/conversations/a:personal-zhang/activities/${String(incoming.id)}`;
    expect(sent.map((s) => s.path)).toEqual([path, path, path, path, path]);
    const env = envelope(PERSONAL, incoming.id);
    const streamId = sent[1].replyId as string;
    expect(sent[0].body).toEqual({ type: 'typing', ...env });
    expect(sent[1].body).toEqual({
      type: 'typing',
      ...env,
      text: '正在思考…',
      entities: [{ type: 'streaminfo', streamType: 'informative', streamSequence: 1 }],
      channelData: { streamType: 'informative', streamSequence: 1 },
    });
    expect(sent[2].body).toEqual({
      type: 'typing',
      ...env,
      text: '先认同客户的顾虑 [1],再用',
      entities: [{ type: 'streaminfo', streamId, streamType: 'streaming', streamSequence: 2 }],
      channelData: { streamId, streamType: 'streaming', streamSequence: 2 },
    });
    expect(sent[3].body).toEqual({
      type: 'typing',
      ...env,
      text: '先认同客户的顾虑 [1],再用他自己的数字',
      entities: [{ type: 'streaminfo', streamId, streamType: 'streaming', streamSequence: 3 }],
      channelData: { streamId, streamType: 'streaming', streamSequence: 3 },
    });
    const final = {
      type: 'message',
      ...env,
      text: '**教练建议**\n\n先认同客户的顾虑 [1],再用他自己的数字说明差别 [2]。',
      entities: [
        { type: 'streaminfo', streamId, streamType: 'final', streamSequence: 4 },
        { ...AI_ENTITY, citation: [CLAIM_1, CLAIM_2] },
      ],
      channelData: { feedbackLoopEnabled: true, streamId, streamType: 'final', streamSequence: 4 },
    };
    expect(sent[4].body).toEqual(final);
    // docs/teams-preview-streamed-answer.json is this exchange (regenerate with UPDATE_TEAMS_PREVIEW=1).
    const preview = `${JSON.stringify({ note: 'The activities Lingyan sends for a streamed AI answer in personal chat (issue 23), as captured by test/channels/teams/aiNative.test.ts.', activities: sent.map((s) => s.body) }, null, 2)}\n`;
    if (process.env.UPDATE_TEAMS_PREVIEW) writeFileSync(PREVIEW, preview);
    expect(readFileSync(PREVIEW, 'utf8')).toBe(preview);

    // The answer's record (for votes): intent and cited sections under the stream id, never the text.
    const record = await h.store.getSession<Record<string, unknown>>(TENANT, `teams:answer:a:personal-zhang:${streamId}`);
    expect(record).toEqual({
      answerId: `a:personal-zhang:${streamId}`,
      intent: 'coach',
      citations: ['objection-handling#技巧一:先认同再回应', 'customer-communication#倾听与提问'],
    });
  });

  it('does not stream an answer that never streams (exact numbers): one card, no AI label, no feedback, no citations', async () => {
    const incoming = messageActivity();
    await h.post(incoming);
    expect(sent.map((s) => s.body.type)).toEqual(['typing', 'message']);
    expect(sent[1].body.entities).toBeUndefined();
    expect(sent[1].body.channelData).toBeUndefined();
    expect(sent[1].body.attachments).toHaveLength(1);
  });

  it('closes a stream with the card when the streamed answer ends as an offline (not AI) reply', async () => {
    h.engine.script = async (_inbound, stream) => {
      clockMs += 5000;
      await stream?.('先认同');
      return { ...coachAnswer('课程摘录:先认同,再回应。'), citations: undefined, data: { citations: [], offline: true } };
    };
    await h.post(messageActivity({ text: '客户说利率太高怎么办' }));
    expect(sent.map((s) => s.body.type)).toEqual(['typing', 'typing', 'message']);
    const final = sent[2].body;
    const streamId = sent[1].replyId;
    expect(final.entities).toEqual([{ type: 'streaminfo', streamId, streamType: 'final', streamSequence: 2 }]);
    expect(final.channelData).toEqual({ streamId, streamType: 'final', streamSequence: 2 });
    const card = (final.attachments as Array<{ content: AdaptiveCardJson }>)[0].content;
    expect(checkCard(card).events).toEqual([]);
  });
});

describe('group chats and channels', () => {
  it('sends the final message only (no streaming updates), with the AI label, citations and feedback', async () => {
    h.engine.script = async (_inbound, stream) => {
      clockMs += 5000;
      await stream?.('先认同');
      clockMs += 5000;
      await stream?.('先认同客户');
      return coachAnswer();
    };
    const incoming = groupMessage('客户说利率太高怎么办');
    await h.post(incoming);
    expect(h.engine.handled[0]?.channel.shared).toBe(true);
    expect(sent.map((s) => s.body.type)).toEqual(['typing', 'message']);
    expect(sent[1].body).toEqual({
      type: 'message',
      ...envelope(GROUP, incoming.id),
      text: '**教练建议**\n\n先认同客户的顾虑 [1],再用他自己的数字说明差别 [2]。',
      entities: [{ ...AI_ENTITY, citation: [CLAIM_1, CLAIM_2] }],
      channelData: { feedbackLoopEnabled: true },
    });
  });

  it('puts what an AI answer carries besides its text (sections, actions) on a valid card under the text', async () => {
    h.engine.script = async () => ({
      intent: 'huddle',
      locale: 'zh-CN',
      title: '今日早会',
      text: '今天早会聊聊:客户说“我再考虑考虑”时怎么接。',
      data: { offline: false, citations: [] },
      sections: [{ title: '练习', text: '两人一组,各练三分钟。' }],
      actions: [{ id: 'roleplay', label: '练一段对话', intent: 'roleplay', text: '/coach roleplay' }],
    });
    await h.post(groupMessage('给早会出个辅导话题'));
    const message = sent[1].body;
    expect(message.text).toBe('**今日早会**\n\n今天早会聊聊:客户说“我再考虑考虑”时怎么接。');
    expect(message.entities).toEqual([AI_ENTITY]);
    const card = (message.attachments as Array<{ content: AdaptiveCardJson }>)[0].content;
    expect(checkCard(card).events).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('我再考虑考虑'); // the text is not repeated on the card
    expect(JSON.stringify(card)).toContain('两人一组');
    expect(card.actions?.[0]).toMatchObject({ type: 'Action.Execute', verb: 'act:roleplay' });
  });
});

describe('feedback', () => {
  async function answered(): Promise<string> {
    h.engine.script = async () => coachAnswer();
    await h.post(messageActivity({ text: '客户说利率太高怎么办' }));
    const message = sent.find((s) => s.body.type === 'message');
    sent.length = 0;
    return message?.replyId as string;
  }

  it('stores a vote from the feedback invoke with the answer’s intent and citations, under the agent id, never the text', async () => {
    const answerMessage = await answered();
    const before = await feedbackSummary(h.store, TENANT, '2026-03');
    const res = await h.post(feedbackInvoke(answerMessage, 'dislike'));
    expect(res.status).toBe(200);
    expect(sent).toEqual([]); // nothing posted: Teams shows its own thanks
    const after = await feedbackSummary(h.store, TENANT, '2026-03');
    expect(after.down - before.down).toBe(1);
    const votes = await h.store.listDocs<Feedback>(TENANT, 'feedback:2026-03');
    const vote = votes.find((v) => v.answerId === `a:personal-zhang:${answerMessage}`);
    expect(vote).toEqual({
      answerId: `a:personal-zhang:${answerMessage}`,
      platform: 'teams',
      agent: 'a1',
      intent: 'coach',
      citations: ['objection-handling#技巧一:先认同再回应', 'customer-communication#倾听与提问'],
      rating: 'down',
      at: '2026-03-10T01:00:00.000Z',
    });
    expect(JSON.stringify(votes)).not.toContain('太长了');

    // A changed mind replaces the vote; a redelivered invoke counts once.
    const like = feedbackInvoke(answerMessage, 'like');
    await h.post(like);
    await h.post(like);
    const votesAfter = (await h.store.listDocs<Feedback>(TENANT, 'feedback:2026-03')).filter((v) => v.answerId === `a:personal-zhang:${answerMessage}`);
    expect(votesAfter.map((v) => v.rating)).toEqual(['up']);
    expect(silentLogger.lines.filter((l) => l.msg === 'teams: duplicate activity ignored')).toHaveLength(1);
  });

  it('keeps no vote from someone who has no profile, and answers the invoke all the same', async () => {
    const answerMessage = await answered();
    const before = await h.store.listDocs<Feedback>(TENANT, 'feedback:2026-03');
    const res = await h.post(feedbackInvoke(answerMessage, 'like', { from: { id: '29:stranger', name: 'Stranger', aadObjectId: 'aad-stranger' } }));
    expect(res.status).toBe(200);
    expect(await h.store.listDocs<Feedback>(TENANT, 'feedback:2026-03')).toHaveLength(before.length);
    expect(silentLogger.lines).toContainEqual(expect.objectContaining({ msg: 'teams: feedback', obj: expect.objectContaining({ result: 'unknown_person' }) }));
  });

  it('answers a malformed feedback invoke with 400 and stores nothing', async () => {
    const before = await h.store.listDocs<Feedback>(TENANT, 'feedback:2026-03');
    const res = await h.post(messageActivity({ type: 'invoke', name: 'message/submitAction', text: undefined, replyToId: 'x', value: { actionName: 'feedback', actionValue: { reaction: 'meh' } } }));
    expect(res.status).toBe(400);
    expect(await h.store.listDocs<Feedback>(TENANT, 'feedback:2026-03')).toHaveLength(before.length);
  });
});

describe('long answers', () => {
  it('splits a long AI answer over several messages in order, each under 28 KB, each with the citations its text uses', async () => {
    const paragraphs = Array.from({ length: 30 }, (_, i) => `第${i + 1}段:${'先认同再回应,'.repeat(100)}`);
    paragraphs[0] += ' [1]';
    paragraphs[29] += ' [2]';
    const text = paragraphs.join('\n\n');
    h.engine.script = async () => coachAnswer(text);
    await h.post(messageActivity({ text: '详细讲讲' }));

    const messages = sent.filter((s) => s.body.type === 'message');
    expect(messages.length).toBeGreaterThanOrEqual(3);
    for (const m of messages) {
      expect(Buffer.byteLength(JSON.stringify(m.body), 'utf8')).toBeLessThanOrEqual(MAX);
      expect(m.body.channelData).toEqual({ feedbackLoopEnabled: true });
    }
    // In order, nothing cut: the parts put back together are the answer.
    const joined = messages.map((m) => String(m.body.text)).join('\n\n');
    expect(joined).toBe(`**教练建议**\n\n${text}`);
    const firstSeen = paragraphs.map((p) => joined.indexOf(p.slice(0, 6)));
    expect(firstSeen).toEqual([...firstSeen].sort((a, b) => a - b));
    // Each part's entity carries only the claims its own text cites.
    const claims = messages.map((m) => ((m.body.entities as Array<{ citation?: Array<{ position: number }> }>)[0].citation ?? []).map((c) => c.position));
    expect(claims[0]).toEqual([1]);
    expect(claims.at(-1)).toEqual([2]);
    expect(claims.slice(1, -1).flat()).toEqual([]);
    // Every part leads back to the one answer.
    const records = await Promise.all(messages.map((m) => h.store.getSession<{ answerId: string }>(TENANT, `teams:answer:a:personal-zhang:${m.replyId}`)));
    expect(new Set(records.map((r) => r?.answerId))).toEqual(new Set([`a:personal-zhang:${messages[0].replyId}`]));
  });

  it('splits a card too big for 28 KB over several valid cards in order, "why" and actions on the last, no "truncated" note', async () => {
    h.engine.script = async () => ({
      ...callsTodayReply(),
      sections: Array.from({ length: 400 }, (_, i) => ({ title: `坐席 ${i}`, text: 'x'.repeat(100), facts: [{ label: '进度', value: '99%' }] })),
    });
    await h.post(messageActivity({ text: '团队进度' }));
    const messages = sent.filter((s) => s.body.type === 'message');
    expect(messages.length).toBeGreaterThanOrEqual(2);
    const cards = messages.map((m) => (m.body.attachments as Array<{ content: AdaptiveCardJson }>)[0].content);
    for (const card of cards) {
      const check = checkCard(card);
      expect(check.events).toEqual([]);
      expect(check.bytes).toBeLessThanOrEqual(MAX);
    }
    const all = JSON.stringify(cards);
    const positions = Array.from({ length: 400 }, (_, i) => all.indexOf(`"坐席 ${i}"`));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(all).not.toContain('部分已省略');
    expect(cards.slice(0, -1).every((c) => c.actions === undefined)).toBe(true);
    expect(cards.at(-1)?.actions?.[0]).toMatchObject({ type: 'Action.ShowCard' });
    expect(cards.map((c) => c.body.at(-1))).toEqual(cards.map((_, i) => expect.objectContaining({ text: `${i + 1}/${cards.length}` })));
    expect(messages.map((m) => m.body.summary)).toEqual(
      messages.map((_, i) => (i === 0 ? expect.not.stringContaining('(1/') : expect.stringContaining(`(${i + 1}/${messages.length})`))),
    );
  });
});

describe('once, and within 15 s', () => {
  it('processes a redelivered activity once', async () => {
    const incoming = messageActivity();
    expect((await h.post(incoming)).status).toBe(200);
    const after = sent.length;
    expect((await h.post(incoming)).status).toBe(200);
    expect(h.engine.handled).toHaveLength(1);
    expect(sent).toHaveLength(after);
    expect(silentLogger.lines.filter((l) => l.msg === 'teams: duplicate activity ignored')).toHaveLength(1);
  });

  it('runs a redelivered card follow-up (Action.Execute) once', async () => {
    const execute = messageActivity({
      type: 'invoke',
      name: 'adaptiveCard/action',
      text: undefined,
      replyToId: 'card-message-1',
      value: { action: { type: 'Action.Execute', verb: 'act:plan', data: { actionId: 'week', text: '/coach plan' } }, trigger: 'manual' },
    });
    expect((await h.post(execute)).status).toBe(200);
    expect((await h.post(execute)).status).toBe(200);
    expect(await h.channel.drain(10_000)).toBe(true);
    expect(h.engine.handled).toHaveLength(1);
    expect(sent.filter((s) => s.body.type === 'message')).toHaveLength(1);
  });

  it('answers the request before a slow engine is done and delivers the streamed answer in a continuation of the conversation', async () => {
    const finishedBefore = h.engine.finished;
    h.engine.script = async (_inbound, stream) => {
      await sleep(INLINE_BUDGET_MS + 700);
      clockMs += 5000;
      await stream?.('先认同客户的顾虑 [1]');
      return coachAnswer();
    };
    const incoming = messageActivity({ text: '客户说利率太高怎么办' });
    const t0 = Date.now();
    const res = await h.post(incoming);
    const elapsed = Date.now() - t0;
    expect(res.status).toBe(200);
    expect(elapsed).toBeLessThan(INLINE_BUDGET_MS + 600);
    expect(h.engine.finished).toBe(finishedBefore); // still working when the request was answered
    // In the inbound turn: typing and the informative update.
    expect(sent.map((s) => [s.body.type, (s.body.entities as Array<{ streamType?: string }> | undefined)?.[0]?.streamType])).toEqual([
      ['typing', undefined],
      ['typing', 'informative'],
    ]);
    expect(silentLogger.lines).toContainEqual(expect.objectContaining({ msg: 'teams: answer continues after the turn' }));

    expect(await h.channel.drain(10_000)).toBe(true);
    const streamId = sent[1].replyId;
    const path = `/amer/v3/conversations/a:personal-zhang/activities/${String(incoming.id)}`;
    expect(sent.map((s) => s.path)).toEqual([path, path, path, path]);
    expect(sent.every((s) => s.body.replyToId === incoming.id)).toBe(true);
    expect(sent[2].body).toMatchObject({ type: 'typing', text: '先认同客户的顾虑 [1]', entities: [{ type: 'streaminfo', streamId, streamType: 'streaming', streamSequence: 2 }] });
    expect(sent[3].body).toMatchObject({
      type: 'message',
      entities: [{ type: 'streaminfo', streamId, streamType: 'final', streamSequence: 3 }, { ...AI_ENTITY, citation: [CLAIM_1, CLAIM_2] }],
      channelData: { feedbackLoopEnabled: true, streamId, streamType: 'final' },
    });
  });

  it('in a group chat, answers the request, then posts the final message from the continuation', async () => {
    h.engine.script = async () => {
      await sleep(INLINE_BUDGET_MS + 500);
      return coachAnswer();
    };
    const incoming = groupMessage('客户说利率太高怎么办');
    await h.post(incoming);
    expect(sent.map((s) => s.body.type)).toEqual(['typing']);
    expect(await h.channel.drain(10_000)).toBe(true);
    expect(sent.map((s) => s.body.type)).toEqual(['typing', 'message']);
    expect(sent[1].path).toBe(`/amer/v3/conversations/${GROUP.id}/activities/${String(incoming.id)}`);
    expect(sent[1].body.channelData).toEqual({ feedbackLoopEnabled: true });
  });

  it('closes an open stream with the apology when an answer fails after it began streaming', async () => {
    h.engine.script = async (_inbound, stream) => {
      clockMs += 5000;
      await stream?.('先认同');
      throw new Error('LLM cut off');
    };
    const res = await h.post(messageActivity({ text: '客户说利率太高怎么办' }));
    expect(res.status).toBe(200);
    const streamId = sent[1].replyId;
    expect(sent.map((s) => s.body.type)).toEqual(['typing', 'typing', 'message']);
    expect(sent[2].body).toMatchObject({
      type: 'message',
      text: '抱歉,刚才处理你的消息时出了点问题,我们已经记录下来。请稍后再试一次。',
      entities: [{ type: 'streaminfo', streamId, streamType: 'final', streamSequence: 2 }],
    });
  });

  it('closes an open stream with the apology when a slow answer fails', async () => {
    h.engine.script = async () => {
      await sleep(INLINE_BUDGET_MS + 300);
      throw new Error('LLM gone');
    };
    await h.post(messageActivity({ text: '客户说利率太高怎么办' }));
    expect(await h.channel.drain(10_000)).toBe(true);
    const streamId = sent[1].replyId;
    expect(sent.at(-1)?.body).toMatchObject({
      type: 'message',
      text: '抱歉,刚才处理你的消息时出了点问题,我们已经记录下来。请稍后再试一次。',
      entities: [{ type: 'streaminfo', streamId, streamType: 'final' }],
    });
    expect(silentLogger.lines).toContainEqual(expect.objectContaining({ level: 'error', msg: 'teams: answer failed after it began streaming' }));
  });
});
