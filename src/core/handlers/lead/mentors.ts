// mentors: optimal "1+1" mentor–apprentice pairs for the lead's team (lead_goose mentors, base_strengthening
// apprentices), each with the reason in words; capacity from "每人带2个" / "capacity 2".
import { pairMentors } from '../../../domain/quadrant';
import { UserInputError } from '../../../errors';
import { t } from '../../../i18n';
import { teamsInScope } from '../../../access/access';
import type { Handler } from '../../context';
import { lines } from '../../../planning/format';
import { chineseToNumber, normalizeWidth } from '../../../understanding';
import { loadTeamCompetency, score1 } from './competency';
import { privately } from './privacy';

/** Apprentices per mentor named in the message, or undefined (the default, 1). */
export function parseCapacity(text: string): number | undefined {
  const s = normalizeWidth(text);
  const m =
    /(?:每人|每位|每个师傅|每个人|一人|一个师傅|师傅)?(?:最多)?带\s*(\d+|[一二两三四五六七八九十]+)\s*(?:个|名|位)?(?:徒弟|人)?/.exec(s) ??
    /\bcapacity\s*(?:of|=|:)?\s*(\d+)\b/i.exec(s) ??
    /\b(\d+)\s*(?:apprentices?|mentees?)\s*(?:per|each|a)\b/i.exec(s) ??
    /\b(?:up to|at most|max(?:imum)?)\s*(\d+)\s*(?:apprentices?|mentees?)?\b/i.exec(s);
  if (!m) return undefined;
  const n = /^\d+$/.test(m[1]) ? Number(m[1]) : chineseToNumber(m[1]);
  if (n === null || !Number.isFinite(n)) return undefined;
  if (!Number.isInteger(n) || n < 1 || n > 20) throw new UserInputError('quadrant.error.capacity', { capacity: String(n) });
  return n;
}

export const mentorsHandler: Handler = async (ctx) => {
  const { locale } = ctx;
  const capacity = parseCapacity(ctx.route.text) ?? 1;
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
      t(locale, 'lead.mentors.summary', { mentors: mentorsCount, apprentices: apprenticeCount, capacity }),
      empty,
      ...pairLines,
      pairing.unpaired.length > 0 && t(locale, 'quadrant.mentor.unpaired', { names: pairing.unpaired.map(nameOf).join(locale === 'zh-CN' ? '、' : ', ') }),
      pairing.unpaired.length > 0 && mentorsCount > 0 && t(locale, 'lead.mentors.raise_capacity', { next: capacity + 1 }),
    ),
    data: { team: team.id, capacity, pairs, unpaired: pairing.unpaired, totalBenefit: pairing.totalBenefit },
  });
};
