// Places agents in the four quadrants (ability × cognition) against a fixed or team-median threshold,
// and traces how an agent's quadrant moved across successive assessment dates.
import type { Assessment, LocalDate, Team } from '../types';
import { combineRatings, type BlindSpot, type CombinedProfile, type DimensionRating } from './combine';
import { DIMENSIONS, type Dimension } from './dimensions';

export type PlacedQuadrant = 'lead_goose' | 'soul_forging' | 'base_strengthening' | 'tail_off';
export type Quadrant = PlacedQuadrant | 'incomplete';
export const QUADRANTS: readonly PlacedQuadrant[] = ['lead_goose', 'soul_forging', 'base_strengthening', 'tail_off'];

export const DEFAULT_THRESHOLD = 3.5;
/** A team's setting: a number (1–5) for both axes, or `"median"` of each axis over complete members. */
export type ThresholdSetting = number | 'median';
export interface AxisThreshold {
  ability: number;
  cognition: number;
}

export interface Classification {
  agent: string;
  ability: number | null;
  cognition: number | null;
  quadrant: Quadrant;
  blindSpots: BlindSpot[];
  /** Highest / lowest combined dimension (catalogue order breaks ties); null when nothing is rated. */
  strongest: Dimension | null;
  weakest: Dimension | null;
  /** Combined score per rated dimension. */
  scores: Partial<Record<Dimension, number>>;
  /** Lead, self and combined per rated dimension. */
  ratings: Partial<Record<Dimension, DimensionRating>>;
}

/** High means ≥ threshold, on each axis independently. */
export function quadrantOf(ability: number, cognition: number, threshold: AxisThreshold): PlacedQuadrant {
  const highA = ability >= threshold.ability;
  const highC = cognition >= threshold.cognition;
  if (highA && highC) return 'lead_goose';
  if (highA) return 'soul_forging';
  if (highC) return 'base_strengthening';
  return 'tail_off';
}

function toAxis(threshold: number | AxisThreshold): AxisThreshold {
  return typeof threshold === 'number' ? { ability: threshold, cognition: threshold } : threshold;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : Math.round(((sorted[mid - 1] + sorted[mid]) / 2) * 1e6) / 1e6;
}

/**
 * Turns a team setting into per-axis numbers. `"median"` takes each axis' median over the complete
 * profiles; with no complete profile there is nothing to compare against, so the default 3.5 applies.
 */
export function resolveThreshold(setting: ThresholdSetting, profiles: readonly CombinedProfile[]): AxisThreshold {
  if (setting !== 'median') return toAxis(setting);
  const complete = profiles.filter((p) => !p.incomplete);
  return {
    ability: median(complete.map((p) => p.ability as number)) ?? DEFAULT_THRESHOLD,
    cognition: median(complete.map((p) => p.cognition as number)) ?? DEFAULT_THRESHOLD,
  };
}

export function classifyProfile(profile: CombinedProfile, threshold: number | AxisThreshold): Classification {
  const scores: Partial<Record<Dimension, number>> = {};
  let strongest: Dimension | null = null;
  let weakest: Dimension | null = null;
  for (const d of DIMENSIONS) {
    const r = profile.ratings[d];
    if (!r) continue;
    scores[d] = r.combined;
    // Strict comparisons keep the first dimension in catalogue order on ties.
    if (strongest === null || r.combined > (scores[strongest] as number)) strongest = d;
    if (weakest === null || r.combined < (scores[weakest] as number)) weakest = d;
  }
  const quadrant: Quadrant =
    profile.incomplete || profile.ability === null || profile.cognition === null
      ? 'incomplete'
      : quadrantOf(profile.ability, profile.cognition, toAxis(threshold));
  return {
    agent: profile.agent,
    ability: profile.ability,
    cognition: profile.cognition,
    quadrant,
    blindSpots: profile.blindSpots,
    strongest,
    weakest,
    scores,
    ratings: profile.ratings,
  };
}

/** One agent against a known threshold (a team median must be resolved first: see `classifyTeam`). */
export function classify(
  agentId: string,
  assessments: readonly Assessment[],
  threshold: number | AxisThreshold = DEFAULT_THRESHOLD,
): Classification {
  return classifyProfile(combineRatings(agentId, assessments), threshold);
}

export interface TeamClassification {
  threshold: AxisThreshold;
  /** In the order of `members`. */
  members: Classification[];
}

/** Every member of a team, with the team's threshold setting (fixed or median) resolved once. */
export function classifyTeam(
  team: Pick<Team, 'quadrantThreshold'>,
  members: readonly string[],
  assessmentsByAgent: Readonly<Record<string, readonly Assessment[] | undefined>>,
): TeamClassification {
  const profiles = members.map((id) => combineRatings(id, assessmentsByAgent[id] ?? []));
  const threshold = resolveThreshold(team.quadrantThreshold, profiles);
  return { threshold, members: profiles.map((p) => classifyProfile(p, threshold)) };
}

export interface QuadrantPoint {
  date: LocalDate;
  quadrant: Quadrant;
  ability: number | null;
  cognition: number | null;
}

export interface QuadrantMove {
  date: LocalDate;
  from: Quadrant;
  to: Quadrant;
}

/**
 * The agent's quadrant as of each distinct assessment date (using every assessment up to and including
 * that date), and the moves where it changed. The threshold is held fixed so moves reflect the agent's
 * own scores, not the team's median drifting.
 */
export function quadrantHistory(
  agentId: string,
  assessments: readonly Assessment[],
  threshold: number | AxisThreshold = DEFAULT_THRESHOLD,
): { points: QuadrantPoint[]; moves: QuadrantMove[] } {
  const own = assessments.filter((a) => a.agent === agentId);
  const dates = [...new Set(own.map((a) => a.date))].sort();
  const points: QuadrantPoint[] = dates.map((date) => {
    const c = classify(agentId, own.filter((a) => a.date <= date), threshold);
    return { date, quadrant: c.quadrant, ability: c.ability, cognition: c.cognition };
  });
  const moves: QuadrantMove[] = [];
  for (let i = 1; i < points.length; i++) {
    if (points[i].quadrant !== points[i - 1].quadrant) {
      moves.push({ date: points[i].date, from: points[i - 1].quadrant, to: points[i].quadrant });
    }
  }
  return { points, moves };
}
