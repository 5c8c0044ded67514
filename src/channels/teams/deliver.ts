// Turns a Reply into Teams activities (Adaptive Card + summary, file offer in personal chat) and sends it,
// moving `private` replies out of shared conversations into the person's personal chat.
import type { Activity, Attachment, TurnContext } from 'botbuilder';
import type { Reply } from '../../core/reply';
import type { Locale } from '../../domain/types';
import { t } from '../../i18n';
import { CARD_CONTENT_TYPE, type AdaptiveCardJson } from './cardTypes';
import type { AdaptiveCardRenderer } from './cards';
import type { FileOffers } from './files';
import type { TeamsWho } from './identity';
import type { PersonalChats } from './personal';
import type { ConversationRefs } from './references';
import type { TeamsLogger } from './types';

const SUMMARY_MAX = 200;

export function cardAttachment(card: AdaptiveCardJson): Attachment {
  return { contentType: CARD_CONTENT_TYPE, content: card };
}

/** A message activity carrying one card; `summary` is what notifications and screen readers show. */
export function cardActivity(card: AdaptiveCardJson, summary: string): Partial<Activity> {
  const firstLine = summary.split('\n').find((line) => line.trim().length > 0) ?? '';
  return { type: 'message', summary: firstLine.slice(0, SUMMARY_MAX), attachments: [cardAttachment(card)] };
}

export function textActivity(text: string): Partial<Activity> {
  return { type: 'message', text };
}

export class ReplyDelivery {
  constructor(
    private readonly renderer: AdaptiveCardRenderer,
    private readonly refs: ConversationRefs,
    private readonly personal: PersonalChats,
    private readonly files: FileOffers,
    private readonly logger: TeamsLogger,
  ) {}

  /** The activities for `reply` in a personal (`shared: false`) or shared conversation. */
  async activitiesFor(tenant: string, reply: Reply, shared: boolean): Promise<Array<Partial<Activity>>> {
    let forCard = reply;
    let fileOffer: Attachment | null = null;
    if (reply.file) {
      fileOffer = shared ? null : await this.files.offer(tenant, reply.file);
      if (!fileOffer) {
        // The card mentions the file; say where it can be had instead of offering it here.
        const note = t(reply.locale, 'teams.file_unavailable', { filename: reply.file.filename });
        forCard = { ...reply, file: undefined, text: `${reply.text}\n\n${note}` };
      }
    }
    const activities = [cardActivity(this.renderer.render(forCard), reply.text)];
    if (fileOffer) activities.push({ type: 'message', attachments: [fileOffer] });
    return activities;
  }

  /**
   * Sends `reply` in answer to the current turn. `announce: false` skips the "sent privately" note in the
   * shared conversation (when the caller shows it another way, e.g. on the card it replaces).
   */
  async send(context: TurnContext, who: TeamsWho & { tenant: string }, reply: Reply, options: { announce?: boolean } = {}): Promise<'sent' | 'sent_privately' | 'withheld'> {
    if (who.shared && reply.visibility === 'private') {
      return this.sendPrivately(context, who, reply, options.announce ?? true);
    }
    await context.sendActivities(await this.activitiesFor(who.tenant, reply, who.shared));
    return 'sent';
  }

  private async sendPrivately(context: TurnContext, who: TeamsWho & { tenant: string }, reply: Reply, announce: boolean): Promise<'sent_privately' | 'withheld'> {
    const locale: Locale = reply.locale;
    const user = who.aadObjectId ? await this.refs.getUser(who.tenant, who.aadObjectId) : null;
    if (user && user.status !== 'dead') {
      try {
        await this.personal.send(user, await this.activitiesFor(who.tenant, reply, false));
        if (announce) await context.sendActivity(textActivity(t(locale, 'teams.private_note')));
        return 'sent_privately';
      } catch (error) {
        this.logger.warn(
          { err: error instanceof Error ? error.message : String(error), tenant: who.tenant, intent: reply.intent },
          'teams: private reply could not be delivered in personal chat',
        );
      }
    }
    if (announce) await context.sendActivity(textActivity(t(locale, 'teams.private_failed')));
    return 'withheld';
  }
}
