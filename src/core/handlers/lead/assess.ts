// assess: competency self-assessment (or a lead's assessment of a member) as a chat dialogue, one dimension
// at a time with its 1/3/5 anchors; resumable after an interruption; stored with rater and date.
import { DIMENSION_INFO, DIMENSIONS, type Dimension } from '../../../domain/quadrant';
import type { AgentProfile } from '../../../domain/types';
import { NotAllowedError, UserInputError } from '../../../errors';
import { t } from '../../../i18n';
import { assertCanWrite, findNamedMember, namesOutsider, resolveWritableSubject } from '../../../access/access';
import type { Handler, HandlerContext } from '../../context';
import { endDialog, saveDialog, type Dialog } from '../../../store/dialogs';
import { lines } from '../../../planning/format';
import type { Reply } from '../../reply';
import { classifyPerson } from './competency';
import { memberQuadrantReply, ownQuadrantReply } from './quadrant';
import { parseScore } from './scores';

export type AssessDialog = Extract<Dialog, { kind: 'assess' }>;

/** An unfinished assessment outlives the dialogue (which ends when the person asks something else). */
export const DRAFT_TTL_SECONDS = 7 * 24 * 3600;
const draftKey = (userId: string) => `assess-draft:${userId}`;
const RESTART = /重新开始|重来|从头|restart|start over|start again/i;

/** A score, a skip or a restart: an answer to the open assessment, whatever the intent model reads into it. */
export function answersAssessment(text: string): boolean {
  return parseScore(text).kind !== 'invalid' || RESTART.test(text);
}

async function loadDraft(ctx: HandlerContext): Promise<AssessDialog | null> {
  return ctx.store.getSession<AssessDialog>(ctx.tenant, draftKey(ctx.actor.id));
}

async function saveProgress(ctx: HandlerContext, dialog: AssessDialog): Promise<void> {
  await saveDialog(ctx.store, ctx.tenant, ctx.actor.id, dialog);
  await ctx.store.putSession(ctx.tenant, draftKey(ctx.actor.id), dialog, DRAFT_TTL_SECONDS);
}

async function clearProgress(ctx: HandlerContext): Promise<void> {
  await endDialog(ctx.store, ctx.tenant, ctx.actor.id);
  await ctx.store.deleteSession(ctx.tenant, draftKey(ctx.actor.id));
}

/** The question for the dialogue's current dimension, with its anchors and how to answer. */
function question(ctx: HandlerContext, dialog: AssessDialog, subjectName: string, prefix?: string): Reply {
  const { locale } = ctx;
  const d = DIMENSIONS[dialog.index] as Dimension;
  const info = DIMENSION_INFO[d];
  const self = dialog.subject === ctx.actor.id;
  return {
    intent: 'assess',
    locale,
    title: t(locale, self ? 'lead.assess.title_self' : 'lead.assess.title_member', { name: subjectName }),
    text: lines(
      prefix,
      t(locale, 'lead.assess.question', {
        n: dialog.index + 1,
        total: DIMENSIONS.length,
        dimension: info.name[locale],
        axis: t(locale, `quadrant.axis.${info.axis}`),
      }),
      `1 = ${info.anchors[1][locale]}`,
      `3 = ${info.anchors[3][locale]}`,
      `5 = ${info.anchors[5][locale]}`,
      t(locale, 'lead.assess.how_to_answer'),
    ),
    data: { dialog: 'assess', subject: dialog.subject, dimension: d, index: dialog.index, total: DIMENSIONS.length, answered: Object.keys(dialog.scores).length },
    visibility: 'private',
  };
}

/** Who is being assessed: the actor, or a member the lead names (outside their team → NotAllowedError). */
async function subjectOf(ctx: HandlerContext, name: string | undefined): Promise<AgentProfile> {
  let subject: AgentProfile;
  try {
    subject = await resolveWritableSubject(ctx.store, ctx.tenant, ctx.actor, name);
    if (!name) subject = (await findNamedMember(ctx.store, ctx.tenant, ctx.actor, ctx.route.text)) ?? subject;
  } catch (error) {
    // The router may cut a name badly ("给张三做评估" → "张三做"); a visible member named in the text wins.
    const named = await findNamedMember(ctx.store, ctx.tenant, ctx.actor, ctx.route.text);
    if (named) subject = named;
    else if (error instanceof UserInputError && (await namesOutsider(ctx.store, ctx.tenant, ctx.actor, ctx.route.text))) {
      throw new NotAllowedError('error.not_allowed.outside_team');
    } else throw error;
  }
  await assertCanWrite(ctx.store, ctx.tenant, ctx.actor, subject);
  return subject;
}

