// Processes one `deliver` job: re-checks that the nudge is still due, composes it, waits for a
// workspace send slot, and sends it exactly once through the person's channel using the ledger
// (sending lock + sent marker). Rate limits re-delay the job; dead recipients are marked and skipped.
import { randomUUID } from 'node:crypto';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { DeliveryResult, ProactiveChannel, ProactiveRecipient, VerifiableChannel } from '../channels/channel';
import { whyShown, type Reply } from '../core/reply';
import { recordNudge } from '../coaching/conversation';
import type { AgentProfile } from '../domain/types';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import { nudgeCounter } from '../metrics';
import type { Store } from '../store/store';
import type { DeliveryLedger } from './ledger';
import { DEAD_KIND, loadScheduleInputs, plannedForPerson, prefsOf, type DeadRecipient } from './planning';
import { nudgeJobId } from './queue';
import type { Rate, WorkspaceLimiter } from './rateLimit';
import type { DeliverJobData, NudgeChannelKind, NudgeKind } from './types';
import { pauseChannel, pausedChannels, SLACK_WORKSPACE_REASONS } from './workspaces';

export type NudgeChannels = Partial<Record<NudgeChannelKind, ProactiveChannel>>;
export type { VerifiableChannel };

function isVerifiable(channel: ProactiveChannel): channel is VerifiableChannel {
  return typeof (channel as Partial<VerifiableChannel>).wasDelivered === 'function';
}

/**
 * A platform's send rates: `perSecond`/`burst` per channel (the person's Slack DM or Teams conversation),
 * `workspace` for the whole workspace or tenant. Both are shared by every replica (rateLimit.ts).
 */
export interface RateSpec {
  perSecond: number;
  burst?: number;
  /** Cap over all channels of one workspace (Slack) or tenant (Teams); none: no cap. */
  workspace?: Rate;
}

export interface DeliveryDeps {
  store: Store;
  channels: NudgeChannels;
  ledger: DeliveryLedger;
  limiter: WorkspaceLimiter;
  compose: (tenant: string, person: AgentProfile, kind: NudgeKind, date: string) => Promise<Reply>;
  /** Send rates by platform, per channel and per workspace (none: unlimited). */
  rates?: Partial<Record<NudgeChannelKind, RateSpec>>;
  /** How long a send may take before its lock expires (default 60 s). */
  sendLockMs?: number;
  /** Longest wait for a send slot inside the job; longer waits re-delay the job (default 5 s). */
  maxInlineWaitMs?: number;
  /** A nudge more than this late is skipped, e.g. a morning nudge after a long outage (default 6 h). */
  maxLatenessMs?: number;
  /**
   * A previous attempt died mid-send and the channel cannot verify: resend (at-least-once, default)
   * or skip (at-most-once).
   */
  onUncertain?: 'resend' | 'skip';
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  logger?: Logger;
  /** Test hooks around the commit point (crash simulation). */
  hooks?: { afterSend?: (data: DeliverJobData) => Promise<void>; afterCommit?: (data: DeliverJobData) => Promise<void> };
}

export interface DeliveryOutcome {
  status: 'sent' | 'skipped' | 'dead';
  reason?: string;
  channel?: NudgeChannelKind;
  messageId?: string;
}

interface Route {
  kind: NudgeChannelKind;
  channel: ProactiveChannel;
  platformUserId: string;
}

