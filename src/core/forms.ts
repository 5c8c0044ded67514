// Form submissions (Slack modals, Teams cards): raw strings in, field-level errors or a reply out.
// Fields are parsed with the router's number parser so "1.2万" works in a form as in chat.
import { t } from '../i18n';
import type { Commission } from '../domain/types';
import { UserInputError } from '../errors';
import { errorText } from './errorReply';
import type { HandlerContext } from './context';
import type { FormResult } from './engine';
import { logActivityHandler } from './handlers/logActivity';
import { setGoalHandler } from './handlers/setGoal';
import { parseAmount, parseCount, parseRate, parseGoal } from '../understanding';

export type FormHandler = (ctx: HandlerContext, values: Record<string, string | undefined>) => Promise<FormResult>;

type FieldErrors = Record<string, string>;

function readNumber(
  ctx: HandlerContext,
  values: Record<string, string | undefined>,
  field: string,
  errors: FieldErrors,
  kind: 'amount' | 'count' | 'rate',
  required: boolean,
): number | undefined {
  const raw = values[field]?.trim();
  if (!raw) {
    if (required) errors[field] = t(ctx.locale, 'form.error.required');
    return undefined;
  }
  const parsed = kind === 'amount' ? parseAmount(raw) : kind === 'count' ? parseCount(raw) : parseRate(raw);
  if (parsed === null || parsed < 0) {
    errors[field] = t(ctx.locale, kind === 'rate' ? 'form.error.not_a_rate' : 'form.error.not_a_number', { value: raw.slice(0, 30) });
    return undefined;
  }
  return parsed;
}

async function asFormResult(ctx: HandlerContext, run: () => Promise<FormResult['reply']>, field: string): Promise<FormResult> {
  try {
    return { ok: true, reply: await run() };
  } catch (error) {
    // Domain validation (e.g. a 0% rate) is shown next to the field it concerns.
    if (error instanceof UserInputError) return { ok: false, fieldErrors: { [field]: errorText(ctx.locale, error) } };
    throw error;
  }
}

const setGoalForm: FormHandler = async (ctx, values) => {
  const errors: FieldErrors = {};
  const incomeTarget = readNumber(ctx, values, 'income', errors, 'amount', true);
  const baseSalary = readNumber(ctx, values, 'base_salary', errors, 'amount', false);
  let commission: Commission | undefined;
  if (values.commission_type === 'tiered') {
    const parsed = values.tiers ? parseGoal(`${values.tier_mode === 'whole' ? '全额' : '超额累进'} 阶梯提成 ${values.tiers}`, { bareRate: true }).commission : undefined;
    if (!parsed) errors.tiers = t(ctx.locale, 'form.error.tiers');
    else commission = parsed;
  } else {
    const rate = readNumber(ctx, values, 'rate', errors, 'rate', false);
    if (rate !== undefined) commission = { type: 'flat', rate };
  }
  if (Object.keys(errors).length > 0) return { ok: false, fieldErrors: errors };
  return asFormResult(
    ctx,
    () =>
      setGoalHandler(ctx, {
        goal: {
          ...(incomeTarget !== undefined ? { incomeTarget } : {}),
          ...(baseSalary !== undefined ? { baseSalary } : {}),
          ...(commission ? { commission } : {}),
        },
      }),
    'income',
  );
};

const logActivityForm: FormHandler = async (ctx, values) => {
  const errors: FieldErrors = {};
  const calls = readNumber(ctx, values, 'calls', errors, 'count', false);
  const connects = readNumber(ctx, values, 'connects', errors, 'count', false);
  const deals = readNumber(ctx, values, 'deals', errors, 'count', false);
  const sales = readNumber(ctx, values, 'sales', errors, 'amount', false);
  const prospects = readNumber(ctx, values, 'prospects', errors, 'count', false);
  const date = values.date?.trim() || undefined;
  if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) errors.date = t(ctx.locale, 'form.error.date');
  if (Object.keys(errors).length > 0) return { ok: false, fieldErrors: errors };
  // The form's toggle says which it is: the day's figures (replace) or more on top (add); never asked again.
  const activity = { calls, connects, deals, sales, prospects, date, replace: values.mode === 'replace', added: values.mode !== 'replace' };
  const clean = Object.fromEntries(Object.entries(activity).filter(([, v]) => v !== undefined));
  return asFormResult(ctx, () => logActivityHandler(ctx, { activity: clean }), 'calls');
};

export const defaultForms: Partial<Record<'set_goal' | 'log_activity' | 'assess', FormHandler>> = {
  set_goal: setGoalForm,
  log_activity: logActivityForm,
};
