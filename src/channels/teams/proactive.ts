// TeamsProactiveChannel: nudges and digests into personal chat from stored references. Rate-limited per
// conversation (7/s) and per tenant (50/s); connector errors become DeliveryResults, never exceptions.
import type { DeliveryResult, ProactiveChannel, ProactiveRecipient } from '../channel';
import type { Reply } from '../../core/reply';
import type { ReplyDelivery } from './deliver';
import { isNudgeReply, withSettingsButtons } from './settingsCard';
import type { PersonalChats } from './personal';
import { backoffMs, KeyedRateLimiter, realClock, type Clock } from './rateLimit';
import type { ConversationRefs } from './references';
import type { TeamsLogger } from './types';

export interface ProactiveDeps {
  refs: ConversationRefs;
  personal: PersonalChats;
  delivery: ReplyDelivery;
  logger: TeamsLogger;
  clock?: Clock;
  random?: () => number;
}

interface HttpFailure {
  status?: number;
  retryAfterMs?: number;
  message: string;
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const getter = (headers as { get?: unknown }).get;
  if (typeof getter === 'function') {
    const value: unknown = getter.call(headers, name);
    if (typeof value === 'string') return value;
  }
  const record = headers as Record<string, unknown>;
  const direct = record[name] ?? record[name.toLowerCase()];
  return typeof direct === 'string' ? direct : undefined;
}

/** Retry-After is seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Status code and Retry-After of an error thrown by the Bot Framework connector client (core-rest-pipeline RestError). */
export function httpFailure(error: unknown, now: number): HttpFailure {
  if (!error || typeof error !== 'object') return { message: String(error) };
  const e = error as { statusCode?: unknown; status?: unknown; message?: unknown; response?: { status?: unknown; headers?: unknown } };
  const status = [e.statusCode, e.status, e.response?.status].find((v): v is number => typeof v === 'number');
  const retryAfterMs = parseRetryAfter(headerValue(e.response?.headers, 'retry-after'), now);
  return { status, retryAfterMs, message: typeof e.message === 'string' ? e.message : String(error) };
}

export class TeamsProactiveChannel implements ProactiveChannel {
  readonly kind = 'teams' as const;
  private readonly perConversation: KeyedRateLimiter;
  private readonly perTenant: KeyedRateLimiter;
  private readonly clock: Clock;
  private readonly random: () => number;
  /** Consecutive 429s per tenant, for backoff when Teams sends no Retry-After. */
  private readonly throttled = new Map<string, number>();

  constructor(private readonly deps: ProactiveDeps) {
    this.clock = deps.clock ?? realClock;
    this.random = deps.random ?? Math.random;
    this.perConversation = new KeyedRateLimiter(7, 7, this.clock);
    this.perTenant = new KeyedRateLimiter(50, 50, this.clock);
  }

  async sendToUser(recipient: ProactiveRecipient, reply: Reply): Promise<DeliveryResult> {
    const { tenant, platformUserId } = recipient;
    let user;
    try {
      user = await this.deps.refs.getUser(tenant, platformUserId);
    } catch (error) {
      return { status: 'failed', reason: `store: ${error instanceof Error ? error.message : String(error)}`, retryable: true };
    }
    if (!user) return { status: 'failed', reason: 'no conversation reference (the user has not installed or messaged the app)', retryable: false };
    if (user.status !== 'active') return { status: 'dead', reason: user.reason ?? `reference ${user.status}` };

    await this.perTenant.acquire(tenant);
    await this.perConversation.acquire(user.personal?.conversation.id ?? `user:${platformUserId}`);
    try {
      const activities = await this.deps.delivery.activitiesFor(tenant, reply, false);
      // Every nudge and digest carries its settings buttons: not today, not tomorrow, reminder settings.
      if (isNudgeReply(reply)) withSettingsButtons(activities, reply.locale);
      const messageId = await this.deps.personal.send(user, activities);
      this.throttled.delete(tenant);
      return messageId ? { status: 'sent', messageId } : { status: 'sent' };
    } catch (error) {
      return this.classify(tenant, platformUserId, error);
    }
  }

  private async classify(tenant: string, aadObjectId: string, error: unknown): Promise<DeliveryResult> {
    const failure = httpFailure(error, this.clock.now());
    const log = { tenant, status: failure.status, err: failure.message };
    switch (failure.status) {
      case 403:
      case 404: {
        const reason = failure.status === 403 ? 'bot removed or blocked (403)' : 'conversation not found (404)';
        this.deps.logger.info(log, `teams: recipient unreachable, reference marked dead: ${reason}`);
        try {
          await this.deps.refs.markUser(tenant, aadObjectId, 'dead', reason);
        } catch (storeError) {
          this.deps.logger.error({ ...log, storeError: String(storeError) }, 'teams: could not mark reference dead');
        }
        return { status: 'dead', reason };
      }
      case 429: {
        const attempt = this.throttled.get(tenant) ?? 0;
        this.throttled.set(tenant, attempt + 1);
        const retryAfterMs = failure.retryAfterMs ?? backoffMs(attempt, 1000, 60_000, this.random);
        this.deps.logger.warn({ ...log, retryAfterMs }, 'teams: rate limited');
        return { status: 'rate_limited', retryAfterMs };
      }
      case 412:
      case 502:
      case 504:
      case 500:
      case 503:
        this.deps.logger.warn(log, 'teams: transient connector error');
        return { status: 'failed', reason: `HTTP ${failure.status}: ${failure.message}`, retryable: true };
      default:
        this.deps.logger.error(log, 'teams: proactive send failed');
        return {
          status: 'failed',
          reason: failure.status ? `HTTP ${failure.status}: ${failure.message}` : failure.message,
          retryable: failure.status === undefined,
        };
    }
  }
}
