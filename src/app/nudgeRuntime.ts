// Starts the nudge worker and daily planners for a process (see src/nudges), behind a small interface
// so the server does not depend on BullMQ details. Every replica may run it: job ids and the delivery
// ledger make sends exactly-once across replicas.
import type { ProactiveChannel } from '../channels/channel';
import { redisTopology, type Env } from '../config/env';
import { DEFAULT_RATES, registerNudges, startNudgeWorker, type NudgeWorkerOptions } from '../nudges';
import { bullPrefixFor, createRedisClient, replicasToAwait } from '../store';
import type { AppContext } from './bootstrap';

export interface NudgeRuntime {
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

/** The worker settings an operator sets through the environment (README, "Operating Lingyan"). */
export function nudgeWorkerSettings(env: Env): Pick<NudgeWorkerOptions, 'concurrency' | 'rates' | 'delivery'> {
  return {
    concurrency: env.NUDGE_CONCURRENCY,
    rates: {
      slack: { perSecond: env.SLACK_POSTS_PER_SECOND, burst: 1, workspace: { perSecond: env.SLACK_WORKSPACE_POSTS_PER_SECOND, burst: 1 } },
      ...(DEFAULT_RATES.teams ? { teams: DEFAULT_RATES.teams } : {}),
    },
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
  const topology = redisTopology(env);
  if (!topology) throw new Error('nudges need Redis: REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES');
  const connection = createRedisClient(topology, { forWorker: true });
  const handle = startNudgeWorker({
    connection,
    store,
    channels,
    // On a Cluster the queue's keys must share one slot: "{ly-bull}" (another prefix is another queue).
    prefix: bullPrefixFor(topology),
    replication: {
      replicas: replicasToAwait(topology),
      onUnreplicated: (acked) => logger.warn({ acked }, 'nudges: a delivery marker was not acknowledged by a replica in time'),
    },
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
