// Card actions: open a form, run a follow-up, or submit a form (channel-side checks, then engine.submitForm;
// field errors come back on the same card with the values kept). Used by Action.Execute and Action.Submit.
import type { TurnContext } from 'botbuilder';
import type { Engine, FormSubmission, Inbound } from '../../core/engine';
import type { Reply } from '../../core/reply';
import type { Locale } from '../../domain/types';
import { t } from '../../i18n';
import type { AdaptiveCardJson } from './cardTypes';
import type { AdaptiveCardRenderer } from './cards';
import { cardActivity, type ReplyDelivery } from './deliver';
import { checkForm, formValues, type FormName } from './formSpecs';
import { commandText, inboundFrom, type TeamsWho } from './identity';
import type { CardCommand } from './verbs';

/** What an Action.Execute invoke answers: a card replacing the one clicked, or a short message. */
export type CardOutcome = { kind: 'card'; card: AdaptiveCardJson } | { kind: 'message'; text: string };

export interface CommandDeps {
  engine: Engine;
  renderer: AdaptiveCardRenderer;
  delivery: ReplyDelivery;
  clock: () => Date;
  /** Sends a typing indicator (and keeps it alive while the engine streams). */
  typing: (context: TurnContext) => Promise<void>;
  /** Runs `work` in a new turn of the same conversation after the current one has been answered. */
  later: (context: TurnContext, who: Who, locale: Locale, work: (turn: TurnContext) => Promise<void>) => void;
  /** Asks the engine and delivers the reply in `turn` (streamed in personal chat; logs the reply itself). */
  respond: (turn: TurnContext, who: Who, locale: Locale, inbound: Inbound) => Promise<void>;
  /** Called with every engine reply a card action produced, once it is delivered or returned (log line). */
  replied: (who: Who, reply: Reply) => void;
}

type Who = TeamsWho & { tenant: string };

export class CardCommands {
  constructor(private readonly deps: CommandDeps) {}

  /**
   * Runs a card command. With `inPlace` (Action.Execute) the outcome is returned for the invoke response;
   * otherwise (Action.Submit) cards are sent as new messages.
   */
  async run(context: TurnContext, who: Who, locale: Locale, command: CardCommand, inPlace: boolean): Promise<CardOutcome> {
    switch (command.kind) {
      case 'open_form': {
        const card = this.deps.renderer.renderForm(command.form, locale);
        await context.sendActivity(cardActivity(card, t(locale, `teams.${formTitleKey(command.form)}`)));
        return { kind: 'message', text: '' };
      }
      case 'follow_up': {
        const { text, isCommand } = commandText(command.text || command.intent);
        const inbound = { ...inboundFrom(who, text, this.deps.clock()), isCommand };
        const answer = async (turn: TurnContext): Promise<void> => {
          await this.deps.respond(turn, who, locale, inbound);
        };
        // An invoke must be answered within seconds, and a follow-up can reach the LLM: answer the invoke
        // now and post the reply into the conversation when it is ready. Action.Submit has no such limit.
        if (inPlace) this.deps.later(context, who, locale, answer);
        else await answer(context);
        return { kind: 'message', text: '' };
      }
      case 'form_submit':
        return this.submit(context, who, locale, command.form, command.values, inPlace);
    }
  }

  private async submit(
    context: TurnContext,
    who: Who,
    locale: Locale,
    form: FormName,
    raw: Record<string, string | undefined>,
    inPlace: boolean,
  ): Promise<CardOutcome> {
    const problems = checkForm(form, raw);
    if (Object.keys(problems).length > 0) {
      const errors = Object.fromEntries(Object.entries(problems).map(([id, p]) => [id, t(locale, p.key, p.params)]));
      return this.showForm(context, form, locale, raw, errors, inPlace);
    }
    await this.deps.typing(context);
    const { text: _text, ...base } = inboundFrom(who, '', this.deps.clock());
    const submission: FormSubmission = { ...base, form, values: formValues(form, raw) };
    const result = await this.deps.engine.submitForm(submission);
    if (!result.ok && result.fieldErrors && Object.keys(result.fieldErrors).length > 0) {
      return this.showForm(context, form, locale, raw, result.fieldErrors, inPlace);
    }
    if (!result.reply) return { kind: 'message', text: '' };
    const outcome = await this.deliverResult(context, who, result.reply, inPlace);
    this.deps.replied(who, result.reply);
    return outcome;
  }

  private async showForm(
    context: TurnContext,
    form: FormName,
    locale: Locale,
    values: Record<string, string | undefined>,
    errors: Record<string, string>,
    inPlace: boolean,
  ): Promise<CardOutcome> {
    const card = this.deps.renderer.renderForm(form, locale, { values, errors });
    if (inPlace) return { kind: 'card', card };
    await context.sendActivity(cardActivity(card, t(locale, 'teams.form.fix_errors')));
    return { kind: 'message', text: '' };
  }

  /** A submitted form's result replaces the form card, unless it is private in a shared conversation. */
  private async deliverResult(context: TurnContext, who: Who, reply: Reply, inPlace: boolean): Promise<CardOutcome> {
    const privateHere = who.shared && reply.visibility === 'private';
    if (!inPlace || privateHere || reply.file) {
      const outcome = await this.deps.delivery.send(context, who, reply, { announce: !(inPlace && privateHere) });
      if (inPlace && privateHere) {
        const key = outcome === 'sent_privately' ? 'teams.private_note' : 'teams.private_failed';
        return { kind: 'card', card: this.deps.renderer.renderNote(t(reply.locale, key)) };
      }
      return { kind: 'message', text: '' };
    }
    return { kind: 'card', card: this.deps.renderer.render(reply) };
  }
}

function formTitleKey(form: FormName): string {
  if (form === 'set_goal') return 'goal.title';
  if (form === 'log_activity') return 'log.title';
  return 'assess.title';
}
