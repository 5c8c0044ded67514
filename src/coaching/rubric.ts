// Role-play scoring against a scenario's rubric, from what the agent did in each turn (its moves,
// roleplayMoves.ts). Each criterion is earned by some moves and lost by others (the scenario file says
// which); its evidence is the turns that earned or lost the points, quoted exactly. A misleading promise
// is a compliance breach, flagged whatever the total. The end gives Keep / Start / Stop advice naming
// turns. The LLM's structured score (LlmScoreSchema) is accepted only when every turn it cites exists
// and every quote appears word for word in that turn; otherwise the offline score stands.
import { z } from 'zod';
import type { Locale } from '../domain/types';
import { t } from '../i18n';
import type { Ending } from './roleplayCustomer';
import type { Move } from './roleplayMoves';
import type { Criterion, Scenario } from './scenarios';

export interface ScoredTurn {
  /** 1-based number of the agent's turn. */
  turn: number;
  /** The agent's words as stored (redacted). */
  text: string;
  moves: Move[];
  /** Whether the customer had told a need before this turn (a benefit can only be tied to a told need). */
  needKnown: boolean;
}

export interface Evidence {
  turn: number;
  quote: string;
  effect: 'earned' | 'lost';
}

export interface CriterionScore {
  criterion: string;
  score: number;
  evidence: Evidence[];
}

export interface Breach {
  turn: number;
  quote: string;
}

export interface RoleplayScore {
  scores: CriterionScore[];
  /** Weighted mean of the criteria, 1–5, one decimal. */
  total: number;
  keep: string;
  start: string;
  stop: string;
  breaches: Breach[];
  course: string;
  method: 'llm' | 'moves';
}

const TurnRef = z.number().int().min(1);
const Quote = z.string().min(1).max(400);
export const LlmScoreSchema = z.object({
  scores: z
    .array(
      z.object({
        criterion: z.string(),
        score: z.number().int().min(1).max(5),
        evidence: z.array(z.object({ turn: TurnRef, quote: Quote, effect: z.enum(['earned', 'lost']) })).max(4),
      }),
    )
    .min(1),
  keep: z.object({ turn: TurnRef, quote: Quote, advice: z.string().min(1).max(300) }),
  start: z.object({ turn: TurnRef, advice: z.string().min(1).max(300) }),
  stop: z.array(z.object({ turn: TurnRef, quote: Quote, advice: z.string().min(1).max(300) })).max(3),
  breaches: z.array(z.object({ turn: TurnRef, quote: Quote })).max(5),
  course: z.string(),
});
export type LlmScore = z.infer<typeof LlmScoreSchema>;

export function weightedTotal(rubric: Criterion[], scores: { criterion: string; score: number }[]): number {
  let sum = 0;
  let weights = 0;
  for (const c of rubric) {
    const s = scores.find((x) => x.criterion === c.id);
    if (!s) continue;
    sum += c.weight * s.score;
    weights += c.weight;
  }
  return weights > 0 ? Math.round((sum / weights) * 10) / 10 : 0;
}

export const criterionName = (c: Criterion, locale: Locale): string => (locale === 'zh-CN' ? c.name_zh : c.name_en);
const anchorsOf = (c: Criterion, locale: Locale): Record<string, string> => (locale === 'zh-CN' ? c.anchors_zh : c.anchors_en);
export const turnRef = (locale: Locale, turn: number): string => t(locale, 'coaching.roleplay.turn_ref', { turn });
export const moveLabel = (locale: Locale, m: Move): string => t(locale, `coaching.roleplay.move.${m}`);

/** The rubric as the scoring prompt shows it. */
export function rubricText(scenario: Scenario, locale: Locale): string {
  return scenario.rubric
    .map((c) => {
      const anchors = Object.entries(anchorsOf(c, locale))
        .map(([k, v]) => `  ${k}: ${v}`)
        .join('\n');
      return `- ${c.id} (${criterionName(c, locale)}, weight ${c.weight})\n${anchors}`;
    })
    .join('\n');
}

/** A real figure: a number, a percentage or an amount (digits, or Chinese numerals with a unit). */
const FIGURE = /\d|百分之|[一二两三四五六七八九十百千万]+(?:元|块|期|个月|年|万|分之)/;

