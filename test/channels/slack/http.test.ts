// The real Bolt pipeline on loopback: signed slash commands, events, block actions and view submissions,
// with nock asserting the exact Web API calls (and that forged, stale or replayed requests cause none).
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rememberForWhy } from '../../../src/channels/slack/deliver';
import { checkBlockLimits } from '../../../src/channels/slack/limits';
import {
  BOT_USER,
  SLACK,
  TEAM,
  callsTodayReply,
  closeMockedHarness,
  commandBody,
  eventBody,
  interactionBody,
  memoryLogger,
  parseBlocks,
  post,
  record,
  settle,
  sign,
  startMockedHarness,
  waitFor,
  type Harness,
} from './harness';

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';
let h: Harness;

beforeEach(async () => {
  h = await startMockedHarness();
});

afterEach(() => closeMockedHarness(h));

function respondRecorder(path = '/commands/T0TEAM/1/abc') {
  const bodies: Array<Record<string, unknown>> = [];
  nock('https://hooks.slack.com')
    .post(path, (body: Record<string, unknown>) => {
      bodies.push(body);
      return true;
    })
    .reply(200, 'ok')
    .persist();
  return bodies;
}

/** Who sends the block actions and view submissions below. */
const INTERACTING_AGENT = { team: { id: TEAM, domain: 'acme' }, user: { id: 'U0AGENT', username: 'zhang', team_id: TEAM }, api_app_id: 'A0APP', token: 'x' };

function blockText(blocks: Array<Record<string, unknown>>): string {
  return JSON.stringify(blocks);
}

