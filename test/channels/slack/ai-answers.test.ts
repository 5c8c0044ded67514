// AI-native answers in Slack (issue 23) and answers in the ack (issue 24.2), through Lingyan's real Bolt
// app over HTTP on loopback, with nock asserting the exact Web API calls and payloads in order:
// native streaming (chat.startStream / appendStream / stopStream with the recipient ids) and its
// chat.update fallback, 👍/👎 feedback stored with the answer's intent and citations, the AI label and
// sources, the Assistant status cleared on success, error and timeout, long answers split in order
// within Slack's limits, and `/coach` answers returned in the ack's body.
import { writeFileSync } from 'node:fs';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { feedbackSummary, FEEDBACK_KIND_PREFIX } from '../../../src/core/feedback';
import type { Reply } from '../../../src/core/reply';
import type { AgentProfile } from '../../../src/domain/types';
import { SlackRenderer } from '../../../src/channels/slack/blocks';
import { LIMITS, blockTextLength, checkBlockLimits } from '../../../src/channels/slack/limits';
import { decodeFeedbackValue } from '../../../src/channels/slack/ai';
import type { SlackConfig } from '../../../src/channels/slack/types';
import {
  SLACK,
  TEAM,
  callsTodayReply,
  closeMockedHarness,
  commandBody,
  eventBody,
  interactionBody,
  parseBlocks,
  post,
  settle,
  startMockedHarness,
  waitFor,
  type Harness,
} from './harness';

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';

let h: Harness | undefined;
afterEach(async () => {
  if (h) await closeMockedHarness(h);
  h = undefined;
});

async function start(config: Partial<SlackConfig> = {}, locale = 'zh-CN'): Promise<Harness> {
  h = await startMockedHarness(config, locale);
  return h;
}

interface Call {
  method: string;
  body: Record<string, unknown>;
}

/**
 * Every Web API call (except users.info / auth.test, answered by the harness, and conversations.replies,
 * answered empty) in the order made;
 * `answer(method, body)` decides Slack's reply (default `{ ok: true }`, with a ts for posts).
 */
function webApi(answer: (method: string, body: Record<string, unknown>) => object | undefined = () => undefined): Call[] {
  const calls: Call[] = [];
  let seq = 0;
  nock(SLACK)
    .post(/^\/api\/(?!users\.info|auth\.test)[a-zA-Z.]+$/)
    .reply(200, (uri, raw) => {
      const method = uri.replace('/api/', '');
      const body = (typeof raw === 'string' ? Object.fromEntries(new URLSearchParams(raw)) : raw) as Record<string, unknown>;
      // Reading a thread's history (the engine's context) is not part of the answer's sequence.
      if (method === 'conversations.replies') return { ok: true, messages: [], has_more: false };
      calls.push({ method, body });
      const custom = answer(method, body);
      if (custom) return custom;
      if (method === 'chat.postMessage' || method === 'chat.startStream') {
        seq += 1;
        return { ok: true, channel: body.channel, ts: `100.${seq}` };
      }
      return { ok: true };
    })
    .persist();
  return calls;
}

