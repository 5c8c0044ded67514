// Mentor pairing: hand-computed optimal cases (greedy worse, capacity 2, ties) and a property test
// against brute force, which also checks the documented tie-break exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ABILITY_DIMENSIONS,
  classify,
  classifyTeam,
  hungarian,
  mentorBenefit,
  pairMentors,
  type Classification,
} from '../../../src/domain/quadrant';
import { UserInputError } from '../../../src/errors';
import { leadRated } from './helpers';

/** A classified agent with the given 4 ability scores and cognition (default 4), threshold 3.5. */
function agent(id: string, ability: readonly number[], cognition = 4): Classification {
  return classify(id, leadRated(id, ability, cognition), 3.5);
}

/** The obvious alternative: repeatedly take the largest remaining benefit (ties: smaller ids). */
function greedyTotal(classified: readonly Classification[], capacity = 1): number {
  const mentors = classified.filter((c) => c.quadrant === 'lead_goose');
  const apprentices = classified.filter((c) => c.quadrant === 'base_strengthening');
  const edges = mentors.flatMap((m) => apprentices.map((a) => ({ m: m.agent, a: a.agent, b: mentorBenefit(m, a) })));
  edges.sort((x, y) => y.b - x.b || x.m.localeCompare(y.m) || x.a.localeCompare(y.a));
  const load = new Map<string, number>();
  const taken = new Set<string>();
  let total = 0;
  for (const e of edges) {
    if (taken.has(e.a) || (load.get(e.m) ?? 0) >= capacity) continue;
    taken.add(e.a);
    load.set(e.m, (load.get(e.m) ?? 0) + 1);
    total += e.b;
  }
  return total;
}

// Ability scores [professional_knowledge, general_knowledge, answering_skills, tool_use].
const M1 = agent('m1', [5, 5, 5, 5]); // strong everywhere
const M2 = agent('m2', [5, 5, 2, 2]); // ability 3.5: strong only in knowledge
const A1 = agent('a1', [1, 1, 3, 3]); // weak in knowledge
const A2 = agent('a2', [3, 3, 1.5, 1.5]); // weak in answering and tools
const A3 = agent('a3', [2, 2, 2, 2]);

describe('pairMentors', () => {
  it('classifies the fixtures as intended', () => {
    expect([M1, M2].map((c) => c.quadrant)).toEqual(['lead_goose', 'lead_goose']);
    expect([A1, A2, A3].map((c) => c.quadrant)).toEqual(['base_strengthening', 'base_strengthening', 'base_strengthening']);
  });

  it('finds the optimum where greedy does worse', () => {
    // b(m1,a1) = 4+4+2+2 = 12   b(m1,a2) = 2+2+3.5+3.5 = 11
    // b(m2,a1) = 4+4+0+0 = 8    b(m2,a2) = 2+2+0.5+0.5 = 5
    // Greedy takes m1–a1 (12) then m2–a2 (5) = 17; optimal is m1–a2 + m2–a1 = 11 + 8 = 19.
    const result = pairMentors([M1, M2, A1, A2]);
    expect(greedyTotal([M1, M2, A1, A2])).toBe(17);
    expect(result.totalBenefit).toBe(19);
    expect(result.pairs).toEqual([
      { mentor: 'm1', apprentice: 'a2', benefit: 11, reasonDimension: 'answering_skills' }, // gaps 2, 2, 3.5, 3.5
      { mentor: 'm2', apprentice: 'a1', benefit: 8, reasonDimension: 'professional_knowledge' }, // gaps 4, 4, −1, −1
    ]);
    expect(result.unpaired).toEqual([]);
  });

  it('lists apprentices left without capacity (capacity 1, three apprentices)', () => {
    // b(m1,a3) = 3·4 = 12, b(m2,a3) = 3+3+0+0 = 6. Best two pairs: m1–a3 (12) + m2–a1 (8) = 20
    // (vs m1–a2 + m2–a1 = 19, m1–a1 + m2–a3 = 18, …).
    const result = pairMentors([A3, M2, A2, M1, A1]);
    expect(result.pairs.map((p) => [p.mentor, p.apprentice, p.benefit])).toEqual([
      ['m1', 'a3', 12],
      ['m2', 'a1', 8],
    ]);
    expect(result.unpaired).toEqual(['a2']);
    expect(result.totalBenefit).toBe(20);
  });

  it('lets a mentor take two apprentices with capacity 2', () => {
    // Slots m1, m1, m2, m2 for a1, a2, a3: m1 takes two, m2 one. Moving an apprentice from m1 to m2
    // loses a1: 12−8 = 4, a2: 11−5 = 6, a3: 12−6 = 6, so a1 goes to m2: 8 + 11 + 12 = 31.
    const result = pairMentors([M1, M2, A1, A2, A3], { capacity: 2 });
    expect(result.pairs.map((p) => [p.mentor, p.apprentice])).toEqual([
      ['m1', 'a2'],
      ['m1', 'a3'],
      ['m2', 'a1'],
    ]);
    expect(result.totalBenefit).toBe(31);
    expect(result.unpaired).toEqual([]);
    expect(greedyTotal([M1, M2, A1, A2, A3], 2)).toBe(12 + 12 + 5); // m1–a1, m1–a3, m2–a2 = 29
  });

  it('breaks ties toward the smallest apprentice id getting the smallest mentor id', () => {
    // Every assignment totals 20: "mb" (strong) gives a1 12, a2 12; "ma" gives a1 8, a2 8 (gaps 4,4,0,0
    // and 2,2,2,2). a1 comes first and gets the smallest id, "ma", though "mb" would help it more.
    const mb = agent('mb', [5, 5, 5, 5]);
    const ma = agent('ma', [5, 5, 3, 3]);
    const b1 = agent('a1', [1, 1, 3, 3]);
    const b2 = agent('a2', [3, 3, 1, 1]);
    const result = pairMentors([mb, b2, ma, b1]);
    expect(result.pairs.map((p) => [p.mentor, p.apprentice, p.benefit])).toEqual([
      ['ma', 'a1', 8],
      ['mb', 'a2', 12],
    ]);
    // Identical apprentices, one mentor: the smaller id is paired, the other listed as unpaired.
    const twins = pairMentors([agent('x2', [2, 2, 2, 2]), agent('x1', [2, 2, 2, 2]), agent('g', [4, 4, 4, 4])]);
    expect(twins.pairs.map((p) => p.apprentice)).toEqual(['x1']);
    expect(twins.unpaired).toEqual(['x2']);
  });

  it('ignores other quadrants and handles empty sides', () => {
    const soul = classify('s1', leadRated('s1', 5, 2), 3.5);
    expect(pairMentors([soul, A1])).toEqual({ pairs: [], unpaired: ['a1'], totalBenefit: 0 });
    expect(pairMentors([M1])).toEqual({ pairs: [], unpaired: [], totalBenefit: 0 });
    expect(() => pairMentors([M1, A1], { capacity: 0 })).toThrow(UserInputError);
  });

  it('hungarian solves a small matrix', () => {
    // Minimum: row0→col1 (1) + row1→col0 (2) + row2→col2 (2) = 5.
    const { colOf } = hungarian([
      [4, 1, 3],
      [2, 0, 5],
      [3, 2, 2],
    ]);
    expect(colOf).toEqual([1, 0, 2]);
  });
});

