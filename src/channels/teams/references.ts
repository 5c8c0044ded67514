// Conversation references in the Store: who can be reached in personal chat (`teams_ref`, by AAD object id)
// and which channels/group chats the bot is in (`teams_conv_ref`); install, uninstall and dead marks.
import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { Store } from '../../store/store';
import {
  CONVERSATION_REF_KIND,
  USER_REF_KIND,
  type RefStatus,
  type StoredConversationReference,
  type TeamsConversationRef,
  type TeamsUserRef,
} from './types';

export type RefStore = Pick<Store, 'getDoc' | 'putDoc' | 'listDocs'>;

/** Converts the SDK's reference into the JSON shape kept in the Store (drops undefined, keeps ids). */
export function toStoredReference(ref: Partial<ConversationReference>): StoredConversationReference | null {
  if (!ref.conversation?.id || !ref.serviceUrl || !ref.bot?.id || !ref.channelId) return null;
  const stored: StoredConversationReference = {
    bot: { id: ref.bot.id, name: ref.bot.name },
    conversation: {
      id: ref.conversation.id,
      conversationType: ref.conversation.conversationType,
      tenantId: ref.conversation.tenantId,
      isGroup: ref.conversation.isGroup,
    },
    channelId: ref.channelId,
    serviceUrl: ref.serviceUrl,
  };
  if (ref.activityId) stored.activityId = ref.activityId;
  if (ref.locale) stored.locale = ref.locale;
  if (ref.user?.id) stored.user = { id: ref.user.id, name: ref.user.name, aadObjectId: ref.user.aadObjectId };
  return JSON.parse(JSON.stringify(stored)) as StoredConversationReference;
}

/** The SDK shape expected by `continueConversationAsync`. */
export function toSdkReference(ref: StoredConversationReference): Partial<ConversationReference> {
  return { ...ref, conversation: { ...ref.conversation, isGroup: ref.conversation.isGroup ?? false, name: '' } } as Partial<
    ConversationReference
  >;
}

function conversationType(activity: Partial<Activity>): 'personal' | 'channel' | 'groupChat' {
  const type = activity.conversation?.conversationType;
  if (type === 'channel' || type === 'groupChat') return type;
  return 'personal';
}

export class ConversationRefs {
  constructor(
    private readonly store: RefStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  getUser(tenant: string, aadObjectId: string): Promise<TeamsUserRef | null> {
    return this.store.getDoc<TeamsUserRef>(tenant, USER_REF_KIND, aadObjectId);
  }

  getConversation(tenant: string, conversationId: string): Promise<TeamsConversationRef | null> {
    return this.store.getDoc<TeamsConversationRef>(tenant, CONVERSATION_REF_KIND, conversationId);
  }

  listConversations(tenant: string): Promise<TeamsConversationRef[]> {
    return this.store.listDocs<TeamsConversationRef>(tenant, CONVERSATION_REF_KIND);
  }

  /**
   * Remembers the sender (and, outside personal chat, the conversation) of an inbound activity.
   * A personal conversation reference is kept until a newer personal one replaces it.
   */
  async remember(tenant: string, activity: Partial<Activity>, extra: { timezone?: string } = {}): Promise<void> {
    const stored = toStoredReference(TurnContext.getConversationReference(activity));
    if (!stored) return;
    const kind = conversationType(activity);
    const now = this.clock().toISOString();
    const from = activity.from;
    const aad = from?.aadObjectId;
    if (aad && from?.id && from.role !== 'bot') {
      const existing = await this.getUser(tenant, aad);
      const doc: TeamsUserRef = {
        aadObjectId: aad,
        tenant,
        userId: from.id,
        name: from.name,
        serviceUrl: stored.serviceUrl,
        bot: stored.bot,
        personal: kind === 'personal' ? stored : existing?.personal,
        locale: activity.locale ?? existing?.locale,
        timezone: extra.timezone ?? existing?.timezone,
        status: 'active',
        updatedAt: now,
      };
      await this.store.putDoc(tenant, USER_REF_KIND, aad, JSON.parse(JSON.stringify(doc)) as TeamsUserRef);
    }
    if (kind !== 'personal') await this.rememberConversation(tenant, activity, stored, 'active');
  }

  /** Records (or re-activates) a channel/group conversation, e.g. when the bot is added to a team. */
  async rememberConversation(
    tenant: string,
    activity: Partial<Activity>,
    stored: StoredConversationReference | null = toStoredReference(TurnContext.getConversationReference(activity)),
    status: RefStatus = 'active',
    reason?: string,
  ): Promise<void> {
    if (!stored) return;
    const channelData = (activity.channelData ?? {}) as { team?: { id?: string } };
    const doc: TeamsConversationRef = {
      conversationId: stored.conversation.id,
      tenant,
      conversationType: conversationType(activity),
      reference: stored,
      status,
      updatedAt: this.clock().toISOString(),
    };
    if (channelData.team?.id) doc.teamId = channelData.team.id;
    if (reason) doc.reason = reason;
    await this.store.putDoc(tenant, CONVERSATION_REF_KIND, doc.conversationId, doc);
  }

  async setPersonal(tenant: string, aadObjectId: string, personal: StoredConversationReference): Promise<void> {
    const existing = await this.getUser(tenant, aadObjectId);
    if (!existing) return;
    await this.store.putDoc(tenant, USER_REF_KIND, aadObjectId, { ...existing, personal, updatedAt: this.clock().toISOString() });
  }

  /** Marks a person unreachable: `removed` (uninstalled) or `dead` (403/404 from the connector). */
  async markUser(tenant: string, aadObjectId: string, status: Exclude<RefStatus, 'active'>, reason: string): Promise<void> {
    const existing = await this.getUser(tenant, aadObjectId);
    if (!existing) return;
    await this.store.putDoc(tenant, USER_REF_KIND, aadObjectId, {
      ...existing,
      status,
      reason,
      updatedAt: this.clock().toISOString(),
    });
  }

  async markConversation(tenant: string, conversationId: string, status: Exclude<RefStatus, 'active'>, reason: string): Promise<void> {
    const existing = await this.getConversation(tenant, conversationId);
    if (!existing) return;
    await this.store.putDoc(tenant, CONVERSATION_REF_KIND, conversationId, {
      ...existing,
      status,
      reason,
      updatedAt: this.clock().toISOString(),
    });
  }
}
