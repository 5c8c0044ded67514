// What the nudge scheduler and server need from a chat platform, independent of its SDK.
import type { Reply } from '../core/reply';

export type DeliveryResult =
  | { status: 'sent'; messageId?: string }
  /** The recipient can no longer be reached (user left, app removed): mark and skip from now on. */
  | { status: 'dead'; reason: string }
  /** The platform asked us to wait (HTTP 429 Retry-After); the caller re-delays the job. */
  | { status: 'rate_limited'; retryAfterMs: number }
  | { status: 'failed'; reason: string; retryable: boolean };

export interface ProactiveRecipient {
  tenant: string;
  /** The person's platform id (Slack user id, Teams AAD object id). */
  platformUserId: string;
}

export interface ProactiveChannel {
  readonly kind: 'slack' | 'teams' | 'console';
  /** Sends a private message (DM / personal chat) to one person. Never throws for platform errors. */
  sendToUser(recipient: ProactiveRecipient, reply: Reply): Promise<DeliveryResult>;
}

/**
 * A channel that can tell whether a nudge already arrived (by its key, also carried in
 * `reply.data.nudgeKey`, or by the message itself); undefined = cannot tell.
 */
export interface VerifiableChannel extends ProactiveChannel {
  wasDelivered(recipient: ProactiveRecipient, nudgeKey: string, reply: Reply): Promise<boolean | undefined>;
}
