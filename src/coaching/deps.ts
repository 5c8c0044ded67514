// What the coaching handlers share: the LLM door (budget, redaction, fallback), the course index,
// the role-play scenarios, the prompt token budget and the logger.
import type { Logger } from '../logger';
import type { CoachLlm } from './gateway';
import type { CourseRanker } from './courseRanking';
import type { SectionEmbeddings } from './embeddings';
import type { CourseIndex } from './retrieval';
import type { Scenario } from './scenarios';

export interface CoachingDeps {
  llm: CoachLlm;
  index: CourseIndex;
  /** Which course a coaching question belongs to (course model + BM25, fused). */
  ranker?: CourseRanker;
  /** With OPENAI_EMBEDDING_MODEL: the question's closest sections, a third list in the fusion. */
  embeddings?: SectionEmbeddings;
  scenarios: Scenario[];
  logger: Logger;
  /** Prompt tokens per coaching turn (default 3,000). */
  promptBudget: number;
}
