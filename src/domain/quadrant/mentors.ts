// "1+1" mentor pairing: lead_goose mentors, base_strengthening apprentices, an optimal assignment
// (Hungarian algorithm, capacity by replicating mentors) with a documented, deterministic tie-break.
import { UserInputError } from '../../errors';
import type { Classification } from './classify';
import { round6 } from './combine';
import { ABILITY_DIMENSIONS, type AbilityDimension } from './dimensions';

export interface MentorPair {
  mentor: string;
  apprentice: string;
  benefit: number;
  /** The ability dimension where mentor − apprentice is largest (catalogue order on ties). */
  reasonDimension: AbilityDimension | null;
}

export interface MentorPairing {
  /** Sorted by mentor id, then apprentice id. */
  pairs: MentorPair[];
  /** Apprentices left without a mentor (not enough capacity), sorted by id. */
  unpaired: string[];
  totalBenefit: number;
}

/** benefit(m, a) = Σ over ability dimensions rated for both of max(0, m_d − a_d). */
export function mentorBenefit(mentor: Classification, apprentice: Classification): number {
  let sum = 0;
  for (const d of ABILITY_DIMENSIONS) {
    const m = mentor.scores[d];
    const a = apprentice.scores[d];
    if (m !== undefined && a !== undefined) sum += Math.max(0, m - a);
  }
  return round6(sum);
}

export function reasonDimension(mentor: Classification, apprentice: Classification): AbilityDimension | null {
  let best: AbilityDimension | null = null;
  let bestGap = -Infinity;
  for (const d of ABILITY_DIMENSIONS) {
    const m = mentor.scores[d];
    const a = apprentice.scores[d];
    if (m === undefined || a === undefined) continue;
    if (m - a > bestGap) {
      bestGap = m - a;
      best = d;
    }
  }
  return best;
}

/**
 * Minimum-cost perfect assignment on a square integer matrix (Hungarian algorithm with potentials,
 * O(n³)). Returns the assignment and the final duals u, v: reduced costs c − u − v are ≥ 0 and exactly
 * 0 on the assignment. Costs are integers so "tight" (reduced cost 0) is an exact test.
 */
