// Locale-aware formatting of dates, money, counts and plan steps for replies.
import { DateTime } from 'luxon';
import { formatMoney } from '../domain/goals/money';
import type { MonthlyPlan, PlanStep, TodayPlan } from '../domain/goals/types';
import type { LocalDate, Locale } from '../domain/types';
import { formatCount, formatPercent, t } from '../i18n';

/** Formatted dates by locale and date: luxon's toFormat is costly and replies format the same few dates. */
const formattedDates = new Map<string, string>();
const FORMATTED_DATES_KEPT = 4096;

export function formatDate(locale: Locale, date: LocalDate): string {
  const key = `${locale}|${date}`;
  const known = formattedDates.get(key);
  if (known !== undefined) return known;
  const dt = DateTime.fromISO(date, { zone: 'UTC' });
  const text =
    locale === 'zh-CN' ? `${dt.month}月${dt.day}日 ${dt.setLocale('zh-CN').toFormat('ccc')}` : dt.setLocale('en').toFormat('ccc d LLL');
  // Invalid dates are not remembered (luxon renders them as "Invalid DateTime").
  if (dt.isValid) {
    if (formattedDates.size >= FORMATTED_DATES_KEPT) formattedDates.clear();
    formattedDates.set(key, text);
  }
  return text;
}

/** Money the one way replies show it: whole units, grouped thousands (see `formatMoney` for the rounding). */
export const money = formatMoney;
export const count = formatCount;
export const percent = formatPercent;

/**
 * One "why this number?" line per step: the localized step name, then the formula with its numbers.
 * The formula view: `Reply.why`, shown to leads and kept in `--json`; agents read `plainWhy`.
 */
export function whyLines(locale: Locale, steps: PlanStep[]): string[] {
  return steps.map((step) => `${t(locale, `step.${step.key}`)}: ${step.formula}`);
}

/**
 * "Why this number?" in plain sentences for an agent: the same chain and the same numbers as the plan's
 * `steps[]` (income → commission → sales → deals → connects → calls, prospects, working days), written as
 * "what you have → what it takes" without formula notation. With `today` the chain runs on what is
 * left of the month (after the sales achieved before today) and ends with today's calls; without it,
 * it describes the month and how it is split into weeks.
 */
export function plainWhy(locale: Locale, plan: MonthlyPlan, today?: TodayPlan): string[] {
  const out: string[] = [];
  const step = (key: PlanStep['key']) => plan.steps.find((s) => s.key === key)?.values ?? {};
  const base = { income: money(locale, plan.incomeTarget), base: money(locale, plan.baseSalary) };
  if (plan.salesTarget <= 0) {
    out.push(t(locale, 'why.plain.no_commission', base));
    if (today) out.push(...dayLines(locale, today));
    return out;
  }
  out.push(t(locale, 'why.plain.commission', { ...base, commission: money(locale, plan.commissionNeeded) }));
  const sales = step('sales_target');
  const kind = sales.commissionType === 'marginal' || sales.commissionType === 'whole' ? sales.commissionType : 'flat';
  out.push(
    t(locale, `why.plain.sales.${kind}`, {
      rate: percent(locale, Number(sales.rate), 2),
      from: money(locale, Number(sales.tierFrom ?? 0)),
      sales: money(locale, plan.salesTarget),
    }),
  );
  const left = today ? today.remaining : { sales: plan.salesTarget, deals: plan.deals, connects: plan.connects, calls: plan.calls, prospects: plan.prospects };
  if (today && today.achievedBeforeToday.sales > 0) {
    if (left.sales <= 0) {
      out.push(t(locale, 'why.plain.target_met', { achieved: money(locale, today.achievedBeforeToday.sales), sales: money(locale, plan.salesTarget) }));
      return out;
    }
    out.push(t(locale, 'why.plain.achieved', { achieved: money(locale, today.achievedBeforeToday.sales), remaining: money(locale, left.sales) }));
  }
  const { rates } = plan;
  out.push(
    t(locale, `why.plain.deals.${rates.source}`, { avgDeal: money(locale, rates.avgDealSize), deals: count(locale, left.deals) }),
    t(locale, 'why.plain.connects', { closeRate: percent(locale, rates.closeRate), connects: count(locale, left.connects) }),
    t(locale, 'why.plain.calls', { connectRate: percent(locale, rates.connectRate), calls: count(locale, left.calls) }),
    t(locale, 'why.plain.prospects', { prospectRate: percent(locale, rates.prospectToDeal), prospects: count(locale, left.prospects) }),
  );
  if (today) {
    out.push(...dayLines(locale, today));
    return out;
  }
  const days = step('working_days');
  const off = Number(days.rosterOff ?? 0);
  const on = Number(days.rosterOn ?? 0);
  const basis =
    t(locale, days.calendar === 'CN' ? 'why.plain.basis.CN' : 'why.plain.basis.weekdays') +
    (off > 0 ? t(locale, 'why.plain.basis.off', { n: off }) : '') +
    (on > 0 ? t(locale, 'why.plain.basis.on', { n: on }) : '');
  out.push(t(locale, 'why.plain.workdays', { workdays: plan.workdays, basis }));
  out.push(t(locale, 'why.plain.weeks', { weeks: plan.weeks.filter((w) => w.workdays > 0).length }));
  return out;
}

/** Today's end of the plain chain: the remaining calls spread over the days left, or why there are none today. */
function dayLines(locale: Locale, today: TodayPlan): string[] {
  const next = today.nextWorkday ? formatDate(locale, today.nextWorkday) : '-';
  if (today.remainingWorkdays === 0) return [t(locale, 'why.plain.no_days_left', { next })];
  if (!today.isWorkday) return [t(locale, 'why.plain.not_workday', { next })];
  if (today.remaining.sales <= 0) return [];
  const out = [
    t(locale, 'why.plain.per_day', { calls: count(locale, today.remaining.calls), days: today.remainingWorkdays, callsToday: count(locale, today.callsToday) }),
    t(locale, 'why.plain.per_day_rest', { dealsToday: count(locale, today.dealsToday), prospectsToday: count(locale, today.prospectsToday) }),
  ];
  if (today.loggedToday.calls > 0) {
    out.push(t(locale, 'why.plain.logged', { logged: count(locale, today.loggedToday.calls), left: count(locale, today.callsLeftToday) }));
  }
  return out;
}

/** Joins non-empty lines with newlines. */
export function lines(...parts: Array<string | false | null | undefined>): string {
  return parts.filter((part): part is string => typeof part === 'string' && part.length > 0).join('\n');
}
