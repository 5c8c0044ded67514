// The three forms as modals (set goal, log activity, 12-dimension competency assessment): building the
// views, reading submitted values, and mapping the engine's field errors to the modal's inputs.
import type { App, BlockAction, ButtonAction, types, webApi } from '@slack/bolt';
import { z } from 'zod';
import type { Locale } from '../../domain/types';
import { t } from '../../i18n';
import type { FormName } from './action-value';
import { LIMITS, truncate } from './limits';
import { ABILITY_DIMENSIONS, COGNITION_DIMENSIONS, SCORE_CHOICES } from '../../core/formFields';
import type { FormResult, SettingsSubmission } from '../../core/engine';
import type { Reply } from '../../core/reply';
import { ALL_DAYS, SETTINGS_FIELDS, SETTINGS_FORM, SETTINGS_STATES, type SettingsView } from '../../nudges/settings';
import { errorFields } from './identity';
import { buildInbound, localeOf, refreshQuietly, requestIdIn, type SlackRuntime } from './runtime';

export const FORM_CALLBACK_PREFIX = 'form:';
/** Every input's action id; the block id is the field name the engine reads. */
export const INPUT_ACTION = 'value';

export { ABILITY_DIMENSIONS, COGNITION_DIMENSIONS };
const SCORES = SCORE_CHOICES;

/** Where the form was opened, so its reply goes back there. */
const metadataSchema = z.object({ c: z.string().optional(), th: z.string().optional(), s: z.boolean().optional() });
export type FormOrigin = { channel?: string; threadTs?: string; shared?: boolean };

export function encodeOrigin(origin: FormOrigin): string {
  return truncate(JSON.stringify({ c: origin.channel, th: origin.threadTs, s: origin.shared }), LIMITS.privateMetadata);
}

export function decodeOrigin(raw: string | undefined): FormOrigin {
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(raw ?? '{}'));
    return parsed.success ? { channel: parsed.data.c, threadTs: parsed.data.th, shared: parsed.data.s } : {};
  } catch {
    return {};
  }
}

const pt = (text: string, max: number = LIMITS.inputLabel): types.PlainTextElement => ({ type: 'plain_text', text: truncate(text, max), emoji: true });
const option = (text: string, value: string): types.PlainTextOption => ({ text: pt(text, LIMITS.optionText), value });

function textInput(locale: Locale, id: string, labelKey: string, optional = true, multiline = false, hintKey?: string): types.InputBlock {
  const element: types.PlainTextInput = { type: 'plain_text_input', action_id: INPUT_ACTION, multiline };
  if (hintKey) element.placeholder = pt(t(locale, hintKey), LIMITS.placeholder);
  return { type: 'input', block_id: id, optional, label: pt(t(locale, labelKey)), element };
}

function select(locale: Locale, id: string, labelKey: string, options: types.PlainTextOption[], initial?: string, optional = false): types.InputBlock {
  const element: types.StaticSelect = { type: 'static_select', action_id: INPUT_ACTION, options };
  const initialOption = options.find((o) => o.value === initial);
  if (initialOption) element.initial_option = initialOption;
  else element.placeholder = pt(t(locale, 'slack.modal.assess.placeholder'), LIMITS.placeholder);
  return { type: 'input', block_id: id, optional, label: pt(t(locale, labelKey)), element };
}

