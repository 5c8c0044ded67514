// The channel-neutral Reply every handler returns; Slack, Teams and console renderers turn it into
// Block Kit, Adaptive Cards or text. `text` is always a complete plain-text rendering.
import type { Locale } from '../domain/types';

export const INTENTS = [
  'calls_today',
  'plan',
  'set_goal',
  'suggest_target',
  'progress',
  'log_activity',
  'diagnose',
  'assess',
  'quadrant',
  'mentors',
  'team',
  'huddle',
  'coach',
  'roleplay',
  'course',
  'nudges',
  'export',
  'import',
  'help',
  'clarify',
  'onboarding',
  'error',
] as const;
export type Intent = (typeof INTENTS)[number];

export interface Fact {
  label: string;
  value: string;
}

export interface ReplySection {
  title?: string;
  text?: string;
  facts?: Fact[];
}

/** A follow-up the user can take with one tap. `intent` + `args` are routed like a typed message. */
export interface ReplyAction {
  id: string;
  label: string;
  intent: Intent;
  /** Text routed when the action is taken (e.g. "log 0 calls"), or empty for forms. */
  text?: string;
  /** A form to open instead of routing text (Slack modal / Teams card). */
  form?: 'set_goal' | 'log_activity' | 'assess';
  style?: 'primary' | 'danger';
}

export interface ReplyChart {
  title: string;
  /** PNG bytes, base64. */
  pngBase64: string;
  altText: string;
}

export interface ReplyFile {
  filename: string;
  mimeType: string;
  base64: string;
}

/** A course section an AI-written answer drew on: `[n]` in the text, shown as a link when `url` is known. */
export interface ReplyCitation {
  n: number;
  title: string;
  url?: string;
  section: string;
}

export interface Reply {
  intent: Intent;
  locale: Locale;
  /** Plain-text rendering, complete on its own. */
  text: string;
  /** Structured result of the intent (the pinned fields live here). */
  data: Record<string, unknown>;
  title?: string;
  /** Headline facts (e.g. calls today, left today, deals, prospects). */
  facts?: Fact[];
  sections?: ReplySection[];
  /** "Why this number?": one line per explanation step. */
  why?: string[];
  /**
   * "Why this number?" for an agent: the same steps and numbers as `why` (which stays the formula view,
   * for leads and `--json`) in plain sentences without formula notation. Set only with `why`, and only
   * when the asker is an agent; channels show it instead of `why` (`whyShown`).
   */
  whyPlain?: string[];
  actions?: ReplyAction[];
  chart?: ReplyChart;
  file?: ReplyFile;
  /** `private`: must not be posted in a shared channel; the channel moves it to a DM. */
  visibility?: 'private' | 'any';
  /** Course sections the answer cites (Slack context block, Teams citation entities). */
  citations?: ReplyCitation[];
  /** Set when the reply reports an error (the key of the message shown). */
  error?: { kind: 'input' | 'not_allowed' | 'upstream' | 'internal'; key: string };
}

/** The "why this number?" lines a channel shows: the plain sentences when the reply has them (agents), else the formulas. */
export function whyShown(reply: Pick<Reply, 'why' | 'whyPlain'>): string[] {
  return reply.whyPlain && reply.whyPlain.length > 0 ? reply.whyPlain : (reply.why ?? []);
}

/**
 * The part of `text` a card shows above the reply's sections: `text` is the complete plain rendering, so
 * it repeats what the sections hold; a renderer that draws the sections shows only the lines of `text`
 * that are in no section (its title, `【title】`, or a line of its text). Without sections, all of `text`.
 */
export function textBesideSections(reply: Pick<Reply, 'text' | 'sections'>): string {
  const sections = reply.sections ?? [];
  if (sections.length === 0) return reply.text;
  const inSections = new Set<string>();
  for (const section of sections) {
    if (section.title) {
      inSections.add(section.title.trim());
      inSections.add(`【${section.title.trim()}】`);
    }
    for (const line of (section.text ?? '').split('\n')) if (line.trim()) inSections.add(line.trim());
  }
  const kept = reply.text.split('\n').filter((line) => !inSections.has(line.trim()));
  return kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
