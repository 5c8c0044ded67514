// Card actions through the real CloudAdapter: Action.Execute invokes (`adaptiveCard/action`) with proper
// invoke responses, Action.Submit messages, form validation errors shown back on the card with values kept.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AdaptiveCardRenderer } from '../../../src/channels/teams/cards';
import type { FormResult, FormSubmission } from '../../../src/core/engine';
import type { Reply } from '../../../src/core/reply';
import {
  FakeEngine,
  type Harness,
  messageActivity,
  NOW,
  type Sent,
  silentLogger,
  startHarness,
  useTeamsHarness,
  TENANT,
} from './harness';
import { callsTodayReply } from './replies';
import { checkCard } from './validateCard';

const renderer = new AdaptiveCardRenderer();
const CARD = 'application/vnd.microsoft.card.adaptive';
const logged: Reply = { intent: 'log_activity', locale: 'zh-CN', title: '已记录', text: '已记录:85 个电话,接通 30。', data: {} };

let h: Harness;
let sent: Sent[];
let formResult: (s: FormSubmission) => FormResult;

const fx = useTeamsHarness(() => startHarness(new FakeEngine(() => callsTodayReply(), (s) => formResult(s))));
beforeAll(() => {
  ({ h, sent } = fx);
});
beforeEach(() => {
  sent.length = 0;
  h.engine.handled.length = 0;
  h.engine.submitted.length = 0;
  formResult = () => ({ ok: true, reply: logged });
  silentLogger.lines.length = 0;
});

/** The 'teams reply' log lines written since the test began. */
const replyLines = () => silentLogger.lines.filter((line) => line.msg === 'teams reply').map((line) => line.obj);

function execute(verb: string, data: Record<string, unknown>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return messageActivity({
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    replyToId: 'card-message-1',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    ...overrides,
  });
}

async function invoke(activity: Record<string, unknown>): Promise<{ statusCode: number; type: string; value: unknown }> {
  const res = await h.post(activity);
  expect(res.status).toBe(200);
  return JSON.parse(res.body) as { statusCode: number; type: string; value: unknown };
}

