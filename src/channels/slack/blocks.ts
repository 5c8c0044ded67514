// SlackRenderer: the channel-neutral Reply → Block Kit (header, fact card, sections, "why" steps,
// follow-up buttons) with a plain-text fallback, kept inside Block Kit limits.
import type { types } from '@slack/bolt';
import { textBesideSections, whyShown, type Fact, type Reply, type ReplyAction } from '../../core/reply';
import { formatCount, t } from '../../i18n';
import { ACTION_PREFIX, WHY_ACTION, encodeActionValue, encodeWhyValue, type WhyRef } from './action-value';
import { aiLabelBlock, bodyTextOf, citationsBlock, feedbackBlock, isAiWritten } from './ai';
import { LIMITS, blockTextLength, capBlockText, capBlocks, chunkText, escapeMrkdwn, plainTextOf, truncate } from './limits';

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
  /** 👍/👎 buttons under an AI-written answer (messages only: not in views). */
  feedback?: boolean;
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
  /**
   * One message (views, the "why" card, nudges): at most `maxBlocks` blocks, and for messages at most
   * Slack's total block text; what does not fit ends in a visible "truncated" note. Answers in a
   * conversation use `renderParts`, which splits instead.
   */
  render(reply: Reply, options: RenderOptions = {}): RenderedMessage {
    const { lead, body, tail } = this.build(reply, options);
    const blocks = [...lead, ...body, ...tail];
    if (blocks.length === 0) blocks.push({ type: 'section', text: mrkdwn(' ') });
    const max = options.maxBlocks ?? LIMITS.messageBlocks;
    const text = truncate(options.note ? `${options.note}\n${reply.text}` : reply.text, LIMITS.messageText);
    const note = t(reply.locale, 'slack.truncated');
    let capped = capBlocks(blocks, max, note);
    if (options.maxBlocks === undefined) capped = capBlockText(capped, LIMITS.messageBlockText, note);
    return { text: text.length > 0 ? text : ' ', blocks: capped };
  }

  /**
   * An answer as one or more messages, in order, each inside Slack's limits (50 blocks, 3,000 characters
   * per section, `LIMITS.messageBlockText` of block text in all, 40,000 of message text): the title
   * opens the first, later ones start with "(continued n/total)", and the sources, AI label, buttons
   * and feedback close the last. Nothing is cut silently: past `maxParts` messages the last one says
   * how many were not sent.
   */
  renderParts(reply: Reply, options: RenderOptions & { maxParts?: number } = {}): RenderedMessage[] {
    const { lead, body, tail } = this.build(reply, options);
    const maxBlocks = options.maxBlocks ?? LIMITS.messageBlocks;
    const maxText = LIMITS.messageBlockText;
    // Room kept in every message for the "(continued n/total)" line (one context block, short text).
    const markerBlocks = 1;
    const markerText = 64;
    const all = [...lead, ...body, ...tail];
    // The usual answer fits one message: no packing (this runs for every answer, numbers included).
    const sizes = all.map((block) => blockTextLength([block]));
    const totalText = sizes.reduce((sum, n) => sum + n, 0);
    if (all.length <= maxBlocks && totalText <= maxText) {
      const blocks = all.length > 0 ? capBlocks(all, maxBlocks, t(reply.locale, 'slack.truncated')) : [{ type: 'section', text: mrkdwn(' ') } as types.KnownBlock];
      const text = truncate(options.note ? `${options.note}\n${reply.text}` : reply.text, LIMITS.messageText);
      return [{ text: text.length > 0 ? text : ' ', blocks }];
    }
    const sizeOf = new Map(all.map((block, index) => [block, sizes[index]] as const));
    const textOf = (blocks: types.KnownBlock[]) => blocks.reduce((sum, block) => sum + (sizeOf.get(block) ?? blockTextLength([block])), 0);
    const parts: types.KnownBlock[][] = [[]];
    const partText: number[] = [0];
    const fits = (index: number, extra: types.KnownBlock[]) =>
      parts[index].length + extra.length + markerBlocks <= maxBlocks && partText[index] + textOf(extra) + markerText <= maxText;
    const queue = [...lead, ...body];
    for (let block = queue.shift(); block !== undefined; block = queue.shift()) {
      const index = parts.length - 1;
      if (parts[index].length > 0 && !fits(index, [block])) {
        // A text section that does not fit whole fills the room left first (at a line break), so a long
        // answer takes as few messages as it can.
        const split = splitSection(block, maxText - markerText - partText[index]);
        if (split && parts[index].length + 1 + markerBlocks <= maxBlocks) {
          parts[index].push(split[0]);
          partText[index] += blockTextLength([split[0]]);
          sizeOf.set(split[1], blockTextLength([split[1]]));
          queue.unshift(split[1]);
          continue;
        }
        parts.push([block]);
        partText.push(textOf([block]));
      } else {
        parts[index].push(block);
        partText[index] += textOf([block]);
      }
    }
    if (tail.length > 0) {
      const index = parts.length - 1;
      if (parts[index].length === 0 || fits(index, tail)) parts[index].push(...tail);
      else parts.push([...tail]);
    }
    const maxParts = Math.max(1, options.maxParts ?? 10);
    let kept = parts;
    if (parts.length > maxParts) {
      // Keep the first ones and the closing blocks (sources, label, buttons); say how many were left out.
      const rest = parts.length - maxParts;
      kept = parts.slice(0, maxParts);
      const last = kept[maxParts - 1];
      const moreNote: types.KnownBlock = { type: 'context', elements: [mrkdwn(escapeMrkdwn(t(reply.locale, 'slack.split.more', { rest })))] };
      const roomFor = (extra: types.KnownBlock[]) => last.length + extra.length + markerBlocks <= maxBlocks && textOf(last) + blockTextLength(extra) + markerText <= maxText;
      while (last.length > 0 && !roomFor([moreNote, ...tail])) last.pop();
      last.push(moreNote, ...tail);
    }
    const total = kept.length;
    if (total === 1) {
      const blocks = kept[0].length > 0 ? kept[0] : [{ type: 'section', text: mrkdwn(' ') } as types.KnownBlock];
      const text = truncate(options.note ? `${options.note}\n${reply.text}` : reply.text, LIMITS.messageText);
      return [{ text: text.length > 0 ? text : ' ', blocks: capBlocks(blocks, maxBlocks, t(reply.locale, 'slack.truncated')) }];
    }
    return kept.map((part, index) => {
      const blocks =
        index === 0
          ? part
          : [{ type: 'context', elements: [mrkdwn(escapeMrkdwn(t(reply.locale, 'slack.split.part', { n: index + 1, total })))] } as types.KnownBlock, ...part];
      const text = truncate(plainTextOf(blocks), LIMITS.messageText);
      return { text: text.length > 0 ? text : ' ', blocks: capBlocks(blocks, maxBlocks, t(reply.locale, 'slack.truncated')) };
    });
  }

  /** The blocks of a reply in three groups: lead (note, title), body (facts, text, steps), tail (sources, label, buttons, feedback). */
  private build(reply: Reply, options: RenderOptions): { lead: types.KnownBlock[]; body: types.KnownBlock[]; tail: types.KnownBlock[] } {
    const lead: types.KnownBlock[] = [];
    const body: types.KnownBlock[] = [];
    const tail: types.KnownBlock[] = [];
    const locale = reply.locale;
    if (options.note) lead.push({ type: 'context', elements: [mrkdwn(truncate(escapeMrkdwn(options.note), LIMITS.sectionText))] });
    if (reply.title) lead.push({ type: 'header', text: plain(reply.title, LIMITS.headerText) });

    const facts = reply.facts && reply.facts.length > 0 ? reply.facts : this.cardFacts(reply);
    body.push(...this.factBlocks(facts));

    const sections = reply.sections ?? [];
    // The plain text carries the message; beside sections, only its lines that no section repeats.
    body.push(...this.textBlocks(sections.length === 0 ? bodyTextOf(reply) : textBesideSections(reply)));
    for (const section of sections) {
      const head = section.title ? `*${escapeMrkdwn(section.title)}*` : '';
      const text = [head, section.text ? escapeMrkdwn(section.text) : ''].filter((part) => part.length > 0).join('\n');
      const chunks = text.length > 0 ? chunkText(text, LIMITS.sectionText) : [];
      for (const chunk of chunks) body.push({ type: 'section', text: mrkdwn(chunk) });
      if (section.facts && section.facts.length > 0) body.push(...this.factBlocks(section.facts));
    }

    const why = whyShown(reply); // agents: plain sentences; leads: the formulas
    if (options.expandWhy && why.length > 0) {
      body.push({ type: 'divider' });
      const lines = why.map((line, index) => `${index + 1}. ${escapeMrkdwn(line)}`).join('\n');
      const text = `*${escapeMrkdwn(t(locale, 'slack.why.title'))}*\n${lines}`;
      for (const chunk of chunkText(text, LIMITS.sectionText)) body.push({ type: 'section', text: mrkdwn(chunk) });
    }

    // Provenance of an AI-written answer: its sources, then the label (issue 23). Exact numbers get neither.
    const aiWritten = isAiWritten(reply);
    if (aiWritten) {
      const sources = citationsBlock(reply);
      if (sources) tail.push(sources);
      tail.push(aiLabelBlock(reply));
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
      tail.push({ type: 'actions', elements: buttons.slice(i, i + LIMITS.actionsElements) });
    }
    if (aiWritten && options.feedback) tail.push(feedbackBlock(reply));
    return { lead, body, tail };
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

/** A plain mrkdwn section cut in two at a line break so the first part has at most `room` characters (none if not worth it). */
function splitSection(block: types.KnownBlock, room: number): [types.KnownBlock, types.KnownBlock] | null {
  if (block.type !== 'section' || !block.text || block.fields || block.accessory || room < 500) return null;
  const text = block.text.text;
  const cut = text.lastIndexOf('\n', room);
  if (cut < room / 2) return null;
  const head = text.slice(0, cut);
  const rest = text.slice(cut).replace(/^\n/, '');
  if (head.length === 0 || rest.length === 0) return null;
  return [
    { type: 'section', text: { ...block.text, text: head } },
    { type: 'section', text: { ...block.text, text: rest } },
  ];
}
