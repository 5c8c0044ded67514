// set_goal: income target, base salary and commission plan — in one message or a short dialogue that
// remembers where it was. Everything is validated before anything is stored.
import { salesForCommission } from '../../domain/goals';
import type { AgentProfile, Commission } from '../../domain/types';
import { UserInputError } from '../../errors';
import { t } from '../../i18n';
import { readConfirmation } from '../../understanding/followUps';
import { hasGoal, isCorrection, parseAmount, parseRate, parseGoal, type RouteResult } from '../../understanding';
import { mentionsGoal, parseBareAmount } from '../../understanding/entities/goal';
import { correctLastLog } from './logActivity';
import { loadPlanningData, monthOf, planFor } from '../../planning/agentData';
import type { Handler, HandlerContext } from '../context';
import { endDialog, saveDialog, type Dialog } from '../../store/dialogs';
import { count, lines, money, percent } from '../../planning/format';
import type { GoalArgs } from '../intents';
import type { Reply } from '../reply';

const MAX_INCOME = 10_000_000;
/** "Keep what is on record" at the base or commission step (the question offers “跳过” / "skip"). */
const SKIP_WORDS =
  /^(?:(?:底薪|提成|base(?:\s+salary)?|commission)\s*)?(?:跳过|不变|保持|保持不变|略过|不用改|不改|照旧|skip(?:\s+it)?|keep(?:\s+it)?|same|no change|unchanged|as is|leave it)[\s.。!!]*$/i;

function isSkip(text: string): boolean {
  return SKIP_WORDS.test(text.trim());
}

export function validateGoal(income: number, baseSalary: number, commission: Commission): void {
  if (!Number.isFinite(income) || income <= 0) throw new UserInputError('goal.error.target_not_positive');
  if (income > MAX_INCOME) throw new UserInputError('goal.error.target_absurd', { max: MAX_INCOME });
  if (!Number.isFinite(baseSalary) || baseSalary < 0) throw new UserInputError('goal.error.base_salary_invalid');
  // Throws the domain's own error for a 0% or >100% rate, tiers out of order, or an unreachable target.
  salesForCommission(Math.max(0, income - baseSalary), commission);
}

function commissionText(ctx: HandlerContext, commission: Commission): string {
  if (commission.type === 'flat') return percent(ctx.locale, commission.rate, 2);
  const mode = t(ctx.locale, `goal.tier_mode.${commission.mode}`);
  return `${mode} ${commission.tiers.map((tier) => `${money(ctx.locale, tier.from)}+ ${percent(ctx.locale, tier.rate, 2)}`).join(', ')}`;
}

export const CONFIRM_GOAL_KIND = 'confirm_goal';
/** How far above the best month of history a target is taken without asking ("> 3× their best month"). */
const FAR_ABOVE_BEST_MONTH = 3;

/** A yes or a no to "save this surprising target?" (anything else is a new request). */
export function answersGoalConfirmation(text: string): boolean {
  return readConfirmation(text.trim()) !== null;
}

/**
 * A target that is probably not what the person meant is confirmed before it is saved: an income at or
 * below the base salary (no commission to earn), or a sales target above 3× the best month on record.
 */
async function surprise(ctx: HandlerContext, income: number, baseSalary: number, commission: Commission): Promise<string | null> {
  const { locale } = ctx;
  if (income <= baseSalary) return t(locale, 'goal.confirm.below_base', { income: money(locale, income), base: money(locale, baseSalary) });
  const history = await ctx.store.getHistory(ctx.tenant, ctx.actor.id);
  const best = Math.max(0, ...history.map((h) => h.sales));
  const sales = salesForCommission(income - baseSalary, commission);
  if (best > 0 && sales > FAR_ABOVE_BEST_MONTH * best) {
    return t(locale, 'goal.confirm.far_above', { income: money(locale, income), sales: money(locale, sales), best: money(locale, best) });
  }
  return null;
}

