// Proactive DMs for the nudge worker: conversations.open + chat.postMessage with a client that rejects
// rate-limited calls (the job re-delays by Retry-After), throttled to ≥ 1 s between posts per channel.
// A nudge carries its key as message metadata, so after a crash mid-send the worker can look in the DM
// history whether it arrived (wasDelivered) instead of sending it twice.
import { webApi } from '@slack/bolt';
import type { DeliveryResult, ProactiveRecipient, VerifiableChannel } from '../channel';
import type { Reply } from '../../core/reply';
import type { Store } from '../../store/store';
import { SlackRenderer } from './blocks';
import { rememberForWhy, uploadFile } from './deliver';
import { classifySlackError } from './errors';
import { errorFields } from './identity';
import { LIMITS } from './limits';
import { nudgeSettingsBlock } from './modals';
import { boltLogger } from './logger';
import type { SlackLogger } from './types';
import { slackFetch } from './transport';

export interface SlackProactiveOptions {
  /** The bot token of a workspace, or null when it never installed Lingyan (or removed it). */
  tokenFor: (tenant: string) => Promise<string | null>;
  logger: SlackLogger;
  /** Stores replies so their "why this number?" button works; omitted → no why button. */
  store?: Store;
  apiUrl?: string;
  /** Minimum gap between two posts to one channel (default 1000 ms). */
  minIntervalMs?: number;
  renderer?: SlackRenderer;
  sleep?: (ms: number) => Promise<void>;
  clock?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A nudge or digest from the worker (composeNudge), not another proactive reply. */
function isNudge(reply: Reply): boolean {
  return reply.intent === 'nudges' && typeof reply.data.kind === 'string' && typeof reply.data.date === 'string';
}

/** Metadata event type of a nudge message; its payload holds the nudge key. */
export const NUDGE_METADATA_TYPE = 'lingyan_nudge';
/** Messages of the DM read back by wasDelivered: a retry comes minutes after the attempt, not days. */
const HISTORY_LIMIT = 50;

export class SlackProactiveChannel implements VerifiableChannel {
  readonly kind = 'slack' as const;
  private readonly clients = new Map<string, webApi.WebClient>();
  private readonly lastPost = new Map<string, number>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly renderer: SlackRenderer;
  private readonly minIntervalMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly clock: () => number;

  constructor(private readonly options: SlackProactiveOptions) {
    this.renderer = options.renderer ?? new SlackRenderer();
    this.minIntervalMs = options.minIntervalMs ?? 1000;
    this.sleep = options.sleep ?? defaultSleep;
    this.clock = options.clock ?? Date.now;
  }

