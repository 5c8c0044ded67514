// The nudge worker: one BullMQ Worker on the nudge queue running `plan` jobs (from the per-tenant job
// schedulers) and `deliver` jobs (NudgeDelivery). close() stops fetching and lets active jobs finish;
// a crashed worker's jobs come back through BullMQ's stalled-job check and the ledger prevents resends.
import { Worker, type Job } from 'bullmq';
import type { RedisClient } from '../store/topology';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import type { Store } from '../store/store';
import { composeNudge } from './content';
import { NudgeDelivery, type DeliveryDeps, type DeliveryOutcome, type NudgeChannels, type RateSpec } from './delivery';
import { RedisDeliveryLedger, type DeliveryLedger, type LedgerReplication } from './ledger';
import { createNudgeQueue, DEFAULT_PREFIX, NUDGE_QUEUE, NudgeScheduler, type NudgeJobData, type PlanResult, type SchedulerOptions } from './queue';
import { RedisWorkspaceLimiter, type WorkspaceLimiter } from './rateLimit';
import { TipLibrary } from './tips';
import type { DeliverJobData, NudgeChannelKind, PlanJobData } from './types';

/**
 * Slack: chat.postMessage ~1/s per channel plus a workspace-wide cap Slack does not publish as a number
 * (20/s here: 2,000 DMs in 100 s; env SLACK_POSTS_PER_SECOND, SLACK_WORKSPACE_POSTS_PER_SECOND). Teams: 7
 * messages/s per conversation, and 50 requests/s per app per tenant, which replies to people share: nudges
 * take 45 of them.
 */
export const DEFAULT_RATES: Partial<Record<NudgeChannelKind, RateSpec>> = {
  slack: { perSecond: 1, burst: 1, workspace: { perSecond: 20, burst: 1 } },
  teams: { perSecond: 7, burst: 7, workspace: { perSecond: 45, burst: 5 } },
};

export interface NudgeWorkerOptions {
  /** A BullMQ-ready connection: createRedisClient(topology, { forWorker: true }) (node, Sentinel or Cluster). */
  connection: RedisClient;
  store: Store;
  channels: NudgeChannels;
  /**
   * BullMQ key prefix (default "ly-bull"); the ledger and limiter keys live under it too. On a Cluster it
   * must be a hash tag (bullPrefixFor(topology) gives "{ly-bull}"); another prefix is another queue.
   */
  prefix?: string;
  /** Replica acknowledgement of the delivery ledger's markers (Sentinel, Cluster); default none. */
  replication?: LedgerReplication;
  queueName?: string;
  /** Jobs processed at once by this worker (default 5; env NUDGE_CONCURRENCY). */
  concurrency?: number;
  /** Send rates per channel and per workspace (default DEFAULT_RATES; Slack from env SLACK_POSTS_PER_SECOND, SLACK_WORKSPACE_POSTS_PER_SECOND). */
  rates?: Partial<Record<NudgeChannelKind, RateSpec>>;
  /**
   * BullMQ lock (default 15 s, renewed every 7.5 s while the job runs) and stalled-job check interval
   * (default 5 s). A killed worker's jobs come back within lock + 2 checks ≈ 25 s (BullMQ's own 30 s + 30 s
   * took up to ≈ 80 s: a morning batch with a worker killed at 40 % then ended at ≈ 120 s instead of 100 s).
   */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Times a job may stall (its worker died) before it fails (default 3). */
  maxStalledCount?: number;
  tips?: TipLibrary;
  logger?: Logger;
  /** Replace parts of delivery (tests, benchmarks): composer, clock, hooks, ledger, limiter, policies. */
  delivery?: Partial<Omit<DeliveryDeps, 'store' | 'channels'>>;
  scheduler?: Omit<SchedulerOptions, 'queue' | 'store'>;
  /** Start processing immediately (default true). */
  autorun?: boolean;
}

export interface NudgeWorkerHandle {
  worker: Worker<NudgeJobData, DeliveryOutcome | PlanResult>;
  scheduler: NudgeScheduler;
  delivery: NudgeDelivery;
  /** Graceful: stops fetching, waits for active jobs, closes the queue. */
  close(): Promise<void>;
}

export function startNudgeWorker(options: NudgeWorkerOptions): NudgeWorkerHandle {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const name = options.queueName ?? NUDGE_QUEUE;
  const logger = options.logger ?? silentLogger;
  const tips = options.tips ?? TipLibrary.load('prompts/courses', (error) => logger.warn({ err: String(error) }, 'nudges: course tips unavailable'));
  const queue = createNudgeQueue(options.connection, prefix, name);
  const scheduler = new NudgeScheduler({ queue, store: options.store, logger, ...options.scheduler });
  const ledger: DeliveryLedger = options.delivery?.ledger ?? new RedisDeliveryLedger(options.connection, prefix, options.replication);
  const limiter: WorkspaceLimiter = options.delivery?.limiter ?? new RedisWorkspaceLimiter(options.connection, prefix);
  const delivery = new NudgeDelivery({
    compose: (tenant, person, kind, date) => composeNudge({ store: options.store, tips }, tenant, person, kind, date),
    rates: options.rates ?? DEFAULT_RATES,
    logger,
    ...options.delivery,
    ledger,
    limiter,
    store: options.store,
    channels: options.channels,
  });

  const worker = new Worker<NudgeJobData, DeliveryOutcome | PlanResult>(
    name,
    async (job: Job<NudgeJobData>, token?: string) => {
      if (job.name === 'plan') {
        const data = job.data as PlanJobData;
        return data.date ? scheduler.planDate(data.tenant, data.date) : scheduler.planTenant(data.tenant);
      }
      return delivery.process(job as Job<DeliverJobData>, token);
    },
    {
      connection: options.connection,
      prefix,
      concurrency: options.concurrency ?? 5,
      lockDuration: options.lockDurationMs ?? 15_000,
      stalledInterval: options.stalledIntervalMs ?? 5_000,
      maxStalledCount: options.maxStalledCount ?? 3,
      autorun: options.autorun ?? true,
    },
  );
  worker.on('failed', (job, error) => {
    logger.warn({ job: job?.name, jobId: job?.id, tenant: (job?.data as NudgeJobData | undefined)?.tenant, kind: (job?.data as DeliverJobData | undefined)?.kind, attempts: job?.attemptsMade, err: error.message }, 'nudges: job failed');
  });
  worker.on('error', (error) => logger.error({ err: error.message }, 'nudges: worker error'));

  return {
    worker,
    scheduler,
    delivery,
    async close() {
      await worker.close();
      await scheduler.close();
    },
  };
}