/** Brute force: every assignment in lexicographic order (mentors by id, then "none"); keeps the first best. */
function bruteForce(mentors: Classification[], apprentices: Classification[], capacity: number) {
  const ms = [...mentors].sort((a, b) => (a.agent < b.agent ? -1 : 1));
  const as = [...apprentices].sort((a, b) => (a.agent < b.agent ? -1 : 1));
  const load = ms.map(() => 0);
  const choice: number[] = [];
  let best = -1;
  let bestChoice: number[] = [];
  const walk = (i: number, total: number): void => {
    if (i === as.length) {
      if (total > best + 1e-9) {
        best = total;
        bestChoice = [...choice];
      }
      return;
    }
    for (let k = 0; k <= ms.length; k++) {
      if (k < ms.length && load[k] >= capacity) continue;
      if (k < ms.length) load[k]++;
      choice.push(k);
      walk(i + 1, total + (k < ms.length ? mentorBenefit(ms[k], as[i]) : 0));
      choice.pop();
      if (k < ms.length) load[k]--;
    }
  };
  walk(0, 0);
  const pairs = bestChoice.flatMap((k, i) => (k < ms.length ? [[ms[k].agent, as[i].agent]] : []));
  pairs.sort((x, y) => (x[0] === y[0] ? (x[1] < y[1] ? -1 : 1) : x[0] < y[0] ? -1 : 1));
  return { total: best, pairs };
}

describe('pairMentors properties', () => {
  const half = fc.integer({ min: 2, max: 10 }).map((n) => n / 2);
  const scores = fc.array(half, { minLength: 4, maxLength: 4 });
  it('matches brute force (total and tie-break) and is never worse than greedy', () => {
    fc.assert(
      fc.property(
        fc.array(scores, { minLength: 1, maxLength: 4 }),
        fc.array(scores, { minLength: 0, maxLength: 6 }),
        fc.integer({ min: 1, max: 2 }),
        (mentorScores, apprenticeScores, capacity) => {
          // Force the quadrants directly so random scores need not straddle the threshold.
          const mentors = mentorScores.map((s, i) => ({ ...agent(`m${i}`, s), quadrant: 'lead_goose' as const }));
          const apprentices = apprenticeScores.map((s, i) => ({ ...agent(`a${i}`, s), quadrant: 'base_strengthening' as const }));
          const all = [...apprentices, ...mentors];
          const result = pairMentors(all, { capacity });
          const brute = bruteForce(mentors, apprentices, capacity);
          expect(result.totalBenefit).toBeCloseTo(brute.total, 6);
          expect(result.pairs.map((p) => [p.mentor, p.apprentice])).toEqual(brute.pairs);
          expect(result.totalBenefit).toBeGreaterThanOrEqual(greedyTotal(all, capacity) - 1e-9);
          expect(result.pairs.length + result.unpaired.length).toBe(apprentices.length);
        },
      ),
      { numRuns: 300, seed: 20260301 },
    );
  });

  it('classifies and pairs a 200-agent team quickly', () => {
    const rnd = fc.sample(fc.tuple(scores, half), { numRuns: 200, seed: 7 });
    const ids = rnd.map((_, i) => `agent${String(i).padStart(3, '0')}`);
    const byAgent = Object.fromEntries(rnd.map(([ab, cog], i) => [ids[i], leadRated(ids[i], ab, cog)]));
    const start = performance.now();
    const team = classifyTeam({ quadrantThreshold: 'median' }, ids, byAgent);
    const result = pairMentors(team.members);
    const ms = performance.now() - start;
    expect(result.pairs.length).toBeGreaterThan(0);
    expect(ABILITY_DIMENSIONS).toContain(result.pairs[0].reasonDimension);
    expect(ms).toBeLessThan(500); // generous for a shared CI machine; the benchmark reports the real figure
  });
});
