// `npx tsx bench/quadrant.ts`: classify a team of 200 agents (self + lead ratings, fixed and median threshold)
// and pair mentors optimally (capacity 1 and 2); prints median and p99. Target: < 20 ms for classify + pairing.
import { classifyTeam, DIMENSIONS, pairMentors, type Classification } from '../src/domain/quadrant';
import type { Assessment } from '../src/domain/types';
import { measure, printTable, type Stat } from './stats';

/** Deterministic PRNG (mulberry32) so every run measures the same team. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const N = 200;
const random = rng(20260310);
const half = (x: number) => Math.min(5, Math.max(1, Math.round(x * 2) / 2));
const members = Array.from({ length: N }, (_, i) => `a${String(i).padStart(3, '0')}`);
const assessments: Record<string, Assessment[]> = {};
for (const id of members) {
  // Each agent has a latent ability and cognition level; the lead and self ratings scatter around them.
  const ability = 1.5 + random() * 3.5;
  const cognition = 1.5 + random() * 3.5;
  const rate = (rater: string, noise: number): Assessment => ({
    agent: id,
    rater,
    date: '2026-03-01',
    scores: Object.fromEntries(DIMENSIONS.map((d, k) => [d, half((k < 4 ? ability : cognition) + (random() - 0.5) * noise)])),
  });
  assessments[id] = [rate('lead', 1), rate(id, 2)];
}

function run(threshold: number | 'median', capacity: number): { c: Classification[]; pairs: number } {
  const { members: c } = classifyTeam({ quadrantThreshold: threshold }, members, assessments);
  return { c, pairs: pairMentors(c, { capacity }).pairs.length };
}

async function main(): Promise<void> {
  const stats: Stat[] = [];
  for (const [threshold, capacity] of [[3.5, 1], [3.5, 2], ['median', 1], ['median', 2]] as const) {
    const probe = run(threshold, capacity);
    const mentors = probe.c.filter((x) => x.quadrant === 'lead_goose').length;
    const apprentices = probe.c.filter((x) => x.quadrant === 'base_strengthening').length;
    const stat = await measure(
      `classify + pairMentors, ${N} agents, threshold ${threshold}, capacity ${capacity} (${mentors} mentors, ${apprentices} apprentices, ${probe.pairs} pairs)`,
      200,
      () => run(threshold, capacity),
      20,
    );
    stats.push({ ...stat, target: 'median < 20 ms' });
  }
  // The pairing alone on its worst case here: every agent a mentor or an apprentice (100 + 100, capacity 2).
  const { members: base } = classifyTeam({ quadrantThreshold: 3.5 }, members, assessments);
  const forced = base.map((x, i) => ({ ...x, quadrant: i % 2 === 0 ? ('lead_goose' as const) : ('base_strengthening' as const) }));
  stats.push({ ...(await measure('pairMentors only, 100 mentors × 100 apprentices, capacity 2 (worst case)', 50, () => pairMentors(forced, { capacity: 2 }), 5)), target: 'median < 20 ms' });
  printTable('Competency quadrant benchmark (µs)', stats);
  const worst = Math.max(...stats.slice(0, 4).map((s) => s.medianUs));
  process.stdout.write(`classify + pairing for ${N} agents: worst median ${(worst / 1000).toFixed(2)} ms (target < 20 ms) — ${worst < 20_000 ? 'OK' : 'OVER TARGET'}\n`);
}

await main();