describe('/coach slash command', () => {
  it('acks at once, asks the engine with isCommand, and answers through response_url with the fact card', async () => {
    const responses = respondRecorder();
    const res = await post(h, commandBody('today'), FORM_TYPE);
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    await waitFor(() => responses.length === 1);
    const inbound = h.engine.inbounds[0];
    expect(inbound).toMatchObject({
      tenant: TEAM,
      text: 'today',
      isCommand: true,
      locale: 'zh-CN',
      user: { platform: 'slack', id: 'U0AGENT', email: 'zhang@example.com' },
      channel: { kind: 'slack', shared: true, conversationId: 'C0SALES' },
    });
    const body = responses[0];
    expect(body.response_type).toBe('in_channel');
    expect(body.text).toContain('今天要打 92 个电话');
    const blocks = parseBlocks(body.blocks);
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: '今天的目标' } });
    expect(blocks[1]).toMatchObject({ type: 'section', fields: [{ text: '*今天要打*\n92' }, { text: '*还差*\n92' }, { text: '*成交*\n2' }, { text: '*意向客户*\n6' }, { text: '*进度*\n正常 (98%)' }] });
    const actionIds = blocks.flatMap((b) => (b.type === 'actions' ? (b.elements as Array<{ action_id: string }>).map((e) => e.action_id) : []));
    expect(actionIds).toEqual(['why', 'act:log', 'act:roleplay', 'act:week']);
    expect(checkBlockLimits(blocks)).toEqual([]);
  });

  it("carries the HTTP request's id to the engine and into the reply's log line and an error's", async () => {
    const responses = respondRecorder();
    const body = commandBody('today');
    await post(h, body, FORM_TYPE, { ...sign(body), 'x-request-id': 'req-slack-1' });
    await waitFor(() => responses.length === 1 && h.logs.some((l) => l.msg === 'slack reply'));
    expect(h.engine.inbounds[0].requestId).toBe('req-slack-1');
    expect(h.logs.find((l) => l.msg === 'slack reply')?.fields).toMatchObject({ tenant: TEAM, requestId: 'req-slack-1', intent: 'calls_today' });

    h.engine.reply = async () => {
      throw new Error('boom');
    };
    const failing = commandBody('today');
    await post(h, failing, FORM_TYPE, { ...sign(failing), 'x-request-id': 'req-slack-2' });
    await waitFor(() => responses.length === 2);
    expect(h.logs.find((l) => l.msg === 'slack: engine.handle failed')?.fields).toMatchObject({ tenant: TEAM, requestId: 'req-slack-2' });
  });

  it('drain waits for a reply still being prepared after the ack (graceful shutdown)', async () => {
    const responses = respondRecorder();
    let finish!: () => void;
    const engineDone = new Promise<void>((resolve) => {
      finish = resolve;
    });
    h.engine.reply = async () => {
      await engineDone; // e.g. an LLM turn still running when SIGTERM arrives
      return callsTodayReply();
    };
    const res = await post(h, commandBody('today'), FORM_TYPE);
    expect(res.status).toBe(200); // acked before the engine answered
    expect(await h.handle.drain(50)).toBe(false);
    expect(responses).toHaveLength(0);
    finish();
    expect(await h.handle.drain(5000)).toBe(true);
    expect(responses).toHaveLength(1); // posted before drain resolved
  });

  it('turns a command away at the ack, in the person\'s language, while the answer queue is full, and takes one again once it drains', async () => {
    await closeMockedHarness(h);
    h = await startMockedHarness({ admission: { maxActive: 1, maxQueued: 1, maxAckWaitMs: 100 } }, 'en-US');
    const responses = respondRecorder();
    let finish!: () => void;
    const engineDone = new Promise<void>((resolve) => {
      finish = resolve;
    });
    h.engine.reply = async () => {
      await engineDone; // the first answer holds the only slot
      return callsTodayReply();
    };
    expect((await post(h, commandBody('today'), FORM_TYPE)).body).toBe(''); // running
    await waitFor(() => h.engine.inbounds.length === 1); // its users.info lookup has cached the locale
    expect((await post(h, commandBody('week'), FORM_TYPE)).body).toBe(''); // queued: 1 of 1
    const turnedAway = await post(h, commandBody('goal 20000'), FORM_TYPE); // no place within 100 ms
    expect(turnedAway.status).toBe(200);
    expect(JSON.parse(turnedAway.body)).toEqual({
      response_type: 'ephemeral',
      text: "Lingyan is too busy to take this one right now, and nothing was saved. Please send it again in a minute.",
    });
    expect(h.logs.some((l) => l.level === 'warn' && l.msg === 'slack /coach turned away: answer queue full')).toBe(true);
    finish();
    await waitFor(() => responses.length === 2);
    // Only the two taken on reached the engine; the one turned away changed nothing.
    expect(h.engine.inbounds.map((i) => i.text)).toEqual(['today', 'week']);
    expect((await post(h, commandBody('month'), FORM_TYPE)).body).toBe('');
    await waitFor(() => responses.length === 3);
    expect(h.engine.inbounds.map((i) => i.text)).toEqual(['today', 'week', 'month']);
  });

  it('sends `/coach` with no text to the engine as help', async () => {
    const responses = respondRecorder();
    h.engine.reply = async () => ({ intent: 'help', locale: 'en', text: '/coach today · /coach plan · /coach help', data: {} });
    await post(h, commandBody('   '), FORM_TYPE);
    await waitFor(() => responses.length === 1);
    expect(h.engine.inbounds[0].text).toBe('help');
    expect(parseBlocks(responses[0].blocks)[0]).toMatchObject({ type: 'section', text: { text: '/coach today · /coach plan · /coach help' } });
  });

  it('moves a private reply out of a shared channel into a DM and leaves an ephemeral note', async () => {
    const responses = respondRecorder();
    h.engine.reply = async () => ({ intent: 'quadrant', locale: 'zh-CN', text: '你在头雁工程象限', data: {}, visibility: 'private' });
    const open = record('conversations.open', () => ({ ok: true, channel: { id: 'D0AGENT' } }));
    const postMessage = record('chat.postMessage', () => ({ ok: true, ts: '1.1' }));
    await post(h, commandBody('quadrant'), FORM_TYPE);
    await waitFor(() => responses.length === 1 && postMessage.calls.length === 1);
    expect(open.calls[0].users).toBe('U0AGENT');
    expect(postMessage.calls[0].channel).toBe('D0AGENT');
    expect(postMessage.calls[0].text).toBe('你在头雁工程象限');
    expect(responses[0]).toMatchObject({ response_type: 'ephemeral', text: '这条回复只给你本人看,我已私信发给你。' });
    expect(JSON.stringify(responses[0])).not.toContain('头雁');
  });

  it('answers an engine crash with a clear ephemeral message and a log line, never silence', async () => {
    const responses = respondRecorder();
    h.engine.reply = async () => {
      throw new Error('boom');
    };
    await post(h, commandBody('today'), FORM_TYPE);
    await waitFor(() => responses.length === 1);
    expect(responses[0]).toMatchObject({ response_type: 'ephemeral', text: '出了点意外,我们已记录下来。请再试一次。' });
    expect(h.logs.some((l) => l.level === 'error' && l.msg === 'slack: engine.handle failed')).toBe(true);
  });

  it('shows error replies (unknown subcommand) only to the person', async () => {
    const responses = respondRecorder();
    h.engine.reply = async () => ({ intent: 'error', locale: 'en', text: 'Unknown command "frobnicate". Try /coach help.', data: {}, error: { kind: 'input', key: 'router.unknown' } });
    await post(h, commandBody('frobnicate'), FORM_TYPE);
    await waitFor(() => responses.length === 1);
    expect(responses[0]).toMatchObject({ response_type: 'ephemeral', text: 'Unknown command "frobnicate". Try /coach help.' });
  });

  it('rejects a forged signature with 401 and calls nothing', async () => {
    const responses = respondRecorder();
    const raw = commandBody('today');
    const res = await post(h, raw, FORM_TYPE, sign(raw, undefined, 'not-the-secret'));
    expect(res.status).toBe(401);
    await settle();
    expect(h.engine.inbounds).toHaveLength(0);
    expect(responses).toHaveLength(0);
  });

  it('rejects a timestamp more than 5 minutes old with 401', async () => {
    const responses = respondRecorder();
    const raw = commandBody('today');
    const res = await post(h, raw, FORM_TYPE, sign(raw, Math.floor(Date.now() / 1000) - 6 * 60));
    expect(res.status).toBe(401);
    await settle();
    expect(h.engine.inbounds).toHaveLength(0);
    expect(responses).toHaveLength(0);
  });

  it('rejects a tampered body (signature of another body) with 401', async () => {
    const res = await post(h, commandBody('export'), FORM_TYPE, sign(commandBody('today')));
    expect(res.status).toBe(401);
    await settle();
    expect(h.engine.inbounds).toHaveLength(0);
  });
});