  async sendToUser(recipient: ProactiveRecipient, reply: Reply): Promise<DeliveryResult> {
    const { tenant, platformUserId: userId } = recipient;
    const log = this.options.logger;
    let token: string | null;
    try {
      token = await this.options.tokenFor(tenant);
    } catch (error) {
      log.error({ tenant, userId, err: errorFields(error) }, 'slack proactive: token lookup failed');
      return { status: 'failed', reason: 'token_lookup', retryable: true };
    }
    if (!token) {
      log.warn({ tenant, userId }, 'slack proactive: workspace not installed; recipient marked dead');
      return { status: 'dead', reason: 'not_installed' };
    }
    const client = this.clientFor(token);
    try {
      const opened = await client.conversations.open({ users: userId });
      const channel = opened.channel?.id;
      if (!channel) return { status: 'failed', reason: 'no_channel', retryable: true };
      // A nudge answers no question, so its "why" needs a stored copy (one per agent and day).
      const whyKey = this.options.store ? await rememberForWhy(this.options.store, tenant, reply, log) : undefined;
      const message = this.renderer.render(reply, whyKey ? { why: { kind: 'stored', key: whyKey } } : {});
      // Every nudge and digest carries its settings buttons: not today, not tomorrow, reminder settings.
      if (isNudge(reply) && message.blocks.length < LIMITS.messageBlocks) message.blocks = [...message.blocks, nudgeSettingsBlock(reply.locale)];
      const nudgeKey = typeof reply.data.nudgeKey === 'string' ? reply.data.nudgeKey : undefined;
      const metadata = nudgeKey ? { event_type: NUDGE_METADATA_TYPE, event_payload: { nudge_key: nudgeKey } } : undefined;
      const posted = await this.throttled(`${tenant}:${channel}`, () =>
        client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, ...(metadata ? { metadata } : {}) }),
      );
      if (reply.chart) await this.uploadChart(client, channel, reply, tenant, userId);
      return { status: 'sent', ...(posted.ts ? { messageId: posted.ts } : {}) };
    } catch (error) {
      const failure = classifySlackError(error, 'dm');
      log.warn({ tenant, userId, failure, err: errorFields(error) }, 'slack proactive delivery failed');
      switch (failure.kind) {
        case 'rate_limited':
          return { status: 'rate_limited', retryAfterMs: failure.retryAfterMs };
        case 'dead':
        case 'not_in_channel':
        case 'channel_not_found':
          return { status: 'dead', reason: failure.reason };
        case 'upstream':
          return { status: 'failed', reason: failure.reason, retryable: failure.retryable };
        default:
          return { status: 'failed', reason: failure.reason, retryable: false };
      }
    }
  }

  /**
   * Whether the nudge `nudgeKey` is already in the person's DM with the bot (its metadata); undefined when
   * Slack cannot be asked (the worker then follows its `onUncertain` policy).
   */
  async wasDelivered(recipient: ProactiveRecipient, nudgeKey: string): Promise<boolean | undefined> {
    const { tenant, platformUserId: userId } = recipient;
    try {
      const token = await this.options.tokenFor(tenant);
      if (!token) return undefined;
      const client = this.clientFor(token);
      const channel = (await client.conversations.open({ users: userId })).channel?.id;
      if (!channel) return undefined;
      const history = await client.conversations.history({ channel, limit: HISTORY_LIMIT, include_all_metadata: true });
      return (history.messages ?? []).some(
        (m) => m.metadata?.event_type === NUDGE_METADATA_TYPE && (m.metadata.event_payload as { nudge_key?: unknown } | undefined)?.nudge_key === nudgeKey,
      );
    } catch (error) {
      this.options.logger.warn({ tenant, userId, err: errorFields(error) }, 'slack proactive: could not check the DM history');
      return undefined;
    }
  }

  private clientFor(token: string): webApi.WebClient {
    let client = this.clients.get(token);
    if (!client) {
      client = new webApi.WebClient(token, {
        fetch: slackFetch,
        rejectRateLimitedCalls: true,
        retryConfig: { retries: 0 },
        ...(this.options.apiUrl ? { slackApiUrl: this.options.apiUrl } : {}),
        logger: boltLogger(this.options.logger),
      });
      this.clients.set(token, client);
    }
    return client;
  }

  /** Serializes posts per channel and keeps ≥ minIntervalMs between them. */
  private throttled<T>(key: string, post: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const run = previous
      .catch(() => undefined)
      .then(async () => {
        const wait = (this.lastPost.get(key) ?? -Infinity) + this.minIntervalMs - this.clock();
        if (wait > 0) await this.sleep(wait);
        try {
          return await post();
        } finally {
          this.lastPost.set(key, this.clock());
        }
      });
    this.queues.set(key, run);
    void run.finally(() => {
      if (this.queues.get(key) === run) this.queues.delete(key);
    }).catch(() => undefined);
    return run;
  }

  private async uploadChart(client: webApi.WebClient, channel: string, reply: Reply, tenant: string, userId: string): Promise<void> {
    if (!reply.chart) return;
    try {
      const file = Buffer.from(reply.chart.pngBase64, 'base64');
      await uploadFile(client, { channel }, { file, filename: 'chart.png', title: reply.chart.title, alt_text: reply.chart.altText });
    } catch (error) {
      // The message itself went out; a missing chart is logged, not retried.
      this.options.logger.warn({ tenant, userId, err: errorFields(error) }, 'slack proactive: chart upload failed');
    }
  }
}
