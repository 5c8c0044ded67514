// plan: the month decomposed — income → sales → deals → connects → calls → prospects, week by week.
import { t } from '../../i18n';
import { assertCanRead, resolveSubject } from '../../access/access';
import { loadPlanningData, monthOf, planFor } from '../../planning/agentData';
import type { Handler } from '../context';
import { count, formatDate, lines, money, percent, plainWhy, whyLines } from '../../planning/format';

export const planHandler: Handler = async (ctx, args) => {
  const subject = await resolveSubject(ctx.store, ctx.tenant, ctx.actor, args.subjectName);
  await assertCanRead(ctx.store, ctx.tenant, ctx.actor, subject);
  const month = monthOf(args.date ?? ctx.today);
  const data = await loadPlanningData(ctx.store, ctx.tenant, subject, month);
  const plan = planFor(data, month);
  const { locale } = ctx;
  // A calendar week with no working day in the month (e.g. Sunday the 1st) has nothing to do: not listed
  // (it stays in data.plan.weeks).
  const weekLines = plan.weeks.filter((week) => week.workdays > 0).map((week) =>
    t(locale, 'plan.week_line', {
      from: formatDate(locale, week.from),
      to: formatDate(locale, week.to),
      days: week.workdays,
      sales: money(locale, week.sales),
      deals: count(locale, week.deals),
      calls: count(locale, week.calls),
      prospects: count(locale, week.prospects),
      current: week.from <= ctx.today && ctx.today <= week.to ? t(locale, 'plan.this_week') : '',
    }),
  );
  const params = {
    month,
    income: money(locale, plan.incomeTarget),
    sales: money(locale, plan.salesTarget),
    deals: count(locale, plan.deals),
    connects: count(locale, plan.connects),
    calls: count(locale, plan.calls),
    prospects: count(locale, plan.prospects),
    workdays: plan.workdays,
    connectRate: percent(locale, plan.rates.connectRate),
    closeRate: percent(locale, plan.rates.closeRate),
    avgDeal: money(locale, plan.rates.avgDealSize),
  };
  return {
    intent: 'plan',
    locale,
    title: t(locale, 'plan.title', params),
    text: lines(t(locale, 'plan.summary', params), t(locale, 'plan.rates', params), ...weekLines),
    data: { plan, agent: subject.id },
    facts: [
      { label: t(locale, 'fact.sales_target'), value: params.sales },
      { label: t(locale, 'fact.deals'), value: params.deals },
      { label: t(locale, 'fact.calls'), value: params.calls },
      { label: t(locale, 'fact.prospects'), value: params.prospects },
      { label: t(locale, 'fact.workdays'), value: String(plan.workdays) },
    ],
    sections: [{ title: t(locale, 'plan.weeks_title'), text: weekLines.join('\n') }],
    why: whyLines(locale, plan.steps),
    // An agent reads the plain sentences; a lead (and `--json`'s `why`) keeps the formulas.
    ...(ctx.actor.role === 'agent' ? { whyPlain: plainWhy(locale, plan) } : {}),
    actions: [
      { id: 'today', label: t(locale, 'action.calls_today'), intent: 'calls_today', text: '/coach today', style: 'primary' },
      { id: 'export', label: t(locale, 'action.export'), intent: 'export', text: '/coach export' },
    ],
  };
};
