// Starts the nudge worker and daily planners for a process (see src/nudges), behind a small interface
// so the server does not depend on BullMQ details. Every replica may run it: job ids and the delivery
// ledger make sends exactly-once across replicas.
import type { ProactiveChannel } from '../channels/channel';
import type { Env } from '../config/env';
import { registerNudges, startNudgeWorker, type NudgeWorkerOptions } from '../nudges';
import { createRedisConnection } from '../store';
import type { AppContext } from './bootstrap';

export interface NudgeRuntime {
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

/** The worker settings an operator sets through the environment (README, "Operating Lingyan"). */
export function nudgeWorkerSettings(env: Env): Pick<NudgeWorkerOptions, 'concurrency' | 'rates' | 'delivery'> {
  return {
    concurrency: env.NUDGE_CONCURRENCY,
    rates: { slack: { perSecond: env.SLACK_POSTS_PER_SECOND, burst: 1 }, teams: { perSecond: 45, burst: 5 } },
    delivery: { onUncertain: env.NUDGE_ON_UNCERTAIN },
  };
}

/** How often known tenants' planners are (idempotently) re-ensured and today's nudges re-planned. */
const PLAN_EVERY_MS = 15 * 60 * 1000;

export async function startNudges(
  app: AppContext,
  channels: { slack?: ProactiveChannel; teams?: ProactiveChannel },
  _options: { worker: boolean },
): Promise<NudgeRuntime> {
  const { env, store, engine, logger, tenants } = app;
  if (!env.REDIS_URL) throw new Error('nudges need REDIS_URL');
  const connection = createRedisConnection(env.REDIS_URL, { forWorker: true });
  const handle = startNudgeWorker({
    connection,
    store,
    channels,
    ...nudgeWorkerSettings(env),
    logger: logger.child({ component: 'nudges' }),
  });
  registerNudges(engine, { scheduler: handle.scheduler });

  const planAll = async () => {
    for (const tenant of await tenants.list()) {
      try {
        await handle.scheduler.ensurePlanner(tenant, { tz: env.DEFAULT_TZ });
        await handle.scheduler.planTenant(tenant);
      } catch (error) {
        logger.warn({ tenant, err: (error as Error).message }, 'nudge planning failed; will retry');
      }
    }
  };
  await planAll().catch((error: unknown) => logger.warn({ err: (error as Error).message }, 'nudge planning deferred'));
  const timer = setInterval(() => void planAll().catch(() => undefined), PLAN_EVERY_MS);
  timer.unref();

  return {
    ready: async () => connection.status === 'ready',
    close: async () => {
      clearInterval(timer);
      await handle.close();
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
