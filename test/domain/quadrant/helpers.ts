// Builders for quadrant tests: assessments with uniform or per-dimension scores.
import type { Assessment } from '../../../src/domain/types';
import { ABILITY_DIMENSIONS, COGNITION_DIMENSIONS, type Dimension } from '../../../src/domain/quadrant';

export function assess(agent: string, rater: string, date: string, scores: Partial<Record<Dimension, number>>): Assessment {
  return { agent, rater, date, scores };
}

/** Scores for all 4 ability dims (one value or four) and all 8 cognition dims. */
export function uniform(ability: number | readonly number[], cognition: number): Partial<Record<Dimension, number>> {
  const scores: Partial<Record<Dimension, number>> = {};
  ABILITY_DIMENSIONS.forEach((d, i) => (scores[d] = typeof ability === 'number' ? ability : ability[i]));
  for (const d of COGNITION_DIMENSIONS) scores[d] = cognition;
  return scores;
}

/** One lead assessment by `lead` on 2026-03-01. */
export function leadRated(agent: string, ability: number | readonly number[], cognition: number): Assessment[] {
  return [assess(agent, 'lead-1', '2026-03-01', uniform(ability, cognition))];
}