async function saveGoal(ctx: HandlerContext, draft: GoalArgs, confirmed = false): Promise<Reply> {
  const actor = ctx.actor;
  const commission: Commission =
    draft.commission ?? (draft.commissionRate !== undefined ? { type: 'flat', rate: draft.commissionRate } : actor.commission);
  const baseSalary = draft.baseSalary ?? actor.baseSalary;
  const month = monthOf(ctx.today);
  const existing = await ctx.store.getGoal(ctx.tenant, actor.id, month);
  const income = draft.incomeTarget ?? existing?.incomeTarget;
  if (income === undefined) throw new UserInputError('goal.error.no_target');
  validateGoal(income, baseSalary, commission);
  const question = confirmed ? null : await surprise(ctx, income, baseSalary, commission);
  if (question) {
    await saveDialog(ctx.store, ctx.tenant, actor.id, { kind: CONFIRM_GOAL_KIND, draft: { ...draft, incomeTarget: income } });
    return {
      intent: 'set_goal',
      locale: ctx.locale,
      text: question,
      data: { awaiting: 'confirmation', incomeTarget: income, baseSalary, saved: false },
      actions: [
        { id: 'yes', label: t(ctx.locale, 'goal.confirm.yes'), intent: 'set_goal', text: ctx.locale === 'zh-CN' ? '是' : 'yes', style: 'primary' },
        { id: 'no', label: t(ctx.locale, 'goal.confirm.no'), intent: 'set_goal', text: ctx.locale === 'zh-CN' ? '不是' : 'no' },
      ],
    };
  }

  const updated: AgentProfile = { ...actor, baseSalary, commission };
  if (baseSalary !== actor.baseSalary || commission !== actor.commission) await ctx.store.putAgent(ctx.tenant, updated);
  await ctx.store.putGoal(ctx.tenant, { agent: actor.id, month, incomeTarget: income });
  await endDialog(ctx.store, ctx.tenant, actor.id);

  const { locale } = ctx;
  const params = { month, income: money(locale, income), base: money(locale, baseSalary), commission: commissionText(ctx, commission) };
  let planLine = '';
  let planData: unknown = null;
  try {
    const data = await loadPlanningData(ctx.store, ctx.tenant, updated, month);
    const plan = planFor(data, month, income);
    planData = plan;
    planLine = t(locale, 'set_goal.plan_line', {
      sales: money(locale, plan.salesTarget),
      deals: count(locale, plan.deals),
      calls: count(locale, plan.calls),
      workdays: plan.workdays,
    });
  } catch (error) {
    // The goal itself is valid and saved; the plan may still need history (say so instead of failing).
    if (!(error instanceof UserInputError)) throw error;
    planLine = t(locale, error.key, error.params);
  }
  return {
    intent: 'set_goal',
    locale,
    title: t(locale, 'set_goal.title'),
    text: lines(t(locale, 'set_goal.saved', params), planLine),
    data: { month, incomeTarget: income, baseSalary, commission, plan: planData },
    actions: [
      { id: 'today', label: t(locale, 'action.calls_today'), intent: 'calls_today', text: '/coach today', style: 'primary' },
      { id: 'plan', label: t(locale, 'action.see_week'), intent: 'plan', text: '/coach plan' },
    ],
  };
}

type Step = 'income' | 'base' | 'commission';
const STEPS: readonly Step[] = ['income', 'base', 'commission'];

/** True when `goal` carries the setting that `step` asks for. */
function stated(goal: GoalArgs, step: Step): boolean {
  if (step === 'income') return goal.incomeTarget !== undefined;
  if (step === 'base') return goal.baseSalary !== undefined;
  return goal.commission !== undefined || goal.commissionRate !== undefined;
}

