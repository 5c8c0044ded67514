// Reminder settings you can click in Teams (issue 23, item 6): an Adaptive Card (1.5) with the time, the
// weekdays, snooze (today, tomorrow, until a date) and stop, opened from the "reminder settings" button on
// each nudge; "not today" / "not tomorrow" buttons on each nudge. Every action is an Action.Execute whose
// verb starts with `nudge_settings:`; all of them submit the engine form `nudge_settings`
// (src/nudges/settings.ts), the same validation and Store doc as the chat commands. Errors come back on the
// same card, values kept.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Engine, FormResult, SettingsSubmission } from '../../core/engine';
import type { Reply } from '../../core/reply';
import type { Locale } from '../../domain/types';
import { t } from '../../i18n';
import { ALL_DAYS, SETTINGS_FIELDS, SETTINGS_FORM, SETTINGS_STATES, type SettingsView } from '../../nudges/settings';
import { CARD_CONTENT_TYPE, CARD_SCHEMA, CARD_VERSION, type AdaptiveCardJson, type ExecuteAction } from './cardTypes';
import { cardActivity, type ReplyDelivery } from './deliver';
import { inboundFrom, type TeamsWho } from './identity';
import type { TeamsLogger } from './types';

export const SETTINGS_VERB_PREFIX = 'nudge_settings:';
export const SETTINGS_VERBS = {
  open: `${SETTINGS_VERB_PREFIX}open`,
  save: `${SETTINGS_VERB_PREFIX}save`,
  snoozeToday: `${SETTINGS_VERB_PREFIX}snooze_today`,
  snoozeTomorrow: `${SETTINGS_VERB_PREFIX}snooze_tomorrow`,
} as const;

const MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';

/** Card elements this card uses beyond cardTypes.ts (Input.Time, a multi-select ChoiceSet). */
type Element = Record<string, unknown> & { type: string };

const errorLine = (text: string): Element => ({ type: 'TextBlock', text, color: 'Attention', wrap: true, size: 'Small', spacing: 'None' });

export interface SettingsCardState {
  /** Values to show instead of the stored ones (what was submitted). */
  values?: Record<string, string | undefined>;
  errors?: Record<string, string>;
}

/** The settings card for `view` (the person's current settings). */
export function renderSettingsCard(view: SettingsView, state: SettingsCardState = {}): AdaptiveCardJson {
  const { locale } = view;
  const values = state.values ?? {};
  const errors = state.errors ?? {};
  const pick = (field: string, stored: string) => values[field] ?? stored;
  const body: Element[] = [
    { type: 'TextBlock', text: t(locale, 'nudges.settings.title'), weight: 'Bolder', size: 'Medium', style: 'heading', wrap: true },
    { type: 'TextBlock', text: t(locale, 'nudges.settings.intro'), wrap: true, isSubtle: true },
  ];
  if (Object.keys(errors).length > 0) body.push({ type: 'TextBlock', text: t(locale, 'teams.form.fix_errors'), color: 'Attention', weight: 'Bolder', wrap: true });
  const time = pick(SETTINGS_FIELDS.time, view.time);
  const timeInput: Element = { type: 'Input.Time', id: SETTINGS_FIELDS.time, label: t(locale, 'nudges.settings.time'), isRequired: true, errorMessage: t(locale, 'nudges.settings.time_hint') };
  // An Input.Time only holds HH:mm; a rejected value is named by the error line under it.
  if (/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) timeInput.value = time;
  const until = pick(SETTINGS_FIELDS.until, view.until ?? '');
  const untilInput: Element = { type: 'Input.Date', id: SETTINGS_FIELDS.until, label: t(locale, 'nudges.settings.until'), placeholder: t(locale, 'nudges.settings.until_hint') };
  if (/^\d{4}-\d{2}-\d{2}$/.test(until)) untilInput.value = until;
  const fields: Array<[string, Element]> = [
    [SETTINGS_FIELDS.time, timeInput],
    [
      SETTINGS_FIELDS.days,
      {
        type: 'Input.ChoiceSet',
        id: SETTINGS_FIELDS.days,
        label: t(locale, 'nudges.settings.days'),
        isMultiSelect: true,
        style: 'expanded',
        choices: ALL_DAYS.map((d) => ({ title: t(locale, `nudges.settings.day.${d}`), value: String(d) })),
        value: pick(SETTINGS_FIELDS.days, view.days.join(',')),
      },
    ],
    [
      SETTINGS_FIELDS.state,
      {
        type: 'Input.ChoiceSet',
        id: SETTINGS_FIELDS.state,
        label: t(locale, 'nudges.settings.state'),
        style: 'expanded',
        choices: SETTINGS_STATES.map((s) => ({ title: t(locale, `nudges.settings.state.${s}`), value: s })),
        value: pick(SETTINGS_FIELDS.state, view.state),
      },
    ],
    [SETTINGS_FIELDS.until, untilInput],
  ];
  for (const [id, element] of fields) {
    body.push(element);
    if (errors[id]) body.push(errorLine(errors[id]));
  }
  for (const [id, error] of Object.entries(errors)) if (!fields.some(([field]) => field === id)) body.push(errorLine(error));
  const save: ExecuteAction = { type: 'Action.Execute', title: t(locale, 'nudges.settings.save'), verb: SETTINGS_VERBS.save, style: 'positive', associatedInputs: 'auto' };
  return {
    type: 'AdaptiveCard',
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    body: body as unknown as AdaptiveCardJson['body'],
    actions: [save],
    msteams: { width: 'Full' },
  };
}

