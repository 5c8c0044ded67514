// AdaptiveCardRenderer: Reply → Adaptive Card 1.5 (title, facts, sections, an expandable "why", follow-up
// actions as Action.Execute verbs, chart image when it fits) and forms; every card is kept ≤ 28 KB.
// `renderParts` splits a reply too big for one card over several, in order, instead of cutting it.
import { textBesideSections, whyShown, type Reply, type ReplyAction, type ReplySection } from '../../core/reply';
import type { Locale } from '../../domain/types';
import { t } from '../../i18n';
import {
  cardBytes,
  MAX_CARD_BYTES,
  newCard,
  type AdaptiveCardJson,
  type CardAction,
  type CardElement,
  type Container,
  type ExecuteAction,
  type TextBlock,
} from './cardTypes';
import { splitText } from './aiMessage';
import { renderFormCard, type FormState } from './formCards';
import type { FormName } from './formSpecs';
import { actionVerb } from './verbs';

/** Card-level actions the default host config allows (Teams shows up to 6); "why" takes one slot when present. */
const MAX_ACTIONS = 5;
const MAX_WHY_STEPS = 40;
/** Bytes kept free on each part for its "i/n" mark. */
const PART_MARK_RESERVE = 256;

function partMark(i: number, n: number): CardElement {
  return { type: 'TextBlock', text: `${i}/${n}`, wrap: true, isSubtle: true, size: 'Small' };
}

export interface RenderOptions {
  /** Byte budget for the card JSON (default 28 KB). */
  maxBytes?: number;
}