describe('Action.Execute form submissions', () => {
  it('returns the form with errors and kept values when fields are missing or not numbers; the engine is not called', async () => {
    const body = await invoke(execute('form:log_activity', { connects: 'thirty', deals: '2', date: '2026-03-10' }));
    const expected = renderer.renderForm('log_activity', 'zh-CN', {
      values: { connects: 'thirty', deals: '2', date: '2026-03-10' },
      errors: { calls: '请填写这一项。', connects: '请输入数字。' },
    });
    expect(body).toEqual({ statusCode: 200, type: CARD, value: expected });
    expect(checkCard(body.value).events).toEqual([]);
    expect(h.engine.submitted).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('passes valid values to engine.submitForm and replaces the form with the result card', async () => {
    const body = await invoke(execute('form:log_activity', { calls: '85', connects: '30', deals: '', sales: '30,000', mode: 'add' }));
    expect(h.engine.submitted).toEqual([
      {
        tenant: TENANT,
        user: { platform: 'teams', id: 'aad-zhang', name: '张三' },
        locale: 'zh-CN',
        tz: 'Asia/Shanghai',
        now: NOW,
        channel: { kind: 'teams', shared: false, conversationId: 'a:personal-zhang' },
        messageId: expect.stringMatching(/^a:personal-zhang:.+/),
        form: 'log_activity',
        values: { calls: '85', connects: '30', sales: '30000', mode: 'add' },
      },
    ]);
    expect(body).toEqual({ statusCode: 200, type: CARD, value: renderer.render(logged) });
    expect(sent.map((s) => s.body.type)).toEqual(['typing']);
    // One log line for the reply: ids and intent, never the reply's text.
    expect(replyLines()).toEqual([{ tenant: TENANT, via: 'card', intent: 'log_activity', error: undefined, requestId: undefined }]);
    expect(JSON.stringify(silentLogger.lines)).not.toContain('85 个电话');
  });

  it("shows the engine's field errors on the card", async () => {
    formResult = () => ({ ok: false, fieldErrors: { deals: '成交数不能大于接通数。' } });
    const body = await invoke(execute('form:log_activity', { calls: '85', connects: '3', deals: '5' }));
    expect(body.value).toEqual(
      renderer.renderForm('log_activity', 'zh-CN', {
        values: { calls: '85', connects: '3', deals: '5' },
        errors: { deals: '成交数不能大于接通数。' },
      }),
    );
  });

  it('validates the assessment: every dimension 1–5 and a rater', async () => {
    const body = await invoke(execute('form:assess', { rater: 'self', professional_knowledge: '6', tool_use: '4' }, { locale: 'en-US' }));
    const card = JSON.stringify(body.value);
    expect(card).toContain('Please pick one of the options.');
    expect(card).toContain('Please fill this in.');
    expect(h.engine.submitted).toEqual([]);
  });

  it('validates the goal form: income required and numeric', async () => {
    const body = await invoke(execute('form:set_goal', { income: 'abc', commission_type: 'flat' }));
    expect(JSON.stringify(body.value)).toContain('请输入数字。');
    const ok = await invoke(execute('form:set_goal', { income: '12000', commission_type: 'flat', rate: '2' }));
    expect(ok.type).toBe(CARD);
    expect(h.engine.submitted[0]).toMatchObject({ form: 'set_goal', values: { income: '12000', commission_type: 'flat', rate: '2%' } });
  });
});

describe('Action.Execute follow-ups', () => {
  it('routes act:<intent> with the action text to engine.handle and posts the reply', async () => {
    const body = await invoke(execute('act:plan', { actionId: 'week', text: '/coach plan' }));
    expect(body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: '' });
    expect(await h.channel.drain(5000)).toBe(true);
    expect(h.engine.handled[0]).toMatchObject({ text: 'plan', isCommand: true, user: { id: 'aad-zhang' } });
    expect(sent.map((s) => s.body.type)).toEqual(['typing', 'message']);
    expect(sent[1].body.attachments).toEqual([{ contentType: CARD, content: renderer.render(callsTodayReply()) }]);
    // Posted into the conversation the card was in.
    expect(sent[1].path).toContain('/v3/conversations/a:personal-zhang/activities');
    expect(replyLines()).toEqual([expect.objectContaining({ tenant: TENANT, via: 'card', intent: callsTodayReply().intent })]);
  });

  it('answers the invoke before a slow engine has finished, then posts the reply', async () => {
    let finish!: () => void;
    const engineDone = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const original = h.engine.reply;
    const slowEngine = vi.spyOn(h.engine, 'handle').mockImplementation(async (inbound) => {
      h.engine.handled.push(inbound);
      await engineDone; // e.g. an LLM turn that takes 15 s
      return original(inbound);
    });
    try {
      const body = await invoke(execute('act:huddle', { actionId: 'huddle', text: '/coach huddle' }));
      expect(body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: '' });
      expect(sent.filter((s) => s.body.type === 'message')).toEqual([]); // the engine has not answered yet
      expect(await h.channel.drain(50)).toBe(false);
      finish();
      expect(await h.channel.drain(5000)).toBe(true);
      expect(sent.map((s) => s.body.type)).toEqual(['typing', 'message']);
    } finally {
      slowEngine.mockRestore();
    }
  });

  it('apologises in the conversation when the engine fails after the invoke was answered', async () => {
    const failing = vi.spyOn(h.engine, 'handle').mockRejectedValue(new Error('boom'));
    try {
      const body = await invoke(execute('act:plan', { actionId: 'week', text: '/coach plan' }));
      expect(body.statusCode).toBe(200);
      expect(await h.channel.drain(5000)).toBe(true);
      const messages = sent.filter((s) => s.body.type === 'message');
      expect(messages).toHaveLength(1);
      expect(messages[0].body.text).toBe('抱歉,刚才处理你的消息时出了点问题,我们已经记录下来。请稍后再试一次。');
    } finally {
      failing.mockRestore();
    }
  });

  it('opens a form when the action carries one', async () => {
    await invoke(execute('act:log_activity', { actionId: 'log', form: 'log_activity' }));
    expect(h.engine.handled).toEqual([]);
    expect(sent[0].body.attachments).toEqual([{ contentType: CARD, content: renderer.renderForm('log_activity', 'zh-CN') }]);
  });

  it('answers an unknown verb with a 400 invoke response, no crash', async () => {
    const body = await invoke(execute('hack:me', {}));
    expect(body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
  });
});

describe('Action.Submit (message with value)', () => {
  it('posts the form back with errors for a non-numeric field', async () => {
    await h.post(messageActivity({ text: undefined, value: { verb: 'form:log_activity', calls: 'abc' } }));
    expect(h.engine.submitted).toEqual([]);
    expect(sent).toHaveLength(1);
    expect(sent[0].body.attachments).toEqual([
      {
        contentType: CARD,
        content: renderer.renderForm('log_activity', 'zh-CN', { values: { calls: 'abc' }, errors: { calls: '请输入数字。' } }),
      },
    ]);
  });

  it('submits valid values and posts the result as a new message', async () => {
    await h.post(messageActivity({ text: undefined, value: { verb: 'form:log_activity', calls: 85, connects: 30 } }));
    expect(h.engine.submitted[0].values).toEqual({ calls: '85', connects: '30' });
    expect(sent.at(-1)?.body.attachments).toEqual([{ contentType: CARD, content: renderer.render(logged) }]);
  });
});
