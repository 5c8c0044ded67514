// Floors for the role-play move reader (npm run eval:moves prints the same figures). Figures on
// 2026-12-06: held-out top-1 70.8%, found 73.8%; evaluation set micro recall 85.6%, precision 83.2%,
// exact set 80.0%, misleading 18/18. Floors sit a little below so an honest corpus change can move them.
import { describe, expect, it } from 'vitest';
import { movesReport } from '../../scripts/moves-report';
import { classifyTurn } from '../../src/coaching/roleplayMoves';

describe('role-play moves: evaluation floors', () => {
  const r = movesReport();
  it('own held-out split', () => {
    expect(r.heldout.n).toBeGreaterThanOrEqual(60);
    expect(r.heldout.found).toBeGreaterThanOrEqual(0.68);
  });
  it('evaluation set (multi-label)', () => {
    expect(r.blind.n).toBeGreaterThanOrEqual(150);
    expect(r.blind.recall).toBeGreaterThanOrEqual(0.8);
    expect(r.blind.precision).toBeGreaterThanOrEqual(0.78);
    expect(r.blind.misleadingFound / r.blind.misleadingN).toBeGreaterThanOrEqual(0.85);
  });
  it('second evaluation set, written blind by a helper who saw neither corpus nor code (76.9% / 85.6%, 29/31 on 2026-12-06)', () => {
    expect(r.second?.n).toBeGreaterThanOrEqual(240);
    expect(r.second!.recall).toBeGreaterThanOrEqual(0.74);
    expect(r.second!.precision).toBeGreaterThanOrEqual(0.82);
    expect(r.second!.misleadingFound / r.second!.misleadingN).toBeGreaterThanOrEqual(0.85);
  });
  it('a turn carries several moves', () => {
    const m = classifyTurn('我理解您的顾虑。年化利率是7.2%,借8万分12期每月还6900元左右。我明天下午三点再打给您好吗?').moves;
    expect(m).toEqual(expect.arrayContaining(['empathy', 'honest_figures', 'next_step']));
  });
  it('a negated guarantee is not a breach; an unnegated one is', () => {
    expect(classifyTurn("I can't guarantee approval, it depends on the bank's review.").moves).not.toContain('misleading');
    expect(classifyTurn('我保证您一定能批下来。').moves).toContain('misleading');
  });
}, 60_000);
