// quadrant: an agent's own quadrant in encouraging words with strengths, blind spots and next steps;
// a lead's view of one member or of the team (table + scatter chart PNG). Always private.
import { getProgramme } from '../../../coaching/programs';
import { renderQuadrantChart } from '../../../charts/quadrantChart';
import type { BlindSpot, Classification, PlacedQuadrant, Quadrant } from '../../../domain/quadrant';
import type { AgentProfile } from '../../../domain/types';
import { t } from '../../../i18n';
import { assertCanRead, findNamedMember, namesATeam, resolveSubject, teamsInScope } from '../../../access/access';
import type { Handler, HandlerContext } from '../../context';
import { lines } from '../../../planning/format';
import type { Reply } from '../../reply';
import { classifyPerson, loadTeamCompetency, score1 } from './competency';
import { privately } from './privacy';

const ORDER: Record<Quadrant, number> = { lead_goose: 0, soul_forging: 1, base_strengthening: 2, tail_off: 3, incomplete: 4 };

function dimName(ctx: HandlerContext, d: string): string {
  return t(ctx.locale, `quadrant.dim.${d}`);
}

function programmeTitle(ctx: HandlerContext, q: PlacedQuadrant, forAgent: boolean): string {
  try {
    const p = getProgramme(q, ctx.locale);
    return forAgent ? p.agentTitle : p.title;
  } catch {
    return t(ctx.locale, forAgent ? `quadrant.own.name.${q}` : `quadrant.program.${q}`);
  }
}

function programmeActions(ctx: HandlerContext, q: PlacedQuadrant): string | null {
  try {
    return getProgramme(q, ctx.locale).sections.find((s) => s.id === 'actions')?.body ?? null;
  } catch {
    return null;
  }
}

function blindSpotData(spots: BlindSpot[]) {
  return spots.map((s) => ({ dimension: s.dimension, self: s.self, lead: s.lead, gap: s.gap }));
}

/** The agent's own view: encouraging, tail_off phrased as a growth focus, the programme's next steps. */
export function ownQuadrantReply(ctx: HandlerContext, c: Classification): Reply {
  const { locale } = ctx;
  const q = c.quadrant;
  const body =
    q === 'incomplete'
      ? [t(locale, 'quadrant.own.incomplete')]
      : [
          t(locale, `quadrant.own.${q}`),
          t(locale, 'lead.quadrant.own_scores', { ability: score1(c.ability), cognition: score1(c.cognition) }),
          c.strongest && t(locale, 'quadrant.own.strongest', { dimension: dimName(ctx, c.strongest) }),
          c.weakest && c.weakest !== c.strongest && t(locale, 'quadrant.own.weakest', { dimension: dimName(ctx, c.weakest) }),
          ...c.blindSpots.map((s) => t(locale, s.gap > 0 ? 'quadrant.own.blind_spot_higher' : 'quadrant.own.blind_spot_lower', { dimension: dimName(ctx, s.dimension) })),
          t(locale, 'lead.quadrant.own_next', { programme: programmeTitle(ctx, q, true) }),
          t(locale, `lead.quadrant.next.${q}`),
        ];
  return privately(ctx, {
    intent: 'quadrant',
    locale,
    title: t(locale, 'lead.quadrant.own_title', { name: t(locale, `quadrant.own.name.${q}`) }),
    text: lines(...body),
    data: {
      agent: c.agent,
      quadrant: q,
      ability: c.ability,
      cognition: c.cognition,
      blindSpots: blindSpotData(c.blindSpots),
      strongest: c.strongest,
      weakest: c.weakest,
    },
    actions: [{ id: 'assess', label: t(locale, 'lead.action.assess'), intent: 'assess', text: '/coach assess', form: 'assess' }],
  });
}

/** A lead's view of one member: the quadrant's name, scores, blind spots and the programme's actions. */
export function memberQuadrantReply(ctx: HandlerContext, subject: AgentProfile, c: Classification): Reply {
  const { locale } = ctx;
  const q = c.quadrant;
  const placed = q === 'incomplete' ? null : q;
  const actions = placed ? programmeActions(ctx, placed) : null;
  const text = lines(
    t(locale, 'lead.quadrant.member_line', {
      name: subject.name,
      quadrant: t(locale, `quadrant.name.${q}`),
      programme: placed ? programmeTitle(ctx, placed, false) : '-',
      ability: score1(c.ability),
      cognition: score1(c.cognition),
    }),
    c.strongest && t(locale, 'lead.quadrant.strongest', { dimension: dimName(ctx, c.strongest) }),
    c.weakest && t(locale, 'lead.quadrant.weakest', { dimension: dimName(ctx, c.weakest) }),
    ...c.blindSpots.map((s) => t(locale, 'lead.quadrant.blind_spot', { dimension: dimName(ctx, s.dimension), self: s.self, lead: s.lead })),
    actions && `${t(locale, 'lead.quadrant.programme_actions', { programme: programmeTitle(ctx, placed as PlacedQuadrant, false) })}\n${actions}`,
  );
  return privately(ctx, {
    intent: 'quadrant',
    locale,
    title: t(locale, 'lead.quadrant.member_title', { name: subject.name }),
    text,
    data: { agent: subject.id, quadrant: q, ability: c.ability, cognition: c.cognition, blindSpots: blindSpotData(c.blindSpots), strongest: c.strongest, weakest: c.weakest },
  });
}