export const assessHandler: Handler = async (ctx, args) => {
  const subject = await subjectOf(ctx, args.subjectName);
  const draft = await loadDraft(ctx);
  if (draft && draft.subject === subject.id && draft.rater === ctx.actor.id && !RESTART.test(ctx.route.text) && draft.index < DIMENSIONS.length) {
    await saveProgress(ctx, draft);
    return question(ctx, draft, subject.name, t(ctx.locale, 'lead.assess.resumed', { answered: Object.keys(draft.scores).length, total: DIMENSIONS.length }));
  }
  const dialog: AssessDialog = { kind: 'assess', subject: subject.id, rater: ctx.actor.id, index: 0, scores: {} };
  await saveProgress(ctx, dialog);
  const intro = t(ctx.locale, subject.id === ctx.actor.id ? 'lead.assess.intro_self' : 'lead.assess.intro_member', { name: subject.name, total: DIMENSIONS.length });
  return question(ctx, dialog, subject.name, intro);
};

/** Stores a finished assessment and answers with the resulting quadrant (private). */
export async function finishAssessment(ctx: HandlerContext, subject: AgentProfile, rater: string, scores: Record<string, number>): Promise<Reply> {
  await ctx.store.addAssessment(ctx.tenant, { agent: subject.id, rater, date: ctx.today, scores });
  const { classification } = await classifyPerson(ctx.store, ctx.tenant, subject);
  const self = rater === subject.id;
  const view = subject.id === ctx.actor.id ? ownQuadrantReply(ctx, classification) : memberQuadrantReply(ctx, subject, classification);
  const saved = t(ctx.locale, self ? 'lead.assess.saved_self' : 'lead.assess.saved_member', { name: subject.name, n: Object.keys(scores).length });
  return {
    ...view,
    intent: 'assess',
    text: lines(saved, view.text),
    data: { ...view.data, saved: { agent: subject.id, rater, raterRole: self ? 'self' : 'lead', date: ctx.today, scores } },
  };
}

export async function continueAssessDialog(ctx: HandlerContext, dialog: AssessDialog, text: string): Promise<Reply> {
  const subject = await ctx.store.getAgent(ctx.tenant, dialog.subject);
  if (!subject) {
    await clearProgress(ctx);
    return { intent: 'assess', locale: ctx.locale, text: t(ctx.locale, 'lead.assess.subject_gone'), data: {} };
  }
  // Re-check on every answer: a member may have moved team since the dialogue started.
  await assertCanWrite(ctx.store, ctx.tenant, ctx.actor, subject);
  if (RESTART.test(text)) {
    const fresh: AssessDialog = { ...dialog, index: 0, scores: {} };
    await saveProgress(ctx, fresh);
    return question(ctx, fresh, subject.name, t(ctx.locale, 'lead.assess.restarted'));
  }
  const answer = parseScore(text);
  if (answer.kind === 'invalid') {
    // Asking to assess again while answering just shows the question again.
    const prefix = ctx.route.intent === 'assess' ? undefined : t(ctx.locale, `lead.assess.invalid_${answer.reason}`, { text: text.slice(0, 30) });
    return question(ctx, dialog, subject.name, prefix);
  }
  const d = DIMENSIONS[dialog.index] as Dimension;
  const scores = { ...dialog.scores };
  if (answer.kind === 'score') scores[d] = answer.value;
  const next: AssessDialog = { ...dialog, index: dialog.index + 1, scores };
  if (next.index < DIMENSIONS.length) {
    await saveProgress(ctx, next);
    return question(ctx, next, subject.name);
  }
  await clearProgress(ctx);
  if (Object.keys(scores).length === 0) {
    return { intent: 'assess', locale: ctx.locale, text: t(ctx.locale, 'lead.assess.nothing_saved'), data: { saved: null } };
  }
  return finishAssessment(ctx, subject, dialog.rater, scores);
}