/** The buttons every nudge carries in Teams: not today, not tomorrow, reminder settings. */
export function nudgeSettingsActions(locale: Locale): ExecuteAction[] {
  return [
    { type: 'Action.Execute', title: t(locale, 'nudges.button.snooze_today'), verb: SETTINGS_VERBS.snoozeToday, associatedInputs: 'none' },
    { type: 'Action.Execute', title: t(locale, 'nudges.button.snooze_tomorrow'), verb: SETTINGS_VERBS.snoozeTomorrow, associatedInputs: 'none' },
    { type: 'Action.Execute', title: t(locale, 'nudges.button.settings'), verb: SETTINGS_VERBS.open, associatedInputs: 'none' },
  ];
}

/** A nudge or digest from the worker (composeNudge). */
export function isNudgeReply(reply: Reply): boolean {
  return reply.intent === 'nudges' && typeof reply.data.kind === 'string' && typeof reply.data.date === 'string';
}

/** The nudge's settings row: an ActionSet at the end of the card body (the card's own actions stay within Teams' 5). */
export function nudgeSettingsRow(locale: Locale): Element {
  return { type: 'ActionSet', id: 'nudge_settings', separator: true, actions: nudgeSettingsActions(locale) };
}

/** Adds the settings buttons to the card of a nudge's first activity (in place). */
export function withSettingsButtons(activities: Array<{ attachments?: Array<{ contentType?: string; content?: unknown }> }>, locale: Locale): void {
  const attachment = activities[0]?.attachments?.find((a) => a.contentType === CARD_CONTENT_TYPE);
  const card = attachment?.content as AdaptiveCardJson | undefined;
  if (!card) return;
  card.body = [...card.body, nudgeSettingsRow(locale)] as unknown as AdaptiveCardJson['body'];
}

const invokeSchema = z.object({
  action: z.object({ verb: z.string().max(100), data: z.record(z.string(), z.unknown()).optional() }),
});
const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

/** The settings verb of an `adaptiveCard/action` invoke value, with the card's input values; null if not one. */
export function parseSettingsInvoke(value: unknown): { verb: string; values: Record<string, string | undefined> } | null {
  const parsed = invokeSchema.safeParse(value);
  if (!parsed.success || !parsed.data.action.verb.startsWith(SETTINGS_VERB_PREFIX)) return null;
  const values: Record<string, string | undefined> = {};
  for (const field of Object.values(SETTINGS_FIELDS)) {
    const raw = scalar.safeParse(parsed.data.action.data?.[field]);
    if (raw.success) values[field] = raw.data;
  }
  return { verb: parsed.data.action.verb, values };
}

/** The same from an Action.Submit message (older clients): `value` carries `verb` beside the inputs. */
export function parseSettingsSubmit(value: unknown): { verb: string; values: Record<string, string | undefined> } | null {
  if (!value || typeof value !== 'object') return null;
  const { verb, ...data } = value as Record<string, unknown>;
  return typeof verb === 'string' ? parseSettingsInvoke({ action: { verb, data } }) : null;
}