/** A form field Slack's client sends as JSON text (blocks, chunks). */
function json(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

function coachReply(overrides: Partial<Reply> = {}): Reply {
  return {
    intent: 'coach',
    locale: 'zh-CN',
    title: '领雁教练',
    text: '先认同客户的顾虑,再说明利率的构成。[1]\n\n参考课程:\n[1] 《异议处理》· 利率异议',
    data: { offline: false, citations: [{ course: 'objections', section: '利率异议' }] },
    citations: [{ n: 1, title: '异议处理', url: 'https://learn.example.com/objections#rate', section: '利率异议' }],
    ...overrides,
  };
}

/** An engine turn that streams the given partial texts (cumulative), then answers. */
function streaming(partials: string[], reply: Reply, gapMs = 80) {
  return async (_inbound: unknown, stream?: (text: string) => void | Promise<void>) => {
    for (const partial of partials) {
      await stream?.(partial);
      await settle(gapMs);
    }
    return reply;
  };
}

const assistantMessage = (text = '客户说利率太高怎么办', ts = '6.8') => ({
  type: 'message',
  channel_type: 'im',
  user: 'U0AGENT',
  text,
  ts,
  thread_ts: '6.6',
  channel: 'D0AGENT',
  event_ts: ts,
});

const methods = (calls: Call[]) => calls.map((c) => c.method);

describe('native streaming (chat.startStream / appendStream / stopStream)', () => {
  it('streams an Assistant answer natively with the recipient ids, ends the stream, replaces it with the final card, and clears the status', async () => {
    const harness = await start();
    const calls = webApi();
    harness.engine.reply = streaming(['先认同', '先认同客户的顾虑'], coachReply());
    await post(harness, eventBody(assistantMessage(), 'EvSTREAM1'), JSON_TYPE);
    await waitFor(() => calls.filter((c) => c.method === 'assistant.threads.setStatus').length === 2);
    expect(methods(calls)).toEqual([
      'assistant.threads.setStatus',
      'assistant.threads.setTitle',
      'chat.startStream',
      'chat.appendStream',
      'chat.stopStream',
      'chat.update',
      'assistant.threads.setStatus',
    ]);
    const [thinking, , startStream, appendStream, stopStream, update, cleared] = calls;
    expect(thinking.body).toMatchObject({ channel_id: 'D0AGENT', thread_ts: '6.6', status: '正在计算…' });
    expect(startStream.body).toMatchObject({ channel: 'D0AGENT', thread_ts: '6.6', recipient_team_id: TEAM, recipient_user_id: 'U0AGENT' });
    expect(json(startStream.body.chunks)).toEqual([{ type: 'markdown_text', text: '先认同' }]);
    expect(appendStream.body).toMatchObject({ channel: 'D0AGENT', ts: '100.1' });
    expect(json(appendStream.body.chunks)).toEqual([{ type: 'markdown_text', text: '客户的顾虑' }]);
    expect(stopStream.body).toMatchObject({ channel: 'D0AGENT', ts: '100.1' });
    expect(update.body).toMatchObject({ channel: 'D0AGENT', ts: '100.1' });
    const blocks = parseBlocks(update.body.blocks);
    expect(checkBlockLimits(blocks)).toEqual([]);
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'context', 'context', 'context_actions']);
    expect(cleared.body).toMatchObject({ channel_id: 'D0AGENT', thread_ts: '6.6', status: '' });
  });

  it('streams a top-level DM answer as a reply in the question’s thread, where the final card replaces it', async () => {
    const harness = await start();
    const calls = webApi();
    harness.engine.reply = streaming(['好的'], coachReply());
    const dm = { type: 'message', channel_type: 'im', user: 'U0AGENT', text: '客户说太贵', ts: '7.1', channel: 'D0AGENT', event_ts: '7.1' };
    await post(harness, eventBody(dm, 'EvSTREAMDM'), JSON_TYPE);
    await waitFor(() => calls.some((c) => c.method === 'chat.update'));
    expect(methods(calls)).toEqual(['chat.startStream', 'chat.stopStream', 'chat.update']);
    expect(calls[0].body).toMatchObject({ channel: 'D0AGENT', thread_ts: '7.1', recipient_team_id: TEAM, recipient_user_id: 'U0AGENT' });
    expect(calls[2].body).toMatchObject({ channel: 'D0AGENT', ts: '100.1' });
  });

  it('streams an @mention answer in the channel thread with the recipient ids', async () => {
    const harness = await start();
    const calls = webApi();
    harness.engine.reply = streaming(['先认同'], coachReply());
    const mention = { type: 'app_mention', user: 'U0AGENT', text: '<@UBOT> 客户说利率太高', ts: '8.1', channel: 'C0SALES', event_ts: '8.1' };
    await post(harness, eventBody(mention, 'EvSTREAMCH'), JSON_TYPE);
    await waitFor(() => calls.some((c) => c.method === 'chat.update'));
    expect(methods(calls)).toEqual(['chat.startStream', 'chat.stopStream', 'chat.update']);
    expect(calls[0].body).toMatchObject({ channel: 'C0SALES', thread_ts: '8.1', recipient_team_id: TEAM, recipient_user_id: 'U0AGENT' });
  });

  it('a private answer streamed in a channel thread: the streamed draft is deleted, the answer goes to the DM, the channel gets an ephemeral note', async () => {
    const harness = await start();
    const calls = webApi((method) => (method === 'conversations.open' ? { ok: true, channel: { id: 'D0AGENT' } } : undefined));
    harness.engine.reply = streaming(['你的进度'], coachReply({ visibility: 'private' }));
    const mention = { type: 'app_mention', user: 'U0AGENT', text: '<@UBOT> 我的进度', ts: '8.2', channel: 'C0SALES', event_ts: '8.2' };
    await post(harness, eventBody(mention, 'EvSTREAMPRIV'), JSON_TYPE);
    await waitFor(() => calls.some((c) => c.method === 'chat.postEphemeral'));
    expect(methods(calls)).toEqual(['chat.startStream', 'chat.stopStream', 'chat.delete', 'conversations.open', 'chat.postMessage', 'chat.postEphemeral']);
    expect(calls[2].body).toMatchObject({ channel: 'C0SALES', ts: '100.1' });
    expect(calls[4].body).toMatchObject({ channel: 'D0AGENT' });
    expect(calls[5].body).toMatchObject({ channel: 'C0SALES', user: 'U0AGENT', thread_ts: '8.2' });
  });

  it('falls back to chat.postMessage + chat.update when Slack refuses chat.startStream, and skips the refused call for that workspace next time', async () => {
    const harness = await start();
    const calls = webApi((method) => (method === 'chat.startStream' ? { ok: false, error: 'not_allowed' } : undefined));
    harness.engine.reply = streaming(['先认同', '先认同客户的顾虑'], coachReply());
    await post(harness, eventBody(assistantMessage(), 'EvFALLBACK1'), JSON_TYPE);
    await waitFor(() => calls.filter((c) => c.method === 'assistant.threads.setStatus').length === 2);
    expect(methods(calls)).toEqual([
      'assistant.threads.setStatus',
      'assistant.threads.setTitle',
      'chat.startStream',
      'chat.postMessage',
      'chat.update',
      'chat.update',
      'assistant.threads.setStatus',
    ]);
    expect(calls[3].body).toMatchObject({ channel: 'D0AGENT', thread_ts: '6.6', text: '先认同' });
    expect(calls[4].body).toMatchObject({ ts: calls[3].body.ts ?? '100.1', text: '先认同客户的顾虑' });
    expect(parseBlocks(calls[5].body.blocks).some((b) => b.type === 'context_actions')).toBe(true);

    calls.length = 0;
    await post(harness, eventBody(assistantMessage('再问一次', '6.9'), 'EvFALLBACK2'), JSON_TYPE);
    await waitFor(() => calls.filter((c) => c.method === 'assistant.threads.setStatus').length === 2);
    expect(methods(calls)).not.toContain('chat.startStream');
    expect(methods(calls)).toContain('chat.postMessage');
  });

  it('a failing appendStream stops streaming; the final card still replaces the message', async () => {
    const harness = await start();
    const calls = webApi((method) => (method === 'chat.appendStream' ? { ok: false, error: 'ratelimited' } : undefined));
    harness.engine.reply = streaming(['一', '一二', '一二三'], coachReply());
    await post(harness, eventBody(assistantMessage(), 'EvAPPENDFAIL'), JSON_TYPE);
    await waitFor(() => calls.filter((c) => c.method === 'assistant.threads.setStatus').length === 2);
    expect(methods(calls).filter((m) => m.startsWith('chat.'))).toEqual(['chat.startStream', 'chat.appendStream', 'chat.stopStream', 'chat.update']);
  });
});