/** Full: the move did what the rubric asks. Partial: figures without a number; a benefit tied to no told need. */
function quality(turn: ScoredTurn, move: Move): 'full' | 'partial' {
  if (move === 'honest_figures' && !FIGURE.test(turn.text)) return 'partial';
  if (move === 'tied_benefit' && !turn.needKnown) return 'partial';
  return 'full';
}

const POSITIVE: Move[] = ['open_question', 'closed_question', 'empathy', 'honest_figures', 'tied_benefit', 'next_step'];
const NEGATIVE: Move[] = ['pressure', 'rude', 'misleading', 'off_topic'];

function scoreCriterion(c: Criterion, turns: ScoredTurn[], ending: Ending | undefined): CriterionScore {
  const earned = turns
    .map((tr) => {
      const hits = tr.moves.filter((m) => c.earn.includes(m));
      if (hits.length === 0) return null;
      const full = hits.some((m) => quality(tr, m) === 'full');
      // A next step only counts in full when the customer took it (the anchors' 5).
      const onlyNextStep = hits.every((m) => m === 'next_step');
      return { tr, full, agreedNextStep: onlyNextStep && ending === 'agreed' && full };
    })
    .filter((x): x is NonNullable<typeof x> => x !== null);
  const lost = turns.filter((tr) => tr.moves.some((m) => c.lose.includes(m)));
  const fullCount = earned.filter((e) => e.full).length + (earned.some((e) => e.agreedNextStep) ? 1 : 0);
  const nextStepOnly = earned.length > 0 && earned.every((e) => e.tr.moves.filter((m) => c.earn.includes(m)).every((m) => m === 'next_step'));
  let score: number;
  if (c.scored === 'earn') {
    score = fullCount >= 2 ? 5 : fullCount === 1 ? 4 : earned.length > 0 ? 3 : 1;
    if (nextStepOnly && ending !== 'agreed') score = Math.min(score, 4);
  } else {
    score = (turns.length >= 2 ? 4 : 3) + (fullCount > 0 ? 1 : 0);
  }
  score = Math.max(1, score - 2 * lost.length);
  const evidence: Evidence[] = [
    ...lost.map((tr) => ({ turn: tr.turn, quote: tr.text, effect: 'lost' as const })),
    ...[...earned]
      .sort((a, b) => Number(b.full) - Number(a.full) || a.tr.turn - b.tr.turn)
      .slice(0, 2)
      .map((e) => ({ turn: e.tr.turn, quote: e.tr.text, effect: 'earned' as const })),
  ].slice(0, 4);
  evidence.sort((a, b) => a.turn - b.turn);
  return { criterion: c.id, score, evidence };
}

export function breachesOf(turns: ScoredTurn[]): Breach[] {
  return turns.filter((tr) => tr.moves.includes('misleading')).map((tr) => ({ turn: tr.turn, quote: tr.text }));
}

