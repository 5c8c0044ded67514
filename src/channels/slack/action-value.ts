// The `value` carried by Lingyan's buttons: a follow-up action (`act:<id>`), or what the "why" button
// needs to show a reply's steps (the question to ask again, or the key of a stored reply). Parsed with
// zod because Slack echoes it back untrusted.
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

/**
 * What the "why" button carries. Answers to a question carry the question itself (`replay`): a click asks
 * it again, as the person who clicked, at the instant it was first asked, and shows the steps; nothing is
 * stored per answer. Replies that did not come from a question (nudges), or whose question does not fit
 * in a button value, carry the key of a stored copy (`stored`).
 */
export type WhyRef = { kind: 'stored'; key: string } | { kind: 'replay'; text: string; isCommand: boolean; at: number };

const whyValueSchema = z.union([
  z.object({ k: z.string().min(1).max(200) }),
  z.object({ q: z.string().min(1).max(LIMITS.buttonValue), c: z.literal(1).optional(), at: z.number().int().nonnegative() }),
]);

export function encodeWhyValue(ref: WhyRef): string {
  if (ref.kind === 'stored') return JSON.stringify({ k: ref.key });
  return JSON.stringify({ q: ref.text, ...(ref.isCommand ? { c: 1 } : {}), at: ref.at });
}

/** The replay reference for a question, or null when its value would not fit in a Slack button. */
export function replayRef(text: string, isCommand: boolean, at: Date): WhyRef | null {
  const ref: WhyRef = { kind: 'replay', text, isCommand, at: at.getTime() };
  return text.length > 0 && encodeWhyValue(ref).length <= LIMITS.buttonValue ? ref : null;
}

export function decodeWhyValue(raw: string | undefined): WhyRef | null {
  if (raw === undefined) return null;
  try {
    const parsed = whyValueSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return null;
    const value = parsed.data;
    return 'k' in value ? { kind: 'stored', key: value.k } : { kind: 'replay', text: value.q, isCommand: value.c === 1, at: value.at };
  } catch {
    return null;
  }
}
