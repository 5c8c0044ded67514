// A reply to a nudge (issue 23, item 5). Every nudge and digest sent is written into the recipient's
// conversation (delivery.ts → recordNudge), so a question right after one is read in its context: a bare
// "为什么要这么多?" / "why so many?" is answered with the nudge's own "why this number?" steps (the numbers it was
// sent with); a longer question about it goes to the coach, whose prompt carries the nudge as Lingyan's last
// message (without an LLM, or when it fails: the steps again).
import type { FollowUp } from '../core/lingyanEngine';
import { appendConversation, loadConversation, replyingToNudge } from '../coaching/conversation';
import { t } from '../i18n';
import { formatDate, lines } from '../planning/format';
import { recallQuestion } from '../core/whyFollowUp';
import { asksAboutTheNumber, isBareWhy } from '../understanding/followUps';

export type { FollowUp };

// A question about the nudge's numbers ("为什么要这么多?", "怎么算的", "why so many?"): its cues are data
// (corpus/followups/about-the-number.txt). A question that only contains "为什么" ("客户为什么总挂电话") is
// not about the nudge: it is routed as usual.
const MAX_CHARS = 80;

/** Requests that change something or start something: never taken as a question about the nudge. */
const NOT_A_QUESTION = new Set<string>(['set_goal', 'log_activity', 'nudges', 'assess', 'import', 'export', 'roleplay', 'mentors', 'quadrant', 'team', 'huddle']);

export function isWhyQuestion(text: string): boolean {
  const clean = text.trim();
  return isBareWhy(clean) || (clean.length > 0 && clean.length <= MAX_CHARS && asksAboutTheNumber(clean));
}

/**
 * The nudges' follow-up: a why-question asked right after a nudge (nothing answered with a number since), in
 * that nudge's context. A bare "为什么" / "why" gets the nudge's own steps (exact numbers, no LLM); a longer
 * question about it goes to the coach, whose prompt carries the nudge; offline, the steps again.
 */
export const nudgeFollowUp: FollowUp = async (ctx, answerAs) => {
  const question = ctx.route.text;
  if (!isWhyQuestion(question) || NOT_A_QUESTION.has(ctx.route.intent)) return null;
  const nudge = replyingToNudge(await loadConversation(ctx.store, ctx.tenant, ctx.actor.id), ctx.now);
  if (!nudge) return null;
  // An answer with a number given after the nudge (e.g. "今天要打多少") is what a bare why is about.
  const asked = await recallQuestion(ctx.store, ctx.tenant, ctx.actor.id).catch(() => null);
  if (asked && Date.parse(asked.at) > Date.parse(nudge.nudge.at)) return null;
  if (!isBareWhy(question)) {
    // The coach sees the nudge as the last turn of the conversation (coach.ts loads it into the prompt).
    const coached = await answerAs('coach');
    if (coached.intent === 'coach' && coached.data.offline === false) return coached;
  }
  const why = nudge.nudge.why ?? [];
  if (why.length === 0) return null; // a digest or a "set your goal" nudge has no numbers to explain
  const text = lines(t(ctx.locale, 'nudges.followup.why_intro', { date: formatDate(ctx.locale, nudge.nudge.date) }), ...why.map((line) => `· ${line}`));
  await appendConversation(ctx.store, ctx.tenant, ctx.actor.id, question, text);
  return {
    intent: 'nudges',
    locale: ctx.locale,
    title: t(ctx.locale, 'nudges.followup.why_title'),
    text,
    data: { followUp: 'why', kind: nudge.nudge.kind, date: nudge.nudge.date, agent: ctx.actor.id, whyShown: true, ...(nudge.nudge.key ? { nudgeKey: nudge.nudge.key } : {}) },
    why,
    visibility: 'private',
  };
};
