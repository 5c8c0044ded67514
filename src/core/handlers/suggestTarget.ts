// suggest_target: "我这个月定多少合适?" — a target from the last 3 months and the floor's average,
// with a verdict on a proposed target and an OKR form.
import { workingDaysInMonth } from '../../domain/goals';
import { t } from '../../i18n';
import { assertCanRead, resolveSubject } from '../../access/access';
import { loadPlanningData, monthOf, suggestionFor } from '../../planning/agentData';
import type { Handler } from '../context';
import { count, lines, money } from '../../planning/format';

export const suggestTargetHandler: Handler = async (ctx, args) => {
  const subject = await resolveSubject(ctx.store, ctx.tenant, ctx.actor, args.subjectName);
  await assertCanRead(ctx.store, ctx.tenant, ctx.actor, subject);
  const month = monthOf(ctx.today);
  const data = await loadPlanningData(ctx.store, ctx.tenant, subject, month);
  const proposedIncome = args.proposedIncome ?? args.goal?.incomeTarget;
  const suggestion = suggestionFor(data, month, proposedIncome);
  const { locale } = ctx;
  const params = {
    base: money(locale, suggestion.base),
    teamAvg: suggestion.teamAvg === null ? '-' : money(locale, suggestion.teamAvg),
    suggested: money(locale, suggestion.suggested),
    stretch: money(locale, suggestion.stretch),
    income: money(locale, suggestion.suggestedIncome),
    stretchIncome: money(locale, suggestion.stretchIncome),
    workdays: workingDaysInMonth(month, subject.calendar, data.roster).length,
  };
  const okrLines = [
    t(locale, 'suggest.okr.objective', { month, sales: params.suggested }),
    ...suggestion.okr.keyResults.map((kr, i) =>
      t(locale, `suggest.okr.kr.${kr.key}`, { n: i + 1, value: kr.key === 'sales' ? money(locale, kr.value) : count(locale, kr.value) }),
    ),
  ];
  const verdictLine =
    suggestion.verdict && suggestion.proposed
      ? t(locale, `suggest.verdict.${suggestion.verdict}`, {
          proposed: money(locale, suggestion.proposed.income),
          proposedSales: money(locale, suggestion.proposed.sales),
          ...params,
        })
      : '';
  return {
    intent: 'suggest_target',
    locale,
    title: t(locale, 'suggest.title', { month }),
    text: lines(
      verdictLine,
      t(locale, suggestion.source === 'team' ? 'suggest.no_history' : 'suggest.basis', params),
      t(locale, 'suggest.result', params),
      ...okrLines,
    ),
    data: { ...suggestion, agent: subject.id },
    facts: [
      { label: t(locale, 'fact.base'), value: params.base },
      { label: t(locale, 'fact.team_avg'), value: params.teamAvg },
      { label: t(locale, 'fact.suggested'), value: params.suggested },
      { label: t(locale, 'fact.stretch'), value: params.stretch },
    ],
    sections: [{ title: 'OKR', text: okrLines.join('\n') }],
    actions: [
      {
        id: 'accept',
        label: t(locale, 'action.accept_suggestion', { income: params.income }),
        intent: 'set_goal',
        text: t(locale, 'suggest.accept_text', { income: Math.ceil(suggestion.suggestedIncome) }),
        style: 'primary',
      },
    ],
  };
};
