// Card action verbs and the zod parsing of what Teams sends back when one is taken (Action.Execute invoke
// `adaptiveCard/action`, or an Action.Submit message whose `value` carries the data).
import { z } from 'zod';
import { INTENTS, type Intent } from '../../core/reply';
import { FORM_NAMES, type FormName } from './formSpecs';

export const formVerb = (form: FormName): string => `form:${form}`;
export const actionVerb = (intent: Intent): string => `act:${intent}`;

/** What a card action asks for. */
export type CardCommand =
  | { kind: 'form_submit'; form: FormName; values: Record<string, string | undefined> }
  | { kind: 'open_form'; form: FormName; intent: Intent }
  | { kind: 'follow_up'; intent: Intent; text: string };

/** Input values arrive as strings, but older clients and tests may send numbers or booleans. */
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]).transform((v) => (v === null ? undefined : String(v)));
const dataSchema = z.record(z.string(), z.unknown());

const executeValueSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute').optional(),
    verb: z.string().min(1).max(100),
    data: dataSchema.optional(),
  }),
});

const submitValueSchema = dataSchema.and(z.object({ verb: z.string().min(1).max(100) }));

const formSchema = z.enum(FORM_NAMES as [FormName, ...FormName[]]);
const intentSchema = z.enum(INTENTS);

function stringValues(data: Record<string, unknown>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, raw] of Object.entries(data)) {
    if (key === 'verb' || key === 'msteams') continue;
    const parsed = scalar.safeParse(raw);
    if (parsed.success) out[key] = parsed.data;
  }
  return out;
}

/** Interprets a verb and its data; null when the verb is not one of Lingyan's. */
export function commandFrom(verb: string, data: Record<string, unknown>): CardCommand | null {
  const [prefix, name] = verb.split(':', 2);
  const values = stringValues(data);
  if (prefix === 'form') {
    const form = formSchema.safeParse(name);
    return form.success ? { kind: 'form_submit', form: form.data, values } : null;
  }
  if (prefix === 'act') {
    const intent = intentSchema.safeParse(name);
    if (!intent.success) return null;
    const form = formSchema.safeParse(values.form);
    if (form.success) return { kind: 'open_form', form: form.data, intent: intent.data };
    return { kind: 'follow_up', intent: intent.data, text: (values.text ?? '').slice(0, 2000) };
  }
  return null;
}

/** The `value` of an `adaptiveCard/action` invoke. */
export function parseExecuteValue(value: unknown): CardCommand | null {
  const parsed = executeValueSchema.safeParse(value);
  if (!parsed.success) return null;
  return commandFrom(parsed.data.action.verb, parsed.data.action.data ?? {});
}

/** The `value` of a message activity produced by Action.Submit (or an Execute fallback). */
export function parseSubmitValue(value: unknown): CardCommand | null {
  const parsed = submitValueSchema.safeParse(value);
  if (!parsed.success) return null;
  return commandFrom(parsed.data.verb, parsed.data);
}