/** One TextBlock per line: Teams' card markdown does not break on a single newline. */
function paragraphs(text: string): string[] {
  return text
    .split(/\n+/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

function sectionContainer(section: ReplySection): Container {
  const items: CardElement[] = [];
  if (section.title) items.push({ type: 'TextBlock', text: section.title, weight: 'Bolder', wrap: true });
  if (section.text) items.push({ type: 'TextBlock', text: section.text, wrap: true });
  if (section.facts && section.facts.length > 0) {
    items.push({ type: 'FactSet', facts: section.facts.map((fact) => ({ title: fact.label, value: fact.value })) });
  }
  return { type: 'Container', separator: true, spacing: 'Medium', items };
}

function followUp(action: ReplyAction): ExecuteAction {
  const data: Record<string, string | undefined> = { actionId: action.id };
  if (action.text) data.text = action.text;
  if (action.form) data.form = action.form;
  const out: ExecuteAction = { type: 'Action.Execute', title: action.label, verb: actionVerb(action.intent), data };
  if (action.style === 'primary') out.style = 'positive';
  if (action.style === 'danger') out.style = 'destructive';
  return out;
}

function note(text: string): CardElement {
  return { type: 'TextBlock', text, wrap: true, isSubtle: true, size: 'Small' };
}

interface Parts {
  head: CardElement[];
  sections: Container[];
  chart: CardElement[];
  notes: CardElement[];
  why: string[];
  actions: ExecuteAction[];
}

export class AdaptiveCardRenderer {
  private readonly maxBytes: number;

  constructor(options: RenderOptions = {}) {
    this.maxBytes = options.maxBytes ?? MAX_CARD_BYTES;
  }

  /** The card for a Reply. Sections, then "why" steps, then the body text are cut to fit the budget. */
  render(reply: Reply): AdaptiveCardJson {
    const locale = reply.locale;
    const parts = this.parts(reply);
    let card = this.assemble(locale, parts);
    if (cardBytes(card) <= this.maxBytes) return card;

    // Too big: drop the chart first (with a note), then sections from the end, then why steps.
    if (parts.chart.length > 0) {
      parts.chart = [];
      parts.notes.push(note(t(locale, 'teams.chart_omitted')));
      card = this.assemble(locale, parts);
      if (cardBytes(card) <= this.maxBytes) return card;
    }
    parts.notes.push(note(t(locale, 'teams.truncated')));
    while (cardBytes(card) > this.maxBytes && parts.sections.length > 0) {
      parts.sections.pop();
      card = this.assemble(locale, parts);
    }
    while (cardBytes(card) > this.maxBytes && parts.why.length > 0) {
      parts.why.pop();
      card = this.assemble(locale, parts);
    }
    while (cardBytes(card) > this.maxBytes && parts.head.length > 1) {
      parts.head.pop();
      card = this.assemble(locale, parts);
    }
    return card;
  }

  /**
   * The reply as one card when it fits, else as several cards in reading order, each within the budget:
   * the body is packed card by card (a paragraph longer than a card is cut at characters over several
   * TextBlocks), "why" and the follow-up actions go on the last card, and each card is numbered "i/n".
   * Only a chart that no card can hold is left out (with a note); no text is dropped.
   */
  renderParts(reply: Reply, options: { withoutText?: boolean } = {}): AdaptiveCardJson[] {
    const source = options.withoutText ? { ...reply, text: '', title: undefined } : reply;
    const locale = reply.locale;
    const parts = this.parts(source);
    const whole = this.assemble(locale, parts);
    if (cardBytes(whole) <= this.maxBytes) return [whole];

    const budget = this.maxBytes - PART_MARK_RESERVE;
    const chartFits = parts.chart.length > 0 && cardBytes(newCard(parts.chart)) <= budget;
    if (parts.chart.length > 0 && !chartFits) parts.notes.push(note(t(locale, 'teams.chart_omitted')));
    const units: CardElement[] = [
      ...parts.head.flatMap((el) => this.fitElement(el, budget)),
      ...parts.sections.flatMap((el) => this.fitElement(el, budget)),
      ...(chartFits ? [...parts.chart] : []),
      ...parts.notes,
    ];
    const bodies: CardElement[][] = [];
    let body: CardElement[] = [];
    for (const unit of units) {
      if (body.length > 0 && cardBytes(newCard([...body, unit])) > budget) {
        bodies.push(body);
        body = [];
      }
      body.push(unit);
    }
    // The last card carries "why" and the actions; when they do not fit beside its body, they get a card of their own.
    const tail = (items: CardElement[]) => this.assemble(locale, { ...parts, head: items, sections: [], chart: [], notes: [] });
    if (body.length > 0 && cardBytes(tail(body)) > budget) {
      bodies.push(body);
      body = [];
    }
    const cards = bodies.map((items) => newCard(items));
    cards.push(tail(body));
    if (cards.length === 1) return cards;
    return cards.map((card, i) => ({ ...card, body: [...card.body, partMark(i + 1, cards.length)] }));
  }

  /** A single element (TextBlock or section) too big for a card, cut into several that each fit. */
  private fitElement(el: CardElement, budget: number): CardElement[] {
    if (cardBytes(newCard([el])) <= budget) return [el];
    if (el.type === 'Container') {
      const items = el.items.flatMap((item) => this.fitElement(item, budget));
      return items.map((item, i): CardElement => (i === 0 ? { ...el, items: [item] } : item));
    }
    if (el.type === 'TextBlock') {
      const overhead = cardBytes(newCard([{ ...el, text: '' }])) + 64;
      return splitText(el.text, Math.max(256, budget - overhead)).map((text): TextBlock => ({ ...el, text }));
    }
    return [el];
  }

  /** A form card (goal, activity log, assessment), optionally with kept values and errors. */
  renderForm(form: FormName, locale: Locale, state: FormState = {}): AdaptiveCardJson {
    return renderFormCard(form, locale, state);
  }

  /** A one-line card (notes that replace a submitted form, e.g. "sent privately"). */
  renderNote(text: string): AdaptiveCardJson {
    return newCard([{ type: 'TextBlock', text, wrap: true }]);
  }

  private parts(reply: Reply): Parts {
    const head: CardElement[] = [];
    if (reply.title) {
      head.push({ type: 'TextBlock', text: reply.title, weight: 'Bolder', size: 'Medium', style: 'heading', wrap: true });
    }
    // Sections are drawn below; above them, only the lines of the text that no section repeats.
    for (const text of paragraphs(textBesideSections(reply))) head.push({ type: 'TextBlock', text, wrap: true });
    if (reply.facts && reply.facts.length > 0) {
      head.push({ type: 'FactSet', facts: reply.facts.map((fact) => ({ title: fact.label, value: fact.value })) });
    }
    const chart: CardElement[] = [];
    if (reply.chart) {
      chart.push({ type: 'TextBlock', text: reply.chart.title, weight: 'Bolder', wrap: true, spacing: 'Medium' });
      chart.push({
        type: 'Image',
        url: `data:image/png;base64,${reply.chart.pngBase64}`,
        altText: reply.chart.altText,
        size: 'Stretch',
      });
    }
    const notes: CardElement[] = [];
    if (reply.file) notes.push(note(t(reply.locale, 'teams.file_attached', { filename: reply.file.filename })));
    return {
      head,
      sections: (reply.sections ?? []).map(sectionContainer),
      chart,
      notes,
      why: whyShown(reply).slice(0, MAX_WHY_STEPS), // agents: plain sentences; leads: the formulas
      actions: (reply.actions ?? []).map(followUp),
    };
  }

  private assemble(locale: Locale, parts: Parts): AdaptiveCardJson {
    const body: CardElement[] = [...parts.head, ...parts.sections, ...parts.chart, ...parts.notes];
    if (body.length === 0) body.push({ type: 'TextBlock', text: ' ', wrap: true });
    const actions: CardAction[] = [];
    if (parts.why.length > 0) {
      actions.push({
        type: 'Action.ShowCard',
        title: t(locale, 'teams.why'),
        card: {
          type: 'AdaptiveCard',
          body: [
            { type: 'TextBlock', text: t(locale, 'teams.why_title'), weight: 'Bolder', wrap: true },
            ...parts.why.map((step, index): CardElement => ({
              type: 'TextBlock',
              text: `${index + 1}. ${step}`,
              wrap: true,
              spacing: 'Small',
            })),
          ],
        },
      });
    }
    actions.push(...parts.actions.slice(0, MAX_ACTIONS - actions.length));
    return newCard(body, actions);
  }
}
