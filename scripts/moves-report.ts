// The figures behind `npm run eval:moves` and test/coaching/roleplay-moves-floor.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { classifyTurn, MOVES, moveExamples, trainMoveModel, type Move } from '../src/coaching/roleplayMoves';
import { crossValidate } from '../src/understanding/evaluation';

const BLIND = fileURLToPath(new URL('../test/fixtures/roleplay/moves-blind.jsonl', import.meta.url));
/** A second evaluation set, when present in the checkout (written by another helper; reported, never trained on). */
export const BLIND_2 = fileURLToPath(new URL('../test/fixtures/roleplay/moves-blind-2.jsonl', import.meta.url));

export interface MovesReport {
  train: number;
  features: number;
  trainMs: number;
  heldout: { n: number; top1: number; found: number };
  crossValidated: number;
  blind: MultiLabelFigures;
  perMove: { move: Move; recall: number; precision: number; support: number }[];
  misses: string[];
  second?: MultiLabelFigures & { perMove: MovesReport['perMove'] };
}

export interface MultiLabelFigures {
  n: number;
  labels: number;
  recall: number;
  precision: number;
  exact: number;
  misleadingFound: number;
  misleadingN: number;
}

export function blindTurns(path = BLIND): { text: string; lang: string; moves: Move[] }[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { text: string; lang: string; moves: Move[] });
}

export function movesReport(): MovesReport {
  const train = moveExamples('train');
  const started = performance.now();
  const model = trainMoveModel(train);
  const trainMs = Math.round(performance.now() - started);
  const held = moveExamples('heldout');
  const top1 = held.filter((e) => model.rank(e.text)[0].label === e.label).length / held.length;
  const found = held.filter((e) => classifyTurn(e.text, model).moves.includes(e.label as Move)).length / held.length;
  const crossValidated = crossValidate(train, 5, (examples) => {
    const m = trainMoveModel(examples);
    return (text) => m.rank(text)[0].label;
  });
  const blind = blindTurns();
  const first = multiLabel(blind, model);
  const second = existsSync(BLIND_2) ? multiLabel(blindTurns(BLIND_2), model) : undefined;
  return {
    train: train.length,
    features: model.size.features,
    trainMs,
    heldout: { n: held.length, top1, found },
    crossValidated,
    blind: first.figures,
    perMove: first.perMove,
    misses: first.misses,
    ...(second ? { second: { ...second.figures, perMove: second.perMove } } : {}),
  };
}

function multiLabel(turns: { text: string; moves: Move[] }[], model: ReturnType<typeof trainMoveModel>): { figures: MultiLabelFigures; perMove: MovesReport['perMove']; misses: string[] } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let exact = 0;
  const counts = new Map<Move, { tp: number; fp: number; fn: number }>(MOVES.map((m) => [m, { tp: 0, fp: 0, fn: 0 }]));
  const misses: string[] = [];
  for (const turn of turns) {
    const got = classifyTurn(turn.text, model).moves;
    const want = new Set(turn.moves);
    for (const m of MOVES) {
      const c = counts.get(m)!;
      if (want.has(m) && got.includes(m)) c.tp++, tp++;
      else if (got.includes(m)) c.fp++, fp++;
      else if (want.has(m)) c.fn++, fn++;
    }
    if (got.length === want.size && got.every((m) => want.has(m))) exact++;
    else misses.push(`${turn.text}  want ${[...want].join('+')}  got ${got.join('+')}`);
  }
  const misleading = counts.get('misleading')!;
  return {
    figures: {
      n: turns.length,
      labels: turns.reduce((s, t) => s + t.moves.length, 0),
      recall: tp / (tp + fn),
      precision: tp / (tp + fp),
      exact: exact / turns.length,
      misleadingFound: misleading.tp,
      misleadingN: misleading.tp + misleading.fn,
    },
    perMove: MOVES.map((m) => {
      const c = counts.get(m)!;
      return { move: m, recall: c.tp / Math.max(1, c.tp + c.fn), precision: c.tp / Math.max(1, c.tp + c.fp), support: c.tp + c.fn };
    }),
    misses,
  };
}