/** The draft with what the latest message said laid over it (a later figure replaces an earlier one). */
function merge(draft: GoalArgs, said: GoalArgs): GoalArgs {
  const out: GoalArgs = { ...draft };
  if (said.incomeTarget !== undefined) out.incomeTarget = said.incomeTarget;
  if (said.baseSalary !== undefined) out.baseSalary = said.baseSalary;
  if (stated(said, 'commission')) {
    delete out.commission;
    delete out.commissionRate;
    if (said.commission !== undefined) out.commission = said.commission;
    if (said.commissionRate !== undefined) out.commissionRate = said.commissionRate;
  }
  return out;
}

/** What the draft holds so far, in one short line ("记下了:收入 18,000、底薪 3,500。"), or '' when nothing. */
function notedLine(ctx: HandlerContext, draft: GoalArgs): string {
  const { locale } = ctx;
  const items: string[] = [];
  if (draft.incomeTarget !== undefined) items.push(t(locale, 'set_goal.noted.income', { value: money(locale, draft.incomeTarget) }));
  if (draft.baseSalary !== undefined) items.push(t(locale, 'set_goal.noted.base', { value: money(locale, draft.baseSalary) }));
  const commission = draft.commission ?? (draft.commissionRate !== undefined ? ({ type: 'flat', rate: draft.commissionRate } as const) : undefined);
  if (commission) items.push(t(locale, 'set_goal.noted.commission', { value: commissionText(ctx, commission) }));
  return items.length > 0 ? t(locale, 'set_goal.noted', { items: items.join(t(locale, 'set_goal.noted.separator')) }) : '';
}

function ask(ctx: HandlerContext, step: Step, draft: GoalArgs = {}): Reply {
  const { locale, actor } = ctx;
  return {
    intent: 'set_goal',
    locale,
    text: lines(notedLine(ctx, draft), t(locale, `set_goal.ask.${step}`, { base: money(locale, actor.baseSalary), commission: commissionText(ctx, actor.commission) })),
    data: { awaiting: step },
    actions: [{ id: 'form', label: t(locale, 'action.goal_form'), intent: 'set_goal', form: 'set_goal' }],
  };
}

/**
 * A set_goal reading with no figure and no word about goals or pay ("收到", "ok" read as set_goal by the
 * model) is not a request to set one: a short friendly line that opens nothing, with the way to start.
 */
function notAGoalRequest(ctx: HandlerContext): Reply {
  const { locale } = ctx;
  return {
    intent: 'help',
    locale,
    text: t(locale, 'set_goal.not_asked'),
    data: { understood: false, reading: 'set_goal' },
    actions: [{ id: 'set_goal', label: t(locale, 'set_goal.action.start'), intent: 'set_goal', text: t(locale, 'set_goal.start_text') }],
  };
}

export const setGoalHandler: Handler = async (ctx, args) => {
  const goal = args.goal ?? {};
  // "改成118" right after a log names no goal word: it corrects the log, not the month's income.
  if (goal.incomeTarget !== undefined && isCorrection(ctx.route.text) && !hasGoal(parseGoal(ctx.route.text))) {
    const corrected = await correctLastLog(ctx, goal.incomeTarget);
    if (corrected) return corrected;
  }
  const hasAnything = hasGoal(goal);
  if (goal.incomeTarget !== undefined) return saveGoal(ctx, goal);
  const month = monthOf(ctx.today);
  const existing = await ctx.store.getGoal(ctx.tenant, ctx.actor.id, month);
  if (hasAnything && existing) return saveGoal(ctx, goal);
  if (!hasAnything && ctx.route.source !== 'command' && !mentionsGoal(ctx.route.text)) return notAGoalRequest(ctx);
  await saveDialog(ctx.store, ctx.tenant, ctx.actor.id, { kind: 'set_goal', step: 'income', draft: goal });
  return ask(ctx, 'income', goal);
};