/** An invoke answer turned into a message for the Action.Submit path (which has no invoke response). */
export async function sendInvokeBody(context: TurnContext, body: InvokeBody, locale: Locale): Promise<void> {
  if (body.type === CARD_CONTENT_TYPE) await context.sendActivity(cardActivity(body.value as AdaptiveCardJson, t(locale, 'nudges.settings.title')));
  else if (typeof body.value === 'string' && body.value) await context.sendActivity({ type: 'message', text: body.value });
}

export interface SettingsDeps {
  engine: Engine;
  delivery: ReplyDelivery;
  clock: () => Date;
  logger: TeamsLogger;
}

type Who = TeamsWho & { tenant: string; requestId?: string };

/** The invoke response body (`adaptiveCard/action`). */
export type InvokeBody = Record<string, unknown>;

/** Handles the settings verbs of an Action.Execute invoke; returns the invoke response body. */
export class TeamsSettings {
  constructor(private readonly deps: SettingsDeps) {}

  private submit(who: Who, values: Record<string, string | undefined>): Promise<FormResult> {
    const { text: _text, isCommand: _isCommand, ...base } = inboundFrom(who, '', this.deps.clock());
    const submission: SettingsSubmission = { ...base, form: SETTINGS_FORM, values };
    return this.deps.engine.submitForm(submission);
  }

  async invoke(context: TurnContext, who: Who, locale: Locale, verb: string, values: Record<string, string | undefined>): Promise<InvokeBody> {
    const message = (text: string): InvokeBody => ({ statusCode: 200, type: MESSAGE_TYPE, value: text });
    const card = (json: AdaptiveCardJson): InvokeBody => ({ statusCode: 200, type: CARD_CONTENT_TYPE, value: json });
    switch (verb) {
      case SETTINGS_VERBS.open: {
        // A new card in the conversation: the nudge it was opened from stays as it is.
        const result = await this.submit(who, { op: 'view' });
        const view = result.reply?.data.settings as SettingsView | undefined;
        if (!view) {
          if (result.reply) await this.deps.delivery.send(context, who, result.reply);
          return message('');
        }
        await context.sendActivity(cardActivity(renderSettingsCard(view), t(view.locale, 'nudges.settings.title')));
        return message('');
      }
      case SETTINGS_VERBS.snoozeToday:
      case SETTINGS_VERBS.snoozeTomorrow: {
        const state = verb === SETTINGS_VERBS.snoozeToday ? 'snooze_today' : 'snooze_tomorrow';
        const result = await this.submit(who, { [SETTINGS_FIELDS.state]: state });
        const errors = Object.values(result.fieldErrors ?? {});
        if (errors.length > 0) return message(errors.join('\n'));
        // The confirmation (with the day reminders come back) as a new message; the nudge stays.
        if (result.reply) await this.deps.delivery.send(context, who, result.reply);
        return message('');
      }
      case SETTINGS_VERBS.save: {
        const result = await this.submit(who, values);
        if (result.fieldErrors && Object.keys(result.fieldErrors).length > 0) {
          this.deps.logger.info({ tenant: who.tenant, fields: Object.keys(result.fieldErrors) }, 'teams settings rejected with field errors');
          const before = await this.submit(who, { op: 'view' });
          const view = before.reply?.data.settings as SettingsView | undefined;
          if (!view) return message(Object.values(result.fieldErrors).join('\n'));
          return card(renderSettingsCard({ ...view, locale }, { values, errors: result.fieldErrors }));
        }
        const view = result.reply?.data.settings as SettingsView | undefined;
        if (result.reply && view) {
          // The card shows the saved settings, and the reply below it says what will be sent from when.
          await this.deps.delivery.send(context, who, result.reply);
          return card(renderSettingsCard(view));
        }
        if (result.reply) await this.deps.delivery.send(context, who, result.reply);
        return message('');
      }
      default:
        this.deps.logger.warn({ tenant: who.tenant, verb }, 'teams settings: unknown verb');
        return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'unknown verb' } };
    }
  }
}