describe('feedback and provenance', () => {
  const agent: AgentProfile = {
    id: 'a7',
    name: '张三',
    team: 't1',
    role: 'agent',
    locale: 'zh-CN',
    tz: 'Asia/Shanghai',
    calendar: 'CN',
    baseSalary: 3000,
    commission: { type: 'flat', rate: 0.02 },
    slack: 'U0AGENT',
  };

  it('an AI answer carries the sources (linked), the AI label and 👍/👎 whose value holds intent and citations, never text', () => {
    const renderer = new SlackRenderer();
    const [message] = renderer.renderParts(coachReply(), { feedback: true });
    const blocks = message.blocks as unknown as Array<Record<string, unknown>>;
    expect(checkBlockLimits(blocks)).toEqual([]);
    const [sources, label, feedback] = blocks.slice(-3) as Array<{ type: string; elements: Array<Record<string, unknown>> }>;
    expect(sources.type).toBe('context');
    expect(sources.elements.map((e) => e.text)).toEqual(['*来源*', '[1] <https://learn.example.com/objections#rate|异议处理 · 利率异议>']);
    expect(label).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: ':robot_face: AI 生成的内容,可能有误,请核对要点。' }] });
    expect(feedback.type).toBe('context_actions');
    const buttons = feedback.elements[0] as { type: string; action_id: string; positive_button: { value: string }; negative_button: { value: string } };
    expect(buttons).toMatchObject({ type: 'feedback_buttons', action_id: 'feedback' });
    expect(decodeFeedbackValue(buttons.positive_button.value)).toEqual({ r: 'up', i: 'coach', c: ['objections#利率异议'] });
    expect(decodeFeedbackValue(buttons.negative_button.value)).toEqual({ r: 'down', i: 'coach', c: ['objections#利率异议'] });
    expect(JSON.stringify(buttons)).not.toContain('先认同');
    // The sources appear once, as the context block: the plain-text list is not repeated in the body.
    expect(blocks[1]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '先认同客户的顾虑,再说明利率的构成。[1]' } });
    expect(message.text).toContain('参考课程'); // the notification text stays complete
    writePreview(blocks, message.text);
  });

  it('exact numbers and course excerpts get no AI label and no feedback buttons', () => {
    const renderer = new SlackRenderer();
    for (const reply of [callsTodayReply(), coachReply({ data: { offline: true, citations: [] } })]) {
      const blocks = renderer.renderParts(reply, { feedback: true }).flatMap((m) => m.blocks);
      expect(blocks.some((b) => b.type === 'context_actions')).toBe(false);
      expect(JSON.stringify(blocks)).not.toContain('AI 生成');
    }
  });

  it('a 👎 click stores one vote under <channel>:<ts> for the voter’s agent id with the answer’s intent and citations; a changed mind replaces it', async () => {
    const harness = await start();
    webApi();
    await harness.store.putAgent(TEAM, agent);
    const [message] = new SlackRenderer().renderParts(coachReply(), { feedback: true });
    const element = (message.blocks.at(-1) as unknown as { elements: Array<{ positive_button: { value: string }; negative_button: { value: string } }> }).elements[0];
    const click = (value: string) =>
      interactionBody({
        type: 'block_actions',
        team: { id: TEAM, domain: 'acme' },
        user: { id: 'U0AGENT', username: 'zhang', team_id: TEAM },
        api_app_id: 'A0APP',
        token: 'x',
        container: { type: 'message', message_ts: '100.7', channel_id: 'D0AGENT', is_ephemeral: false },
        trigger_id: '1.2.3',
        channel: { id: 'D0AGENT', name: 'directmessage' },
        message: { type: 'message', ts: '100.7', text: 'x', blocks: message.blocks },
        actions: [{ type: 'feedback_buttons', action_id: 'feedback', block_id: 'fb', action_ts: '9.9', value: value, text: { type: 'plain_text', text: '没帮助' } }],
      });
    expect((await post(harness, click(element.negative_button.value), FORM_TYPE)).status).toBe(200);
    const month = new Date().toISOString().slice(0, 7);
    await waitFor(() => harness.logs.some((l) => l.msg === 'slack feedback stored'));
    expect(await feedbackSummary(harness.store, TEAM, month)).toEqual({ up: 0, down: 1, byIntent: { coach: { up: 0, down: 1 } } });
    const [stored] = await harness.store.listDocs<Record<string, unknown>>(TEAM, `${FEEDBACK_KIND_PREFIX}${month}`);
    expect(stored).toMatchObject({ answerId: 'D0AGENT:100.7', platform: 'slack', agent: 'a7', intent: 'coach', citations: ['objections#利率异议'], rating: 'down' });
    expect(JSON.stringify(stored)).not.toContain('U0AGENT');

    expect((await post(harness, click(element.positive_button.value), FORM_TYPE)).status).toBe(200);
    await waitFor(() => harness.logs.filter((l) => l.msg === 'slack feedback stored').length === 2);
    expect(await feedbackSummary(harness.store, TEAM, month)).toEqual({ up: 1, down: 0, byIntent: { coach: { up: 1, down: 0 } } });
  });

  it('a vote from a person with no profile, or with a forged value, stores nothing', async () => {
    const harness = await start();
    webApi();
    const body = (value: string) =>
      interactionBody({
        type: 'block_actions',
        team: { id: TEAM, domain: 'acme' },
        user: { id: 'U0STRANGER', username: 'x', team_id: TEAM },
        api_app_id: 'A0APP',
        token: 'x',
        container: { type: 'message', message_ts: '100.7', channel_id: 'D0AGENT', is_ephemeral: false },
        trigger_id: '1.2.3',
        channel: { id: 'D0AGENT', name: 'directmessage' },
        message: { type: 'message', ts: '100.7', text: 'x' },
        actions: [{ type: 'feedback_buttons', action_id: 'feedback', block_id: 'fb', action_ts: '9.9', value, text: { type: 'plain_text', text: 'x' } }],
      });
    await post(harness, body('{"r":"up","i":"coach","c":[]}'), FORM_TYPE);
    await post(harness, body('{"r":"meh","i":"coach"}'), FORM_TYPE);
    await waitFor(() => harness.logs.some((l) => l.msg?.includes('not linked')) && harness.logs.some((l) => l.msg?.includes('without a readable value')));
    expect(await feedbackSummary(harness.store, TEAM, new Date().toISOString().slice(0, 7))).toEqual({ up: 0, down: 0, byIntent: {} });
  });
});

