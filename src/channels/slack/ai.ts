// Provenance of AI-written answers in Slack (issue 23): which replies an LLM wrote, the "AI-generated"
// context line, the sources as a context block linked to course sections, and the 👍/👎 feedback buttons
// (a context_actions block with a feedback_buttons element) whose value carries the answer's intent and
// cited sections — never its text.
import type { types } from '@slack/bolt';
import { z } from 'zod';
import { INTENTS, type Reply, type ReplyCitation } from '../../core/reply';
import { t } from '../../i18n';
import { LIMITS, escapeMrkdwn, truncate } from './limits';

export const FEEDBACK_ACTION = 'feedback';

/**
 * An answer an LLM wrote: the coaching handlers (coach, course, huddle, role-play) mark their replies
 * `data.offline: false` when the model's text is used, and `true` for course excerpts and scripted lines.
 * Exact numbers (today's calls, progress, goals…) carry no such mark and are never labelled.
 */
export function isAiWritten(reply: Pick<Reply, 'data' | 'error'>): boolean {
  return !reply.error && reply.data.offline === false;
}

const dataCitationSchema = z.array(z.object({ course: z.string(), section: z.string() }));

/** The citations shown: the Reply's structured ones, else those in `data.citations` (course id + section). */
export function citationsOf(reply: Pick<Reply, 'citations' | 'data'>): ReplyCitation[] {
  if (reply.citations && reply.citations.length > 0) return reply.citations;
  const parsed = dataCitationSchema.safeParse(reply.data.citations);
  if (!parsed.success) return [];
  return parsed.data.map((c, index) => ({ n: index + 1, title: c.course, section: c.section }));
}

/** Section ids for the stored vote ("course#section" where the course is known, else the section). */
export function citedSectionIds(reply: Pick<Reply, 'citations' | 'data'>): string[] {
  const parsed = dataCitationSchema.safeParse(reply.data.citations);
  const ids = parsed.success && parsed.data.length > 0 ? parsed.data.map((c) => `${c.course}#${c.section}`) : citationsOf(reply).map((c) => c.section);
  return [...new Set(ids.map((id) => truncate(id, 200)))].slice(0, 20);
}

/** Slack link markup needs `<`, `>` and `|` kept out of the label and the URL. */
function link(url: string, label: string): string {
  const safeUrl = url.replace(/[<>|\s]/g, encodeURIComponent);
  return `<${safeUrl}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}

/** "Sources: [1] course · section" as one context block (at most 10 elements, each ≤ 3,000 chars). */
export function citationsBlock(reply: Reply): types.KnownBlock | undefined {
  const citations = citationsOf(reply);
  if (citations.length === 0) return undefined;
  const head: types.MrkdwnElement = { type: 'mrkdwn', text: `*${escapeMrkdwn(t(reply.locale, 'slack.ai.sources'))}*` };
  const items = citations.slice(0, LIMITS.contextElements - 1).map((c): types.MrkdwnElement => {
    const label = `${c.title} · ${c.section}`;
    const shown = c.url ? link(c.url, label) : escapeMrkdwn(label);
    return { type: 'mrkdwn', text: truncate(`[${c.n}] ${shown}`, LIMITS.sectionText) };
  });
  return { type: 'context', elements: [head, ...items] };
}

export function aiLabelBlock(reply: Reply): types.KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: `:robot_face: ${escapeMrkdwn(t(reply.locale, 'slack.ai.label'))}` }] };
}

const feedbackValueSchema = z.object({
  r: z.enum(['up', 'down']),
  i: z.enum(INTENTS),
  c: z.array(z.string().max(200)).max(20).default([]),
});
export type FeedbackValue = z.infer<typeof feedbackValueSchema>;

/** The value of one feedback button: rating, intent and cited section ids, within Slack's 2,000 characters. */
export function encodeFeedbackValue(value: FeedbackValue): string {
  const cited = [...value.c];
  let encoded = JSON.stringify({ ...value, c: cited });
  while (encoded.length > LIMITS.buttonValue && cited.length > 0) {
    cited.pop();
    encoded = JSON.stringify({ ...value, c: cited });
  }
  return encoded;
}

export function decodeFeedbackValue(raw: string | undefined): FeedbackValue | null {
  if (raw === undefined) return null;
  try {
    const parsed = feedbackValueSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The context_actions block with 👍/👎 (Slack's feedback_buttons element). */
export function feedbackBlock(reply: Reply): types.ContextActionsBlock {
  const cited = citedSectionIds(reply);
  const locale = reply.locale;
  const button = (rating: 'up' | 'down') => ({
    text: { type: 'plain_text' as const, text: truncate(t(locale, `slack.feedback.${rating}`), LIMITS.buttonText), emoji: true },
    accessibility_label: truncate(t(locale, `slack.feedback.${rating}_label`), LIMITS.buttonText),
    value: encodeFeedbackValue({ r: rating, i: reply.intent, c: cited }),
  });
  return {
    type: 'context_actions',
    elements: [{ type: 'feedback_buttons', action_id: FEEDBACK_ACTION, positive_button: button('up'), negative_button: button('down') }],
  };
}

/**
 * The answer's text as the message body: when its sources are shown as a context block, the plain-text
 * sources list the coaching handlers append (`coaching.sources` then one `[n] …` line per citation) is
 * left out of the body, so the sources appear once. Any other text is kept whole.
 */
export function bodyTextOf(reply: Reply): string {
  if (!isAiWritten(reply) || citationsOf(reply).length === 0) return reply.text;
  const marker = `\n\n${t(reply.locale, 'coaching.sources')}\n`;
  const at = reply.text.lastIndexOf(marker);
  if (at < 0) return reply.text;
  const lines = reply.text.slice(at + marker.length).split('\n');
  return lines.every((line) => /^\[\d+\] /.test(line)) ? reply.text.slice(0, at) : reply.text;
}
