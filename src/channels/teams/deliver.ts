// Turns a Reply into Teams activities and sends it, moving `private` replies out of shared conversations
// into the person's personal chat. Replies are Adaptive Cards (+ summary, file offer in personal chat),
// split over several cards when one would pass 28 KB. AI-written answers are text messages (so Teams
// shows its citation markers) with the AI label, the citations and the feedback buttons, split the same
// way, plus a card for whatever else they carry (actions, sections); each leaves an answer record so a
// vote can be tied to its intent and citations.
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
import { aiEntity, isAiWritten, splitText } from './aiMessage';
import type { AnswerRecords } from './answers';
import type { TeamsStream } from './stream';

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

/** The text of an AI-written answer as its messages show it: the title in bold, then the answer. */
function answerText(reply: Reply): string {
  return reply.title ? `**${reply.title}**\n\n${reply.text}` : reply.text;
}

/** True when a reply carries more than its title and text (a card shows the rest). */
function hasExtras(reply: Reply): boolean {
  return Boolean(
    (reply.facts && reply.facts.length > 0) ||
      (reply.sections && reply.sections.length > 0) ||
      (reply.actions && reply.actions.length > 0) ||
      (reply.why && reply.why.length > 0) ||
      reply.chart ||
      reply.file,
  );
}

export class ReplyDelivery {
  constructor(
    private readonly renderer: AdaptiveCardRenderer,
    private readonly refs: ConversationRefs,
    private readonly personal: PersonalChats,
    private readonly files: FileOffers,
    private readonly logger: TeamsLogger,
    private readonly answers?: AnswerRecords,
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
    const activities = isAiWritten(forCard) ? this.aiActivities(forCard) : this.cardActivities(forCard);
    if (fileOffer) activities.push({ type: 'message', attachments: [fileOffer] });
    return activities;
  }

  private cardActivities(reply: Reply): Array<Partial<Activity>> {
    const cards = this.renderer.renderParts(reply);
    return cards.map((card, i) => {
      const activity = cardActivity(card, reply.text);
      if (cards.length > 1 && i > 0 && activity.summary) activity.summary = `${activity.summary} (${i + 1}/${cards.length})`;
      return activity;
    });
  }

  /** Text parts with the AI label, the citations each part's text uses and the feedback loop; extras as card(s). */
  private aiActivities(reply: Reply): Array<Partial<Activity>> {
    const parts = splitText(answerText(reply));
    const activities: Array<Partial<Activity>> = parts.map((text) => ({
      type: 'message',
      text,
      entities: [aiEntity(reply, text)],
      channelData: { feedbackLoopEnabled: true },
    }));
    if (hasExtras(reply)) {
      const cards = this.renderer.renderParts(reply, { withoutText: true });
      const last = activities[activities.length - 1];
      cards.forEach((card, i) => {
        if (i === 0 && last) last.attachments = [cardAttachment(card)];
        else activities.push({ type: 'message', attachments: [cardAttachment(card)], entities: [aiEntity(reply, '')], channelData: { feedbackLoopEnabled: true } });
      });
    }
    return activities;
  }

  /**
   * Sends `reply` as the answer of the current turn (or of its continuation), closing `stream` with the
   * first message when it began; the messages go out in order. AI-written answers leave their record.
   */
  async sendAnswer(context: TurnContext, who: TeamsWho & { tenant: string }, reply: Reply, stream?: TeamsStream): Promise<'sent' | 'sent_privately' | 'withheld'> {
    if (who.shared && reply.visibility === 'private') return this.sendPrivately(context, who, reply, true);
    const activities = await this.activitiesFor(who.tenant, reply, who.shared);
    let streamId: string | undefined;
    if (stream && activities[0]) {
      const final = await stream.finalize(activities[0]);
      activities[0] = final.activity;
      streamId = final.streamId;
    }
    const responses = await context.sendActivities(activities);
    if (this.answers && isAiWritten(reply)) {
      const ids = responses.map((r, i) => (i === 0 && streamId ? streamId : (r?.id ?? '')));
      await this.answers.remember(who.tenant, who.conversationId, ids, reply);
    }
    return 'sent';
  }

  /**
   * Sends `reply` in answer to the current turn. `announce: false` skips the "sent privately" note in the
   * shared conversation (when the caller shows it another way, e.g. on the card it replaces).
   */
  async send(context: TurnContext, who: TeamsWho & { tenant: string }, reply: Reply, options: { announce?: boolean } = {}): Promise<'sent' | 'sent_privately' | 'withheld'> {
    if (who.shared && reply.visibility === 'private') {
      return this.sendPrivately(context, who, reply, options.announce ?? true);
    }
    return this.sendAnswer(context, who, reply);
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
