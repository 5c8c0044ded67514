// mentors: optimal "1+1" mentor–apprentice pairs for the lead's team (lead_goose mentors, base_strengthening
// apprentices), each with the reason in words; capacity from "每人带2个" / "2 each" (args.capacity), said in the reply.
import { pairMentors } from '../../../domain/quadrant';
import { UserInputError } from '../../../errors';
import { t } from '../../../i18n';
import { teamsInScope } from '../../../access/access';
import type { Handler } from '../../context';
import { lines } from '../../../planning/format';
import type { RouteArgs } from '../../intents';
import { loadTeamCompetency, score1 } from './competency';
import { privately } from './privacy';

/** The most apprentices one mentor may be asked to take. */
const MAX_CAPACITY = 20;

/**
 * Apprentices per mentor: what the message said (the capacity entity, src/understanding/entities/capacity.ts,
 * read into `args.capacity`), else the default 1. A count that is no whole number from 1 to 20 is refused.
 */
export function capacityOf(args: RouteArgs): number {
  const n = args.capacity;
  if (n === undefined) return 1;
  if (!Number.isInteger(n) || n < 1 || n > MAX_CAPACITY) throw new UserInputError('quadrant.error.capacity', { capacity: String(n) });
  return n;
}

export const mentorsHandler: Handler = async (ctx, args) => {
  const { locale } = ctx;
  const capacity = capacityOf(args);
  const capacitySource = args.capacity === undefined ? 'default' : 'message';
  const teams = await teamsInScope(ctx.store, ctx.tenant, ctx.actor, ctx.route.text);
  const team = teams[0];
  const comp = await loadTeamCompetency(ctx.store, ctx.tenant, team);
  const byId = new Map(comp.members.map((m) => [m.agent.id, m]));
  const nameOf = (id: string) => byId.get(id)?.agent.name ?? id;
  const pairing = pairMentors(comp.members.map((m) => m.classification), { capacity });
  const pairs = pairing.pairs.map((p) => {
    const reason = p.reasonDimension
      ? t(locale, 'quadrant.mentor.reason', { mentor: nameOf(p.mentor), apprentice: nameOf(p.apprentice), dimension: t(locale, `quadrant.dim.${p.reasonDimension}`) })
      : '';
    return {
      mentor: p.mentor,
      apprentice: p.apprentice,
      benefit: p.benefit,
      mentorName: nameOf(p.mentor),
      apprenticeName: nameOf(p.apprentice),
      reasonDimension: p.reasonDimension,
      reason,
    };
  });
  const mentorsCount = comp.members.filter((m) => m.classification.quadrant === 'lead_goose').length;
  const apprenticeCount = comp.members.filter((m) => m.classification.quadrant === 'base_strengthening').length;
  const pairLines = pairs.map((p) => t(locale, 'lead.mentors.pair', { mentor: p.mentorName, apprentice: p.apprenticeName, benefit: score1(p.benefit), reason: p.reason }));
  const empty =
    apprenticeCount === 0 ? t(locale, 'lead.mentors.no_apprentices') : mentorsCount === 0 ? t(locale, 'lead.mentors.no_mentors') : undefined;
  return privately(ctx, {
    intent: 'mentors',
    locale,
    title: t(locale, 'lead.mentors.title', { team: team.name }),
    text: lines(
      t(locale, capacitySource === 'message' ? 'lead.mentors.summary_asked' : 'lead.mentors.summary', { mentors: mentorsCount, apprentices: apprenticeCount, capacity }),
      empty,
      ...pairLines,
      pairing.unpaired.length > 0 && t(locale, 'quadrant.mentor.unpaired', { names: pairing.unpaired.map(nameOf).join(locale === 'zh-CN' ? '、' : ', ') }),
      pairing.unpaired.length > 0 && mentorsCount > 0 && t(locale, 'lead.mentors.raise_capacity', { next: capacity + 1 }),
    ),
    data: { team: team.id, capacity, capacitySource, pairs, unpaired: pairing.unpaired, totalBenefit: pairing.totalBenefit },
  });
};
