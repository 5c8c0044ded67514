// Wires the pieces every process shares: the store (Redis or memory), the engine with every
// layer's handlers registered, and the logger.
import { redisTopology, type Env } from '../config/env';
import { createLlmClient } from '../coaching/llm';
import { LlmIntentDecider } from '../coaching/intentDecider';
import { registerCoaching } from '../coaching/register';
import { moveModel } from '../coaching/roleplayMoves';
import { registerLeadToolkit } from '../core/handlers/lead';
import { createEngine, type LingyanEngine } from '../core/lingyanEngine';
import { createLogger, type Logger } from '../logger';
import { recordReply, redisErrors } from '../metrics';
import { createRedisClient, createStore, describeTopology, replicasToAwait, RedisStore } from '../store';
import type { Store } from '../store/store';
import { registerNudges } from '../nudges';
import { TenantRegistry } from './tenants';
import { loadCalendarData } from './calendarData';

export interface AppContext {
  env: Env;
  store: Store;
  engine: LingyanEngine;
  logger: Logger;
  tenants: TenantRegistry;
}

/**
 * The configured store. When Redis is unreachable at start the process still starts: it logs a clear
 * message, keeps reconnecting in the background, /readyz reports not ready, and requests that need
 * state get a friendly "try again" while stateless ones (help, courses, coaching) still answer.
 */
async function openStore(env: Env, logger: Logger): Promise<Store> {
  const topology = redisTopology(env);
  if (!topology) return createStore();
  const onRedisError = (error: Error) => {
    redisErrors.inc();
    logger.warn({ err: error.message }, 'redis connection error');
  };
  const onUnreplicated = (acked: number) =>
    logger.warn({ acked }, 'redis: a write was not acknowledged by a replica in time (it is on the primary); not waiting for replicas for 10 s');
  try {
    return await createStore({ redis: topology, onRedisError, onUnreplicated });
  } catch (error) {
    logger.error({ redis: describeTopology(topology), reason: (error as Error).message }, 'Redis is unreachable at start; answering what needs no state and retrying in the background');
    return new RedisStore(createRedisClient(topology, { onError: onRedisError }), { replicas: replicasToAwait(topology), onUnreplicated });
  }
}

export async function buildApp(env: Env, overrides: { store?: Store; logger?: Logger } = {}): Promise<AppContext> {
  const logger = overrides.logger ?? createLogger(env.LOG_LEVEL);
  loadCalendarData(logger);
  const store = overrides.store ?? (await openStore(env, logger));
  const tenants = new TenantRegistry(store);
  const onReply = (info: Parameters<typeof recordReply>[0] & { tenant: string }) => {
    recordReply(info);
    // Tenants that talk to us get nudges planned; a failed write is retried on the next message.
    if (!info.error) void tenants.remember(info.tenant).catch(() => undefined);
  };
  const llm = createLlmClient(env);
  const intentDecider = llm ? new LlmIntentDecider(llm, logger) : undefined;
  const engine = createEngine({ store, defaultLocale: env.DEFAULT_LOCALE, defaultTz: env.DEFAULT_TZ, logger, onReply, ...(intentDecider ? { intentDecider } : {}) });
  registerLeadToolkit(engine);
  registerCoaching(engine, {
    llm,
    logger,
    dailyTokenBudget: env.LLM_DAILY_TOKEN_BUDGET,
    ...(env.OPENAI_EMBEDDING_MODEL ? { embeddingModel: env.OPENAI_EMBEDDING_MODEL } : {}),
  });
  // The role-play move model is trained here, at start-up (≈ 0.5 s), not on the first role-play turn.
  moveModel();
  // The preferences intent works everywhere; rescheduling is attached where a worker runs (nudgeRuntime).
  registerNudges(engine);
  return { env, store, engine, logger, tenants };
}
