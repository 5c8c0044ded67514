// What the agent did in a role-play turn: its "moves" (open question, empathy, honest figures, pressure,
// a misleading promise…), read by the same trained-model approach as intents (src/understanding/model):
// a softmax regression over the same features, trained at start-up from corpus/moves/*.txt (one file per
// move, one agent turn per line, zh and en; corpus/moves/heldout is never trained on).
//
// Multi-label (docs/roleplay.md, "Moves"): a turn is cut into clauses (sentence ends and semicolons);
// each clause contributes its best move, and a second one when p ≥ SECOND_MIN unless that second one is
// harmful (rude, pressure, off topic count only as a clause's best reading; a possible misleading
// promise still counts as a second reading: a missed compliance breach costs more than a false flag).
// Two rules sit on top: a guarantee / "free" claim that is not negated is `misleading` (the breach must
// not hide behind a more likely reading), and `off_topic` is dropped when the turn did something else.
import { loadExamples, type Example } from '../understanding/corpusFiles';
import { featuresOf } from '../understanding/model/features';
import { SoftmaxClassifier, type TrainOptions } from '../understanding/model/softmax';

export const MOVES = [
  'open_question',
  'closed_question',
  'empathy',
  'honest_figures',
  'tied_benefit',
  'pressure',
  'rude',
  'misleading',
  'next_step',
  'off_topic',
] as const;
export type Move = (typeof MOVES)[number];

export const MOVE_TRAINING: TrainOptions = { epochs: 20, balance: 1, learningRate: 0.5, l2: 1e-5 };
export const SECOND_MIN = 0.3;
const HARMFUL: ReadonlySet<Move> = new Set(['rude', 'pressure', 'off_topic']);

export function moveExamples(split: 'train' | 'heldout' = 'train', root?: string): Example[] {
  return loadExamples('moves', split, root);
}

export function trainMoveModel(examples: readonly Example[] = moveExamples(), options: TrainOptions = MOVE_TRAINING): SoftmaxClassifier {
  const known = new Set<string>(MOVES);
  const unknown = examples.find((e) => !known.has(e.label));
  if (unknown) throw new Error(`corpus/moves file for unknown move "${unknown.label}"`);
  return SoftmaxClassifier.train(examples, featuresOf, options);
}

let shared: SoftmaxClassifier | undefined;
/** The model trained on the whole training split, once per process (≈ 0.5 s, on first use). */
export function moveModel(): SoftmaxClassifier {
  shared ??= trainMoveModel();
  return shared;
}

/** Clauses of a turn: cut at sentence ends and semicolons. */
export function clausesOf(text: string): string[] {
  const parts = text
    .split(/(?<=[。!?!?;;…])\s*|(?<=[.])\s+|\n+/u)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
  return parts.length > 0 ? parts : [text.trim()];
}

const GUARANTEE_ZH = /(?<!不|没法|无法|不能|没有办法|不敢)(?:保证|包你|打包票|包在我身上|肯定能批|一定能批|稳赚|保本保收益|零利息|免息|永久免年费|终身免年费|不会上征信|不影响征信|没有任何费用|什么都赔|都能赔|全退)/;
const GUARANTEE_EN = /\b(?<!can't |cannot |can not |won't |not )(?:guarantee[ds]?|definitely (?:be )?approved|can't lose|cannot lose|zero interest|interest-free|free for life|fee-free forever|no risk|won't (?:go|show up) on your credit|covers everything|you have my word)\b/i;
const NEGATED_EN = /\b(?:can't|cannot|can not|won't|not|no one can|nobody can)\b[^.?!]{0,20}\b(?:guarantee|promise)/i;
const NEGATED_ZH = /(?:不能|没法|无法|不敢|没办法|不会)(?:跟您)?(?:保证|承诺|打包票)/;

export interface TurnMoves {
  moves: Move[];
  /** The probability behind each move (rules give 1). */
  confidence: Partial<Record<Move, number>>;
}

export function classifyTurn(text: string, model: SoftmaxClassifier = moveModel()): TurnMoves {
  const confidence: Partial<Record<Move, number>> = {};
  const add = (m: Move, p: number): void => {
    confidence[m] = Math.max(confidence[m] ?? 0, p);
  };
  for (const clause of clausesOf(text)) {
    if (!model.knows(clause)) continue;
    const [first, second] = model.rank(clause);
    add(first.label as Move, first.p);
    // Rudeness and pressure drive the customer away and cost points: only as the best reading.
    if (second && second.p >= SECOND_MIN && !HARMFUL.has(second.label as Move)) add(second.label as Move, second.p);
  }
  // "I can't guarantee approval" is the honest line, not the breach the word "guarantee" suggests.
  const negated = NEGATED_EN.test(text) || NEGATED_ZH.test(text);
  if (negated) delete confidence.misleading;
  if ((GUARANTEE_ZH.test(text) || GUARANTEE_EN.test(text)) && !negated) add('misleading', 1);
  const moves = MOVES.filter((m) => confidence[m] !== undefined);
  const kept = moves.length > 1 ? moves.filter((m) => m !== 'off_topic') : moves;
  for (const m of moves) if (!kept.includes(m)) delete confidence[m];
  return { moves: kept, confidence };
}
