// calls_today: "今天要打多少个电话?" — today's exact calls, deals and prospects, with the reasoning.
import { historySample } from '../../domain/goals';
import { t } from '../../i18n';
import { assertCanRead, resolveSubject } from '../../access/access';
import { loadPlanningData, monthOf, planFor, todayFor } from '../../planning/agentData';
import type { Handler } from '../context';
import { count, formatDate, lines, plainWhy, whyLines } from '../../planning/format';
import type { Reply } from '../reply';

export const callsTodayHandler: Handler = async (ctx, args) => {
  const subject = await resolveSubject(ctx.store, ctx.tenant, ctx.actor, args.subjectName);
  await assertCanRead(ctx.store, ctx.tenant, ctx.actor, subject);
  const date = args.date ?? ctx.today;
  const month = monthOf(date);
  const data = await loadPlanningData(ctx.store, ctx.tenant, subject, month);
  const plan = planFor(data, month);
  const today = todayFor(data, plan, date);
  const { locale } = ctx;
  const params = {
    date: formatDate(locale, today.date),
    calls: count(locale, today.callsToday),
    left: count(locale, today.callsLeftToday),
    logged: count(locale, today.loggedToday.calls),
    deals: count(locale, today.dealsToday),
    connects: count(locale, today.connectsToday),
    prospects: count(locale, today.prospectsToday),
    days: today.remainingWorkdays,
    next: today.nextWorkday ? formatDate(locale, today.nextWorkday) : '-',
  };
  // "今天" only for today: another day (昨天 = the calendar day before, a date named) is named by its date.
  const when = date === ctx.today ? '' : date < ctx.today ? '_past' : '_future';
  const headline = today.isWorkday
    ? t(locale, `calls_today.headline${when}`, params)
    : t(locale, `calls_today.not_workday${when}`, params);
  // A number far above the person's usual day (month end, a late target) is said to be so, with what to
  // do: stated flat, "今天要打 453 个" reads like an order no one can follow.
  const usual = historySample(data.history, month);
  const usualPerDay = usual.workdays > 0 ? Math.round(usual.calls / usual.workdays) : 0;
  const farAbove = today.isWorkday && !when && usualPerDay > 0 && today.callsToday > 2 * usualPerDay;
  const why = [...whyLines(locale, plan.steps), ...whyLines(locale, today.steps)];
  const reply: Reply = {
    intent: 'calls_today',
    locale,
    title: t(locale, when ? 'calls_today.title_on' : 'calls_today.title', params),
    text: lines(
      headline,
      today.isWorkday && !when && t(locale, 'calls_today.detail', params),
      farAbove && t(locale, 'calls_today.far_above', { usual: count(locale, usualPerDay) }),
      t(locale, 'calls_today.why_hint'),
    ),
    data: {
      callsToday: today.callsToday,
      callsLeftToday: today.callsLeftToday,
      dealsToday: today.dealsToday,
      connectsToday: today.connectsToday,
      prospectsToday: today.prospectsToday,
      remainingWorkdays: today.remainingWorkdays,
      isWorkday: today.isWorkday,
      nextWorkday: today.nextWorkday,
      date: today.date,
      loggedToday: today.loggedToday,
      remaining: today.remaining,
      agent: subject.id,
      plan,
      todaySteps: today.steps,
    },
    facts: [
      { label: t(locale, 'fact.calls_today'), value: params.calls },
      { label: t(locale, 'fact.calls_left'), value: params.left },
      { label: t(locale, 'fact.deals_today'), value: params.deals },
      { label: t(locale, 'fact.prospects_today'), value: params.prospects },
      { label: t(locale, 'fact.remaining_workdays'), value: String(today.remainingWorkdays) },
    ],
    why,
    // An agent reads the plain sentences; a lead (and `--json`'s `why`) keeps the formulas.
    ...(ctx.actor.role === 'agent' ? { whyPlain: plainWhy(locale, plan, today) } : {}),
    actions: [
      { id: 'log', label: t(locale, 'action.log_activity'), intent: 'log_activity', form: 'log_activity', style: 'primary' },
      { id: 'week', label: t(locale, 'action.see_week'), intent: 'plan', text: '/coach plan' },
      { id: 'roleplay', label: t(locale, 'action.roleplay'), intent: 'roleplay', text: '/coach roleplay' },
    ],
  };
  return reply;
};
