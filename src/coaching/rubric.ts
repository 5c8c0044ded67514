// Role-play scoring against a scenario's rubric: the zod schema the LLM's structured output must pass,
// and the offline keyword checklist. Both produce the same RoleplayScore.
import { z } from 'zod';
import type { Locale } from '../domain/types';
import { t } from '../i18n';
import type { Criterion, Scenario } from './scenarios';

export const LlmScoreSchema = z.object({
  scores: z
    .array(
      z.object({
        criterion: z.string(),
        score: z.number().int().min(1).max(5),
        evidence: z.string().max(400),
      }),
    )
    .min(1),
  keep: z.string().min(1).max(400),
  change: z.string().min(1).max(400),
  course: z.string(),
});
export type LlmScore = z.infer<typeof LlmScoreSchema>;

export interface CriterionScore {
  criterion: string;
  score: number;
  evidence: string;
}

export interface RoleplayScore {
  scores: CriterionScore[];
  /** Weighted mean of the criteria, 1–5, one decimal. */
  total: number;
  keep: string;
  change: string;
  course: string;
  method: 'llm' | 'checklist';
}

export function weightedTotal(rubric: Criterion[], scores: CriterionScore[]): number {
  let sum = 0;
  let weights = 0;
  for (const c of rubric) {
    const s = scores.find((x) => x.criterion === c.id);
    if (!s) continue;
    sum += c.weight * s.score;
    weights += c.weight;
  }
  return weights > 0 ? Math.round((sum / weights) * 10) / 10 : 0;
}

export const criterionName = (c: Criterion, locale: Locale): string => (locale === 'zh-CN' ? c.name_zh : c.name_en);
const anchorsOf = (c: Criterion, locale: Locale): Record<string, string> => (locale === 'zh-CN' ? c.anchors_zh : c.anchors_en);

/** The rubric as the scoring prompt shows it. */
export function rubricText(scenario: Scenario, locale: Locale): string {
  return scenario.rubric
    .map((c) => {
      const anchors = Object.entries(anchorsOf(c, locale))
        .map(([k, v]) => `  ${k}: ${v}`)
        .join('\n');
      return `- ${c.id} (${criterionName(c, locale)}, weight ${c.weight})\n${anchors}`;
    })
    .join('\n');
}

/** An LLM score is accepted only if it scores exactly the rubric's criteria. */
export function fromLlm(scenario: Scenario, raw: LlmScore, courseIds: string[]): RoleplayScore | null {
  const scores: CriterionScore[] = [];
  for (const c of scenario.rubric) {
    const s = raw.scores.find((x) => x.criterion === c.id);
    if (!s) return null;
    scores.push({ criterion: c.id, score: s.score, evidence: s.evidence.trim() });
  }
  return {
    scores,
    total: weightedTotal(scenario.rubric, scores),
    keep: raw.keep.trim(),
    change: raw.change.trim(),
    course: courseIds.includes(raw.course) ? raw.course : scenario.course,
    method: 'llm',
  };
}

const cut = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n)}…` : s);

/**
 * Offline checklist: a criterion scores by how many of its keywords (either language) the agent
 * used: none 1, one 3, two 4, three or more 5. Evidence is the first line that used one.
 */
export function checklistScore(scenario: Scenario, agentLines: string[], locale: Locale): RoleplayScore {
  const lowered = agentLines.map((l) => l.toLowerCase());
  const scores: CriterionScore[] = scenario.rubric.map((c) => {
    const keywords = [...new Set([...c.keywords_zh, ...c.keywords_en])].filter((k) => k.length > 0);
    const hits = keywords.filter((k) => lowered.some((l) => l.includes(k)));
    const score = hits.length === 0 ? 1 : hits.length === 1 ? 3 : hits.length === 2 ? 4 : 5;
    const line = agentLines.find((_, i) => hits.some((k) => lowered[i].includes(k)));
    return { criterion: c.id, score, evidence: line ? cut(line) : '' };
  });
  const byScore = scenario.rubric
    .map((c) => ({ c, s: scores.find((x) => x.criterion === c.id)?.score ?? 1 }))
    .sort((a, b) => a.s - b.s || b.c.weight - a.c.weight);
  const weakest = byScore[0];
  const strongest = byScore[byScore.length - 1];
  const best = anchorsOf(weakest.c, locale)['5'] ?? '';
  return {
    scores,
    total: weightedTotal(scenario.rubric, scores),
    keep:
      strongest.s > 1
        ? t(locale, 'coaching.roleplay.keep_checklist', { name: criterionName(strongest.c, locale) })
        : t(locale, 'coaching.roleplay.keep_trying'),
    change: t(locale, 'coaching.roleplay.change_checklist', { name: criterionName(weakest.c, locale), anchor: best }),
    course: scenario.course,
    method: 'checklist',
  };
}