/** Short point label: a Chinese name as written (≤3 characters), otherwise initials ("Zhang San" → "ZS"). */
export function pointLabel(name: string): string {
  if (/^[\u4e00-\u9fff·]{1,3}$/.test(name)) return name;
  if (/^[\u4e00-\u9fff·]+$/.test(name)) return name.slice(-2);
  const initials = name.split(/\s+/).filter(Boolean).map((w) => w[0]?.toUpperCase() ?? '').join('');
  return initials.slice(0, 3) || name.slice(0, 3);
}

async function teamQuadrantReply(ctx: HandlerContext): Promise<Reply> {
  const { locale } = ctx;
  const teams = await teamsInScope(ctx.store, ctx.tenant, ctx.actor, ctx.route.text);
  const team = teams[0];
  const comp = await loadTeamCompetency(ctx.store, ctx.tenant, team);
  const members = [...comp.members].sort(
    (a, b) => ORDER[a.classification.quadrant] - ORDER[b.classification.quadrant] || a.agent.name.localeCompare(b.agent.name, 'zh-CN'),
  );
  const rows = members.map(({ agent, classification: c }) =>
    t(locale, 'lead.quadrant.team_row', {
      name: agent.name,
      quadrant: t(locale, `quadrant.name.${c.quadrant}`),
      ability: score1(c.ability),
      cognition: score1(c.cognition),
      blind: c.blindSpots.length > 0 ? t(locale, 'lead.quadrant.blind_count', { n: c.blindSpots.length }) : '',
    }).trimEnd(),
  );
  const counts = (['lead_goose', 'soul_forging', 'base_strengthening', 'tail_off', 'incomplete'] as const)
    .map((q) => ({ q, n: comp.members.filter((m) => m.classification.quadrant === q).length }))
    .filter((x) => x.n > 0)
    .map((x) => `${t(locale, `quadrant.name.${x.q}`)} ${x.n}`)
    .join(locale === 'zh-CN' ? '，' : ', ');
  const threshold =
    comp.threshold.ability === comp.threshold.cognition
      ? score1(comp.threshold.ability)
      : `${score1(comp.threshold.ability)} / ${score1(comp.threshold.cognition)}`;
  const placed = comp.members.filter((m) => m.classification.ability !== null && m.classification.cognition !== null && m.classification.quadrant !== 'incomplete');
  let chart: Reply['chart'];
  if (placed.length > 0) {
    try {
      const png = await renderQuadrantChart({
        points: placed.map((m) => ({ label: pointLabel(m.agent.name), ability: m.classification.ability as number, cognition: m.classification.cognition as number })),
        threshold: comp.threshold,
        locale,
      });
      chart = { title: t(locale, 'chart.quadrant.title'), pngBase64: png.toString('base64'), altText: t(locale, 'lead.quadrant.chart_alt', { team: team.name, counts }) };
    } catch {
      chart = undefined; // The table carries the same content; a chart failure must not lose the reply.
    }
  }
  return privately(ctx, {
    intent: 'quadrant',
    locale,
    title: t(locale, 'lead.quadrant.team_title', { team: team.name }),
    text: lines(
      t(locale, 'lead.quadrant.team_summary', { team: team.name, counts: counts || '-', threshold }),
      ...rows,
      teams.length > 1 && t(locale, 'lead.quadrant.other_teams', { teams: teams.slice(1).map((x) => x.name).join(', ') }),
    ),
    data: {
      team: team.id,
      threshold: comp.threshold,
      members: members.map(({ agent, classification: c }) => ({
        agent: agent.id,
        name: agent.name,
        quadrant: c.quadrant,
        ability: c.ability,
        cognition: c.cognition,
        blindSpots: blindSpotData(c.blindSpots),
      })),
    },
    ...(chart ? { chart } : {}),
    actions: [{ id: 'mentors', label: t(locale, 'lead.action.mentors'), intent: 'mentors', text: '/coach mentors' }],
  });
}

export const quadrantHandler: Handler = async (ctx, args) => {
  // A lead naming a team ("电销一组四象限") wants that team's view (another lead's team is refused there).
  if (args.teamScope || (ctx.actor.role !== 'agent' && !args.subjectName && (await namesATeam(ctx.store, ctx.tenant, ctx.route.text)))) return teamQuadrantReply(ctx);
  let subject = await resolveSubject(ctx.store, ctx.tenant, ctx.actor, args.subjectName).catch(async (error: unknown) => {
    const named = await findNamedMember(ctx.store, ctx.tenant, ctx.actor, ctx.route.text);
    if (named) return named;
    throw error;
  });
  if (!args.subjectName && ctx.actor.role !== 'agent') subject = (await findNamedMember(ctx.store, ctx.tenant, ctx.actor, ctx.route.text)) ?? subject;
  await assertCanRead(ctx.store, ctx.tenant, ctx.actor, subject);
  const { classification } = await classifyPerson(ctx.store, ctx.tenant, subject);
  return subject.id === ctx.actor.id ? ownQuadrantReply(ctx, classification) : memberQuadrantReply(ctx, subject, classification);
};
