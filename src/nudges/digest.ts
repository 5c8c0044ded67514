// The lead's morning digest, sent privately: team pace table (ahead / on track / behind / at risk), the
// biggest funnel gap over the last 5 working days, a huddle topic from the matching course, and who has
// not logged activity for 2 working days. Numbers come from domain/goals only.
import { planFor, type PlanningData } from '../planning/agentData';
import { formatDate, lines } from '../planning/format';
import type { Reply } from '../core/reply';
import { historySample, addDays, COURSES_BY_STAGE, diagnoseFunnel, isWorkingDay, trackPace, type PaceStatus, type Stage } from '../domain/goals';
import type { AgentProfile, DailyActivity, LocalDate, Team } from '../domain/types';
import { t } from '../i18n';
import type { Store } from '../store/store';
import { percent } from './format';
import type { TipLibrary } from './tips';

const STATUS_ORDER: Array<PaceStatus | 'no_goal'> = ['at_risk', 'behind', 'on_track', 'ahead', 'no_goal'];

export interface DigestMember {
  agent: string;
  name: string;
  status: PaceStatus | 'no_goal';
  paceRatio: number | null;
}

export interface TeamDigest {
  team: string;
  name: string;
  members: DigestMember[];
  counts: Record<PaceStatus | 'no_goal', number>;
  gap: { stage: Stage; ratio: number } | null;
  huddle: { course: string; courseTitle: string; section: string } | null;
  notLogged: string[];
}

/** The `n` working days before `date` (most recent first) in a calendar + roster. */
export function previousWorkingDays(date: LocalDate, person: AgentProfile, roster: PlanningData['roster'], n: number): LocalDate[] {
  const out: LocalDate[] = [];
  let day = date;
  for (let guard = 0; out.length < n && guard < 60; guard++) {
    day = addDays(day, -1);
    if (isWorkingDay(day, person.calendar, roster)) out.push(day);
  }
  return out;
}

function logged(row: DailyActivity | undefined): boolean {
  return row !== undefined && row.calls + row.connects + row.deals + row.sales + row.prospects > 0;
}

async function teamDigest(store: Store, tenant: string, team: Team, date: LocalDate, tips: TipLibrary, locale: AgentProfile['locale']): Promise<TeamDigest> {
  const month = date.slice(0, 7);
  const prevMonth = addDays(`${month}-01`, -1).slice(0, 7);
  const members = (await store.listAgents(tenant, team.id)).filter((m) => m.role === 'agent' && !team.leads.includes(m.id));
  const loaded = await Promise.all(
    members.map(async (agent) => {
      const [history, roster, activity, before, goal] = await Promise.all([
        store.getHistory(tenant, agent.id),
        store.getRoster(tenant, agent.id),
        store.getActivity(tenant, agent.id, month),
        store.getActivity(tenant, agent.id, prevMonth),
        store.getGoal(tenant, agent.id, month),
      ]);
      return { agent, history, roster, activity, recent: [...before, ...activity], incomeTarget: goal?.incomeTarget ?? null };
    }),
  );
  const teamHistory = loaded.flatMap((m) => m.history);
  const counts: TeamDigest['counts'] = { ahead: 0, on_track: 0, behind: 0, at_risk: 0, no_goal: 0 };
  const rows: DigestMember[] = [];
  const notLogged: string[] = [];
  const week = { calls: 0, connects: 0, deals: 0, sales: 0, prospects: 0, workdays: 0 };

  for (const m of loaded) {
    const data: PlanningData = { agent: m.agent, team, history: m.history, teamHistory, roster: m.roster, activity: m.activity, incomeTarget: m.incomeTarget };
    let status: DigestMember['status'] = 'no_goal';
    let paceRatio: number | null = null;
    if (m.incomeTarget !== null) {
      try {
        const pace = trackPace({ plan: planFor(data, month), today: date, activity: m.activity, history: m.history });
        status = pace.status;
        paceRatio = pace.paceRatio;
      } catch {
        status = 'no_goal';
      }
    }
    counts[status] += 1;
    rows.push({ agent: m.agent.id, name: m.agent.name, status, paceRatio });
    const byDate = new Map(m.recent.map((row) => [row.date, row]));
    const lastTwo = previousWorkingDays(date, m.agent, m.roster, 2);
    if (lastTwo.length === 2 && lastTwo.every((d) => !logged(byDate.get(d)))) notLogged.push(m.agent.id);
    for (const d of previousWorkingDays(date, m.agent, m.roster, 5)) {
      // Only logged days count: unlogged days are reported separately, not read as zero activity.
      const row = byDate.get(d);
      if (!row || !logged(row)) continue;
      week.workdays += 1;
      week.calls += row.calls; week.connects += row.connects; week.deals += row.deals; week.sales += row.sales; week.prospects += row.prospects;
    }
  }

  let gap: TeamDigest['gap'] = null;
  if (week.calls > 0) {
    const diagnosis = diagnoseFunnel({ agent: week, team: historySample(teamHistory, month) });
    const focus = diagnosis.stages.find((s) => s.stage === diagnosis.focus);
    if (focus && focus.ratio !== null) gap = { stage: focus.stage, ratio: focus.ratio };
  }
  const course = gap ? COURSES_BY_STAGE[gap.stage][0] : 'mindset';
  const techniques = tips.techniques(course, locale);
  const pick = techniques.length > 0 ? techniques[Number(date.replace(/-/g, '')) % techniques.length] : null;
  const huddle = pick ? { course, courseTitle: pick.courseTitle, section: pick.section } : null;
  return { team: team.id, name: team.name, members: rows, counts, gap, huddle, notLogged };
}

