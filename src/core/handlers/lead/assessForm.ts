// The 'assess' form (Slack modal / Teams card): all 12 dimensions at once, keyed by dimension id, plus
// `subject` (id or name; empty = self) and `rater_role` ('self' | 'lead'). Field errors for bad scores.
import { DIMENSIONS } from '../../../domain/quadrant';
import type { AgentProfile } from '../../../domain/types';
import { NotAllowedError, UserInputError } from '../../../errors';
import { t } from '../../../i18n';
import { assertCanWrite, isLeadOrAdmin, resolveWritableSubject } from '../../../access/access';
import type { FormHandler } from '../../forms';
import { endDialog } from '../../../store/dialogs';
import { finishAssessment } from './assess';
import { parseScore } from './scores';

export const assessForm: FormHandler = async (ctx, values) => {
  const errors: Record<string, string> = {};
  const role = (values.rater_role ?? '').trim() || 'self';
  if (role !== 'self' && role !== 'lead') errors.rater_role = t(ctx.locale, 'lead.form.rater_role');
  let subject: AgentProfile;
  try {
    subject = await resolveWritableSubject(ctx.store, ctx.tenant, ctx.actor, values.subject?.trim() || undefined);
  } catch (error) {
    if (error instanceof UserInputError) return { ok: false, fieldErrors: { subject: t(ctx.locale, error.key, error.params) } };
    throw error;
  }
  // Who the rating is from: the subject themself (their own, or a paper self-assessment a lead types in) or the lead.
  if (role === 'lead') {
    if (!isLeadOrAdmin(ctx.actor)) throw new NotAllowedError('error.not_allowed.lead_only');
    if (subject.id === ctx.actor.id) errors.rater_role = t(ctx.locale, 'lead.form.lead_self');
  }
  await assertCanWrite(ctx.store, ctx.tenant, ctx.actor, subject);

  const scores: Record<string, number> = {};
  for (const d of DIMENSIONS) {
    const raw = values[d]?.trim();
    if (!raw) continue;
    const answer = parseScore(raw);
    if (answer.kind === 'score') scores[d] = answer.value;
    else if (answer.kind === 'invalid') errors[d] = t(ctx.locale, `lead.form.score_${answer.reason}`, { value: raw.slice(0, 20) });
  }
  if (Object.keys(errors).length === 0 && Object.keys(scores).length === 0) errors[DIMENSIONS[0]] = t(ctx.locale, 'lead.form.no_scores');
  if (Object.keys(errors).length > 0) return { ok: false, fieldErrors: errors };

  const rater = role === 'lead' ? ctx.actor.id : subject.id;
  // A form submission replaces any half-finished chat assessment.
  await endDialog(ctx.store, ctx.tenant, ctx.actor.id);
  await ctx.store.deleteSession(ctx.tenant, `assess-draft:${ctx.actor.id}`);
  return { ok: true, reply: await finishAssessment(ctx, subject, rater, scores) };
};