const q = (locale: Locale, s: string) => (locale === 'zh-CN' ? `「${s}」` : `“${s}”`);
const short = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** The offline score: every criterion from the moves of every turn. */
export function movesScore(scenario: Scenario, turns: ScoredTurn[], ending: Ending | undefined, locale: Locale): RoleplayScore {
  const scores = scenario.rubric.map((c) => scoreCriterion(c, turns, ending));
  const byCriterion = scenario.rubric.map((c) => ({ c, s: scores.find((x) => x.criterion === c.id) as CriterionScore }));

  // Keep: the strongest criterion's best earning turn.
  const best = [...byCriterion]
    .filter((x) => x.s.score >= 4 && x.s.evidence.some((e) => e.effect === 'earned'))
    .sort((a, b) => b.s.score - a.s.score || b.c.weight - a.c.weight)[0];
  const keepEvidence = best?.s.evidence.find((e) => e.effect === 'earned');
  const keep =
    best && keepEvidence
      ? t(locale, 'coaching.roleplay.keep_turn', { ref: turnRef(locale, keepEvidence.turn), quote: short(keepEvidence.quote), name: criterionName(best.c, locale) })
      : t(locale, 'coaching.roleplay.keep_trying');

  // Start: the weakest criterion, at the first turn that did nothing useful (or the last turn).
  const weakest = [...byCriterion].sort((a, b) => a.s.score - b.s.score || b.c.weight - a.c.weight)[0];
  const idle = turns.find((tr) => !tr.moves.some((m) => POSITIVE.includes(m))) ?? turns[turns.length - 1];
  const start =
    weakest && weakest.s.score <= 3
      ? t(locale, 'coaching.roleplay.start_turn', {
          name: criterionName(weakest.c, locale),
          anchor: anchorsOf(weakest.c, locale)['5'] ?? '',
          ref: idle ? turnRef(locale, idle.turn) : turnRef(locale, 1),
        })
      : t(locale, 'coaching.roleplay.start_none');

  // Stop: every turn with a harmful move, named.
  const harmful = turns.filter((tr) => tr.moves.some((m) => NEGATIVE.includes(m)));
  const stop =
    harmful.length > 0
      ? harmful
          .slice(0, 3)
          .map((tr) =>
            t(locale, 'coaching.roleplay.stop_turn', {
              ref: turnRef(locale, tr.turn),
              quote: short(tr.text),
              moves: tr.moves.filter((m) => NEGATIVE.includes(m)).map((m) => moveLabel(locale, m)).join(locale === 'zh-CN' ? '、' : ', '),
            }),
          )
          .join(locale === 'zh-CN' ? ';' : '; ')
      : t(locale, 'coaching.roleplay.stop_none');

  return {
    scores,
    total: weightedTotal(scenario.rubric, scores),
    keep,
    start,
    stop,
    breaches: breachesOf(turns),
    course: scenario.course,
    method: 'moves',
  };
}

/**
 * An LLM score is accepted only if it scores exactly the rubric's criteria, every turn it names exists,
 * and every quote appears word for word in the turn it names. Compliance breaches found offline stay
 * flagged whatever the LLM says.
 */
export function fromLlm(scenario: Scenario, raw: LlmScore, turns: ScoredTurn[], courseIds: string[], locale: Locale): RoleplayScore | null {
  const byTurn = new Map(turns.map((tr) => [tr.turn, tr.text]));
  const quoted = (turn: number, quote: string) => {
    const text = byTurn.get(turn);
    return text !== undefined && quote.trim().length > 0 && text.includes(quote.trim());
  };
  const scores: CriterionScore[] = [];
  for (const c of scenario.rubric) {
    const s = raw.scores.find((x) => x.criterion === c.id);
    if (!s) return null;
    if (!s.evidence.every((e) => quoted(e.turn, e.quote))) return null;
    scores.push({ criterion: c.id, score: s.score, evidence: s.evidence.map((e) => ({ turn: e.turn, quote: e.quote.trim(), effect: e.effect })) });
  }
  if (!quoted(raw.keep.turn, raw.keep.quote) || !byTurn.has(raw.start.turn)) return null;
  if (!raw.stop.every((x) => quoted(x.turn, x.quote)) || !raw.breaches.every((b) => quoted(b.turn, b.quote))) return null;
  const breaches = [...breachesOf(turns)];
  for (const b of raw.breaches) if (!breaches.some((x) => x.turn === b.turn)) breaches.push({ turn: b.turn, quote: byTurn.get(b.turn) as string });
  breaches.sort((a, b) => a.turn - b.turn);
  const sep = locale === 'zh-CN' ? ';' : '; ';
  return {
    scores,
    total: weightedTotal(scenario.rubric, scores),
    keep: `${turnRef(locale, raw.keep.turn)} ${q(locale, short(raw.keep.quote.trim()))}${locale === 'zh-CN' ? ':' : ': '}${raw.keep.advice.trim()}`,
    start: `${raw.start.advice.trim()}${locale === 'zh-CN' ? `(${turnRef(locale, raw.start.turn)})` : ` (${turnRef(locale, raw.start.turn)})`}`,
    stop:
      raw.stop.length > 0
        ? raw.stop.map((x) => `${turnRef(locale, x.turn)} ${q(locale, short(x.quote.trim()))}${locale === 'zh-CN' ? ':' : ': '}${x.advice.trim()}`).join(sep)
        : t(locale, 'coaching.roleplay.stop_none'),
    breaches,
    course: courseIds.includes(raw.course) ? raw.course : scenario.course,
    method: 'llm',
  };
}