function formBlocks(form: FormName, locale: Locale): types.KnownBlock[] {
  switch (form) {
    case 'set_goal':
      return [
        textInput(locale, 'income', 'slack.modal.set_goal.income', false),
        textInput(locale, 'base_salary', 'slack.modal.set_goal.base'),
        select(
          locale,
          'commission_type',
          'slack.modal.set_goal.plan_type',
          [option(t(locale, 'slack.modal.set_goal.flat'), 'flat'), option(t(locale, 'slack.modal.set_goal.tiered'), 'tiered')],
          'flat',
        ),
        textInput(locale, 'rate', 'slack.modal.set_goal.rate'),
        select(
          locale,
          'tier_mode',
          'slack.modal.set_goal.tier_mode',
          [option(t(locale, 'slack.modal.set_goal.tiered_marginal'), 'marginal'), option(t(locale, 'slack.modal.set_goal.tiered_whole'), 'whole')],
          'marginal',
          true,
        ),
        textInput(locale, 'tiers', 'slack.modal.set_goal.tiers', true, true, 'slack.modal.set_goal.tiers_hint'),
      ];
    case 'log_activity':
      return [
        textInput(locale, 'calls', 'slack.modal.log.calls'),
        textInput(locale, 'connects', 'slack.modal.log.connects'),
        textInput(locale, 'deals', 'slack.modal.log.deals'),
        textInput(locale, 'sales', 'slack.modal.log.sales'),
        textInput(locale, 'prospects', 'slack.modal.log.prospects'),
        { type: 'input', block_id: 'date', optional: true, label: pt(t(locale, 'slack.modal.log.date')), element: { type: 'datepicker', action_id: INPUT_ACTION } },
        {
          type: 'input',
          block_id: 'mode',
          optional: true,
          label: pt(t(locale, 'slack.modal.log.mode')),
          element: { type: 'checkboxes', action_id: INPUT_ACTION, options: [option(t(locale, 'slack.modal.log.replace'), 'replace')] },
        },
      ];
    case 'assess': {
      const scores = SCORES.map((s) => option(s, s));
      const dimension = (id: string): types.InputBlock => select(locale, id, `slack.dim.${id}`, scores);
      return [
        select(
          locale,
          'rater',
          'slack.modal.assess.rater',
          [option(t(locale, 'slack.modal.assess.self'), 'self'), option(t(locale, 'slack.modal.assess.lead'), 'lead')],
          'self',
        ),
        textInput(locale, 'agent', 'slack.modal.assess.subject'),
        { type: 'header', text: pt(t(locale, 'slack.modal.assess.ability'), LIMITS.headerText) },
        ...ABILITY_DIMENSIONS.map(dimension),
        { type: 'header', text: pt(t(locale, 'slack.modal.assess.cognition'), LIMITS.headerText) },
        ...COGNITION_DIMENSIONS.map(dimension),
      ];
    }
  }
}

const TITLE_KEYS: Record<FormName, string> = {
  set_goal: 'slack.modal.set_goal.title',
  log_activity: 'slack.modal.log.title',
  assess: 'slack.modal.assess.title',
};

export function buildModal(form: FormName, locale: Locale, origin: FormOrigin = {}): types.ModalView {
  return {
    type: 'modal',
    callback_id: `${FORM_CALLBACK_PREFIX}${form}`,
    title: pt(t(locale, TITLE_KEYS[form]), LIMITS.viewTitle),
    submit: pt(t(locale, 'slack.modal.submit'), LIMITS.viewButton),
    close: pt(t(locale, 'slack.modal.cancel'), LIMITS.viewButton),
    private_metadata: encodeOrigin(origin),
    blocks: formBlocks(form, locale),
  };
}

const stateSchema = z.record(
  z.string(),
  z.record(
    z.string(),
    z.object({
      type: z.string(),
      value: z.string().nullish(),
      selected_date: z.string().nullish(),
      selected_time: z.string().nullish(),
      selected_option: z.object({ value: z.string() }).nullish(),
      selected_options: z.array(z.object({ value: z.string() })).nullish(),
    }),
  ),
);

/** view.state.values → `{ field: raw string }` (the engine parses and validates). */
export function readValues(state: unknown): Record<string, string | undefined> {
  const parsed = stateSchema.safeParse(state);
  if (!parsed.success) return {};
  const values: Record<string, string | undefined> = {};
  for (const [blockId, actions] of Object.entries(parsed.data)) {
    const input = actions[INPUT_ACTION];
    if (!input) continue;
    const raw =
      input.value ?? input.selected_date ?? input.selected_time ?? input.selected_option?.value ?? input.selected_options?.map((o) => o.value).join(',') ?? undefined;
    values[blockId] = raw === '' ? undefined : (raw ?? undefined);
  }
  return values;
}

/** Engine field errors → `{ block_id: message }`; errors for fields the view lacks go to its first input. */
export function mapFieldErrors(view: { blocks: ReadonlyArray<{ type: string; block_id?: string }> }, fieldErrors: Record<string, string>): Record<string, string> {
  const inputs = view.blocks.filter((b) => b.type === 'input' && b.block_id).map((b) => b.block_id as string);
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(fieldErrors)) {
    const blockId = inputs.includes(field) ? field : inputs[0];
    if (!blockId) continue;
    errors[blockId] = truncate(errors[blockId] ? `${errors[blockId]} ${message}` : message, LIMITS.inputLabel);
  }
  return errors;
}

// --- Reminder settings (issue 23, item 6) ------------------------------------------------------------------
// A modal opened from App Home and from the "settings" button on each nudge, and the "not today" / "not
// tomorrow" buttons on each nudge. All of them submit the engine form `nudge_settings` (src/nudges/settings.ts):
// the same validation and Store doc as "每天8点半提醒我", "明天别提醒", "停止提醒" typed in chat.

export const SETTINGS_CALLBACK = SETTINGS_FORM;
/** Opens the settings modal (App Home, nudges). */
export const SETTINGS_OPEN_ACTION = 'nudge_settings_open';
/** `nudge_snooze:today` / `nudge_snooze:tomorrow` on each nudge. */
export const SNOOZE_ACTION_PREFIX = 'nudge_snooze:';
const SNOOZES = { today: 'snooze_today', tomorrow: 'snooze_tomorrow' } as const;

