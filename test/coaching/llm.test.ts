// The LLM client against a nock'd OpenAI API: plain and streamed chat, structured output validated with
// zod, SDK retries on 429, timeouts, and the JSON extraction local models need.
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { extractJson, LlmOutputError, OpenAiLlmClient } from '../../src/coaching/llm';
import { BASE_URL, completion, interceptChat, sse, type CapturedBody } from './openai-mock';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const client = (over: Partial<ConstructorParameters<typeof OpenAiLlmClient>[0]> = {}) =>
  new OpenAiLlmClient({ apiKey: 'sk-test', baseURL: BASE_URL, model: 'gpt-4o-mini', timeoutMs: 2000, maxRetries: 2, ...over });

const messages = [
  { role: 'system' as const, content: 'You are a coach.' },
  { role: 'user' as const, content: '<user_message>\nhi\n</user_message>' },
];

describe('OpenAiLlmClient', () => {
  it('sends the messages, no tools, and returns the text with usage', async () => {
    const bodies: CapturedBody[] = [];
    const scope = interceptChat(bodies, { json: completion('Hello [1]') });
    const result = await client().chat(messages);
    expect(result.value).toBe('Hello [1]');
    expect(result.usage).toEqual({ prompt: 900, completion: 100, total: 1000 });
    expect(bodies[0].model).toBe('gpt-4o-mini');
    expect(bodies[0].messages).toEqual(messages);
    expect(bodies[0].tools).toBeUndefined();
    scope.done();
  });

  it('works against api.openai.com when no base URL is set', async () => {
    const bodies: CapturedBody[] = [];
    const scope = interceptChat(bodies, { json: completion('ok') }, 'https://api.openai.com/v1');
    const plain = new OpenAiLlmClient({ apiKey: 'sk-test', model: 'gpt-4o-mini', timeoutMs: 2000 });
    expect((await plain.chat(messages)).value).toBe('ok');
    scope.done();
  });

  it('streams SSE chunks to the sink as cumulative text', async () => {
    const bodies: CapturedBody[] = [];
    interceptChat(bodies, { sse: sse(['先认同', ',再澄清', '。[1]']) });
    const partials: string[] = [];
    const result = await client().chat(messages, { stream: (p) => void partials.push(p) });
    expect(bodies[0].stream).toBe(true);
    expect(bodies[0].stream_options).toEqual({ include_usage: true });
    expect(partials).toEqual(['先认同', '先认同,再澄清', '先认同,再澄清。[1]']);
    expect(result.value).toBe('先认同,再澄清。[1]');
    expect(result.usage.total).toBe(950);
  });

  it('retries a 429 (the SDK backs off) and then succeeds', async () => {
    const bodies: CapturedBody[] = [];
    interceptChat(bodies, { status: 429, json: { error: { message: 'rate limited', type: 'rate_limit' } }, headers: { 'retry-after-ms': '20' } });
    interceptChat(bodies, { json: completion('after retry') });
    const result = await client().chat(messages);
    expect(result.value).toBe('after retry');
    expect(bodies).toHaveLength(2);
  });

  it('gives up after the retries on 5xx', async () => {
    const bodies: CapturedBody[] = [];
    for (let i = 0; i < 2; i++) interceptChat(bodies, { status: 503, json: { error: { message: 'down' } }, headers: { 'retry-after-ms': '10' } });
    await expect(client({ maxRetries: 1 }).chat(messages)).rejects.toMatchObject({ status: 503 });
    expect(bodies).toHaveLength(2);
  });

  it('times out with a short explicit timeout', async () => {
    interceptChat([], { json: completion('too late'), delayMs: 1500 });
    const started = Date.now();
    await expect(client({ timeoutMs: 200, maxRetries: 0 }).chat(messages)).rejects.toThrow(/timed out/i);
    expect(Date.now() - started).toBeLessThan(1400);
  });

  it('asks for a JSON schema and validates the answer with zod', async () => {
    const schema = z.object({ score: z.number().int().min(1).max(5), keep: z.string() });
    const bodies: CapturedBody[] = [];
    interceptChat(bodies, { json: completion('```json\n{"score": 4, "keep": "acknowledge first"}\n```') });
    const result = await client().structured(messages, schema, { name: 'score' });
    expect(result.value).toEqual({ score: 4, keep: 'acknowledge first' });
    expect(bodies[0].response_format?.type).toBe('json_schema');
    expect(bodies[0].response_format?.json_schema?.name).toBe('score');
    expect(bodies[0].response_format?.json_schema?.schema).toMatchObject({ type: 'object', required: ['score', 'keep'] });

    interceptChat([], { json: completion('{"score": 9, "keep": "x"}') });
    await expect(client().structured(messages, schema, { name: 'score' })).rejects.toBeInstanceOf(LlmOutputError);
  });

  it('falls back to json_object for servers without schema support', async () => {
    const bodies: CapturedBody[] = [];
    interceptChat(bodies, { json: completion('{"ok": true}') });
    const result = await client({ responseFormat: 'json_object' }).structured(messages, z.object({ ok: z.boolean() }), { name: 'x' });
    expect(result.value.ok).toBe(true);
    expect(bodies[0].response_format).toEqual({ type: 'json_object' });
  });

  it('extracts JSON from prose and rejects non-JSON', () => {
    expect(extractJson('Here you go: {"a": 1} thanks')).toEqual({ a: 1 });
    expect(() => extractJson('no json here')).toThrow(LlmOutputError);
  });
});