/** The person's channel: their preference first, then Slack, Teams, console — the first they can be reached on. */
export function resolveRoute(person: AgentProfile, preferred: NudgeChannelKind | null, channels: NudgeChannels): Route | null {
  const order: NudgeChannelKind[] = ['slack', 'teams', 'console'];
  if (preferred) order.unshift(preferred);
  for (const kind of order) {
    const channel = channels[kind];
    const platformUserId = kind === 'slack' ? person.slack : kind === 'teams' ? person.teams : person.id;
    if (channel && platformUserId) return { kind, channel, platformUserId };
  }
  return null;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class NudgeDelivery {
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly logger: Logger;

  constructor(private readonly deps: DeliveryDeps) {
    this.now = deps.now ?? Date.now;
    this.sleep = deps.sleep ?? defaultSleep;
    this.logger = deps.logger ?? silentLogger;
  }

  /** Re-delays the running job by `ms` of the delivery clock (BullMQ's documented moveToDelayed + DelayedError). */
  private async delay(job: Job<DeliverJobData>, token: string | undefined, ms: number): Promise<never> {
    await job.moveToDelayed(Date.now() + Math.max(0, Math.ceil(ms)), token);
    throw new DelayedError();
  }

  private skip(data: DeliverJobData, reason: string, channel = 'none'): DeliveryOutcome {
    nudgeCounter.inc({ event: 'skipped', kind: data.kind, channel });
    this.logger.debug({ tenant: data.tenant, kind: data.kind, reason }, 'nudges: skipped');
    return { status: 'skipped', reason };
  }

  async process(job: Job<DeliverJobData>, token: string | undefined): Promise<DeliveryOutcome> {
    const { deps } = this;
    const data = job.data;
    const key = nudgeJobId(data.tenant, data.user, data.date, data.kind);
    if (await deps.ledger.isSent(data.tenant, key)) return this.skip(data, 'already_sent');

    const inputs = await loadScheduleInputs(deps.store, data.tenant, [data.user]);
    const person = inputs.people[0];
    if (!person) return this.skip(data, 'unknown_person');
    if (inputs.dead.has(person.id)) return this.skip(data, 'dead');
    const due = plannedForPerson(inputs, person, data.date).find((n) => n.kind === data.kind);
    if (!due) return this.skip(data, 'not_due'); // stopped, paused, day off, role or zone changed
    const dueAt = Date.parse(due.at);
    if (dueAt - this.now() > 60_000) {
      // The person's time or zone changed after this job was planned: follow the new time.
      await job.updateData({ ...data, at: due.at });
      return this.delay(job, token, dueAt - this.now());
    }
    if (this.now() - dueAt > (deps.maxLatenessMs ?? 6 * 3600_000)) return this.skip(data, 'too_late');

    // A channel paused in this workspace (Lingyan uninstalled there) is as if it were not configured.
    const paused = await pausedChannels(deps.store, data.tenant);
    const channels = paused.size === 0 ? deps.channels : Object.fromEntries(Object.entries(deps.channels).filter(([kind]) => !paused.has(kind as NudgeChannelKind)));
    const route = resolveRoute(person, prefsOf(inputs, person).channel, channels);
    if (!route) return this.skip(data, paused.size > 0 ? 'workspace_paused' : 'no_channel');
    const reply = await deps.compose(data.tenant, person, data.kind, data.date);
    const withKey: Reply = { ...reply, data: { ...reply.data, nudgeKey: key } };

    // The workspace bucket is the platform's tenant; the channel bucket the person's DM / conversation (one
    // per person, so their platform id names it before the DM is even opened).
    const bucket = { workspace: `${route.kind}:${data.tenant}`, channel: route.platformUserId };
    const rate = deps.rates?.[route.kind];
    if (rate) {
      const maxWaitMs = deps.maxInlineWaitMs ?? 5_000;
      const reserve = () => deps.limiter.reserve({
        ...bucket,
        channelRate: { perSecond: rate.perSecond, burst: rate.burst ?? 1 },
        ...(rate.workspace ? { workspaceRate: rate.workspace } : {}),
        maxWaitMs,
      });
      let slot = await reserve();
      // Not granted within reach (this DM busy for a moment): wait and ask again, a few times at most.
      for (let tries = 0; !slot.granted && slot.waitMs <= maxWaitMs && tries < 3; tries++) {
        await this.sleep(slot.waitMs);
        slot = await reserve();
      }
      if (!slot.granted) {
        nudgeCounter.inc({ event: 'retried', kind: data.kind, channel: route.kind });
        return this.delay(job, token, slot.waitMs);
      }
      if (slot.waitMs > 0) await this.sleep(slot.waitMs);
    }

    const lockToken = randomUUID();
    const recipient: ProactiveRecipient = { tenant: data.tenant, platformUserId: route.platformUserId };
    const lock = await deps.ledger.acquire(data.tenant, key, lockToken, deps.sendLockMs ?? 60_000);
    if (lock.state === 'sent') return this.skip(data, 'already_sent', route.kind);
    if (lock.state === 'locked') return this.delay(job, token, lock.lockTtlMs + 250);
    if (lock.state === 'uncertain') {
      const seen = isVerifiable(route.channel) ? await route.channel.wasDelivered(recipient, key, withKey) : undefined;
      const policy = deps.onUncertain ?? 'resend';
      if (seen === undefined) {
        // The one case where a person may get a nudge twice (resend) or not at all (skip): worth a line.
        this.logger.warn({ tenant: data.tenant, jobId: job.id, kind: data.kind, channel: route.kind, policy }, 'nudges: an earlier attempt died mid-send and the channel cannot tell whether it arrived');
      }
      if (seen === true || (seen === undefined && policy === 'skip')) {
        await deps.ledger.commitSent(data.tenant, key, lockToken, JSON.stringify({ verified: seen === true, at: new Date().toISOString() }));
        return this.skip(data, seen ? 'verified_sent' : 'uncertain', route.kind);
      }
    }

    let result: DeliveryResult;
    try {
      result = await route.channel.sendToUser(recipient, withKey);
    } catch (error) {
      // A channel must not throw; if it does, the outcome is unknown: keep the attempt trace (the lock
      // expires) so the retry verifies or follows `onUncertain` instead of blindly resending.
      nudgeCounter.inc({ event: 'retried', kind: data.kind, channel: route.kind });
      throw error;
    }
    const outcome = await this.settle(job, token, data, key, lockToken, route, bucket, result);
    if (outcome.status === 'sent') await this.remember(data, key, withKey);
    return outcome;
  }

  /**
   * The nudge as sent goes into the person's conversation (redacted), so a reply to it is answered in its
   * context (followUp.ts, the coach prompt). It is a convenience: a failure is logged, the nudge stays sent.
   */
  private async remember(data: DeliverJobData, key: string, reply: Reply): Promise<void> {
    try {
      await recordNudge(this.deps.store, data.tenant, data.user, {
        kind: data.kind, date: data.date, at: new Date(this.now()), key,
        ...(reply.title ? { title: reply.title } : {}), text: reply.text, why: whyShown(reply),
      });
    } catch (error) {
      this.logger.warn({ tenant: data.tenant, kind: data.kind, err: error instanceof Error ? error.message : String(error) }, 'nudges: could not write the nudge into the conversation');
    }
  }

  private async settle(
    job: Job<DeliverJobData>, token: string | undefined, data: DeliverJobData, key: string, lockToken: string,
    route: Route, bucket: { workspace: string; channel: string }, result: DeliveryResult,
  ): Promise<DeliveryOutcome> {
    const { deps } = this;
    const labels = { kind: data.kind, channel: route.kind };
    switch (result.status) {
      case 'sent': {
        await deps.hooks?.afterSend?.(data);
        await deps.ledger.commitSent(data.tenant, key, lockToken, JSON.stringify({ channel: route.kind, messageId: result.messageId ?? null, at: new Date().toISOString() }));
        await deps.hooks?.afterCommit?.(data);
        nudgeCounter.inc({ event: 'sent', ...labels });
        return { status: 'sent', channel: route.kind, ...(result.messageId ? { messageId: result.messageId } : {}) };
      }
      case 'dead': {
        await deps.ledger.release(data.tenant, key, lockToken);
        if (route.kind === 'slack' && SLACK_WORKSPACE_REASONS.has(result.reason)) {
          // The workspace's token no longer works (the uninstall event may have been missed): pause the
          // workspace until a reinstall rather than marking its people dead one by one.
          await pauseChannel(deps.store, data.tenant, route.kind, `send:${result.reason}`, new Date(this.now()));
          nudgeCounter.inc({ event: 'skipped', ...labels });
          this.logger.warn({ tenant: data.tenant, jobId: job.id, channel: route.kind, reason: result.reason }, 'nudges: the workspace token no longer works; its nudges are paused until Lingyan is reinstalled');
          return { status: 'skipped', reason: 'workspace_paused', channel: route.kind };
        }
        const doc: DeadRecipient = { agent: data.user, reason: result.reason, channel: route.kind, at: new Date(this.now()).toISOString() };
        await deps.store.putDoc(data.tenant, DEAD_KIND, data.user, doc);
        nudgeCounter.inc({ event: 'skipped', ...labels });
        this.logger.info({ tenant: data.tenant, jobId: job.id, channel: route.kind, reason: result.reason }, 'nudges: recipient marked dead');
        return { status: 'dead', reason: result.reason, channel: route.kind };
      }
      case 'rate_limited': {
        await deps.ledger.release(data.tenant, key, lockToken);
        // The channel waits out Retry-After; the workspace only when 429s say the workspace is limited.
        const scope = await deps.limiter.penalize(bucket.workspace, bucket.channel, result.retryAfterMs);
        nudgeCounter.inc({ event: 'retried', ...labels });
        this.logger.warn({ tenant: data.tenant, jobId: job.id, channel: route.kind, retryAfterMs: result.retryAfterMs, scope }, 'nudges: rate limited, re-delayed');
        return this.delay(job, token, result.retryAfterMs);
      }
      case 'failed': {
        await deps.ledger.release(data.tenant, key, lockToken);
        const last = !result.retryable || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        nudgeCounter.inc({ event: last ? 'failed' : 'retried', ...labels });
        if (!result.retryable) throw new UnrecoverableError(result.reason);
        throw new Error(result.reason);
      }
    }
  }
}
