// What Teams' feedback loop needs to count a 👍/👎: each AI-written answer leaves a small record under the id
// of every message it was sent as (intent and cited course sections, never its text), and the
// `message/submitAction` invoke (actionName `feedback`) is stored with recordFeedback under the answer's id.
import { z } from 'zod';
import { recordFeedback } from '../../core/feedback';
import type { Reply } from '../../core/reply';
import type { Store } from '../../store/store';
import { citedSections } from './aiMessage';
import type { TeamsLogger } from './types';

/** How long a vote can still be tied to its answer's intent and citations. */
export const ANSWER_RECORD_TTL_SECONDS = 60 * 24 * 3600;

export interface AnswerRecord {
  /** "<conversation id>:<first message id>": one answer, however many messages it took. */
  answerId: string;
  intent: string;
  citations: string[];
}

const answerKey = (conversationId: string, messageId: string) => `teams:answer:${conversationId}:${messageId}`;
/** The feedback store keeps answer ids up to 256 characters; channel thread ids are long but not that long. */
const answerIdOf = (conversationId: string, messageId: string) => `${conversationId}:${messageId}`.slice(0, 256);

/** The invoke Teams sends when a feedback button is used (the free text is ignored, never stored). */
export const feedbackInvokeSchema = z.object({
  actionName: z.literal('feedback'),
  actionValue: z.object({ reaction: z.enum(['like', 'dislike']), feedback: z.unknown().optional() }),
});

export class AnswerRecords {
  constructor(
    private readonly store: Store,
    private readonly logger: TeamsLogger,
  ) {}

  /** Remembers an AI-written answer sent as `messageIds` (in order) in `conversationId`. */
  async remember(tenant: string, conversationId: string, messageIds: readonly string[], reply: Reply): Promise<void> {
    const ids = messageIds.filter((id) => id.length > 0);
    if (ids.length === 0) return;
    const record: AnswerRecord = { answerId: answerIdOf(conversationId, ids[0] ?? ''), intent: reply.intent, citations: citedSections(reply) };
    try {
      await Promise.all(ids.map((id) => this.store.putSession(tenant, answerKey(conversationId, id), record, ANSWER_RECORD_TTL_SECONDS)));
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error), tenant, intent: reply.intent }, 'teams: answer record not stored');
    }
  }

  async lookup(tenant: string, conversationId: string, messageId: string): Promise<AnswerRecord | null> {
    return this.store.getSession<AnswerRecord>(tenant, answerKey(conversationId, messageId));
  }

  /**
   * Stores a vote on the message `replyToId`. The voter must resolve to a profile (the vote is kept under
   * the agent id, never a platform id); an answer whose record expired counts under intent `unknown`.
   */
  async vote(input: {
    tenant: string;
    conversationId: string;
    replyToId: string;
    aadObjectId?: string;
    value: unknown;
    at: Date;
  }): Promise<'recorded' | 'invalid' | 'unknown_person'> {
    const parsed = feedbackInvokeSchema.safeParse(input.value);
    if (!parsed.success || !input.replyToId) return 'invalid';
    const agent = input.aadObjectId ? await this.store.findAgentByPlatformId(input.tenant, 'teams', input.aadObjectId) : null;
    if (!agent) return 'unknown_person';
    const record = await this.lookup(input.tenant, input.conversationId, input.replyToId);
    await recordFeedback(this.store, input.tenant, {
      answerId: record?.answerId ?? answerIdOf(input.conversationId, input.replyToId),
      platform: 'teams',
      agent: agent.id,
      intent: record?.intent ?? 'unknown',
      citations: record?.citations ?? [],
      rating: parsed.data.actionValue.reaction === 'like' ? 'up' : 'down',
      at: input.at.toISOString(),
    });
    return 'recorded';
  }
}
