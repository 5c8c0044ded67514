// The nudge queue on BullMQ: a per-tenant planner (a job scheduler, upsertJobScheduler) and one delayed
// `deliver` job per (tenant, person, local date, kind) under a deterministic job id, so replicas and
// restarts never enqueue twice; re-planning moves or removes pending jobs instead of adding duplicates.
import { Queue, type Job } from 'bullmq';
import type { RedisClient } from '../store/topology';
import type { LocalDate } from '../domain/types';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import { nudgeCounter } from '../metrics';
import type { Store } from '../store/store';
import { horizonDates, loadScheduleInputs, plannedAround, plannedForDate, plannedForPerson } from './planning';
import { NUDGE_KINDS, type DeliverJobData, type NudgeKind, type PlanJobData, type PlannedNudge } from './types';

export const NUDGE_QUEUE = 'lingyan-nudges';
/** The BullMQ key prefix on one node and Sentinel; on a Cluster it is `{ly-bull}` (topology.ts bullPrefixFor). */
export const DEFAULT_PREFIX = 'ly-bull';
/** The planner runs daily at 00:05 in the tenant's zone and covers each person's today and tomorrow. */
export const DEFAULT_PLANNER_PATTERN = '5 0 * * *';

export type NudgeJobData = DeliverJobData | PlanJobData;
export type NudgeQueue = Queue<NudgeJobData>;

/** The readable identity of a nudge, `nudge:<tenant>:<person>:<date>:<kind>` (logs, docs). */
export function nudgeKey(tenant: string, user: string, date: LocalDate, kind: NudgeKind): string {
  return `nudge:${tenant}:${user}:${date}:${kind}`;
}

/**
 * The BullMQ job id of a nudge. BullMQ 5 rejects custom ids with ':' (other than its own 3-part
 * repeat ids), so the parts are joined with '|' and each is percent-encoded.
 */
export function nudgeJobId(tenant: string, user: string, date: LocalDate, kind: NudgeKind): string {
  return ['nudge', tenant, user, date, kind].map(encodeURIComponent).join('|');
}

export function plannerId(tenant: string): string {
  return `planner|${encodeURIComponent(tenant)}`;
}

export function createNudgeQueue(connection: RedisClient, prefix = DEFAULT_PREFIX, name = NUDGE_QUEUE): NudgeQueue {
  return new Queue<NudgeJobData>(name, { connection, prefix });
}

export interface PlanResult {
  scheduled: number;
  updated: number;
  removed: number;
  unchanged: number;
  /** Due nudges not enqueued because their time had passed (beyond the grace period). */
  late: number;
}

export interface SchedulerOptions {
  queue: NudgeQueue;
  store: Store;
  /** Delivery attempts for platform failures (default 5), exponential backoff from `backoffMs` (30 s). */
  attempts?: number;
  backoffMs?: number;
  /** A nudge due at most this long ago is still sent when (re)planned, e.g. after downtime (default 2 h). */
  graceMs?: number;
  /** How long finished jobs are kept, which is also how long their id dedups (default 3 days). */
  keepFinishedSeconds?: number;
  /** The clock (tests travel in time with it); BullMQ delays are computed relative to it. */
  now?: () => number;
  logger?: Logger;
}

const PENDING = new Set(['delayed', 'waiting', 'prioritized', 'paused', 'waiting-children']);

export class NudgeScheduler {
  readonly queue: NudgeQueue;
  private readonly store: Store;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly graceMs: number;
  private readonly keepSeconds: number;
  private readonly now: () => number;
  private readonly logger: Logger;

  constructor(options: SchedulerOptions) {
    this.queue = options.queue;
    this.store = options.store;
    this.attempts = options.attempts ?? 5;
    this.backoffMs = options.backoffMs ?? 30_000;
    this.graceMs = options.graceMs ?? 2 * 3600_000;
    this.keepSeconds = options.keepFinishedSeconds ?? 3 * 24 * 3600;
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? silentLogger;
  }

  /** Creates or updates the tenant's planner job scheduler (idempotent; safe from every replica). */
  async ensurePlanner(tenant: string, options: { pattern?: string; tz?: string } = {}): Promise<void> {
    await this.queue.upsertJobScheduler(
      plannerId(tenant),
      { pattern: options.pattern ?? DEFAULT_PLANNER_PATTERN, tz: options.tz ?? 'Asia/Shanghai' },
      { name: 'plan', data: { tenant }, opts: { removeOnComplete: 20, removeOnFail: 50 } },
    );
  }

  async removePlanner(tenant: string): Promise<boolean> {
    return this.queue.removeJobScheduler(plannerId(tenant));
  }

  /** Plans every person's today and tomorrow (their own zones) at the scheduler's now. */
  async planTenant(tenant: string): Promise<PlanResult> {
    const inputs = await loadScheduleInputs(this.store, tenant);
    return this.sync(tenant, plannedAround(inputs, new Date(this.now())), [], 'plan');
  }

  /** "Run for date X": plans everyone's nudges of their local `date`. */
  async planDate(tenant: string, date: LocalDate): Promise<PlanResult> {
    const inputs = await loadScheduleInputs(this.store, tenant);
    return this.sync(tenant, plannedForDate(inputs, date), [], 'plan');
  }