describe('Assistant status and errors', () => {
  it('clears the status and replies with a short localized error when the answer fails', async () => {
    const harness = await start({}, 'en');
    const calls = webApi();
    harness.engine.reply = async () => {
      throw new Error('LLM exploded');
    };
    await post(harness, eventBody(assistantMessage('why so many calls?'), 'EvASSISTERR'), JSON_TYPE);
    await waitFor(() => calls.filter((c) => c.method === 'assistant.threads.setStatus').length === 2);
    expect(methods(calls)).toEqual(['assistant.threads.setStatus', 'assistant.threads.setTitle', 'chat.postMessage', 'assistant.threads.setStatus']);
    // FakeEngine.localeFor answers zh-CN: the error is in the person's profile language.
    expect(calls[2].body).toMatchObject({ channel: 'D0AGENT', thread_ts: '6.6', text: '出了点意外,我们已记录下来。请再试一次。' });
    expect(calls[3].body).toMatchObject({ status: '' });
  });

  it('clears the status and says the answer took too long when it does not come in time; a streamed draft becomes that reply', async () => {
    const harness = await start({ answerTimeoutMs: 300 });
    const calls = webApi();
    harness.engine.reply = async (_inbound, stream) => {
      await stream?.('先认同');
      return new Promise<Reply>(() => undefined);
    };
    await post(harness, eventBody(assistantMessage(), 'EvASSISTSLOW'), JSON_TYPE);
    await waitFor(() => calls.filter((c) => c.method === 'assistant.threads.setStatus').length === 2);
    expect(methods(calls)).toEqual([
      'assistant.threads.setStatus',
      'assistant.threads.setTitle',
      'chat.startStream',
      'chat.stopStream',
      'chat.update',
      'assistant.threads.setStatus',
    ]);
    expect(calls[4].body).toMatchObject({ ts: '100.1', text: '这次回答用时太长,已经停下。请再问一次。' });
    expect(calls[5].body).toMatchObject({ status: '' });
  });

  it('clears the status after a successful answer that was not streamed', async () => {
    const harness = await start();
    const calls = webApi();
    await post(harness, eventBody(assistantMessage('今天要打多少个电话'), 'EvASSISTOK'), JSON_TYPE);
    await waitFor(() => calls.filter((c) => c.method === 'assistant.threads.setStatus').length === 2);
    expect(methods(calls)).toEqual(['assistant.threads.setStatus', 'assistant.threads.setTitle', 'chat.postMessage', 'assistant.threads.setStatus']);
    expect(calls[3].body).toMatchObject({ status: '' });
  });
});

