// AdaptiveCardRenderer: Reply → Adaptive Card 1.5 (title, facts, sections, an expandable "why", follow-up
// actions as Action.Execute verbs, chart image when it fits) and forms; every card is kept ≤ 28 KB.
import { whyShown, type Reply, type ReplyAction, type ReplySection } from '../../core/reply';
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
} from './cardTypes';
import { renderFormCard, type FormState } from './formCards';
import type { FormName } from './formSpecs';
import { actionVerb } from './verbs';

/** Card-level actions the default host config allows (Teams shows up to 6); "why" takes one slot when present. */
const MAX_ACTIONS = 5;
const MAX_WHY_STEPS = 40;

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
    for (const text of paragraphs(reply.text)) head.push({ type: 'TextBlock', text, wrap: true });
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