describe('events', () => {
  const mention = {
    type: 'app_mention',
    user: 'U0LEAD',
    text: `<@${BOT_USER}> 给早会出个辅导话题`,
    ts: '1700000000.000100',
    channel: 'C0SALES',
    event_ts: '1700000000.000100',
  };

  it('answers an app_mention in its thread with the mention stripped', async () => {
    const postMessage = record('chat.postMessage', () => ({ ok: true, ts: '1700000001.000200' }));
    const res = await post(h, eventBody(mention), JSON_TYPE);
    expect(res.status).toBe(200);
    await waitFor(() => postMessage.calls.length === 1);
    expect(h.engine.inbounds[0]).toMatchObject({ text: '给早会出个辅导话题', channel: { shared: true, threadId: mention.ts } });
    expect(h.engine.inbounds[0].isCommand).toBeUndefined();
    const call = postMessage.calls[0];
    expect(call).toMatchObject({ channel: 'C0SALES', thread_ts: mention.ts });
    const blocks = parseBlocks(call.blocks);
    expect(blockText(blocks)).toContain('*今天要打*\\n92');
    expect(checkBlockLimits(blocks)).toEqual([]);
  });

  it('processes a replayed event (X-Slack-Retry-Num) only once', async () => {
    const postMessage = record('chat.postMessage', () => ({ ok: true, ts: '1.2' }), 2);
    const raw = eventBody(mention, 'EvREPLAY');
    await post(h, raw, JSON_TYPE);
    await waitFor(() => postMessage.calls.length === 1);
    const res = await post(h, raw, JSON_TYPE, { ...sign(raw), 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(res.status).toBe(200);
    await settle(250);
    expect(h.engine.inbounds).toHaveLength(1);
    expect(postMessage.calls).toHaveLength(1);
    expect(h.logs.some((l) => l.msg?.includes('retry skipped'))).toBe(true);
  });

  it('rejects a forged event with 401 and no side effect', async () => {
    const postMessage = record('chat.postMessage');
    const raw = eventBody(mention, 'EvFORGED');
    const res = await post(h, raw, JSON_TYPE, sign(raw, undefined, 'wrong'));
    expect(res.status).toBe(401);
    await settle();
    expect(postMessage.calls).toHaveLength(0);
    expect(h.engine.inbounds).toHaveLength(0);
  });

  it('brings the answer to a DM with a clear note when the bot is not in the channel', async () => {
    nock(SLACK).post('/api/chat.postMessage', (b: Record<string, unknown>) => b.channel === 'C0SALES').reply(200, { ok: false, error: 'not_in_channel' });
    record('conversations.open', () => ({ ok: true, channel: { id: 'D0LEAD' } }));
    const dm = record('chat.postMessage', () => ({ ok: true, ts: '9.9' }));
    await post(h, eventBody(mention, 'EvNIC'), JSON_TYPE);
    await waitFor(() => dm.calls.length === 1);
    expect(dm.calls[0].channel).toBe('D0LEAD');
    expect(String(dm.calls[0].text)).toContain('我还不在这个频道里');
    expect(h.logs.some((l) => l.level === 'error' && l.msg === 'slack reply could not be posted')).toBe(true);
  });

  it('tells the person (ephemeral) when Slack answers 5xx, and logs it', async () => {
    nock(SLACK).post('/api/chat.postMessage').reply(503, 'unavailable');
    const ephemeral = record('chat.postEphemeral');
    await post(h, eventBody(mention, 'Ev503'), JSON_TYPE);
    await waitFor(() => ephemeral.calls.length === 1);
    expect(ephemeral.calls[0]).toMatchObject({ channel: 'C0SALES', user: 'U0LEAD', text: 'Slack 暂时无法响应,请稍后再试。你的数据没有丢失。' });
    expect(h.logs.some((l) => l.level === 'error' && JSON.stringify(l.fields).includes('http_503'))).toBe(true);
  });

  it('streams a DM answer with chat.update and replaces it with the final render', async () => {
    const postMessage = record('chat.postMessage', () => ({ ok: true, ts: '5.5' }));
    const updates = record('chat.update', () => ({ ok: true }), 10);
    h.engine.reply = async (_inbound, stream) => {
      await stream?.('客户说');
      await new Promise((r) => setTimeout(r, 80));
      await stream?.('客户说利率太高时,先认同');
      return { intent: 'coach', locale: 'zh-CN', text: '客户说利率太高时,先认同,再比较总成本。', data: { offline: true, citations: [] } };
    };
    const dm = { type: 'message', channel_type: 'im', user: 'U0AGENT', text: '客户说利率太高怎么办', ts: '1.0', channel: 'D0AGENT', event_ts: '1.0' };
    await post(h, eventBody(dm, 'EvDM'), JSON_TYPE);
    await waitFor(() => updates.calls.some((c) => c.blocks !== undefined));
    expect(postMessage.calls).toHaveLength(1);
    expect(postMessage.calls[0]).toMatchObject({ channel: 'D0AGENT', text: '客户说' });
    const final = updates.calls[updates.calls.length - 1];
    expect(final).toMatchObject({ channel: 'D0AGENT', ts: '5.5', text: '客户说利率太高时,先认同,再比较总成本。' });
    expect(h.engine.inbounds[0].channel.shared).toBe(false);
  });

  it('ignores bot messages and edits in DMs', async () => {
    const postMessage = record('chat.postMessage');
    const edit = { type: 'message', subtype: 'message_changed', channel_type: 'im', channel: 'D0AGENT', ts: '2.0', event_ts: '2.0', user: 'U0AGENT' };
    await post(h, eventBody(edit, 'EvEDIT'), JSON_TYPE);
    await settle();
    expect(h.engine.inbounds).toHaveLength(0);
    expect(postMessage.calls).toHaveLength(0);
  });

  it('publishes the App Home from engine replies', async () => {
    const publish = record('views.publish');
    await post(h, eventBody({ type: 'app_home_opened', user: 'U0AGENT', channel: 'D0AGENT', tab: 'home', event_ts: '3.0' }, 'EvHOME'), JSON_TYPE);
    await waitFor(() => publish.calls.length === 1);
    expect(h.engine.inbounds.map((i) => i.text)).toEqual(['today', 'progress', 'plan', 'course']);
    expect(h.engine.inbounds.every((i) => i.isCommand)).toBe(true);
    expect(publish.calls[0].user_id).toBe('U0AGENT');
    const view = typeof publish.calls[0].view === 'string' ? JSON.parse(publish.calls[0].view) : publish.calls[0].view;
    expect(view.type).toBe('home');
    expect(checkBlockLimits(view.blocks, 'home')).toEqual([]);
  });

  it('greets an Assistant thread with role prompts', async () => {
    const postMessage = record('chat.postMessage', () => ({ ok: true, ts: '7.7' }));
    const prompts = record('assistant.threads.setSuggestedPrompts');
    const started = {
      type: 'assistant_thread_started',
      assistant_thread: { user_id: 'U0AGENT', channel_id: 'D0AGENT', thread_ts: '6.6', context: {} },
      event_ts: '6.7',
    };
    await post(h, eventBody(started, 'EvASSIST'), JSON_TYPE);
    await waitFor(() => prompts.calls.length === 1);
    expect(postMessage.calls[0]).toMatchObject({ channel: 'D0AGENT', thread_ts: '6.6' });
    expect(String(postMessage.calls[0].text)).toContain('领雁');
    const sent = typeof prompts.calls[0].prompts === 'string' ? JSON.parse(prompts.calls[0].prompts) : prompts.calls[0].prompts;
    expect(sent[0]).toEqual({ title: '今天要打多少电话?', message: '今天要打多少个电话' });
  });
  it('answers in an Assistant thread with a "thinking" status and a title', async () => {
    const status = record('assistant.threads.setStatus');
    const title = record('assistant.threads.setTitle');
    const postMessage = record('chat.postMessage', () => ({ ok: true, ts: '6.9' }));
    const message = { type: 'message', channel_type: 'im', user: 'U0AGENT', text: '今天要打多少个电话', ts: '6.8', thread_ts: '6.6', channel: 'D0AGENT', event_ts: '6.8' };
    await post(h, eventBody(message, 'EvASSISTMSG'), JSON_TYPE);
    await waitFor(() => postMessage.calls.length === 1);
    expect(status.calls[0]).toMatchObject({ channel_id: 'D0AGENT', thread_ts: '6.6', status: '正在计算…' });
    expect(title.calls[0]).toMatchObject({ channel_id: 'D0AGENT', thread_ts: '6.6', title: '领雁 · 今天要打多少个电话' });
    expect(postMessage.calls[0]).toMatchObject({ channel: 'D0AGENT', thread_ts: '6.6' });
    expect(h.engine.inbounds[0]).toMatchObject({ text: '今天要打多少个电话', channel: { shared: false, threadId: '6.6' } });
  });
});

describe('interactivity', () => {
  const container = { type: 'message', message_ts: '8.8', channel_id: 'C0SALES', is_ephemeral: false };
  function blockAction(action: Record<string, unknown>) {
    return {
      type: 'block_actions',
      ...INTERACTING_AGENT,
      container,
      trigger_id: '444.555.666',
      channel: { id: 'C0SALES', name: 'sales' },
      message: { type: 'message', ts: '8.8', text: 'x', blocks: [] },
      response_url: 'https://hooks.slack.com/actions/T0TEAM/2/def',
      actions: [{ type: 'button', block_id: 'b1', action_ts: '9.9', ...action }],
    };
  }

  it('opens the log-activity modal for a form action', async () => {
    const open = record('views.open');
    const value = JSON.stringify({ i: 'log_activity', f: 'log_activity' });
    const res = await post(h, interactionBody(blockAction({ action_id: 'act:log', value, text: { type: 'plain_text', text: 'x' } })), FORM_TYPE);
    expect(res.status).toBe(200);
    await waitFor(() => open.calls.length === 1);
    expect(open.calls[0].trigger_id).toBe('444.555.666');
    const view = JSON.parse(String(open.calls[0].view));
    expect(view.callback_id).toBe('form:log_activity');
    expect(view.blocks.map((b: { block_id: string }) => b.block_id)).toEqual(['calls', 'connects', 'deals', 'sales', 'prospects', 'date', 'mode']);
    expect(JSON.parse(view.private_metadata)).toEqual({ c: 'C0SALES', th: '8.8', s: true });
    expect(checkBlockLimits(view.blocks, 'modal')).toEqual([]);
  });

  it('routes a text action through the engine and answers via response_url', async () => {
    const responses = respondRecorder('/actions/T0TEAM/2/def');
    const value = JSON.stringify({ i: 'roleplay', t: '来练一下异议处理' });
    await post(h, interactionBody(blockAction({ action_id: 'act:roleplay', value })), FORM_TYPE);
    await waitFor(() => responses.length === 1);
    expect(h.engine.inbounds[0]).toMatchObject({ text: '来练一下异议处理', channel: { conversationId: 'C0SALES', threadId: '8.8' } });
    expect(responses[0].replace_original).toBe(false);
  });

  it('expands "why this number?" in place from the stored reply', async () => {
    const reply = callsTodayReply();
    await h.store.putSession(TEAM, 'slack:why:abc', reply, 60);
    const responses = respondRecorder('/actions/T0TEAM/2/def');
    await post(h, interactionBody(blockAction({ action_id: 'why', value: JSON.stringify({ k: 'slack:why:abc' }) })), FORM_TYPE);
    await waitFor(() => responses.length === 1);
    expect(responses[0].replace_original).toBe(true);
    const text = blockText(parseBlocks(responses[0].blocks));
    expect(text).toContain('计算过程');
    expect(text).toContain('业绩目标 S = 9000 ÷ 2% = 450000');
    expect(text).not.toContain('"action_id":"why"');
    expect(h.engine.inbounds).toHaveLength(0);
  });

  /** The decoded value of the "why" button in a rendered reply. */
  function whyButtonValue(blocks: Array<Record<string, unknown>>): Record<string, unknown> {
    const why = blocks
      .flatMap((b) => (b.type === 'actions' ? (b.elements as Array<{ action_id: string; value: string }>) : []))
      .find((e) => e.action_id === 'why')!;
    return JSON.parse(why.value) as Record<string, unknown>;
  }

  it('gives an answer a "why" button that carries the question and when it was asked, and stores nothing', async () => {
    const responses = respondRecorder();
    const putSession = vi.spyOn(h.store, 'putSession');
    const before = Date.now();
    await post(h, commandBody('today'), FORM_TYPE);
    await waitFor(() => responses.length === 1);
    const value = whyButtonValue(parseBlocks(responses[0].blocks));
    expect(value).toEqual({ q: 'today', c: 1, at: h.engine.inbounds[0].now.getTime() });
    expect(value.at as number).toBeGreaterThanOrEqual(before);
    expect(putSession).not.toHaveBeenCalled();
  });

  it('expands "why" by asking the question again: as the person who clicked, at the first instant, passively', async () => {
    const at = Date.parse('2026-03-04T09:00:00+08:00');
    const responses = respondRecorder('/actions/T0TEAM/2/def');
    await post(h, interactionBody(blockAction({ action_id: 'why', value: JSON.stringify({ q: 'today', c: 1, at }) })), FORM_TYPE);
    await waitFor(() => responses.length === 1);
    expect(h.engine.inbounds[0]).toMatchObject({ text: 'today', isCommand: true, passive: true, now: new Date(at), user: { id: 'U0AGENT' } });
    expect(responses[0].replace_original).toBe(true);
    const text = blockText(parseBlocks(responses[0].blocks));
    expect(text).toContain('计算过程');
    expect(text).toContain('业绩目标 S = 9000 ÷ 2% = 450000');
  });

  it('shows the answer as it is when, asked again, it has no steps (e.g. Redis down: try again)', async () => {
    const responses = respondRecorder('/actions/T0TEAM/2/def');
    h.engine.reply = async () => callsTodayReply({ why: [], text: '暂时无法读取数据,请稍后再试。', error: { kind: 'upstream', key: 'error.upstream' } });
    await post(h, interactionBody(blockAction({ action_id: 'why', value: JSON.stringify({ q: 'today', c: 1, at: 0 }) })), FORM_TYPE);
    await waitFor(() => responses.length === 1);
    expect(responses[0]).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: '暂时无法读取数据,请稍后再试。' });
  });

  it('stores for a nudge\'s "why" only what re-rendering needs: scalar data, steps and facts, not the plan objects', async () => {
    const base = callsTodayReply();
    const reply = { ...base, data: { ...base.data, plan: { weeks: [{ calls: 400 }] }, todaySteps: ['a', 'b'] } };
    const key = await rememberForWhy(h.store, TEAM, reply, memoryLogger([]));
    const stored = await h.store.getSession<typeof base>(TEAM, key!);
    expect(stored?.data).toEqual(base.data); // plan and todaySteps left out
    expect(stored?.why).toEqual(base.why);
    expect(stored?.facts).toEqual(base.facts);
  });

  it('says the explanation expired when the stored reply is gone', async () => {
    const responses = respondRecorder('/actions/T0TEAM/2/def');
    await post(h, interactionBody(blockAction({ action_id: 'why', value: JSON.stringify({ k: 'slack:why:gone' }) })), FORM_TYPE);
    await waitFor(() => responses.length === 1);
    expect(responses[0]).toMatchObject({ response_type: 'ephemeral', text: '这条消息的计算过程已过期,请重新提问。' });
  });

  function submission(values: Record<string, Record<string, unknown>>, callbackId = 'form:log_activity') {
    return {
      type: 'view_submission',
      ...INTERACTING_AGENT,
      trigger_id: '1.2.3',
      view: {
        id: 'V1',
        team_id: TEAM,
        type: 'modal',
        callback_id: callbackId,
        private_metadata: JSON.stringify({ c: 'C0SALES', th: '8.8', s: true }),
        blocks: ['calls', 'connects', 'deals', 'sales', 'prospects', 'date', 'mode'].map((id) => ({ type: 'input', block_id: id })),
        state: { values },
        hash: 'h',
        title: { type: 'plain_text', text: 't' },
        close: null,
        submit: null,
        app_id: 'A0APP',
        bot_id: 'B0BOT',
        root_view_id: 'V1',
        previous_view_id: null,
        clear_on_close: false,
        notify_on_close: false,
        external_id: '',
        state_hash: '',
      },
    };
  }

  it('shows field errors inline (response_action: errors) for letters in a number field', async () => {
    h.engine.form = async (s) => (s.values.calls === 'abc' ? { ok: false, fieldErrors: { calls: '“abc”不是一个数字' } } : { ok: true });
    const values = {
      calls: { value: { type: 'plain_text_input', value: 'abc' } },
      date: { value: { type: 'datepicker', selected_date: null } },
      mode: { value: { type: 'checkboxes', selected_options: [] } },
    };
    const res = await post(h, interactionBody(submission(values)), FORM_TYPE);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ response_action: 'errors', errors: { calls: '“abc”不是一个数字' } });
    expect(h.engine.submissions[0]).toMatchObject({ form: 'log_activity', tenant: TEAM, values: { calls: 'abc', date: undefined, mode: undefined }, user: { id: 'U0AGENT' } });
  });

  it('closes the modal on success, posts the reply where the form was opened and refreshes the home', async () => {
    const postMessage = record('chat.postMessage', () => ({ ok: true, ts: '10.1' }));
    const publish = record('views.publish');
    const values = {
      calls: { value: { type: 'plain_text_input', value: '85' } },
      deals: { value: { type: 'plain_text_input', value: '2' } },
      date: { value: { type: 'datepicker', selected_date: '2026-03-10' } },
      mode: { value: { type: 'checkboxes', selected_options: [{ value: 'replace' }] } },
    };
    const res = await post(h, interactionBody(submission(values)), FORM_TYPE);
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    await waitFor(() => postMessage.calls.length === 1 && publish.calls.length === 1);
    expect(h.engine.submissions[0].values).toEqual({ calls: '85', deals: '2', date: '2026-03-10', mode: 'replace' });
    expect(postMessage.calls[0]).toMatchObject({ channel: 'C0SALES', thread_ts: '8.8' });
  });

  it("logs a failed App Home refresh after a saved form with the submission's request id", async () => {
    record('chat.postMessage', () => ({ ok: true, ts: '10.2' }));
    const publish = record('views.publish', () => ({ ok: false, error: 'invalid_arguments' }));
    const values = { calls: { value: { type: 'plain_text_input', value: '85' } } };
    const raw = interactionBody(submission(values));
    const res = await post(h, raw, FORM_TYPE, { ...sign(raw), 'x-request-id': 'req-home-1' });
    expect(res.status).toBe(200);
    await waitFor(() => h.logs.some((l) => l.msg === 'slack home refresh failed'));
    expect(publish.calls).toHaveLength(1);
    expect(h.logs.find((l) => l.msg === 'slack home refresh failed')?.fields).toMatchObject({ tenant: TEAM, userId: 'U0AGENT', requestId: 'req-home-1' });
  });

  it('routes the coach_on_message shortcut as "coach: <text>" and answers in a DM', async () => {
    record('conversations.open', () => ({ ok: true, channel: { id: 'D0AGENT' } }));
    const postMessage = record('chat.postMessage', () => ({ ok: true, ts: '11.1' }));
    const shortcut = {
      type: 'message_action',
      callback_id: 'coach_on_message',
      team: { id: TEAM, domain: 'acme' },
      user: { id: 'U0AGENT', name: 'zhang' },
      channel: { id: 'C0CUST', name: 'customers' },
      message: { type: 'message', user: 'U0CUST', ts: '12.0', text: '你们利率太高了' },
      message_ts: '12.0',
      trigger_id: '7.8.9',
      response_url: 'https://hooks.slack.com/app/T0TEAM/3/ghi',
      token: 'x',
      action_ts: '12.1',
    };
    await post(h, interactionBody(shortcut), FORM_TYPE);
    await waitFor(() => postMessage.calls.length === 1);
    expect(h.engine.inbounds[0].text).toBe('coach: 你们利率太高了');
    expect(postMessage.calls[0].channel).toBe('D0AGENT');
  });
});