function teamText(locale: AgentProfile['locale'], d: TeamDigest): string {
  if (d.members.length === 0) return t(locale, 'nudges.digest.empty');
  const sep = locale === 'zh-CN' ? '、' : ', ';
  const paceLines = STATUS_ORDER.filter((s) => d.counts[s] > 0).map((s) =>
    t(locale, 'nudges.digest.pace_line', {
      status: s === 'no_goal' ? t(locale, 'nudges.digest.no_goal') : t(locale, `status.${s}`),
      n: d.counts[s],
      names: d.members
        .filter((m) => m.status === s)
        .map((m) => (m.paceRatio === null ? m.name : `${m.name} ${percent(locale, m.paceRatio, 0)}`))
        .join(sep),
    }),
  );
  const names = new Map(d.members.map((m) => [m.agent, m.name]));
  return lines(
    `${t(locale, 'nudges.digest.pace_title')}${locale === 'zh-CN' ? ':' : ':'}`,
    ...paceLines,
    d.gap
      ? t(locale, 'nudges.digest.gap', { stage: t(locale, `stage.${d.gap.stage}`), ratio: percent(locale, d.gap.ratio, 0) })
      : t(locale, 'nudges.digest.no_gap'),
    d.huddle && t(locale, 'nudges.digest.huddle', { course: d.huddle.courseTitle, section: d.huddle.section }),
    d.notLogged.length > 0
      ? t(locale, 'nudges.digest.not_logged', { names: d.notLogged.map((id) => names.get(id) ?? id).join(sep) })
      : t(locale, 'nudges.digest.all_logged'),
  );
}

/** The digest Reply for a lead: one section per team they lead; always private. */
export async function composeLeadDigest(deps: { store: Store; tips: TipLibrary }, tenant: string, lead: AgentProfile, date: LocalDate): Promise<Reply> {
  const { locale } = lead;
  const all = await deps.store.listTeams(tenant);
  let teams = all.filter((team) => team.leads.includes(lead.id));
  if (teams.length === 0) teams = all.filter((team) => team.id === lead.team);
  const digests = await Promise.all(teams.map((team) => teamDigest(deps.store, tenant, team, date, deps.tips, locale)));
  const sections = digests.map((d) => ({ title: t(locale, 'nudges.digest.title', { team: d.name, date: formatDate(locale, date) }), text: teamText(locale, d) }));
  return {
    intent: 'nudges',
    locale,
    visibility: 'private',
    title: digests.length === 1 ? sections[0].title : t(locale, 'nudges.kind.lead_digest'),
    text: lines(t(locale, 'nudges.digest.private'), ...sections.map((s) => (digests.length === 1 ? s.text : `${s.title}\n${s.text}`))),
    data: { kind: 'lead_digest', date, agent: lead.id, teams: digests },
    sections: digests.length === 1 ? [] : sections,
    actions: [
      { id: 'team', label: t(locale, 'nudges.action.team'), intent: 'team', text: '/coach team' },
      { id: 'huddle', label: t(locale, 'nudges.action.huddle'), intent: 'huddle', text: '/coach huddle' },
    ],
  };
}
