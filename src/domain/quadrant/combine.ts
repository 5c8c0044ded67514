// Combines an agent's assessments into one score per dimension (latest lead 0.6 + latest self 0.4),
// axis means, the `incomplete` rule and blind spots (|self − lead| ≥ 1.5).
import { UserInputError } from '../../errors';
import type { Assessment } from '../types';
import {
  ABILITY_DIMENSIONS,
  COGNITION_DIMENSIONS,
  DIMENSIONS,
  SCORE_MAX,
  SCORE_MIN,
  isDimension,
  type Dimension,
} from './dimensions';

export const LEAD_WEIGHT = 0.6;
export const SELF_WEIGHT = 0.4;
export const BLIND_SPOT_GAP = 1.5;
/** Minimum rated dimensions per axis; fewer makes the profile `incomplete`. */
export const MIN_RATED = { ability: 3, cognition: 6 } as const;

export interface DimensionRating {
  lead?: number;
  self?: number;
  combined: number;
}

export interface BlindSpot {
  dimension: Dimension;
  self: number;
  lead: number;
  /** self − lead: positive when the agent rates themself higher than their lead does. */
  gap: number;
}

export interface CombinedProfile {
  agent: string;
  ratings: Partial<Record<Dimension, DimensionRating>>;
  /** Mean of the rated ability dimensions; null when none is rated. */
  ability: number | null;
  cognition: number | null;
  incomplete: boolean;
  blindSpots: BlindSpot[];
}

/**
 * Rounds to 6 decimals. Scores are halves, so exact values are multiples of 0.1 or finer fractions of
 * them; rounding removes float noise (0.6·3.5 = 2.0999…) so `≥ threshold` compares what a person computes.
 */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return round6(values.reduce((s, v) => s + v, 0) / values.length);
}

interface Latest {
  date: string;
  score: number;
}

/**
 * Latest lead and latest self rating per dimension for `agentId`. "Latest" is by date, per dimension
 * (an assessment that skips a dimension keeps the older rating); on the same date the later one in
 * `assessments` wins. Scores outside 1–5 throw: stored data is validated at the edges, so this is a bug.
 */
export function combineRatings(agentId: string, assessments: readonly Assessment[]): CombinedProfile {
  const lead = new Map<Dimension, Latest>();
  const self = new Map<Dimension, Latest>();
  for (const a of assessments) {
    if (a.agent !== agentId) continue;
    const target = a.rater === agentId ? self : lead;
    for (const [key, score] of Object.entries(a.scores)) {
      if (score === undefined || !isDimension(key)) continue;
      if (!Number.isFinite(score) || score < SCORE_MIN || score > SCORE_MAX) {
        throw new UserInputError('quadrant.error.score_out_of_range', { dimension: key, score: String(score) });
      }
      const prev = target.get(key);
      if (prev === undefined || a.date >= prev.date) target.set(key, { date: a.date, score });
    }
  }

  const ratings: Partial<Record<Dimension, DimensionRating>> = {};
  const blindSpots: BlindSpot[] = [];
  for (const d of DIMENSIONS) {
    const l = lead.get(d)?.score;
    const s = self.get(d)?.score;
    if (l === undefined && s === undefined) continue;
    const combined =
      l !== undefined && s !== undefined ? round6(LEAD_WEIGHT * l + SELF_WEIGHT * s) : ((l ?? s) as number);
    ratings[d] = { ...(l !== undefined && { lead: l }), ...(s !== undefined && { self: s }), combined };
    if (l !== undefined && s !== undefined && Math.abs(s - l) >= BLIND_SPOT_GAP) {
      blindSpots.push({ dimension: d, self: s, lead: l, gap: round6(s - l) });
    }
  }

  const rated = (dims: readonly Dimension[]): number[] =>
    dims.flatMap((d) => (ratings[d] ? [ratings[d].combined] : []));
  const abilityScores = rated(ABILITY_DIMENSIONS);
  const cognitionScores = rated(COGNITION_DIMENSIONS);
  return {
    agent: agentId,
    ratings,
    ability: mean(abilityScores),
    cognition: mean(cognitionScores),
    incomplete: abilityScores.length < MIN_RATED.ability || cognitionScores.length < MIN_RATED.cognition,
    blindSpots,
  };
}