/** The answer to "save this surprising target?": yes saves it as it was, no asks for the income again. */
export async function continueGoalConfirmation(ctx: HandlerContext, dialog: Dialog, text: string): Promise<Reply> {
  const draft = (dialog as { draft?: GoalArgs }).draft ?? {};
  if (readConfirmation(text.trim()) === 'yes') return saveGoal(ctx, draft, true);
  // A figure instead of yes/no is the target they meant ("不对, 13000"): checked again like any other.
  const amount = parseAmount(text);
  if (amount !== null) return saveGoal(ctx, { ...draft, incomeTarget: amount });
  const { incomeTarget: _dropped, ...rest } = draft;
  await saveDialog(ctx.store, ctx.tenant, ctx.actor.id, { kind: 'set_goal', step: 'income', draft: rest });
  return ask(ctx, 'income', rest);
}

/**
 * Whether a message is for the open set_goal dialogue although the understanding read it as something
 * confident of its own: another goal figure ("底薪3500" while the base is asked, "目标改成两万") is an answer
 * to lay over the draft, and the question's own "跳过" / "skip" keeps what is on record (the model reads a
 * bare "skip" as the reminders' settings). A `/coach` command is always its own request.
 */
export function answersGoalDialog(text: string, route: Pick<RouteResult, 'intent' | 'source'>): boolean {
  if (route.source === 'command' || /^\/coach\b/i.test(text.trim())) return false;
  return isSkip(text) || route.intent === 'set_goal';
}

/**
 * The next answer in a set_goal dialogue (income → base → commission). Whatever goal figures the message
 * names are laid over the draft, whichever step is asked ("底薪3500" at the base step is the base; at the
 * income step it is kept and the income asked again); a bare figure answers the step asked; "跳过" keeps
 * the value on record. Steps whose value is already in the draft are not asked; the last one saves.
 */
export async function continueGoalDialog(
  ctx: HandlerContext,
  dialog: Extract<Dialog, { kind: 'set_goal' }>,
  text: string,
): Promise<Reply> {
  const { step } = dialog;
  const message = text.trim();
  let skip = isSkip(message);
  if (skip && step === 'income') {
    // Nothing on record to keep: the income is the one answer the dialogue cannot do without.
    skip = (await ctx.store.getGoal(ctx.tenant, ctx.actor.id, monthOf(ctx.today))) !== null;
    if (!skip) throw new UserInputError('goal.error.not_a_number', { text: message.slice(0, 40) });
  }
  const said: GoalArgs = skip ? {} : parseGoal(message, step === 'commission' ? { bareRate: true } : { bareFor: step });
  if (!skip && !hasGoal(said)) {
    // A figure no keyword claimed: "2" at the commission step is 2%; an amount at the others.
    if (step === 'commission') {
      const rate = parseRate(message);
      if (rate !== null) Object.assign(said, { commissionRate: rate, commission: { type: 'flat', rate } });
    } else {
      const amount = parseAmount(message);
      if (amount !== null) said[step === 'income' ? 'incomeTarget' : 'baseSalary'] = amount;
    }
  }
  if (!skip && !hasGoal(said)) {
    // "设定目标" again (or a word the model read as it): the same question; anything else says what to type.
    if (ctx.route.intent === 'set_goal') {
      await saveDialog(ctx.store, ctx.tenant, ctx.actor.id, dialog);
      return ask(ctx, step, dialog.draft);
    }
    throw new UserInputError(step === 'commission' ? 'goal.error.not_a_rate' : 'goal.error.not_a_number', { text: message.slice(0, 40) });
  }
  const draft = merge(dialog.draft, said);
  const baseSalary = draft.baseSalary ?? ctx.actor.baseSalary;
  const commission: Commission =
    draft.commission ?? (draft.commissionRate !== undefined ? { type: 'flat', rate: draft.commissionRate } : ctx.actor.commission);
  // Checked as soon as it is said (nothing is stored yet): the dialogue stays where it was.
  if (draft.incomeTarget !== undefined) validateGoal(draft.incomeTarget, baseSalary, commission);
  else if (!Number.isFinite(baseSalary) || baseSalary < 0) throw new UserInputError('goal.error.base_salary_invalid');
  const answered = skip || stated(said, step);
  const at = STEPS.indexOf(step);
  const next = STEPS.find((s, i) => (i > at || (i === at && !answered)) && !stated(draft, s));
  if (next) {
    await saveDialog(ctx.store, ctx.tenant, ctx.actor.id, { kind: 'set_goal', step: next, draft });
    return ask(ctx, next, draft);
  }
  return saveGoal(ctx, draft);
}

