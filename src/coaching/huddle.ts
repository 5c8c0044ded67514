// huddle (leads): a 10-minute morning script from the team's deterministic diagnosis — opening, one
// technique from the matching course, a 3-minute pair drill, 2 questions, a shout-out — never naming
// anyone behind. Templates offline; the LLM only rephrases, and its text is checked before use.
import { COURSES_BY_STAGE, type Stage } from '../domain/goals';
import type { Locale } from '../domain/types';
import { teamsInScope } from '../access/access';
import type { Handler } from '../core/context';
import type { Reply, ReplySection } from '../core/reply';
import { formatCount, formatMoney, formatPercent, t } from '../i18n';
import { sinkOf } from './coach';
import type { CoachingDeps } from './deps';
import type { OfflineReason } from './gateway';
import { excerpt, offlineNote } from './offline';
import { citationsOf, neutralizeTags, passageBlock } from './prompt';
import type { SearchHit } from './retrieval';
import { systemPrompt } from './systemPrompts';
import { teamFacts, type ShoutMetric, type TeamFacts } from './teamDiagnosis';

const NO_FOCUS_COURSE = 'top-performer-sharing';

function metricText(locale: Locale, metric: ShoutMetric, value: number): string {
  if (metric === 'activity') return formatCount(locale, value);
  if (metric === 'avgDealSize') return formatMoney(locale, value);
  return formatPercent(locale, value, 0);
}

/** "换个话题" / "another topic": the lead has heard today's, so the next technique is taken. */
const ANOTHER = /换|另一个|别的|其他|another|different|other|new one/i;

/**
 * The course's techniques in their order, one per day (the same day-number rule as the lead's digest), so
 * the huddle is not the same script every morning; "换个话题" takes the next one.
 */
function technique(deps: CoachingDeps, locale: Locale, focus: Stage | null, today: string, text: string): SearchHit | null {
  const course = focus ? COURSES_BY_STAGE[focus][0] : NO_FOCUS_COURSE;
  const hits = deps.index.search(t(locale, `coaching.huddle.query.${focus ?? 'none'}`), { locale, courses: [course], limit: 50 });
  const numberOf = (hit: SearchHit) => Number(/\d+/.exec(hit.section)?.[0] ?? Infinity);
  const techniques = hits.filter((h) => /技巧|technique/i.test(h.section)).sort((a, b) => numberOf(a) - numberOf(b) || a.section.localeCompare(b.section));
  if (techniques.length === 0) return hits[0] ?? null;
  const day = Number(today.replace(/-/g, '')) + (ANOTHER.test(text) ? 1 : 0);
  return techniques[day % techniques.length] ?? null;
}

/** The script's parts, each a titled section; the text is their concatenation. */
export function huddleSections(locale: Locale, facts: TeamFacts, passage: SearchHit | null): ReplySection[] {
  const key = facts.focus ?? 'none';
  const stage = facts.focus ? t(locale, `stage.${facts.focus}`) : '';
  const mix = (['ahead', 'on_track', 'behind', 'at_risk'] as const)
    .filter((s) => facts.paceMix[s] > 0)
    .map((s) => t(locale, 'coaching.huddle.mix_item', { status: t(locale, `status.${s}`), n: formatCount(locale, facts.paceMix[s]) }))
    .join(locale === 'zh-CN' ? '、' : ', ');
  const opening = [
    t(locale, facts.focus ? `coaching.huddle.opening.${facts.window}` : 'coaching.huddle.opening.none', {
      team: facts.team.name,
      stage,
      ratio: facts.focusRatio !== null ? formatPercent(locale, facts.focusRatio, 0) : '-',
    }),
    ...(mix ? [t(locale, 'coaching.huddle.mix', { mix })] : []),
  ].join(' ');
  const techniqueText = passage
    ? `${t(locale, 'coaching.huddle.technique_from', { course: passage.title, section: passage.section })}\n${excerpt(passage.text, 360)}`
    : t(locale, 'coaching.huddle.technique_none');
  const shout = facts.shoutOut
    ? t(locale, `coaching.huddle.shoutout.${facts.shoutOut.metric}`, { name: facts.shoutOut.name, value: metricText(locale, facts.shoutOut.metric, facts.shoutOut.value) })
    : t(locale, 'coaching.huddle.shoutout.none');
  return [
    { title: t(locale, 'coaching.huddle.part.opening'), text: opening },
    { title: t(locale, 'coaching.huddle.part.technique'), text: techniqueText },
    { title: t(locale, 'coaching.huddle.part.drill'), text: t(locale, 'coaching.huddle.drill', { line: t(locale, `coaching.huddle.drill_line.${key}`) }) },
    { title: t(locale, 'coaching.huddle.part.questions'), text: `1. ${t(locale, `coaching.huddle.q1.${key}`)}\n2. ${t(locale, `coaching.huddle.q2.${key}`)}` },
    { title: t(locale, 'coaching.huddle.part.shoutout'), text: shout },
  ];
}

