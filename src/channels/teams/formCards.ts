// Renders a FormSpec as an Adaptive Card: labelled inputs with client-side validation (isRequired,
// errorMessage, min/max), submitted values kept and server-side errors shown under each field.
import type { Locale } from '../../domain/types';
import { t } from '../../i18n';
import {
  newCard,
  type AdaptiveCardJson,
  type CardElement,
  type ChoiceSetInput,
  type InputElement,
  type TextBlock,
} from './cardTypes';
import { formSpec, type FieldSpec, type FormName } from './formSpecs';
import { formVerb } from './verbs';

export interface FormState {
  /** Values to show in the inputs (what the user typed last time). */
  values?: Record<string, string | undefined>;
  /** Localized error per field id. */
  errors?: Record<string, string>;
}

function clientError(locale: Locale, field: FieldSpec): string {
  if (field.kind === 'number') return t(locale, 'teams.form.out_of_range', { min: field.min, max: field.max });
  if (field.kind === 'date') return t(locale, 'teams.form.not_date');
  if (field.kind === 'choice') return t(locale, 'teams.form.invalid_choice');
  return t(locale, 'teams.form.required');
}

function input(locale: Locale, field: FieldSpec, value: string | undefined): InputElement {
  const label = t(locale, field.label);
  switch (field.kind) {
    case 'number': {
      const el: InputElement = { type: 'Input.Number', id: field.id, label, min: field.min, max: field.max };
      if (field.required) {
        el.isRequired = true;
      }
      el.errorMessage = clientError(locale, field);
      const n = value === undefined ? NaN : Number(value);
      // A non-numeric value cannot be kept in an Input.Number; the error line below says what was wrong.
      if (value !== undefined && value !== '' && Number.isFinite(n)) el.value = n;
      return el;
    }
    case 'text': {
      const el: InputElement = { type: 'Input.Text', id: field.id, label, maxLength: field.maxLength };
      if (field.multiline) el.isMultiline = true;
      if (field.placeholder) el.placeholder = t(locale, field.placeholder);
      if (field.required) {
        el.isRequired = true;
        el.errorMessage = t(locale, 'teams.form.required');
      }
      if (value) el.value = value;
      return el;
    }
    case 'date': {
      const el: InputElement = { type: 'Input.Date', id: field.id, label };
      if (field.required) {
        el.isRequired = true;
        el.errorMessage = clientError(locale, field);
      }
      if (value && /^\d{4}-\d{2}-\d{2}$/.test(value)) el.value = value;
      return el;
    }
    case 'toggle': {
      const el: InputElement = { type: 'Input.Toggle', id: field.id, title: label, valueOn: field.on, valueOff: field.off };
      el.value = value === field.on ? field.on : field.off;
      return el;
    }
    case 'choice': {
      const el: ChoiceSetInput = {
        type: 'Input.ChoiceSet',
        id: field.id,
        label,
        style: 'compact',
        choices: field.choices.map((choice) => ({ title: t(locale, choice.label), value: choice.value })),
      };
      if (field.required) {
        el.isRequired = true;
        el.errorMessage = clientError(locale, field);
      }
      if (value && field.choices.some((choice) => choice.value === value)) el.value = value;
      return el;
    }
  }
}

function errorLine(text: string): TextBlock {
  return { type: 'TextBlock', text, color: 'Attention', wrap: true, size: 'Small', spacing: 'None' };
}

/** The form card for `form`, in `locale`, optionally showing kept values and field errors. */
export function renderFormCard(form: FormName, locale: Locale, state: FormState = {}): AdaptiveCardJson {
  const spec = formSpec(form);
  const values = state.values ?? {};
  const errors = state.errors ?? {};
  const body: CardElement[] = [
    { type: 'TextBlock', text: t(locale, spec.title), weight: 'Bolder', size: 'Medium', style: 'heading', wrap: true },
  ];
  if (spec.intro) body.push({ type: 'TextBlock', text: t(locale, spec.intro), wrap: true, isSubtle: true });
  if (Object.keys(errors).length > 0) {
    body.push({ type: 'TextBlock', text: t(locale, 'teams.form.fix_errors'), color: 'Attention', weight: 'Bolder', wrap: true });
  }
  let group: string | undefined;
  let target: CardElement[] = body;
  for (const field of spec.fields) {
    const fieldGroup = field.kind === 'choice' ? field.group : undefined;
    if (fieldGroup && fieldGroup !== group) {
      group = fieldGroup;
      const container: CardElement = {
        type: 'Container',
        separator: true,
        items: [{ type: 'TextBlock', text: t(locale, fieldGroup), weight: 'Bolder', wrap: true }],
      };
      body.push(container);
      target = container.items;
    }
    target.push(input(locale, field, values[field.id]));
    const error = errors[field.id];
    if (error) target.push(errorLine(error));
  }
  // Errors on fields the card does not show (the engine may report on combinations) go at the end.
  for (const [id, error] of Object.entries(errors)) {
    if (!spec.fields.some((field) => field.id === id)) body.push(errorLine(error));
  }
  return newCard(body, [
    { type: 'Action.Execute', title: t(locale, 'teams.form.submit'), verb: formVerb(form), style: 'positive', associatedInputs: 'auto' },
  ]);
}