/** 45,000 characters in numbered lines, so order and completeness can be checked from the posts. */
function longAnswer(): Reply {
  const lines = Array.from({ length: 900 }, (_, i) => `第${String(i + 1).padStart(3, '0')}行:先认同客户的顾虑,再讲清利率是怎么构成的、还款方式有哪些,最后给一个具体可做的下一步吧。`);
  const text = lines.join('\n');
  return coachReply({ text, title: '很长的回答' });
}

function linesIn(texts: string[]): number[] {
  return texts.flatMap((text) => [...text.matchAll(/第(\d{3})行/g)].map((m) => Number(m[1])));
}

describe('long answers split over several messages', () => {
  it('renders a 45,000-character answer as messages inside every limit, total block text included, with nothing cut', () => {
    const reply = longAnswer();
    expect(reply.text.length).toBeGreaterThan(45000);
    const parts = new SlackRenderer().renderParts(reply, { feedback: true });
    expect(parts.length).toBeGreaterThan(4);
    for (const part of parts) {
      expect(checkBlockLimits(part.blocks as unknown as unknown[])).toEqual([]);
      expect(blockTextLength(part.blocks)).toBeLessThanOrEqual(LIMITS.messageBlockText);
      expect(part.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
      expect(part.text.length).toBeLessThanOrEqual(LIMITS.messageText);
    }
    const shown = parts.map((p) => JSON.stringify(p.blocks));
    expect(linesIn(shown)).toEqual(Array.from({ length: 900 }, (_, i) => i + 1));
    expect(parts[0].blocks[0].type).toBe('header');
    expect(JSON.stringify(parts[1].blocks[0])).toContain(`(续 2/${parts.length})`);
    expect(parts.at(-1)?.blocks.at(-1)?.type).toBe('context_actions');
    expect(parts.slice(0, -1).some((p) => p.blocks.some((b) => b.type === 'context_actions'))).toBe(false);
  });

  it('the old renderer’s single message would break the total-text limit (msg_blocks_too_long): the checker says so', () => {
    const blocks = new SlackRenderer().render(longAnswer()).blocks;
    // render() keeps one message inside the limit and ends it with a visible "truncated" note…
    expect(checkBlockLimits(blocks as unknown as unknown[])).toEqual([]);
    expect(JSON.stringify(blocks.at(-1))).toContain('已截断');
    // …and the checker refuses what used to be sent: 16 sections of 3,000 characters.
    const old = Array.from({ length: 16 }, () => ({ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(2900) } }));
    expect(checkBlockLimits(old)).toContain(`total block text ${16 * 2900} > ${LIMITS.messageBlockText}`);
  });

  it('posts a long DM answer as several messages, in order, each accepted by Slack’s limits', async () => {
    const harness = await start();
    const calls = webApi();
    harness.engine.reply = async () => longAnswer();
    const dm = { type: 'message', channel_type: 'im', user: 'U0AGENT', text: '讲讲利率异议', ts: '7.2', channel: 'D0AGENT', event_ts: '7.2' };
    await post(harness, eventBody(dm, 'EvLONGDM'), JSON_TYPE);
    const expected = new SlackRenderer().renderParts(longAnswer(), { feedback: true }).length;
    await waitFor(() => calls.filter((c) => c.method === 'chat.postMessage').length === expected);
    const posts = calls.filter((c) => c.method === 'chat.postMessage');
    for (const p of posts) {
      expect(p.body.channel).toBe('D0AGENT');
      expect(checkBlockLimits(parseBlocks(p.body.blocks))).toEqual([]);
    }
    expect(linesIn(posts.map((p) => JSON.stringify(p.body.blocks)))).toEqual(Array.from({ length: 900 }, (_, i) => i + 1));
  });

  it('a long streamed answer: the first part replaces the streamed message, the rest follow in its thread, in order', async () => {
    const harness = await start();
    const calls = webApi();
    harness.engine.reply = streaming(['第001行'], longAnswer());
    await post(harness, eventBody(assistantMessage(), 'EvLONGSTREAM'), JSON_TYPE);
    await waitFor(() => calls.filter((c) => c.method === 'assistant.threads.setStatus').length === 2);
    const chat = calls.filter((c) => c.method.startsWith('chat.'));
    const parts = new SlackRenderer().renderParts(longAnswer(), { feedback: true }).length;
    expect(chat.map((c) => c.method)).toEqual(['chat.startStream', 'chat.stopStream', 'chat.update', ...Array.from({ length: parts - 1 }, () => 'chat.postMessage')]);
    expect(chat[2].body).toMatchObject({ channel: 'D0AGENT', ts: '100.1' });
    for (const p of chat.slice(3)) expect(p.body).toMatchObject({ channel: 'D0AGENT', thread_ts: '6.6' });
    expect(linesIn(chat.slice(2).map((c) => JSON.stringify(c.body.blocks)))).toEqual(Array.from({ length: 900 }, (_, i) => i + 1));
  });

  it('answers a long `/coach` through response_url in at most 5 ordered parts, saying what was left out', async () => {
    const harness = await start();
    webApi();
    const bodies: Array<Record<string, unknown>> = [];
    nock('https://hooks.slack.com')
      .post('/commands/T0TEAM/1/abc', (body: Record<string, unknown>) => {
        bodies.push(body);
        return true;
      })
      .reply(200, 'ok')
      .persist();
    const huge = coachReply({ text: Array.from({ length: 1800 }, (_, i) => `第${String(i % 1000).padStart(3, '0')}行:先认同客户,再讲清利率构成和还款方式,最后给出下一步。`).join('\n') });
    harness.engine.reply = async () => huge;
    await post(harness, commandBody('coach 利率'), FORM_TYPE);
    await waitFor(() => bodies.length === 5);
    await settle(100);
    expect(bodies).toHaveLength(5);
    for (const body of bodies) expect(checkBlockLimits(parseBlocks(body.blocks))).toEqual([]);
    expect(JSON.stringify(bodies[4].blocks)).toMatch(/后面还有 \d+ 条没有发出/);
    expect(parseBlocks(bodies[4].blocks).at(-1)?.type).toBe('context_actions');
  });
});