const renderSections = (sections: ReplySection[]) => sections.map((s) => `【${s.title}】\n${s.text}`).join('\n\n');

/**
 * An LLM rewrite is used only if it names nobody who is behind and every number in it (beyond
 * small counts like "3 minutes") appears in the template it rewrote.
 */
export function acceptableRewrite(rewrite: string, template: string, protectedNames: string[]): boolean {
  if (protectedNames.some((name) => name.length > 0 && rewrite.includes(name))) return false;
  const numbers = (s: string) => (s.match(/\d+(?:[.,]\d+)*/g) ?? []).map((n) => n.replace(/,/g, ''));
  const allowed = new Set(numbers(template));
  return numbers(rewrite).every((n) => allowed.has(n) || (Number.isInteger(Number(n)) && Number(n) <= 10));
}

export function createHuddleHandler(deps: CoachingDeps): Handler {
  return async (ctx): Promise<Reply> => {
    const { locale } = ctx;
    const [team] = await teamsInScope(ctx.store, ctx.tenant, ctx.actor, ctx.route.text);
    const facts = await teamFacts(ctx.store, ctx.tenant, team, ctx.today);
    const passage = technique(deps, locale, facts.focus, ctx.today, ctx.route.text);
    const sections = huddleSections(locale, facts, passage);
    const template = renderSections(sections);
    const citations = passage ? citationsOf([passage]) : [];
    const data = {
      team: team.id,
      focus: facts.focus,
      focusRatio: facts.focusRatio,
      window: facts.window,
      paceMix: facts.paceMix,
      shoutOut: facts.shoutOut ? { agent: facts.shoutOut.agent, metric: facts.shoutOut.metric, value: facts.shoutOut.value } : null,
      citations,
    };
    const title = t(locale, 'coaching.huddle.title', { team: team.name });

    let reason: OfflineReason = 'no_llm';
    if (deps.llm.configured) {
      const plan = `<huddle_plan>\n${neutralizeTags(template)}\n</huddle_plan>`;
      const grounding = passage ? `\n<passages>\n${passageBlock({ ...passage, n: 1 })}\n</passages>` : '';
      const sink = sinkOf(ctx);
      const outcome = await deps.llm.chat(
        { tenant: ctx.tenant, date: ctx.today },
        [
          { role: 'system', content: systemPrompt('huddle', locale) },
          { role: 'user', content: plan + grounding },
        ],
        { maxTokens: 900, ...(sink ? { stream: sink } : {}) },
      );
      if (outcome.ok && acceptableRewrite(outcome.value, template, facts.protectedNames)) {
        return { intent: 'huddle', locale, title, text: outcome.value.trim(), data: { ...data, offline: false }, sections, visibility: 'any' };
      }
      reason = outcome.ok ? 'error' : outcome.reason;
      if (outcome.ok) deps.logger.warn({ tenant: ctx.tenant }, 'huddle rewrite rejected (names or numbers); using the template');
    }
    const note = reason === 'no_llm' ? null : offlineNote(locale, reason);
    return {
      intent: 'huddle',
      locale,
      title,
      text: [...(note ? [note] : []), t(locale, 'coaching.huddle.intro'), template].join('\n\n'),
      data: { ...data, offline: true },
      sections,
      visibility: 'any',
    };
  };
}
