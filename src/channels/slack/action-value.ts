// The `value` carried by Lingyan's buttons: a follow-up action (`act:<id>`) or the key of a stored
// reply whose steps the "why" button expands. Parsed with zod because Slack echoes it back untrusted.
import { z } from 'zod';
import { INTENTS, type ReplyAction } from '../../core/reply';
import { LIMITS, truncate } from './limits';

export const FORMS = ['set_goal', 'log_activity', 'assess'] as const;
export type FormName = (typeof FORMS)[number];

export const ACTION_PREFIX = 'act:';
export const WHY_ACTION = 'why';

const actionValueSchema = z.object({
  i: z.enum(INTENTS),
  t: z.string().max(LIMITS.buttonValue).optional(),
  f: z.enum(FORMS).optional(),
});
export type ActionValue = z.infer<typeof actionValueSchema>;

export function encodeActionValue(action: ReplyAction): string {
  const value: ActionValue = { i: action.intent };
  if (action.form) value.f = action.form;
  if (action.text) value.t = truncate(action.text, 1800);
  return JSON.stringify(value);
}

export function decodeActionValue(raw: string | undefined): ActionValue | null {
  if (raw === undefined) return null;
  try {
    const parsed = actionValueSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const whyValueSchema = z.object({ k: z.string().min(1).max(200) });

export function encodeWhyValue(key: string): string {
  return JSON.stringify({ k: key });
}

export function decodeWhyValue(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  try {
    const parsed = whyValueSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data.k : null;
  } catch {
    return null;
  }
}
