// 👍/👎 on AI-written answers, from Slack's feedback buttons and Teams' feedback loop alike: one vote per
// person per answer (a changed mind replaces the vote), kept per tenant and month with the answer's intent
// and the course sections it cited — never the answer's text or anyone's words. Summed for admins and the
// lead digest, counted in metrics.
import { z } from 'zod';
import { Counter } from 'prom-client';
import { registry } from '../metrics';
import type { Store } from '../store/store';
import type { Month } from '../domain/types';

export const FEEDBACK_KIND_PREFIX = 'feedback:';

export const feedbackSchema = z.object({
  /** The answer's id as the channel knows it (Slack message ts, Teams activity id), scoped by conversation. */
  answerId: z.string().min(1).max(256),
  platform: z.enum(['slack', 'teams', 'console']),
  /** The voter's agent id (never a platform id or a name). */
  agent: z.string().min(1),
  intent: z.string().min(1),
  /** Course section ids the answer cited (e.g. "objections#fees"). */
  citations: z.array(z.string().max(200)).max(20).default([]),
  rating: z.enum(['up', 'down']),
  /** ISO instant of the vote (from the caller's clock). */
  at: z.string(),
});
export type Feedback = z.infer<typeof feedbackSchema>;

export interface FeedbackSummary {
  up: number;
  down: number;
  byIntent: Record<string, { up: number; down: number }>;
}

const feedbackVotes = new Counter({
  name: 'lingyan_feedback_total',
  help: 'Feedback votes on AI-written answers, by platform, intent and rating',
  labelNames: ['platform', 'intent', 'rating'] as const,
  registers: [registry],
});

const kindOf = (month: Month) => `${FEEDBACK_KIND_PREFIX}${month}`;

/** Stores a vote (validated; the same person's later vote on the same answer replaces it). */
export async function recordFeedback(store: Store, tenant: string, input: Feedback): Promise<void> {
  const feedback = feedbackSchema.parse(input);
  await store.putDoc(tenant, kindOf(feedback.at.slice(0, 7)), `${feedback.answerId}\u0000${feedback.agent}`, feedback);
  feedbackVotes.inc({ platform: feedback.platform, intent: feedback.intent, rating: feedback.rating });
}

/** The month's votes in a tenant, in total and per intent. */
export async function feedbackSummary(store: Store, tenant: string, month: Month): Promise<FeedbackSummary> {
  const votes = await store.listDocs<Feedback>(tenant, kindOf(month));
  const summary: FeedbackSummary = { up: 0, down: 0, byIntent: {} };
  for (const vote of votes) {
    const parsed = feedbackSchema.safeParse(vote);
    if (!parsed.success) continue;
    const { intent, rating } = parsed.data;
    summary[rating] += 1;
    const bucket = (summary.byIntent[intent] ??= { up: 0, down: 0 });
    bucket[rating] += 1;
  }
  return summary;
}
