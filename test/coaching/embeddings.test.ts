// Embedding retrieval through the real openai client (HTTP mocked by nock) and a real store: sections are
// embedded once per content hash and cached (a second replica makes no call); a question's embedding
// ranks courses by their closest section; a failing endpoint leaves ranking to BM25 and the model.
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SectionEmbeddings } from '../../src/coaching/embeddings';
import { OpenAiLlmClient } from '../../src/coaching/llm';
import { CourseIndex } from '../../src/coaching/retrieval';
import { silentLogger } from '../../src/logger';
import { MemoryStore } from '../../src/store/memory';
import { BASE_URL } from './openai-mock';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const MODEL = 'text-embedding-3-small';
const client = new OpenAiLlmClient({ apiKey: 'sk-test', baseURL: BASE_URL, model: 'gpt-4o-mini', timeoutMs: 2000, embeddingModel: MODEL });
const index = CourseIndex.load('test/fixtures/courses-mini');
const chunks = index.courseIds().flatMap((id) => index.getCourse(id)?.chunks ?? []);

/** A toy embedding: [mentions 利率/rate, mentions neither]. Enough to tell which sections are about rates. */
const toy = (text: string): number[] => (/利率|rate/i.test(text) ? [1, 0] : [0, 1]);

function embeddingsEndpoint(calls: string[][], status = 200) {
  return nock(new URL(BASE_URL).origin)
    .post('/v1/embeddings', (body: { model: string; input: string[] }) => {
      calls.push(body.input);
      return body.model === MODEL;
    })
    .times(50)
    .reply(status, (_uri, body) => {
      const input = (body as { input: string[] }).input;
      return status === 200 ? { object: 'list', model: MODEL, data: input.map((t, i) => ({ object: 'embedding', index: i, embedding: toy(t) })) } : { error: { message: 'down' } };
    });
}

describe('section embeddings', () => {
  it('embeds every section once, caches by content hash, and a second replica makes no call', async () => {
    const store = new MemoryStore();
    const calls: string[][] = [];
    embeddingsEndpoint(calls);
    const first = new SectionEmbeddings(client as never, MODEL, store, chunks, silentLogger);
    await first.warm();
    expect(first.ready).toBe(chunks.length);
    expect(calls.flat()).toHaveLength(chunks.length);
    calls.length = 0;
    const second = new SectionEmbeddings(client as never, MODEL, store, chunks, silentLogger);
    await second.warm();
    expect(second.ready).toBe(chunks.length);
    expect(calls).toEqual([]);
  });

  it('ranks first a course whose section is closest to the question, and redacts the question', async () => {
    const store = new MemoryStore();
    const calls: string[][] = [];
    embeddingsEndpoint(calls);
    const embeddings = new SectionEmbeddings(client as never, MODEL, store, chunks, silentLogger);
    const ranking = await embeddings.rankCourses('客户嫌利率太高 他的手机 13912345678');
    expect(ranking.length, JSON.stringify({ ranking, calls })).toBe(index.courseIds().length);
    expect(ranking[0], JSON.stringify({ ranking, q: calls.at(-1) })).toBe('mini-objections');
    const top = chunks.filter((c) => c.course === ranking[0]);
    expect(top.some((c) => /利率|rate/i.test(c.text))).toBe(true);
    expect(JSON.stringify(calls)).not.toContain('13912345678');
  });

  it('returns no ranking (and no error) when the endpoint fails', async () => {
    const calls: string[][] = [];
    embeddingsEndpoint(calls, 500);
    const embeddings = new SectionEmbeddings(client as never, MODEL, new MemoryStore(), chunks, silentLogger);
    expect(await embeddings.rankCourses('客户嫌利率太高')).toEqual([]);
  });
});
