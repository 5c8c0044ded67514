// An Understanding whose intent model always returns the same ranking: for channel tests of `clarify`
// that must not depend on what the trained model thinks of a phrase.
import { Understanding, type Ranked } from '../../src/understanding';

export function fixedUnderstanding(ranking: [string, number][]): Understanding {
  const ranked: Ranked[] = ranking.map(([label, p]) => ({ label, p }));
  return new Understanding({ rank: () => ranked.map((r) => ({ ...r })), knows: () => true });
}

/** Close readings that are asked back: plan 0.45 vs progress 0.40. */
export const PLAN_OR_PROGRESS = fixedUnderstanding([['plan', 0.45], ['progress', 0.4], ['coach', 0.15]]);