describe('/coach answered in the ack (issue 24.2)', () => {
  it('returns an answer that needs no LLM in the ack body: text, blocks and in_channel, with no response_url call', async () => {
    const harness = await start({ ackAnswerMs: 1500 });
    webApi();
    const hooks = nock('https://hooks.slack.com').post(/.*/).reply(200, 'ok');
    const res = await post(harness, commandBody('today'), FORM_TYPE);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as { response_type: string; text: string; blocks: Array<Record<string, unknown>> };
    expect(body.response_type).toBe('in_channel');
    expect(body.text).toBe(callsTodayReply().text);
    expect(body.blocks[0]).toMatchObject({ type: 'header' });
    expect(checkBlockLimits(body.blocks)).toEqual([]);
    expect(body).not.toHaveProperty('replace_original');
    await settle(100);
    expect(hooks.isDone()).toBe(false);
    expect(harness.engine.inbounds[0]).toMatchObject({ text: 'today', isCommand: true });
  });

  it('a private answer asked in a shared channel goes to the DM; the ack says so, only to the person', async () => {
    const harness = await start({ ackAnswerMs: 1500 });
    const calls = webApi((method) => (method === 'conversations.open' ? { ok: true, channel: { id: 'D0AGENT' } } : undefined));
    harness.engine.reply = async () => callsTodayReply({ visibility: 'private' });
    const res = await post(harness, commandBody('today'), FORM_TYPE);
    expect(JSON.parse(res.body)).toEqual({ response_type: 'ephemeral', text: '这条回复只给你本人看,我已私信发给你。' });
    expect(methods(calls)).toEqual(['conversations.open', 'chat.postMessage']);
    expect(calls[1].body).toMatchObject({ channel: 'D0AGENT', text: callsTodayReply().text });
  });

  it('a long answer ready in time: the first part is the ack, the others follow through response_url in order', async () => {
    const harness = await start({ ackAnswerMs: 1500 });
    webApi();
    const bodies: Array<Record<string, unknown>> = [];
    nock('https://hooks.slack.com')
      .post('/commands/T0TEAM/1/abc', (body: Record<string, unknown>) => {
        bodies.push(body);
        return true;
      })
      .reply(200, 'ok')
      .persist();
    harness.engine.reply = async () => longAnswer();
    const res = await post(harness, commandBody('coach 利率'), FORM_TYPE);
    const first = JSON.parse(res.body) as { blocks: Array<Record<string, unknown>> };
    expect(first.blocks[0]).toMatchObject({ type: 'header' });
    const parts = new SlackRenderer().renderParts(longAnswer(), { feedback: true, maxParts: 5 }).length;
    await waitFor(() => bodies.length === parts - 1);
    expect(linesIn([JSON.stringify(first.blocks), ...bodies.map((b) => JSON.stringify(b.blocks))])).toEqual(Array.from({ length: 900 }, (_, i) => i + 1));
  });

  it('keeps an error reply ephemeral in the ack', async () => {
    const harness = await start({ ackAnswerMs: 1500 });
    webApi();
    harness.engine.reply = async () => ({ intent: 'error', locale: 'zh-CN', text: '没有这个命令', data: {}, error: { kind: 'input', key: 'x' } });
    const res = await post(harness, commandBody('nonsense'), FORM_TYPE);
    expect(JSON.parse(res.body)).toMatchObject({ response_type: 'ephemeral', text: '没有这个命令' });
  });

  it('acks a slow answer empty at the deadline and sends it through response_url', async () => {
    const harness = await start({ ackAnswerMs: 100 });
    webApi();
    const bodies: Array<Record<string, unknown>> = [];
    nock('https://hooks.slack.com')
      .post('/commands/T0TEAM/1/abc', (body: Record<string, unknown>) => {
        bodies.push(body);
        return true;
      })
      .reply(200, 'ok');
    harness.engine.reply = async () => {
      await settle(400);
      return callsTodayReply();
    };
    const started = Date.now();
    const res = await post(harness, commandBody('today'), FORM_TYPE);
    expect(Date.now() - started).toBeLessThan(400);
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    await waitFor(() => bodies.length === 1);
    expect(bodies[0]).toMatchObject({ response_type: 'in_channel', text: callsTodayReply().text });
  });
});

/** docs/slack-preview-ai-answer.json: the AI answer as posted (blocks), for Block Kit Builder. */
function writePreview(blocks: unknown[], text: string): void {
  const preview = {
    note: 'Rendered by test/channels/slack/ai-answers.test.ts from a coach reply (AI-written, one citation); paste "blocks" into Block Kit Builder.',
    text,
    blocks,
  };
  writeFileSync(new URL('../../../docs/slack-preview-ai-answer.json', import.meta.url), `${JSON.stringify(preview, null, 2)}\n`);
}