  /**
   * Re-plans some people after a change (preferences, time zone, calendar, roster): pending jobs are
   * moved to the new time, removed when no longer due, added when newly due. Never duplicates.
   */
  async reschedule(tenant: string, personIds: readonly string[], dates?: readonly LocalDate[]): Promise<PlanResult> {
    const inputs = await loadScheduleInputs(this.store, tenant, personIds);
    const desired: PlannedNudge[] = [];
    const candidates: Array<{ user: string; date: LocalDate; kind: NudgeKind }> = [];
    for (const person of inputs.people) {
      for (const date of dates ?? horizonDates(person, new Date(this.now()))) {
        desired.push(...plannedForPerson(inputs, person, date));
        for (const kind of NUDGE_KINDS) candidates.push({ user: person.id, date, kind });
      }
    }
    return this.sync(tenant, desired, candidates, 'reschedule');
  }

  private jobOptions(jobId: string, delay: number) {
    return {
      jobId,
      delay,
      attempts: this.attempts,
      backoff: { type: 'exponential' as const, delay: this.backoffMs },
      removeOnComplete: { age: this.keepSeconds },
      removeOnFail: { age: this.keepSeconds },
    };
  }

  private async sync(
    tenant: string,
    desired: readonly PlannedNudge[],
    removable: ReadonlyArray<{ user: string; date: LocalDate; kind: NudgeKind }>,
    mode: 'plan' | 'reschedule',
  ): Promise<PlanResult> {
    const result: PlanResult = { scheduled: 0, updated: 0, removed: 0, unchanged: 0, late: 0 };
    const now = this.now();
    // A preference change never creates an already-past nudge; the planner catches up within the grace.
    const earliest = mode === 'reschedule' ? now : now - this.graceMs;
    const wanted = new Map<string, PlannedNudge>();
    for (const n of desired) {
      if (Date.parse(n.at) < earliest) result.late += 1;
      else wanted.set(nudgeJobId(tenant, n.user, n.date, n.kind), n);
    }
    const toAdd: Array<{ id: string; n: PlannedNudge }> = [];
    const entries = [...wanted.entries()];
    // createNudgeQueue always hands BullMQ an ioredis client. On a Cluster the pipeline is fine: the
    // prefix is a hash tag, so every key of the queue is in one slot.
    const client = (await this.queue.client) as unknown as RedisClient;
    for (let i = 0; i < entries.length; i += 2000) {
      const slice = entries.slice(i, i + 2000);
      // One pipelined read of the existing jobs' data; only changed jobs are loaded and retimed.
      const pipeline = client.pipeline();
      for (const [id] of slice) pipeline.hget(this.queue.toKey(id), 'data');
      const stored = (await pipeline.exec()) ?? [];
      await Promise.all(
        slice.map(async ([id, n], k) => {
          const raw = stored[k]?.[1];
          if (typeof raw !== 'string') return void toAdd.push({ id, n });
          if ((JSON.parse(raw) as DeliverJobData).at === n.at) return void (result.unchanged += 1);
          const job = (await this.queue.getJob(id)) as Job<DeliverJobData> | undefined;
          if (!job) toAdd.push({ id, n });
          else if (await this.retime(job, tenant, n)) result.updated += 1;
          else result.unchanged += 1;
        }),
      );
    }
    const chunks: Array<typeof toAdd> = [];
    for (let i = 0; i < toAdd.length; i += 500) chunks.push(toAdd.slice(i, i + 500));
    await Promise.all(
      chunks.map((chunk) =>
        this.queue.addBulk(
          chunk.map(({ id, n }) => ({
            name: 'deliver',
            data: { tenant, user: n.user, kind: n.kind, date: n.date, at: n.at } satisfies DeliverJobData,
            opts: this.jobOptions(id, Math.max(0, Date.parse(n.at) - now)),
          })),
        ),
      ),
    );
    for (const { n } of toAdd) nudgeCounter.inc({ event: 'scheduled', kind: n.kind, channel: 'any' });
    result.scheduled = toAdd.length;

    const stale = removable.map((r) => nudgeJobId(tenant, r.user, r.date, r.kind)).filter((id) => !wanted.has(id));
    await Promise.all(
      stale.map(async (id) => {
        const job = await this.queue.getJob(id);
        if (job && PENDING.has(await job.getState()) && (await this.tryRemove(job))) result.removed += 1;
      }),
    );
    this.logger.debug({ tenant, mode, ...result }, 'nudges: planned');
    return result;
  }

  /** Moves an existing job to a new instant; a finished job is replaced only if it was not sent. */
  private async retime(job: Job<DeliverJobData>, tenant: string, n: PlannedNudge): Promise<boolean> {
    const delay = Math.max(0, Date.parse(n.at) - this.now());
    const state = await job.getState();
    const data: DeliverJobData = { tenant, user: n.user, kind: n.kind, date: n.date, at: n.at };
    if (state === 'delayed') {
      await job.updateData(data);
      await job.changeDelay(delay);
      return true;
    }
    const finishedUnsent = (state === 'completed' || state === 'failed') && (job.returnvalue as { status?: string } | null)?.status !== 'sent';
    if (!PENDING.has(state) && !finishedUnsent) return false;
    if (!(await this.tryRemove(job))) return false;
    await this.queue.add('deliver', data, this.jobOptions(job.id as string, delay));
    return true;
  }

  private async tryRemove(job: Job): Promise<boolean> {
    try {
      await job.remove();
      return true;
    } catch {
      return false; // picked up by a worker meanwhile (locked): the worker re-checks before sending
    }
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
