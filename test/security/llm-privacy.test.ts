// End to end (issue 26): messages full of identifiers go through the console and through Slack's signed HTTP
// path to a recorded OpenAI double (nock) — coaching, role-play turns, the huddle, the understanding's LLM
// layer — and no identifier from the inputs appears in any request body the LLM receives.
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LlmIntentDecider } from '../../src/coaching/intentDecider';
import { OpenAiLlmClient } from '../../src/coaching/llm';
import { registerCoaching } from '../../src/coaching/register';
import { registerLeadToolkit } from '../../src/core/handlers/lead';
import { createEngine, type LingyanEngine } from '../../src/core/lingyanEngine';
import type { Reply } from '../../src/core/reply';
import { startupFixture } from '../../src/app/data';
import { silentLogger } from '../../src/logger';
import { MemoryStore } from '../../src/store/memory';
import { BASE_URL, completion, sse } from '../coaching/openai-mock';
import { dmEvent, netGuard, postSlack, signSlack, startFullServer, waitFor, type FullServer, type NetGuard } from './fullServer';
import { testClock } from '../helpers/testClock';

const TENANT = 'T0DEMO';
const IDENTIFIERS = ['13812345678', '139 8765 4321', '110101199003071234', '6222021234567890123', 'wang.jg@example.com', 'abc_123', '王建国', 'E12345678', '沪A12345', '南京路123号'];
const MESSAGES = [
  '客户王建国手机13812345678,身份证110101199003071234,他说利率太高不想办,我该怎么回?',
  'customer card 6222021234567890123 and email wang.jg@example.com, he says the fee is too high, what do I say?',
  '客户微信 abc_123,住南京路123号,车牌沪A12345,护照E12345678,说再考虑考虑怎么跟进',
  '他留了 139 8765 4321 让我明天回电话 客户嫌年化12%太高',
];

const bodies: string[] = [];
let guard: NetGuard;

/** The OpenAI double: records every request body, answers chat (plain or streamed), tool calls and JSON. */
function openAiDouble(): void {
  nock(new URL(BASE_URL).origin)
    .persist()
    .post('/v1/chat/completions')
    .reply(200, (_uri, raw) => {
      const body = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { stream?: boolean; tools?: unknown; response_format?: unknown };
      bodies.push(JSON.stringify(body));
      if (body.tools) {
        return { ...completion(''), choices: [{ index: 0, finish_reason: 'tool_calls', message: { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'coach', arguments: '{}' } }] } }] };
      }
      if (body.stream) return sse(['先认同客户的顾虑 [1]。']);
      if (body.response_format) return completion('{"line":"嗯,你说说看。"}');
      return completion('先认同客户的顾虑,再把账算清 [1]。');
    });
}

function expectNoIdentifier(): void {
  expect(bodies.length).toBeGreaterThan(0);
  const sent = bodies.join('\n');
  for (const id of IDENTIFIERS) expect(sent, id).not.toContain(id);
}

function buildEngine(store: MemoryStore): LingyanEngine {
  const llm = new OpenAiLlmClient({ apiKey: 'sk-test', baseURL: BASE_URL, model: 'gpt-4o-mini', timeoutMs: 3000, maxRetries: 0 });
  const engine = createEngine({ store, intentDecider: new LlmIntentDecider(llm, silentLogger) });
  registerLeadToolkit(engine);
  registerCoaching(engine, { llm, logger: silentLogger });
  return engine;
}

beforeAll(() => {
  guard = netGuard();
  openAiDouble();
});
afterAll(() => {
  nock.cleanAll();
  guard.restore();
});

describe('no identifier reaches the LLM', () => {
  it('through the console: coaching, an unsure message, a role-play with identifiers in the turns, the huddle', async () => {
    bodies.length = 0;
    const store = new MemoryStore();
    await store.seed(TENANT, await startupFixture(undefined, new Date('2026-11-18T09:00:00+08:00'), 'Asia/Shanghai'));
    const engine = buildEngine(store);
    const say = (user: string, text: string): Promise<Reply> =>
      engine.handle({ tenant: TENANT, user: { platform: 'console', id: user }, text, now: new Date('2026-11-18T09:00:00+08:00'), channel: { kind: 'console', shared: false, conversationId: 'c' } });
    for (const text of MESSAGES) expect((await say('a1', text)).error).toBeUndefined();
    await say('a1', 'numbers? 13812345678');
    await say('a1', '来练一下利率异议');
    await say('a1', '您好王建国先生,您的手机13812345678和卡号6222021234567890123我都核对过了');
    await say('a1', '结束');
    await say('l1', '给早会出个辅导话题');
    expectNoIdentifier();
    // A lead's prompt holds only their own teams: nobody of 电销二组 (孙强, 吴昊, 郑丽) is in any request.
    for (const name of ['孙强', '吴昊', '郑丽']) expect(bodies.join('\n'), name).not.toContain(name);
  });

  it('through Slack (signed DM events, the full server)', async () => {
    bodies.length = 0;
    const store = new MemoryStore();
    await store.seed(TENANT, await startupFixture(undefined, testClock(), 'Asia/Shanghai'));
    const server: FullServer = await startFullServer({ store, engine: buildEngine(store) });
    try {
      for (const [i, text] of MESSAGES.entries()) {
        const event = dmEvent(text, { eventId: `EvPRIV${i}-${Date.now()}`, ts: `1700000000.00010${i}` });
        expect((await postSlack(server.url, event, signSlack(event), 'application/json')).status).toBe(200);
      }
      await waitFor(() => bodies.length >= MESSAGES.length, 8000);
      expectNoIdentifier();
    } finally {
      await server.close();
    }
  });
});
