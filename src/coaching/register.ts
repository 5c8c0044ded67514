// registerCoaching: plugs coach, course, roleplay (with its dialogue) and huddle into the engine. Without
// an LLM client every one of them answers offline from the courses, scenarios and templates.
import type { LingyanEngine } from '../core/lingyanEngine';
import type { Logger } from '../logger';
import { TokenBudget } from './budget';
import { createCoachHandler } from './coach';
import { createCourseHandler } from './course';
import type { CoachingDeps } from './deps';
import { CoachLlm } from './gateway';
import { createHuddleHandler } from './huddle';
import type { LlmClient } from './llm';
import { DEFAULT_PROMPT_BUDGET } from './prompt';
import { getCourseRanker } from './courseRanking';
import { SectionEmbeddings } from './embeddings';
import { getCourseIndex, type CourseIndex } from './retrieval';
import { createRoleplay, ROLEPLAY_KIND } from './roleplay';
import { loadScenarios, type Scenario } from './scenarios';

export interface RegisterCoachingDeps {
  /** null/absent: offline coach. */
  llm?: LlmClient | null;
  logger: Logger;
  /** Tokens per tenant per local day (LLM_DAILY_TOKEN_BUDGET; default 2,000,000). */
  dailyTokenBudget?: number;
  /** Prompt tokens per coaching turn (default 3,000). */
  promptBudget?: number;
  index?: CourseIndex;
  scenarios?: Scenario[];
  /** OPENAI_EMBEDDING_MODEL: embeddings of the course sections join course ranking. */
  embeddingModel?: string;
}

export const DEFAULT_DAILY_TOKEN_BUDGET = 2_000_000;

type CoachingEngine = Pick<LingyanEngine, 'register' | 'registerDialog' | 'store'>;

export function registerCoaching(engine: CoachingEngine, deps: RegisterCoachingDeps): CoachingDeps {
  const llm = deps.llm ?? null;
  const budget = new TokenBudget(engine.store, deps.dailyTokenBudget ?? DEFAULT_DAILY_TOKEN_BUDGET);
  const index = deps.index ?? getCourseIndex();
  const embeddings = SectionEmbeddings.create(llm, deps.embeddingModel, engine.store, index, deps.logger);
  // Sections are embedded (or read from the Redis cache) in the background, not on the first question.
  void embeddings?.warm();
  const shared: CoachingDeps = {
    llm: new CoachLlm(llm, budget, deps.logger),
    index,
    ...(embeddings ? { embeddings } : {}),
    // The shared ranker is over the real courses; a test's own course set gets BM25 alone.
    ...(deps.index ? {} : { ranker: getCourseRanker() }),
    scenarios: deps.scenarios ?? loadScenarios(),
    logger: deps.logger,
    promptBudget: deps.promptBudget ?? DEFAULT_PROMPT_BUDGET,
  };
  const roleplay = createRoleplay(shared);
  engine
    .register('coach', createCoachHandler(shared))
    .register('course', createCourseHandler(shared))
    .register('roleplay', roleplay.handler)
    .register('huddle', createHuddleHandler(shared));
  // A role-play turn must reach the dialogue even when it reads like another request ("年化4.2%").
  engine.registerDialog(ROLEPLAY_KIND, roleplay.continuation, { captureAll: true });
  return shared;
}
