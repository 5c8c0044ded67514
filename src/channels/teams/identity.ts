// Who and where an activity comes from, in the engine's terms: tenant, AAD identity, locale, time zone,
// and whether the conversation is shared (team channel or group chat).
import type { Activity } from 'botbuilder';
import type { Inbound } from '../../core/engine';

export interface TeamsWho {
  tenant: string | null;
  /** AAD object id when Teams sends one, else the Bot Framework user id. */
  userId: string;
  aadObjectId?: string;
  name?: string;
  locale?: string;
  tz?: string;
  shared: boolean;
  conversationType: 'personal' | 'channel' | 'groupChat';
  conversationId: string;
  threadId?: string;
  /** "<conversation id>:<activity id>": the same activity redelivered has the same one. */
  messageId?: string;
}

function isIanaZone(value: string | undefined): value is string {
  if (!value) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export function tenantOf(activity: Partial<Activity>): string | null {
  const channelData = (activity.channelData ?? {}) as { tenant?: { id?: unknown } };
  const fromChannelData = typeof channelData.tenant?.id === 'string' ? channelData.tenant.id : undefined;
  return activity.conversation?.tenantId || fromChannelData || null;
}

export function whoFrom(activity: Partial<Activity>): TeamsWho {
  const type = activity.conversation?.conversationType;
  const conversationType = type === 'channel' || type === 'groupChat' ? type : 'personal';
  const conversationId = activity.conversation?.id ?? '';
  // A channel reply thread is addressed as "<channel id>;messageid=<root message id>".
  const thread = /;messageid=(\d+)/.exec(conversationId);
  const who: TeamsWho = {
    tenant: tenantOf(activity),
    userId: activity.from?.aadObjectId ?? activity.from?.id ?? '',
    shared: conversationType !== 'personal',
    conversationType,
    conversationId,
  };
  if (activity.id) who.messageId = `${conversationId}:${activity.id}`;
  if (activity.from?.aadObjectId) who.aadObjectId = activity.from.aadObjectId;
  if (activity.from?.name) who.name = activity.from.name;
  if (activity.locale) who.locale = activity.locale;
  if (isIanaZone(activity.localTimezone)) who.tz = activity.localTimezone;
  if (thread) who.threadId = thread[1];
  return who;
}

/** The engine's Inbound for a message (or the shared part of a form submission). */
export function inboundFrom(who: TeamsWho & { tenant: string; requestId?: string }, text: string, now: Date): Inbound {
  const inbound: Inbound = {
    tenant: who.tenant,
    user: { platform: 'teams', id: who.userId },
    text,
    now,
    channel: { kind: 'teams', shared: who.shared, conversationId: who.conversationId },
  };
  if (who.name) inbound.user.name = who.name;
  if (who.locale) inbound.locale = who.locale;
  if (who.tz) inbound.tz = who.tz;
  if (who.threadId) inbound.channel.threadId = who.threadId;
  if (who.requestId) inbound.requestId = who.requestId;
  if (who.messageId) inbound.messageId = who.messageId;
  return inbound;
}

/** `/coach plan` from a card button is routed like the slash command: the sub is the first word. */
export function commandText(text: string): { text: string; isCommand: boolean } {
  const match = /^\/coach(?:\s+([\s\S]*))?$/i.exec(text.trim());
  if (!match) return { text: text.trim(), isCommand: false };
  return { text: (match[1] ?? '').trim(), isCommand: true };
}
