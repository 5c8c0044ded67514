// diagnose: "我哪里需要提升?" — the agent's funnel against the team's, the weakest stage and the courses
// for it. A lead may name a member of their team.
import { diagnoseFunnel, historySample } from '../../domain/goals';
import { t } from '../../i18n';
import { assertCanRead, resolveSubject } from '../../access/access';
import { loadPlanningData, monthOf, planFor } from '../../planning/agentData';
import type { Handler } from '../context';
import { count, lines, percent } from '../../planning/format';

export const diagnoseHandler: Handler = async (ctx, args) => {
  const subject = await resolveSubject(ctx.store, ctx.tenant, ctx.actor, args.subjectName);
  await assertCanRead(ctx.store, ctx.tenant, ctx.actor, subject);
  const month = monthOf(ctx.today);
  const data = await loadPlanningData(ctx.store, ctx.tenant, subject, month);
  let salesTarget: number | undefined;
  if (data.incomeTarget !== null) {
    try {
      salesTarget = planFor(data, month).salesTarget;
    } catch {
      // Without a computable plan the savings are measured on the agent's average month instead.
    }
  }
  const diagnosis = diagnoseFunnel({
    agent: historySample(data.history, month),
    team: historySample(data.teamHistory, month),
    ...(salesTarget !== undefined ? { salesTarget } : {}),
  });
  const { locale } = ctx;
  const show = (stage: string, value: number | null) =>
    value === null ? '-' : stage === 'avgDealSize' || stage === 'activity' ? count(locale, value) : percent(locale, value);
  const stageLines = diagnosis.stages.map((r) =>
    t(locale, 'diagnose.stage_line', {
      stage: t(locale, `stage.${r.stage}`),
      // "你" to the agent themself; a lead reading a member sees the member's name.
      who: subject.id === ctx.actor.id ? t(locale, 'diagnose.you') : subject.name,
      agent: show(r.stage, r.agent),
      team: show(r.stage, r.team),
      ratio: r.ratio === null ? '-' : percent(locale, r.ratio, 0),
    }),
  );
  const courses = diagnosis.courses.map((id) => t(locale, `course.${id}`));
  const focusLine = diagnosis.focus
    ? t(locale, diagnosis.focus === 'activity' ? 'diagnose.focus_activity' : (diagnosis.callsSaved ?? 0) > 0 ? 'diagnose.focus' : 'diagnose.focus_no_saving', {
        name: subject.name,
        stage: t(locale, `stage.${diagnosis.focus}`),
        saved: count(locale, diagnosis.callsSaved ?? 0),
        extra: count(locale, diagnosis.extraCallsPerDay ?? 0),
        courses: courses.join(locale === 'zh-CN' ? '、' : ', '),
      })
    : t(locale, 'diagnose.no_focus', { name: subject.name });
  return {
    intent: 'diagnose',
    locale,
    title: t(locale, 'diagnose.title', { name: subject.name }),
    text: lines(focusLine, ...stageLines),
    data: { ...diagnosis, agent: subject.id },
    sections: [{ title: t(locale, 'diagnose.stages_title'), text: stageLines.join('\n') }],
    actions: diagnosis.courses.slice(0, 2).map((id) => ({
      id: `course-${id}`,
      label: t(locale, `course.${id}`),
      intent: 'course' as const,
      text: `/coach course ${id}`,
    })),
  };
};
