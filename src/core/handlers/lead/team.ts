// team: the lead's dashboard — each member's pace status, month-end projection, weakest funnel stage and
// quadrant, sorted by who needs attention first (at risk, behind, no goal, on track, ahead).
import { historySample, diagnoseFunnel, trackPace, type PaceStatus } from '../../../domain/goals';
import type { Quadrant } from '../../../domain/quadrant';
import type { AgentProfile } from '../../../domain/types';
import { t } from '../../../i18n';
import { teamsInScope } from '../../../access/access';
import { loadPlanningData, monthOf, planFor } from '../../../planning/agentData';
import type { Handler, HandlerContext } from '../../context';
import { lines, money, percent } from '../../../planning/format';
import { loadTeamCompetency } from './competency';
import { privately } from './privacy';

export type MemberStatus = PaceStatus | 'no_goal';
export const ATTENTION_ORDER: readonly MemberStatus[] = ['at_risk', 'behind', 'no_goal', 'on_track', 'ahead'];

export interface MemberRow {
  agent: string;
  name: string;
  team: string;
  status: MemberStatus;
  paceRatio: number | null;
  achieved: number | null;
  salesTarget: number | null;
  projection: number | null;
  weakestStage: string | null;
  quadrant: Quadrant;
}

async function memberRow(ctx: HandlerContext, agent: AgentProfile, teamId: string, quadrant: Quadrant): Promise<MemberRow> {
  const month = monthOf(ctx.today);
  const data = await loadPlanningData(ctx.store, ctx.tenant, agent, month);
  const diagnosis = diagnoseFunnel({ agent: historySample(data.history, month), team: historySample(data.teamHistory, month) });
  const row: MemberRow = {
    agent: agent.id,
    name: agent.name,
    team: teamId,
    status: 'no_goal',
    paceRatio: null,
    achieved: null,
    salesTarget: null,
    projection: null,
    weakestStage: diagnosis.focus,
    quadrant,
  };
  if (data.incomeTarget === null) return row;
  try {
    const plan = planFor(data, month);
    const pace = trackPace({ plan, today: ctx.today, activity: data.activity, history: data.history });
    return { ...row, status: pace.status, paceRatio: pace.paceRatio, achieved: pace.achieved, salesTarget: plan.salesTarget, projection: pace.projection };
  } catch {
    return row; // No rates to plan with: shown as "no goal" so the lead sets it up.
  }
}

/** Attention order, then the lowest pace ratio first, then name. */
export function byAttention(a: MemberRow, b: MemberRow): number {
  const s = ATTENTION_ORDER.indexOf(a.status) - ATTENTION_ORDER.indexOf(b.status);
  if (s !== 0) return s;
  const r = (a.paceRatio ?? Infinity) - (b.paceRatio ?? Infinity);
  if (r !== 0 && Number.isFinite(r)) return r;
  return a.name.localeCompare(b.name, 'zh-CN') || a.agent.localeCompare(b.agent);
}

export const teamHandler: Handler = async (ctx) => {
  const { locale } = ctx;
  const teams = await teamsInScope(ctx.store, ctx.tenant, ctx.actor, ctx.route.text);
  const rows: MemberRow[] = [];
  for (const team of teams) {
    const comp = await loadTeamCompetency(ctx.store, ctx.tenant, team);
    rows.push(...(await Promise.all(comp.members.map((m) => memberRow(ctx, m.agent, team.id, m.classification.quadrant)))));
  }
  rows.sort(byAttention);
  const text = rows.map((r) =>
    t(locale, r.status === 'no_goal' ? 'lead.team.row_no_goal' : 'lead.team.row', {
      name: r.name,
      status: t(locale, r.status === 'no_goal' ? 'lead.team.no_goal' : `status.${r.status}`),
      ratio: r.paceRatio === null ? '-' : percent(locale, r.paceRatio, 0),
      projection: r.projection === null ? '-' : money(locale, Math.round(r.projection)),
      target: r.salesTarget === null ? '-' : money(locale, r.salesTarget),
      stage: r.weakestStage ? t(locale, `stage.${r.weakestStage}`) : t(locale, 'lead.team.no_weak_stage'),
      quadrant: t(locale, `quadrant.name.${r.quadrant}`),
    }),
  );
  const attention = rows.filter((r) => r.status === 'at_risk' || r.status === 'behind').length;
  return privately(ctx, {
    intent: 'team',
    locale,
    title: t(locale, 'lead.team.title', { teams: teams.map((x) => x.name).join(', '), month: monthOf(ctx.today) }),
    text: lines(t(locale, rows.length ? 'lead.team.summary' : 'lead.team.empty', { n: rows.length, attention }), ...text),
    data: { teams: teams.map((x) => x.id), month: monthOf(ctx.today), members: rows },
    actions: [
      { id: 'quadrant', label: t(locale, 'lead.action.team_quadrant'), intent: 'quadrant', text: '/coach quadrant team' },
      { id: 'export', label: t(locale, 'lead.action.export'), intent: 'export', text: '/coach export' },
    ],
  });
};
