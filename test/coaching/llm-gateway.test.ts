// The one door to the LLM: only src/coaching/llm.ts imports the openai SDK, and every method of its client
// (chat, streamed chat, structured output, tool choice, embeddings) redacts what it sends. A new call path
// that reached the SDK another way would fail the first test.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OpenAiLlmClient } from '../../src/coaching/llm';
import { BASE_URL, completion, interceptChat, sse, type CapturedBody } from './openai-mock';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const PII = ['13812345678', '110101199003071234', '6222021234567890123', 'wang.jianguo@example.com', '王建国'];
const QUESTION = `客户王建国手机13812345678,身份证110101199003071234,卡号6222021234567890123,邮箱wang.jianguo@example.com,嫌年化12%太高`;
const client = new OpenAiLlmClient({ apiKey: 'sk-test', baseURL: BASE_URL, model: 'gpt-4o-mini', timeoutMs: 2000, maxRetries: 0, embeddingModel: 'emb' });
const messages = [{ role: 'user' as const, content: QUESTION }];

function expectClean(bodies: unknown[]): void {
  expect(bodies.length).toBeGreaterThan(0);
  const sent = JSON.stringify(bodies);
  for (const value of PII) expect(sent, value).not.toContain(value);
  // What the coach needs survives.
  expect(sent).toContain('12%');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the LLM gateway', () => {
  it('is the only code that imports the openai SDK', () => {
    const importers = sourceFiles('src')
      .filter((file) => /^import\s+(?!type\b)[^;]*from\s+['"]openai(?:\/[^'"]*)?['"]/m.test(readFileSync(file, 'utf8')))
      .map((file) => relative('.', file));
    expect(importers).toEqual(['src/coaching/llm.ts']);
  });

  it('redacts chat, streamed chat, structured output, tool choice and embeddings', async () => {
    const bodies: CapturedBody[] = [];
    interceptChat(bodies, { json: completion('ok') });
    await client.chat(messages);
    interceptChat(bodies, { sse: sse(['o', 'k']) });
    await client.chat(messages, { stream: () => undefined });
    interceptChat(bodies, { json: completion('{"answer":"x"}') });
    await client.structured(messages, z.object({ answer: z.string() }), { name: 'answer' });
    interceptChat(bodies, {
      json: {
        ...completion(''),
        choices: [{ index: 0, finish_reason: 'tool_calls', message: { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'coach', arguments: '{}' } }] } }],
      },
    });
    await client.pickTool(messages, [{ name: 'coach', description: 'coach', parameters: z.object({}) }], { timeoutMs: 2000 });
    const embedded: unknown[] = [];
    nock(new URL(BASE_URL).origin)
      .post('/v1/embeddings', (body: unknown) => {
        embedded.push(body);
        return true;
      })
      .reply(200, { object: 'list', model: 'emb', data: [{ object: 'embedding', index: 0, embedding: [1, 0] }] });
    await client.embed?.([QUESTION], { timeoutMs: 2000 });
    expect(bodies).toHaveLength(4);
    expectClean([...bodies, ...embedded]);
  });
});