/** The settings modal for `view` (the person's current settings), in their language. */
export function buildSettingsModal(view: SettingsView): types.ModalView {
  const { locale } = view;
  const dayOption = (d: number) => option(t(locale, `nudges.settings.day.${d}`), String(d));
  const stateOption = (s: string) => option(t(locale, `nudges.settings.state.${s}`), s);
  const days = ALL_DAYS.map(dayOption);
  const states = SETTINGS_STATES.map(stateOption);
  const until: types.Datepicker = { type: 'datepicker', action_id: INPUT_ACTION, placeholder: pt(t(locale, 'nudges.settings.until_hint'), LIMITS.placeholder) };
  if (view.until) until.initial_date = view.until;
  return {
    type: 'modal',
    callback_id: SETTINGS_CALLBACK,
    title: pt(t(locale, 'nudges.settings.title'), LIMITS.viewTitle),
    submit: pt(t(locale, 'nudges.settings.save'), LIMITS.viewButton),
    close: pt(t(locale, 'nudges.settings.cancel'), LIMITS.viewButton),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: t(locale, 'nudges.settings.intro') } },
      {
        type: 'input',
        block_id: SETTINGS_FIELDS.time,
        label: pt(t(locale, 'nudges.settings.time')),
        hint: pt(t(locale, 'nudges.settings.time_hint'), LIMITS.inputLabel),
        element: { type: 'timepicker', action_id: INPUT_ACTION, initial_time: view.time },
      },
      {
        type: 'input',
        block_id: SETTINGS_FIELDS.days,
        label: pt(t(locale, 'nudges.settings.days')),
        element: { type: 'checkboxes', action_id: INPUT_ACTION, options: days, initial_options: days.filter((o) => view.days.includes(Number(o.value))) },
      },
      {
        type: 'input',
        block_id: SETTINGS_FIELDS.state,
        label: pt(t(locale, 'nudges.settings.state')),
        element: { type: 'radio_buttons', action_id: INPUT_ACTION, options: states, initial_option: states.find((o) => o.value === view.state) ?? states[0] },
      },
      { type: 'input', block_id: SETTINGS_FIELDS.until, optional: true, label: pt(t(locale, 'nudges.settings.until')), element: until },
    ],
  };
}

/** The buttons every nudge carries in Slack: reminder settings, not today, not tomorrow. */
export function nudgeSettingsBlock(locale: Locale): types.ActionsBlock {
  const button = (actionId: string, key: string): types.Button => ({ type: 'button', action_id: actionId, text: pt(t(locale, key), LIMITS.buttonText), value: actionId });
  return {
    type: 'actions',
    block_id: 'nudge_settings',
    elements: [
      button(`${SNOOZE_ACTION_PREFIX}today`, 'nudges.button.snooze_today'),
      button(`${SNOOZE_ACTION_PREFIX}tomorrow`, 'nudges.button.snooze_tomorrow'),
      button(SETTINGS_OPEN_ACTION, 'nudges.button.settings'),
    ],
  };
}

/** The App Home's settings button (one actions block). */
export function homeSettingsBlock(locale: Locale): types.ActionsBlock {
  return {
    type: 'actions',
    block_id: 'home_nudge_settings',
    elements: [{ type: 'button', action_id: SETTINGS_OPEN_ACTION, text: pt(t(locale, 'nudges.button.settings'), LIMITS.buttonText), value: SETTINGS_OPEN_ACTION }],
  };
}

type Client = webApi.WebClient;

interface Asker {
  tenant: string;
  userId: string;
  requestId: string | undefined;
  triggerId?: string;
}

/** Sends the settings to the engine as the person (identity, locale and zone resolved like a message). */
async function submitSettings(rt: SlackRuntime, client: Client, who: Asker, values: Record<string, string | undefined>): Promise<FormResult> {
  const inbound = await buildInbound(rt, client, {
    tenant: who.tenant,
    userId: who.userId,
    text: '',
    conversationId: who.userId,
    shared: false,
    ...(who.requestId ? { requestId: who.requestId } : {}),
    ...(who.triggerId ? { messageId: `trigger:${who.triggerId}` } : {}),
  });
  const { text: _text, isCommand: _isCommand, ...base } = inbound;
  const submission: SettingsSubmission = { ...base, form: SETTINGS_FORM, values };
  return rt.engine.submitForm(submission);
}

function settingsOf(reply: Reply | undefined): SettingsView | null {
  const settings = reply?.data.settings as SettingsView | undefined;
  return settings && typeof settings.time === 'string' ? settings : null;
}

