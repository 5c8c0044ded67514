// Embedding retrieval (OPENAI_EMBEDDING_MODEL): each course section is embedded once per content hash and
// cached in Redis (30 days, shared by every replica and tenant: course text is not tenant data); a
// question's embedding ranks the courses by their best section, and that list joins the RRF fusion.
import { createHash } from 'node:crypto';
import type { Logger } from '../logger';
import type { Store } from '../store/store';
import type { CourseChunk } from './corpus';
import type { LlmClient } from './llm';
import type { CourseIndex } from './retrieval';

/** Course text is the same for every tenant: its cache lives in one shared namespace. */
const SHARED_TENANT = '_shared';
const CACHE_TTL_SECONDS = 30 * 24 * 3600;
const BATCH = 64;
/** A coaching answer waits for the question's embedding at most this long. */
export const EMBED_TIMEOUT_MS = 1500;

export function contentKey(model: string, text: string): string {
  return `embedding:${createHash('sha256').update(`${model}\n${text}`).digest('hex')}`;
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length && i < b.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

export class SectionEmbeddings {
  private readonly vectors = new Map<string, number[]>();
  private warming: Promise<void> | undefined;

  constructor(
    private readonly llm: LlmClient & Required<Pick<LlmClient, 'embed'>>,
    private readonly model: string,
    private readonly store: Store,
    private readonly chunks: readonly CourseChunk[],
    private readonly logger: Logger,
  ) {}

  static create(llm: LlmClient | null, model: string | undefined, store: Store, index: CourseIndex, logger: Logger): SectionEmbeddings | null {
    if (!llm?.embed || !model) return null;
    const chunks = index.courseIds().flatMap((id) => index.getCourse(id)?.chunks ?? []);
    return new SectionEmbeddings(llm as LlmClient & Required<Pick<LlmClient, 'embed'>>, model, store, chunks, logger);
  }

  /** Loads cached vectors and embeds only the sections whose text is new. Safe to call repeatedly. */
  warm(): Promise<void> {
    this.warming ??= this.load().catch((error: unknown) => {
      this.warming = undefined; // try again on the next question
      this.logger.warn({ err: (error as Error).message }, 'embeddings: warm-up failed; BM25 and the course model still rank');
    });
    return this.warming;
  }

  get ready(): number {
    return this.vectors.size;
  }

  /** Course ids, best first, by the question's closest section; [] when anything fails. */
  async rankCourses(question: string): Promise<string[]> {
    await this.warm();
    if (this.vectors.size === 0) return [];
    try {
      const [query] = await this.llm.embed([question.slice(0, 1000)], { timeoutMs: EMBED_TIMEOUT_MS });
      const best = new Map<string, number>();
      for (const chunk of this.chunks) {
        const vector = this.vectors.get(chunk.id);
        if (!vector) continue;
        const score = cosine(query, vector);
        if (score > (best.get(chunk.course) ?? -Infinity)) best.set(chunk.course, score);
      }
      return [...best.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([course]) => course);
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'embeddings: question not embedded; ranking without it');
      return [];
    }
  }

  private async load(): Promise<void> {
    const missing: CourseChunk[] = [];
    for (const chunk of this.chunks) {
      const cached = await this.store.getSession<number[]>(SHARED_TENANT, contentKey(this.model, chunk.text));
      if (cached) this.vectors.set(chunk.id, cached);
      else missing.push(chunk);
    }
    for (let i = 0; i < missing.length; i += BATCH) {
      const batch = missing.slice(i, i + BATCH);
      const vectors = await this.llm.embed(batch.map((c) => c.text), { timeoutMs: 30_000 });
      for (const [j, chunk] of batch.entries()) {
        this.vectors.set(chunk.id, vectors[j]);
        await this.store.putSession(SHARED_TENANT, contentKey(this.model, chunk.text), vectors[j], CACHE_TTL_SECONDS);
      }
    }
    this.logger.info({ sections: this.chunks.length, embedded: missing.length }, 'embeddings: course sections ready');
  }
}
