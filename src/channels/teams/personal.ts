// Sends activities into a person's personal (1:1) chat with the bot: continues the stored conversation, or
// opens one with createConversationAsync and remembers it. Errors propagate; callers classify them.
import type { Activity, CloudAdapter, ConversationParameters, TurnContext } from 'botbuilder';
import { ConversationRefs, toSdkReference } from './references';
import type { StoredConversationReference, TeamsUserRef } from './types';

/** The OAuth scope for Bot Framework channels (public cloud). */
export const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';

export class PersonalChats {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly refs: ConversationRefs,
  ) {}

  /**
   * Sends in order; returns the id of the last activity sent. Connector errors are rethrown here: inside the
   * adapter's pipeline they would otherwise end in onTurnError and look like success.
   */
  async send(user: TeamsUserRef, activities: Array<Partial<Activity>>): Promise<string | undefined> {
    let lastId: string | undefined;
    let failure: { error: unknown } | undefined;
    const sendAll = async (context: TurnContext): Promise<void> => {
      try {
        const responses = await context.sendActivities(activities);
        lastId = responses.at(-1)?.id;
      } catch (error) {
        failure = { error };
      }
    };
    if (user.personal) {
      await this.adapter.continueConversationAsync(this.appId, toSdkReference(user.personal), sendAll);
      if (failure) throw failure.error;
      return lastId;
    }
    const parameters = {
      isGroup: false,
      bot: { id: user.bot.id, name: user.bot.name ?? '' },
      members: [{ id: user.userId, name: user.name ?? '' }],
      tenantId: user.tenant,
      channelData: { tenant: { id: user.tenant } },
    } as ConversationParameters;
    await this.adapter.createConversationAsync(
      this.appId,
      'msteams',
      user.serviceUrl,
      BOT_FRAMEWORK_AUDIENCE,
      parameters,
      async (context) => {
        const conversationId = context.activity.conversation?.id;
        if (conversationId) {
          const personal: StoredConversationReference = {
            bot: user.bot,
            user: { id: user.userId, name: user.name, aadObjectId: user.aadObjectId },
            conversation: { id: conversationId, conversationType: 'personal', tenantId: user.tenant, isGroup: false },
            channelId: 'msteams',
            serviceUrl: user.serviceUrl,
          };
          await this.refs.setPersonal(user.tenant, user.aadObjectId, JSON.parse(JSON.stringify(personal)) as StoredConversationReference);
        }
        await sendAll(context);
      },
    );
    if (failure) throw failure.error;
    return lastId;
  }
}
