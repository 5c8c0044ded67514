// SlackRenderer: the channel-neutral Reply → Block Kit (header, fact card, sections, "why" steps,
// follow-up buttons) with a plain-text fallback, kept inside Block Kit limits.
import type { types } from '@slack/bolt';
import { whyShown, type Fact, type Reply, type ReplyAction } from '../../core/reply';
import { formatCount, t } from '../../i18n';
import { ACTION_PREFIX, WHY_ACTION, encodeActionValue, encodeWhyValue, type WhyRef } from './action-value';
import { LIMITS, capBlocks, chunkText, escapeMrkdwn, truncate } from './limits';

export interface RenderedMessage {
  /** Plain-text fallback (notifications, screen readers, clients without blocks). */
  text: string;
  blocks: types.KnownBlock[];
}

export interface RenderOptions {
  /** What the "why this number?" button carries; present → the button is shown (for a reply with steps). */
  why?: WhyRef;
  /** Show the explanation steps inline (after the "why" button was pressed). */
  expandWhy?: boolean;
  /** A short context line above the reply (e.g. "moved to your DM"). */
  note?: string;
  /** Block budget: 50 for messages, fewer when embedding into a view. */
  maxBlocks?: number;
}

const CARD_FIELDS: ReadonlyArray<[dataKey: string, labelKey: string]> = [
  ['callsToday', 'slack.card.calls_today'],
  ['callsLeftToday', 'slack.card.calls_left'],
  ['dealsToday', 'slack.card.deals'],
  ['prospectsToday', 'slack.card.prospects'],
  ['remainingWorkdays', 'slack.card.remaining_workdays'],
];

function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text };
}

function plain(text: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max), emoji: true };
}

export class SlackRenderer {
  render(reply: Reply, options: RenderOptions = {}): RenderedMessage {
    const blocks: types.KnownBlock[] = [];
    const locale = reply.locale;
    if (options.note) blocks.push({ type: 'context', elements: [mrkdwn(truncate(escapeMrkdwn(options.note), LIMITS.sectionText))] });
    if (reply.title) blocks.push({ type: 'header', text: plain(reply.title, LIMITS.headerText) });

    const facts = reply.facts && reply.facts.length > 0 ? reply.facts : this.cardFacts(reply);
    blocks.push(...this.factBlocks(facts));

    const sections = reply.sections ?? [];
    // The plain text carries the message when there is no structured body to show instead.
    if (sections.length === 0) blocks.push(...this.textBlocks(reply.text));
    for (const section of sections) {
      const head = section.title ? `*${escapeMrkdwn(section.title)}*` : '';
      const body = section.text ? escapeMrkdwn(section.text) : '';
      const text = [head, body].filter((part) => part.length > 0).join('\n');
      const chunks = text.length > 0 ? chunkText(text, LIMITS.sectionText) : [];
      for (const chunk of chunks) blocks.push({ type: 'section', text: mrkdwn(chunk) });
      if (section.facts && section.facts.length > 0) blocks.push(...this.factBlocks(section.facts));
    }

    const why = whyShown(reply); // agents: plain sentences; leads: the formulas
    if (options.expandWhy && why.length > 0) {
      blocks.push({ type: 'divider' });
      const lines = why.map((line, index) => `${index + 1}. ${escapeMrkdwn(line)}`).join('\n');
      const text = `*${escapeMrkdwn(t(locale, 'slack.why.title'))}*\n${lines}`;
      for (const chunk of chunkText(text, LIMITS.sectionText)) blocks.push({ type: 'section', text: mrkdwn(chunk) });
    }

    const buttons: types.Button[] = [];
    if (why.length > 0 && !options.expandWhy && options.why) {
      buttons.push({
        type: 'button',
        action_id: WHY_ACTION,
        text: plain(t(locale, 'slack.why.button'), LIMITS.buttonText),
        value: encodeWhyValue(options.why),
      });
    }
    for (const action of reply.actions ?? []) buttons.push(this.button(action));
    for (let i = 0; i < buttons.length; i += LIMITS.actionsElements) {
      blocks.push({ type: 'actions', elements: buttons.slice(i, i + LIMITS.actionsElements) });
    }

    if (blocks.length === 0) blocks.push({ type: 'section', text: mrkdwn(' ') });
    const max = options.maxBlocks ?? LIMITS.messageBlocks;
    const text = truncate(options.note ? `${options.note}\n${reply.text}` : reply.text, LIMITS.messageText);
    return { text: text.length > 0 ? text : ' ', blocks: capBlocks(blocks, max, t(locale, 'slack.truncated')) };
  }

  /** Plain text (an error, a notice) as a message. */
  renderText(text: string): RenderedMessage {
    return { text: truncate(text, LIMITS.messageText), blocks: this.textBlocks(text).slice(0, LIMITS.messageBlocks) };
  }

  button(action: ReplyAction): types.Button {
    const button: types.Button = {
      type: 'button',
      action_id: truncate(`${ACTION_PREFIX}${action.id}`, LIMITS.actionId),
      text: plain(action.label, LIMITS.buttonText),
      value: encodeActionValue(action),
    };
    if (action.style) button.style = action.style;
    return button;
  }

  /** The compact card of calls_today when the reply carries data but no facts. */
  private cardFacts(reply: Reply): Fact[] {
    if (reply.intent !== 'calls_today') return [];
    const facts: Fact[] = [];
    for (const [dataKey, labelKey] of CARD_FIELDS) {
      const value = reply.data[dataKey];
      if (typeof value === 'number') facts.push({ label: t(reply.locale, labelKey), value: formatCount(reply.locale, value) });
    }
    return facts;
  }

  private factBlocks(facts: Fact[]): types.KnownBlock[] {
    const blocks: types.KnownBlock[] = [];
    for (let i = 0; i < facts.length; i += LIMITS.sectionFields) {
      const fields = facts
        .slice(i, i + LIMITS.sectionFields)
        .map((fact) => mrkdwn(truncate(`*${escapeMrkdwn(fact.label)}*\n${escapeMrkdwn(fact.value)}`, LIMITS.fieldText)));
      blocks.push({ type: 'section', fields });
    }
    return blocks;
  }

  private textBlocks(text: string): types.KnownBlock[] {
    const trimmed = text.trim();
    if (trimmed.length === 0) return [];
    return chunkText(escapeMrkdwn(trimmed), LIMITS.sectionText).map((chunk) => ({ type: 'section', text: mrkdwn(chunk) }));
  }
}