export function hungarian(cost: readonly (readonly number[])[]): { colOf: number[]; u: number[]; v: number[] } {
  const n = cost.length;
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(n + 1).fill(0);
  const p = new Array<number>(n + 1).fill(0); // p[j] = row (1-based) assigned to column j
  const way = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array<number>(n + 1).fill(Infinity);
    const used = new Array<boolean>(n + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      const row = cost[i0 - 1];
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = row[j - 1] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  const colOf = new Array<number>(n).fill(-1);
  for (let j = 1; j <= n; j++) colOf[p[j] - 1] = j - 1;
  return { colOf, u: u.slice(1), v: v.slice(1) };
}

/**
 * Pairs mentors with apprentices to maximise the total benefit.
 *
 * Model: a square matrix of size N = max(A, S), S = mentors × capacity. Rows are the A apprentices
 * (ascending id), padded with "idle slot" rows when S > A; columns are the mentor slots (each mentor,
 * ascending id, repeated `capacity` times), padded with "unpaired" columns when A > S. Apprentice × slot
 * costs −benefit (integer micro-points), everything else 0. Benefits are ≥ 0, so some optimum leaves
 * exactly max(0, A − S) apprentices unpaired, and the tie-break below (paired before unpaired) always
 * picks such an optimum: the padding loses nothing. The Hungarian algorithm gives an optimum and duals;
 * the optimal assignments are exactly the perfect matchings on tight edges (reduced cost 0).
 *
 * Tie-break (exact rule): among all maximum-benefit assignments, take apprentices in ascending id order
 * and give each the mentor with the smallest id still possible without losing optimality; being paired
 * ranks before being unpaired. Each step re-routes the current matching along an alternating path of
 * tight edges (found by one reverse BFS per apprentice), so the result is the lexicographically
 * smallest vector (mentor of a₁, mentor of a₂, …) and does not depend on the solver's internal choices.
 */
export function pairMentors(
  classified: readonly Classification[],
  options: { capacity?: number } = {},
): MentorPairing {
  const capacity = options.capacity ?? 1;
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new UserInputError('quadrant.error.capacity', { capacity: String(capacity) });
  }
  const byId = (a: Classification, b: Classification): number => (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0);
  const mentors = classified.filter((c) => c.quadrant === 'lead_goose').sort(byId);
  const apprentices = classified.filter((c) => c.quadrant === 'base_strengthening').sort(byId);
  const A = apprentices.length;
  // A mentor never needs more copies than there are apprentices.
  const copies = Math.min(capacity, A);
  const S = mentors.length * copies;
  if (A === 0 || S === 0) {
    return { pairs: [], unpaired: apprentices.map((a) => a.agent), totalBenefit: 0 };
  }
  const N = Math.max(A, S);
  const mentorOfSlot = (col: number): number => Math.floor(col / copies);
  const benefitInt = apprentices.map((a) => mentors.map((m) => Math.round(mentorBenefit(m, a) * 1e6)));
  const cost: number[][] = [];
  for (let r = 0; r < N; r++) {
    const row = new Array<number>(N).fill(0);
    if (r < A) for (let c = 0; c < S; c++) row[c] = -benefitInt[r][mentorOfSlot(c)];
    cost.push(row);
  }
  const { colOf, u, v } = hungarian(cost);
  const rowOf = new Array<number>(N);
  colOf.forEach((c, r) => (rowOf[c] = r));
  // Integer costs make the duals integers, so "reduced cost is 0" is an exact test; precomputed once.
  const tightM = new Uint8Array(N * N);
  for (let r = 0; r < N; r++) for (let c = 0; c < N; c++) tightM[r * N + c] = cost[r][c] - u[r] - v[c] === 0 ? 1 : 0;
  const tight = (r: number, c: number): boolean => tightM[r * N + c] === 1;

  const fixed = new Array<boolean>(N).fill(false);
  for (let i = 0; i < A; i++) {
    const t = colOf[i];
    // Rows (other than i and the fixed ones) that can move so that column t ends up taken:
    // x reaches t directly (next −1) or by taking the column of a row that itself reaches t.
    const reach = new Array<boolean>(N).fill(false);
    const next = new Array<number>(N).fill(-1);
    const queue: number[] = [];
    for (let x = 0; x < N; x++) {
      if (x !== i && !fixed[x] && tight(x, t)) {
        reach[x] = true;
        queue.push(x);
      }
    }
    for (let q = 0; q < queue.length; q++) {
      const y = queue[q];
      const c = colOf[y];
      for (let x = 0; x < N; x++) {
        if (x !== i && !fixed[x] && !reach[x] && tight(x, c)) {
          reach[x] = true;
          next[x] = y;
          queue.push(x);
        }
      }
    }
    // Options in preference order: slots of mentors by ascending id, then the "unpaired" columns.
    let chosen = t;
    for (let c = 0; c < N; c++) {
      if (c === t) break; // keeping the current column is feasible; nothing earlier was
      const r = rowOf[c];
      if (tight(i, c) && !fixed[r] && reach[r]) {
        chosen = c;
        break;
      }
    }
    if (chosen !== t) {
      // i takes `chosen`; its owner walks the BFS chain, each row taking its successor's column.
      const moves: Array<[number, number]> = [[i, chosen]];
      for (let x = rowOf[chosen]; x !== -1; x = next[x]) moves.push([x, next[x] === -1 ? t : colOf[next[x]]]);
      for (const [r, c] of moves) {
        colOf[r] = c;
        rowOf[c] = r;
      }
    }
    fixed[i] = true;
  }

  const pairs: MentorPair[] = [];
  const unpaired: string[] = [];
  let total = 0;
  for (let i = 0; i < A; i++) {
    const c = colOf[i];
    if (c >= S) {
      unpaired.push(apprentices[i].agent);
      continue;
    }
    const m = mentors[mentorOfSlot(c)];
    const benefit = mentorBenefit(m, apprentices[i]);
    total += benefit;
    pairs.push({ mentor: m.agent, apprentice: apprentices[i].agent, benefit, reasonDimension: reasonDimension(m, apprentices[i]) });
  }
  pairs.sort((a, b) => (a.mentor === b.mentor ? (a.apprentice < b.apprentice ? -1 : 1) : a.mentor < b.mentor ? -1 : 1));
  return { pairs, unpaired, totalBenefit: round6(total) };
}
