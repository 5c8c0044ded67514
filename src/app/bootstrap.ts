// Wires the pieces every process shares: the store (Redis or memory), the engine with every
// layer's handlers registered, and the logger.
import type { Env } from '../config/env';
import { createEngine, type LingyanEngine } from '../core/lingyanEngine';
import { createLogger, type Logger } from '../logger';
import { recordReply } from '../metrics';
import { createStore } from '../store';
import type { Store } from '../store/store';

export interface AppContext {
  env: Env;
  store: Store;
  engine: LingyanEngine;
  logger: Logger;
}

export async function buildApp(env: Env, overrides: { store?: Store; logger?: Logger } = {}): Promise<AppContext> {
  const logger = overrides.logger ?? createLogger(env.LOG_LEVEL);
  const store = overrides.store ?? (await createStore(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}));
  const engine = createEngine({ store, defaultLocale: env.DEFAULT_LOCALE, defaultTz: env.DEFAULT_TZ, logger, onReply: recordReply });
  return { env, store, engine, logger };
}
