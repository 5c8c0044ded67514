// set_goal: income target, base salary and commission plan — in one message or a short dialogue that
// remembers where it was. Everything is validated before anything is stored.
import { salesForCommission } from '../../domain/goals';
import type { AgentProfile, Commission } from '../../domain/types';
import { UserInputError } from '../../errors';
import { t } from '../../i18n';
import { readConfirmation } from '../../understanding/followUps';
import { hasGoal, isCorrection, parseAmount, parseRate, parseGoal } from '../../understanding';
import { correctLastLog } from './logActivity';
import { loadPlanningData, monthOf, planFor } from '../../planning/agentData';
import type { Handler, HandlerContext } from '../context';
import { endDialog, saveDialog, type Dialog } from '../../store/dialogs';
import { count, lines, money, percent } from '../../planning/format';
import type { GoalArgs } from '../intents';
import type { Reply } from '../reply';

const MAX_INCOME = 10_000_000;
const SKIP_WORDS = /^(跳过|不变|保持|略过|skip|keep|same|no change)$/i;

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

function ask(ctx: HandlerContext, step: 'income' | 'base' | 'commission'): Reply {
  const { locale, actor } = ctx;
  return {
    intent: 'set_goal',
    locale,
    text: t(locale, `set_goal.ask.${step}`, { base: money(locale, actor.baseSalary), commission: commissionText(ctx, actor.commission) }),
    data: { awaiting: step },
    actions: [{ id: 'form', label: t(locale, 'action.goal_form'), intent: 'set_goal', form: 'set_goal' }],
  };
}

export const setGoalHandler: Handler = async (ctx, args) => {
  const goal = args.goal ?? {};
  // "改成118" right after a log names no goal word: it corrects the log, not the month's income.
  if (goal.incomeTarget !== undefined && isCorrection(ctx.route.text) && !hasGoal(parseGoal(ctx.route.text))) {
    const corrected = await correctLastLog(ctx, goal.incomeTarget);
    if (corrected) return corrected;
  }
  const hasAnything =
    goal.incomeTarget !== undefined || goal.baseSalary !== undefined || goal.commission !== undefined || goal.commissionRate !== undefined;
  if (goal.incomeTarget !== undefined) return saveGoal(ctx, goal);
  const month = monthOf(ctx.today);
  const existing = await ctx.store.getGoal(ctx.tenant, ctx.actor.id, month);
  if (hasAnything && existing) return saveGoal(ctx, goal);
  await saveDialog(ctx.store, ctx.tenant, ctx.actor.id, { kind: 'set_goal', step: 'income', draft: goal });
  return ask(ctx, 'income');
};

/** The answer to "save this surprising target?": yes saves it as it was, no asks for the income again. */
export async function continueGoalConfirmation(ctx: HandlerContext, dialog: Dialog, text: string): Promise<Reply> {
  const draft = (dialog as { draft?: GoalArgs }).draft ?? {};
  if (readConfirmation(text.trim()) === 'yes') return saveGoal(ctx, draft, true);
  // A figure instead of yes/no is the target they meant ("不对, 13000"): checked again like any other.
  const amount = parseAmount(text);
  if (amount !== null) return saveGoal(ctx, { ...draft, incomeTarget: amount });
  await saveDialog(ctx.store, ctx.tenant, ctx.actor.id, { kind: 'set_goal', step: 'income', draft: { ...draft, incomeTarget: undefined } });
  return ask(ctx, 'income');
}

/** The next answer in a set_goal dialogue. */
export async function continueGoalDialog(
  ctx: HandlerContext,
  dialog: Extract<Dialog, { kind: 'set_goal' }>,
  text: string,
): Promise<Reply> {
  const draft: GoalArgs = { ...dialog.draft };
  const skip = SKIP_WORDS.test(text.trim());
  if (dialog.step === 'income') {
    const income = parseAmount(text);
    if (income === null) throw new UserInputError('goal.error.not_a_number', { text: text.slice(0, 40) });
    draft.incomeTarget = income;
    validateGoal(income, ctx.actor.baseSalary, ctx.actor.commission);
    await saveDialog(ctx.store, ctx.tenant, ctx.actor.id, { kind: 'set_goal', step: 'base', draft });
    return ask(ctx, 'base');
  }
  if (dialog.step === 'base') {
    if (!skip) {
      const base = parseAmount(text);
      if (base === null) throw new UserInputError('goal.error.not_a_number', { text: text.slice(0, 40) });
      draft.baseSalary = base;
    }
    await saveDialog(ctx.store, ctx.tenant, ctx.actor.id, { kind: 'set_goal', step: 'commission', draft });
    return ask(ctx, 'commission');
  }
  if (!skip) {
    const parsed = parseGoal(text, { bareRate: true });
    if (parsed.commission) draft.commission = parsed.commission;
    else {
      const rate = parseRate(text);
      if (rate === null) throw new UserInputError('goal.error.not_a_rate', { text: text.slice(0, 40) });
      draft.commissionRate = rate;
    }
  }
  return saveGoal(ctx, draft);
}
