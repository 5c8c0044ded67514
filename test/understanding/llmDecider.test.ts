// Understanding's layer 4 through the real openai client with its HTTP mocked by nock: when the model is
// unsure, one forced tool call decides (valid call); a malformed call, a 429, or a reply slower than the
// time box leaves the offline decision. A confident message never reaches the LLM; redaction applies.
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LlmIntentDecider } from '../../src/coaching/intentDecider';
import { OpenAiLlmClient } from '../../src/coaching/llm';
import { silentLogger } from '../../src/logger';
import { sharedUnderstanding, type RouteResult } from '../../src/understanding';
import { BASE_URL, interceptChat, type CapturedBody } from '../coaching/openai-mock';
import { fixedUnderstanding } from '../helpers/fixedUnderstanding';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const client = new OpenAiLlmClient({ apiKey: 'sk-test', baseURL: BASE_URL, model: 'gpt-4o-mini', timeoutMs: 2000, maxRetries: 2 });
const ctx = { today: '2026-03-04' };
const understanding = sharedUnderstanding();

/** A message the offline model is unsure about (checked below, so the test means what it says). */
const UNSURE = 'numbers?';

function toolCall(name: string, args: string) {
  return {
    id: 'chatcmpl-tool', object: 'chat.completion', created: 1, model: 'gpt-4o-mini',
    choices: [{ index: 0, finish_reason: 'tool_calls', message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name, arguments: args } }] } }],
    usage: { prompt_tokens: 120, completion_tokens: 8, total_tokens: 128 },
  };
}

async function decideWith(reply: Parameters<typeof interceptChat>[1], text = UNSURE, timeoutMs = 3000): Promise<{ result: RouteResult; bodies: CapturedBody[] }> {
  const bodies: CapturedBody[] = [];
  interceptChat(bodies, reply);
  const result = await understanding.understand(text, ctx, new LlmIntentDecider(client, silentLogger, timeoutMs));
  return { result, bodies };
}

describe('the LLM decides what the model is unsure of', () => {
  it('the test message is one the offline model is unsure about', () => {
    const offline = understanding.offline(UNSURE, ctx);
    const [first, second] = offline.ranked ?? [];
    expect(first.p < 0.55 || first.p - second.p < 0.2).toBe(true);
  });

  it('uses a valid tool call: the intent comes from the LLM, arguments from the entities', async () => {
    const { result, bodies } = await decideWith({ json: toolCall('diagnose', '{"scope":"self"}') });
    expect(result).toMatchObject({ intent: 'diagnose', source: 'llm' });
    const body = bodies[0];
    expect(body.tool_choice).toBe('required');
    const tools = body.tools as { function: { name: string; parameters: { properties: Record<string, unknown> } } }[];
    // The candidates are the model's best readings plus coaching; no tool has a numeric argument.
    expect(tools.map((t) => t.function.name)).toContain('coach');
    expect(JSON.stringify(tools)).not.toMatch(/"type":"(?:number|integer)"/);
  });

  it('falls back to the offline decision on a malformed call (unknown tool, bad JSON, wrong arguments)', async () => {
    const offline = understanding.offline(UNSURE, ctx).intent;
    for (const reply of [toolCall('transfer_money', '{}'), toolCall('diagnose', '{not json'), toolCall('quadrant', '{"scope":"galaxy"}')]) {
      const { result } = await decideWith({ json: reply });
      expect(result.intent).toBe(offline);
      expect(result.source).not.toBe('llm');
    }
  });

  it('falls back on 429 without retrying (the person is waiting)', async () => {
    const { result, bodies } = await decideWith({ status: 429, json: { error: { message: 'slow down' } } });
    expect(result.source).not.toBe('llm');
    expect(bodies).toHaveLength(1);
  });

  it('falls back when the LLM is slower than the time box', async () => {
    const started = performance.now();
    const { result } = await decideWith({ json: toolCall('diagnose', '{"scope":"self"}'), delayMs: 1500 }, UNSURE, 300);
    expect(result.source).not.toBe('llm');
    expect(performance.now() - started).toBeLessThan(1400);
  });

  it('never asks the LLM about a message the model is sure of', async () => {
    const bodies: CapturedBody[] = [];
    const scope = interceptChat(bodies, { json: toolCall('coach', '{}') });
    const result = await understanding.understand('今天要打多少个电话', ctx, new LlmIntentDecider(client, silentLogger));
    expect(result.intent).toBe('calls_today');
    expect(bodies).toHaveLength(0);
    expect(scope.isDone()).toBe(false);
  });

  it('sends no phone number to the LLM', async () => {
    // A fixed, unsure ranking: the LLM is consulted whatever the trained model thinks of this text.
    const unsure = fixedUnderstanding([['plan', 0.4], ['progress', 0.35], ['coach', 0.25]]);
    const bodies: CapturedBody[] = [];
    interceptChat(bodies, { json: toolCall('coach', '{}') });
    await unsure.understand('numbers? 13912345678', ctx, new LlmIntentDecider(client, silentLogger));
    expect(bodies).toHaveLength(1);
    expect(JSON.stringify(bodies[0])).not.toContain('13912345678');
  });
});
