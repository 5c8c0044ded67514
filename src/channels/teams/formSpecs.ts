// The three forms (goal, activity log, 12-dimension assessment) as field specs: one source for the card
// inputs and for the channel-side checks run before a submission reaches the engine. Field ids are the
// engine's (src/core/forms.ts): income, base_salary, commission_type, rate, tier_mode, tiers; calls, ..., mode.
import type { FormSubmission } from '../../core/engine';

export type FormName = FormSubmission['form'];
export const FORM_NAMES: readonly FormName[] = ['set_goal', 'log_activity', 'assess'];

import { ABILITY_DIMENSIONS, COGNITION_DIMENSIONS, DIMENSIONS } from '../../core/formFields';

export { ABILITY_DIMENSIONS, COGNITION_DIMENSIONS, DIMENSIONS };

export type FieldSpec =
  | {
      kind: 'number';
      id: string;
      label: string;
      required: boolean;
      min: number;
      max: number;
      integer?: boolean;
      /** Appended when passed to the engine ("2" in a "%" field is sent as "2%", never read as a fraction). */
      suffix?: string;
    }
  | { kind: 'text'; id: string; label: string; required: boolean; multiline?: boolean; placeholder?: string; maxLength: number }
  | { kind: 'date'; id: string; label: string; required: boolean }
  | { kind: 'toggle'; id: string; label: string; on: string; off: string }
  | { kind: 'choice'; id: string; label: string; required: boolean; choices: Array<{ value: string; label: string }>; group?: string };

export interface FormSpec {
  form: FormName;
  title: string;
  intro?: string;
  fields: FieldSpec[];
}

const MONEY_MAX = 100_000_000;
const COUNT_MAX = 100_000;

/** Field specs with message keys as labels (the renderer localizes them). */
export function formSpec(form: FormName): FormSpec {
  switch (form) {
    case 'set_goal':
      return {
        form,
        title: 'teams.goal.title',
        fields: [
          { kind: 'number', id: 'income', label: 'teams.goal.income', required: true, min: 1, max: MONEY_MAX },
          { kind: 'number', id: 'base_salary', label: 'teams.goal.base_salary', required: false, min: 0, max: MONEY_MAX },
          {
            kind: 'choice',
            id: 'commission_type',
            label: 'teams.goal.commission_type',
            required: true,
            choices: [
              { value: 'flat', label: 'teams.goal.flat' },
              { value: 'tiered', label: 'teams.goal.tiered' },
            ],
          },
          { kind: 'number', id: 'rate', label: 'teams.goal.rate', required: false, min: 0, max: 100, suffix: '%' },
          {
            kind: 'choice',
            id: 'tier_mode',
            label: 'teams.goal.tier_mode',
            required: false,
            choices: [
              { value: 'marginal', label: 'teams.goal.marginal' },
              { value: 'whole', label: 'teams.goal.whole' },
            ],
          },
          {
            kind: 'text',
            id: 'tiers',
            label: 'teams.goal.tiers',
            required: false,
            multiline: true,
            placeholder: 'teams.goal.tiers_placeholder',
            maxLength: 500,
          },
        ],
      };
    case 'log_activity':
      return {
        form,
        title: 'teams.log.title',
        fields: [
          { kind: 'number', id: 'calls', label: 'teams.log.calls', required: true, min: 0, max: COUNT_MAX, integer: true },
          { kind: 'number', id: 'connects', label: 'teams.log.connects', required: false, min: 0, max: COUNT_MAX, integer: true },
          { kind: 'number', id: 'deals', label: 'teams.log.deals', required: false, min: 0, max: COUNT_MAX, integer: true },
          { kind: 'number', id: 'sales', label: 'teams.log.sales', required: false, min: 0, max: MONEY_MAX },
          { kind: 'number', id: 'prospects', label: 'teams.log.prospects', required: false, min: 0, max: COUNT_MAX, integer: true },
          { kind: 'date', id: 'date', label: 'teams.log.date', required: false },
          { kind: 'toggle', id: 'mode', label: 'teams.log.replace', on: 'replace', off: 'add' },
        ],
      };
    case 'assess': {
      const scoreChoices = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }));
      const dimension = (id: string, group: string): FieldSpec => ({
        kind: 'choice',
        id,
        label: `teams.dim.${id}`,
        required: true,
        choices: scoreChoices,
        group,
      });
      return {
        form,
        title: 'teams.assess.title',
        intro: 'teams.assess.intro',
        fields: [
          {
            kind: 'choice',
            id: 'rater',
            label: 'teams.assess.rater',
            required: true,
            choices: [
              { value: 'self', label: 'teams.assess.self' },
              { value: 'lead', label: 'teams.assess.lead' },
            ],
          },
          { kind: 'text', id: 'agent', label: 'teams.assess.agent', required: false, maxLength: 80 },
          ...ABILITY_DIMENSIONS.map((id) => dimension(id, 'teams.assess.ability')),
          ...COGNITION_DIMENSIONS.map((id) => dimension(id, 'teams.assess.cognition')),
        ],
      };
    }
  }
}

/** A problem with one field, as a message key and its params (localized by the caller). */
export interface FieldProblem {
  key: string;
  params?: Record<string, string | number>;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkField(field: FieldSpec, raw: string | undefined): FieldProblem | null {
  const value = raw?.trim() ?? '';
  if (field.kind === 'toggle') return null;
  if (value === '') return field.required ? { key: 'teams.form.required' } : null;
  switch (field.kind) {
    case 'number': {
      const cleaned = value.replace(/[,,\s]/g, '');
      if (!NUMBER.test(cleaned)) return { key: 'teams.form.not_number' };
      const n = Number(cleaned);
      if (n < field.min || n > field.max || (field.integer && !Number.isInteger(n))) {
        return { key: 'teams.form.out_of_range', params: { min: field.min, max: field.max } };
      }
      return null;
    }
    case 'date':
      return DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? null : { key: 'teams.form.not_date' };
    case 'choice':
      return field.choices.some((choice) => choice.value === value) ? null : { key: 'teams.form.invalid_choice' };
    case 'text':
      return value.length > field.maxLength ? { key: 'teams.form.too_long', params: { max: field.maxLength } } : null;
  }
}

/** Channel-side checks: required, numeric, range, date and choice. The engine still validates meaning. */
export function checkForm(form: FormName, values: Record<string, string | undefined>): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  for (const field of formSpec(form).fields) {
    const problem = checkField(field, values[field.id]);
    if (problem) problems[field.id] = problem;
  }
  return problems;
}

/** Keeps only the form's own fields, trimmed; numbers lose thousands separators. */
export function formValues(form: FormName, values: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const field of formSpec(form).fields) {
    const raw = values[field.id]?.trim();
    if (raw === undefined || raw === '') continue;
    out[field.id] = field.kind === 'number' ? `${raw.replace(/[,,\s]/g, '')}${field.suffix ?? ''}` : raw;
  }
  return out;
}