export function registerSettings(app: App, rt: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>(SETTINGS_OPEN_ACTION, async ({ ack, body, client, context }) => {
    await ack();
    const who: Asker = { tenant: context.teamId ?? body.team?.id ?? '', userId: body.user.id, requestId: requestIdIn(context) };
    try {
      const result = await submitSettings(rt, client, who, { op: 'view' });
      const view = settingsOf(result.reply);
      if (!view) {
        // Someone Lingyan does not know yet: the engine's reply (onboarding) says what to do.
        if (result.reply) await rt.delivery.deliver(client, { tenant: who.tenant, userId: who.userId, locale: result.reply.locale }, { kind: 'dm' }, result.reply);
        return;
      }
      await client.views.open({ trigger_id: body.trigger_id, view: buildSettingsModal(view) });
    } catch (error) {
      rt.logger.error({ tenant: who.tenant, userId: who.userId, err: errorFields(error) }, 'slack settings: could not open the modal');
      const locale = await localeOf(rt, client, who.tenant, who.userId);
      await rt.delivery.notify(client, { tenant: who.tenant, userId: who.userId, locale }, { kind: 'dm' }, t(locale, 'slack.error.internal'));
    }
  });

  app.action<BlockAction<ButtonAction>>(new RegExp(`^${SNOOZE_ACTION_PREFIX}`), async ({ ack, body, action, client, context }) => {
    await ack();
    const who: Asker = { tenant: context.teamId ?? body.team?.id ?? '', userId: body.user.id, requestId: requestIdIn(context), triggerId: body.trigger_id };
    const which = action.action_id.slice(SNOOZE_ACTION_PREFIX.length);
    const state = which === 'today' || which === 'tomorrow' ? SNOOZES[which] : null;
    const locale = await localeOf(rt, client, who.tenant, who.userId);
    const audience = { tenant: who.tenant, userId: who.userId, locale };
    if (!state) {
      rt.logger.warn({ tenant: who.tenant, userId: who.userId, actionId: action.action_id }, 'slack settings: unknown snooze button');
      await rt.delivery.notify(client, audience, { kind: 'dm' }, t(locale, 'slack.error.internal'));
      return;
    }
    try {
      const result = await submitSettings(rt, client, who, { [SETTINGS_FIELDS.state]: state });
      const errors = Object.values(result.fieldErrors ?? {});
      if (errors.length > 0) await rt.delivery.notify(client, audience, { kind: 'dm' }, errors.join('\n'));
      else if (result.reply) await rt.delivery.deliver(client, { ...audience, locale: result.reply.locale }, { kind: 'dm' }, result.reply);
    } catch (error) {
      rt.logger.error({ tenant: who.tenant, userId: who.userId, err: errorFields(error) }, 'slack settings: snooze failed');
      await rt.delivery.notify(client, audience, { kind: 'dm' }, t(locale, 'slack.error.internal'));
    }
  });

  app.view({ callback_id: SETTINGS_CALLBACK, type: 'view_submission' }, async ({ ack, body, view, client, context }) => {
    const who: Asker = {
      tenant: context.teamId ?? body.team?.id ?? '',
      userId: body.user.id,
      requestId: requestIdIn(context),
      ...('trigger_id' in body && typeof body.trigger_id === 'string' ? { triggerId: body.trigger_id } : {}),
    };
    const values = readValues(view.state.values);
    // An empty checkbox group is absent from state.values: "no day at all" must be refused, not ignored.
    if (values[SETTINGS_FIELDS.days] === undefined) values[SETTINGS_FIELDS.days] = '';
    let result: FormResult;
    try {
      result = await submitSettings(rt, client, who, values);
    } catch (error) {
      await ack();
      rt.logger.error({ tenant: who.tenant, userId: who.userId, err: errorFields(error) }, 'slack settings: submission failed');
      const locale = await localeOf(rt, client, who.tenant, who.userId);
      await rt.delivery.notify(client, { tenant: who.tenant, userId: who.userId, locale }, { kind: 'dm' }, t(locale, 'slack.error.internal'));
      return;
    }
    if (result.fieldErrors && Object.keys(result.fieldErrors).length > 0) {
      rt.logger.info({ tenant: who.tenant, userId: who.userId, fields: Object.keys(result.fieldErrors) }, 'slack settings rejected with field errors');
      await ack({ response_action: 'errors', errors: mapFieldErrors(view, result.fieldErrors) });
      return;
    }
    await ack();
    if (result.reply) await rt.delivery.deliver(client, { tenant: who.tenant, userId: who.userId, locale: result.reply.locale }, { kind: 'dm' }, result.reply);
    await refreshQuietly(rt, client, who.tenant, who.userId, who.requestId);
  });
}