/** The goal dialogues that hold typed figures not yet saved. */
const GOAL_DIALOG_KINDS: ReadonlySet<string> = new Set(['set_goal', CONFIRM_GOAL_KIND]);

/** A message that saves the draft in one go ("目标18000 底薪3500"), or null when it has no income or a tiered plan. */
function saveInOneMessage(locale: HandlerContext['locale'], draft: GoalArgs): string | null {
  if (draft.incomeTarget === undefined || draft.commission?.type === 'tiered') return null;
  const rate = draft.commission?.type === 'flat' ? draft.commission.rate : draft.commissionRate;
  const parts = [
    t(locale, 'set_goal.resume.income', { value: String(draft.incomeTarget) }),
    draft.baseSalary !== undefined && t(locale, 'set_goal.resume.base', { value: String(draft.baseSalary) }),
    rate !== undefined && t(locale, 'set_goal.resume.commission', { value: `${Number.parseFloat((rate * 100).toPrecision(12))}%` }),
  ];
  return parts.filter((part): part is string => typeof part === 'string').join(' ');
}

/**
 * The answer to a different request that ended a goal dialogue half-way, with one line saying that the
 * goal was not saved and, when an income was typed, the one message (and button) that saves it. Nothing is
 * saved for the person: they may have left on purpose. A new goal request speaks for itself.
 */
export function withUnsavedGoalNote(ctx: HandlerContext, dialog: Dialog, reply: Reply): Reply {
  if (!GOAL_DIALOG_KINDS.has(dialog.kind) || reply.intent === 'set_goal') return reply;
  const { locale } = ctx;
  const draft = (dialog as { draft?: GoalArgs }).draft ?? {};
  const command = saveInOneMessage(locale, draft);
  if (!command) return { ...reply, text: lines(reply.text, t(locale, 'set_goal.left.unsaved')) };
  const save = { id: 'save_goal', label: t(locale, 'set_goal.left.save_action', { income: money(locale, draft.incomeTarget!) }), intent: 'set_goal' as const, text: command };
  return { ...reply, text: lines(reply.text, t(locale, 'set_goal.left.unsaved_resume', { command })), actions: [...(reply.actions ?? []), save] };
}

/** Open after Lingyan suggested a target or said none is set: the next message, if a bare amount, is the target. */
export const GOAL_OFFER_KIND = 'goal_offer';

/**
 * The offer to remember after `reply` to the person's own typed message: a target suggested for them
 * ("设个目标吧" → 建议…) or "no income target set yet". Null for any other reply.
 */
export function goalOfferAfter(actorId: string, reply: Reply): Dialog | null {
  if (reply.intent === 'suggest_target' && !reply.error && reply.data?.agent === actorId) return { kind: GOAL_OFFER_KIND };
  if (reply.error?.key === 'goal.error.no_target') return { kind: GOAL_OFFER_KIND };
  return null;
}

/** A bare amount ("15000", "1.5万") is the target; anything else is a new request. */
export function answersGoalOffer(text: string): boolean {
  return parseBareAmount(text) !== null;
}

/**
 * The message after an offer: a bare amount is saved as the month's income target with the base and
 * commission on record (checked and, when surprising, confirmed like any target); null declines, and the
 * message is routed as usual.
 */
export async function continueGoalOffer(ctx: HandlerContext, _dialog: Dialog, text: string): Promise<Reply | null> {
  const income = parseBareAmount(text);
  return income === null ? null : saveGoal(ctx, { incomeTarget: income });
}
