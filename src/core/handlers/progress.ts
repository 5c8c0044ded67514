// progress: "我的进度怎么样?" — pace against the plan, the month-end projection and the lift needed.
import { trackPace } from '../../domain/goals';
import { t } from '../../i18n';
import { assertCanRead, resolveSubject } from '../../access/access';
import { loadPlanningData, monthOf, planFor } from '../../planning/agentData';
import type { Handler } from '../context';
import { lines, money, percent } from '../../planning/format';

export const progressHandler: Handler = async (ctx, args) => {
  const subject = await resolveSubject(ctx.store, ctx.tenant, ctx.actor, args.subjectName);
  await assertCanRead(ctx.store, ctx.tenant, ctx.actor, subject);
  const month = monthOf(ctx.today);
  const data = await loadPlanningData(ctx.store, ctx.tenant, subject, month);
  const plan = planFor(data, month);
  const pace = trackPace({ plan, today: ctx.today, activity: data.activity, history: data.history });
  const { locale } = ctx;
  // Pace counts the days before today (the design's rule); sales logged today are named apart, so the
  // reply does not seem to have missed them.
  const salesToday = data.activity.filter((day) => day.date === ctx.today).reduce((sum, day) => sum + day.sales, 0);
  const params = {
    name: subject.name,
    achieved: money(locale, pace.achieved),
    expected: money(locale, pace.expected),
    target: money(locale, plan.salesTarget),
    ratio: pace.paceRatio === null ? '-' : percent(locale, pace.paceRatio, 0),
    projection: pace.projection === null ? '-' : money(locale, pace.projection),
    elapsed: pace.elapsedWorkdays,
    total: pace.totalWorkdays,
    required: money(locale, pace.requiredDailySales),
    lift: pace.liftNeeded === null ? '-' : percent(locale, pace.liftNeeded, 0),
  };
  return {
    intent: 'progress',
    locale,
    title: t(locale, 'progress.title', { month }),
    text: lines(
      t(locale, `progress.status.${pace.status}`, params),
      t(locale, 'progress.detail', params),
      pace.projection !== null && t(locale, 'progress.projection', params),
      t(locale, 'progress.required', params),
      pace.liftNeeded !== null && pace.liftNeeded > 0 && t(locale, 'progress.lift', params),
      salesToday > 0 && t(locale, 'progress.today_logged', { today: money(locale, salesToday), with: money(locale, pace.achieved + salesToday) }),
    ),
    data: { ...pace, salesTarget: plan.salesTarget, agent: subject.id },
    facts: [
      { label: t(locale, 'fact.status'), value: t(locale, `status.${pace.status}`) },
      { label: t(locale, 'fact.achieved'), value: params.achieved },
      { label: t(locale, 'fact.expected'), value: params.expected },
      { label: t(locale, 'fact.projection'), value: params.projection },
    ],
    actions: [
      { id: 'diagnose', label: t(locale, 'action.diagnose'), intent: 'diagnose', text: '/coach diagnose' },
      { id: 'today', label: t(locale, 'action.calls_today'), intent: 'calls_today', text: '/coach today' },
    ],
  };
};
