// Configuration, logger and stored-document shapes of the Teams channel (no SDK imports here).

export type TeamsAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export interface TeamsConfig {
  appId: string;
  appPassword: string;
  appTenantId?: string;
  appType: TeamsAppType;
  /** When set, messages from any other Teams tenant are refused (logged, polite reply). */
  allowedTenants?: readonly string[];
}

/** pino-compatible structured logger (a pino Logger satisfies it). */
export interface TeamsLogger {
  debug(obj: Record<string, unknown>, msg?: string): void;
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
}

/** A JSON-safe Bot Framework conversation reference (what `TurnContext.getConversationReference` returns). */
export interface StoredConversationReference {
  activityId?: string;
  user?: { id: string; name?: string; aadObjectId?: string; role?: string };
  bot: { id: string; name?: string; role?: string };
  conversation: { id: string; conversationType?: string; tenantId?: string; isGroup?: boolean; name?: string };
  channelId: string;
  serviceUrl: string;
  locale?: string;
}

export type RefStatus = 'active' | 'removed' | 'dead';

/** `teams_ref` doc, keyed by the person's AAD object id: how to reach them in personal chat. */
export interface TeamsUserRef {
  aadObjectId: string;
  tenant: string;
  /** The person's Bot Framework id in this tenant (29:...), used to open a personal chat. */
  userId: string;
  name?: string;
  serviceUrl: string;
  bot: { id: string; name?: string };
  /** The personal conversation, once one exists (install, first 1:1 message, or created on demand). */
  personal?: StoredConversationReference;
  locale?: string;
  timezone?: string;
  status: RefStatus;
  reason?: string;
  updatedAt: string;
}

/** `teams_conv_ref` doc, keyed by conversation id: a team channel or group chat the bot is in. */
export interface TeamsConversationRef {
  conversationId: string;
  tenant: string;
  conversationType: 'channel' | 'groupChat' | 'personal';
  teamId?: string;
  reference: StoredConversationReference;
  status: RefStatus;
  reason?: string;
  updatedAt: string;
}

export const USER_REF_KIND = 'teams_ref';
export const CONVERSATION_REF_KIND = 'teams_conv_ref';

/** How a message turn is kept inside Bot Framework's 15 s limit, and how fast it streams. */
export interface TeamsTiming {
  /**
   * How long a message turn may wait for the engine before it answers the inbound request and continues
   * in a proactive continuation of the same conversation (default 8 s: the rest of the 15 s is margin for
   * the steps before and the sends after).
   */
  inlineBudgetMs?: number;
  /** Minimum time between two streaming updates in personal chat (default 1 s). */
  streamIntervalMs?: number;
  /** Monotonic milliseconds for both (tests use a fake). */
  monotonic?: () => number;
}
