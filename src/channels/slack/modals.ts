// The three forms as modals (set goal, log activity, 12-dimension competency assessment): building the
// views, reading submitted values, and mapping the engine's field errors to the modal's inputs.
import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { Locale } from '../../domain/types';
import { t } from '../../i18n';
import type { FormName } from './action-value';
import { LIMITS, truncate } from './limits';
import { ABILITY_DIMENSIONS, COGNITION_DIMENSIONS, SCORE_CHOICES } from '../../core/formFields';

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
      input.value ?? input.selected_date ?? input.selected_option?.value ?? input.selected_options?.map((o) => o.value).join(',') ?? undefined;
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
