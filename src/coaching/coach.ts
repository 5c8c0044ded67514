// coach: "客户说利率太高怎么办" — an answer grounded in retrieved course passages and the asker's own
// numbers, streamed when the channel can show partial text; course excerpts when offline.
import type { Handler, HandlerContext } from '../core/context';
import type { Reply } from '../core/reply';
import { t } from '../i18n';
import { agentSummary } from './context';
import { appendConversation, conversationFor } from './conversation';
import type { CoachingDeps } from './deps';
import type { OfflineReason } from './gateway';
import { offlineCoachText, sourceLine } from './offline';
import { buildCoachPrompt, citationsOf, citedPassages, type Citation } from './prompt';
import type { CourseRanker } from './courseRanking';
import type { CourseIndex, SearchHit } from './retrieval';
import type { Locale } from '../domain/types';

const PASSAGES_ONLINE = 3;
const PASSAGES_OFFLINE = 2;

// Techniques answer "how do I…" better than a course's purpose or self-check, which match many questions.
const TECHNIQUE = /技巧|technique/i;
const NON_TECHNIQUE_FACTOR = 0.8;

/** Passages well below the best one add tokens more than they add grounding. */
const RELEVANCE_FLOOR = 0.85;

/**
 * Retrieved passages for a coaching question: techniques first among near ties, then only those close to
 * the best. With a course ranker, passages come from the best-ranked course (then the runner-up), so the
 * answer is grounded in the course the question belongs to, not in a lucky paragraph of another.
 */
export function groundingPassages(
  index: CourseIndex,
  question: string,
  locale: Locale,
  limit: number,
  ranker?: CourseRanker,
  extra: readonly (readonly string[])[] = [],
): SearchHit[] {
  const courses = ranker?.rank(question, locale, extra).slice(0, 2).map((r) => r.course);
  const scored = (only?: string[]) =>
    index
      .search(question, { locale, limit: limit + 5, ...(only ? { courses: only } : {}) })
      .map((h) => ({ ...h, score: TECHNIQUE.test(h.section) ? h.score : h.score * NON_TECHNIQUE_FACTOR }));
  let ranked = scored(courses);
  if (courses && ranked.length === 0) ranked = scored();
  ranked.sort((a, b) => (courses ? rankOf(courses, a.course) - rankOf(courses, b.course) : 0) || b.score - a.score);
  const best = ranked[0];
  const floor = (best?.score ?? 0) * RELEVANCE_FLOOR;
  return ranked.filter((h, i) => i === 0 || (h.course === best?.course ? h.score >= floor : h.score >= (best?.score ?? 0))).slice(0, limit);
}

function rankOf(courses: readonly string[], course: string): number {
  const at = courses.indexOf(course);
  return at < 0 ? courses.length : at;
}

export function questionOf(ctx: HandlerContext, topic: string | undefined): string {
  const text = (topic ?? '').trim() || ctx.route.text.replace(/^\/coach\s+\S+\s*/i, '').trim();
  return text || ctx.route.text;
}

function coachReply(ctx: HandlerContext, text: string, citations: Citation[], offline: boolean, extra: Record<string, unknown>): Reply {
  return {
    intent: 'coach',
    locale: ctx.locale,
    title: t(ctx.locale, offline ? 'coaching.coach.title_offline' : 'coaching.coach.title'),
    text,
    data: { citations, offline, ...extra },
  };
}

/** Streams through ctx.stream when the channel gave one. */
export function sinkOf(ctx: HandlerContext): ((partial: string) => Promise<void>) | undefined {
  const stream = ctx.stream;
  return stream ? async (partial) => void (await stream(partial)) : undefined;
}

export function offlineCoachReply(ctx: HandlerContext, passages: SearchHit[], reason: OfflineReason): Reply {
  const used = passages.slice(0, PASSAGES_OFFLINE);
  return coachReply(ctx, offlineCoachText(ctx.locale, used, reason), citationsOf(used), true, { reason });
}

export function createCoachHandler(deps: CoachingDeps): Handler {
  return async (ctx, args) => {
    const question = questionOf(ctx, args.topic);
    const byEmbedding = deps.embeddings ? [await deps.embeddings.rankCourses(question)] : [];
    const passages = groundingPassages(deps.index, question, ctx.locale, PASSAGES_ONLINE, deps.ranker, byEmbedding);
    if (!deps.llm.configured) return offlineCoachReply(ctx, passages, 'no_llm');

    const [summary, history] = await Promise.all([agentSummary(ctx), conversationFor(ctx)]);
    const prompt = buildCoachPrompt({ locale: ctx.locale, question, passages, numbers: summary.lines, history, budget: deps.promptBudget });
    const sink = sinkOf(ctx);
    const outcome = await deps.llm.chat({ tenant: ctx.tenant, date: ctx.today }, prompt.messages, sink ? { stream: sink } : {});
    if (!outcome.ok) return offlineCoachReply(ctx, passages, outcome.reason);

    const used = citedPassages(outcome.value, prompt.passages);
    await appendConversation(ctx.store, ctx.tenant, ctx.actor.id, question, outcome.value);
    const sources = used.map((p) => `[${p.n}] ${sourceLine(ctx.locale, p)}`).join('\n');
    const text = sources ? `${outcome.value.trim()}\n\n${t(ctx.locale, 'coaching.sources')}\n${sources}` : outcome.value.trim();
    const reply = coachReply(ctx, text, citationsOf(used), false, { promptTokens: prompt.tokens });
    reply.citations = used.map((p) => ({ n: p.n, title: p.title, section: p.section }));
    return reply;
  };
}
