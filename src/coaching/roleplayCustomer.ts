// The offline role-play customer: a small state machine over the scenario's `customer:` block. Each agent
// turn's moves (roleplayMoves.ts) change trust and mood, may settle the current objection, and may end
// the call (agrees to the next step; hangs up after rudeness or pressure; asks for time at the last turn).
// The reply is built from lines for the customer's current state; no line is said twice in a session.
// Pure and deterministic: the same turns always give the same customer.
import type { Locale } from '../domain/types';
import type { Move } from './roleplayMoves';
import type { CustomerStateName, ReactionKey, Scenario } from './scenarios';

export type Ending = 'agreed' | 'hung_up' | 'asked_time';

export interface CustomerState {
  trust: number;
  mood: number;
  /** Index of the objection the customer is on (= objections settled so far). */
  objection: number;
  /** Needs told so far (answers to good questions). */
  needs: number;
  /** Turns with rudeness or pressure. */
  strikes: number;
  /** Every customer line said in this session, to never say one twice. */
  used: string[];
  /** Ids of later objections the agent already answered (their words and a settling move), skipped when reached. */
  settled?: string[];
  ending?: Ending;
}

export interface CustomerTurn {
  line: string;
  state: CustomerState;
  ending?: Ending;
  /** What the state machine decided, for the LLM customer to phrase. */
  plan: { reaction?: ReactionKey; need?: string; objection?: string; allResolved: boolean };
}

const clamp = (n: number) => Math.max(0, Math.min(5, n));

export function initialCustomer(scenario: Scenario, opening: string): CustomerState {
  const c = scenario.customer;
  return { trust: c.trust, mood: c.mood, objection: 0, needs: 0, strikes: 0, used: [opening] };
}

export function stateName(s: Pick<CustomerState, 'trust' | 'mood'>): CustomerStateName {
  if (s.mood <= 1) return 'hostile';
  if (s.trust <= 2) return 'guarded';
  return 'open';
}

/** The reaction that speaks first when a turn holds several moves: what a customer hears loudest. */
const REACTION_ORDER: Move[] = ['rude', 'pressure', 'misleading', 'empathy', 'honest_figures', 'tied_benefit', 'next_step', 'closed_question', 'off_topic'];

function pick(pool: readonly string[], used: string[]): string | undefined {
  const line = pool.find((l) => !used.includes(l));
  if (line !== undefined) used.push(line);
  return line;
}

const join = (locale: Locale, parts: string[]) => parts.join(locale === 'zh-CN' ? '' : ' ');

const STOP = new Set(['that', 'this', 'with', 'what', 'your', 'you', 'have', 'will', 'then', 'there', 'they', 'about', 'just', 'from', 'would', 'does', 'when', 'more', 'much', 'some', 'also', 'very', 'into', 'the', 'and', 'for', 'are', 'not']);
/** Content units of a text: Han character pairs and English words of 4+ letters (minus common ones). */
function units(text: string): Set<string> {
  const out = new Set<string>();
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
  for (const w of text.toLowerCase().match(/[a-z]{4,}/g) ?? []) if (!STOP.has(w)) out.add(w.replace(/(?:ies|es|s)$/, ''));
  return out;
}
/** Whether the agent's words take up a later objection's own words (three shared units or more). */
function answers(said: string, lines: readonly string[]): boolean {
  const mine = units(said);
  return lines.some((l) => [...units(l)].filter((u) => mine.has(u)).length >= 3);
}

/**
 * The customer's answer to one agent turn whose moves are `moves` (and whose words are `said`). `lastTurn`:
 * the agent has no turn after this one, so a call still open ends with the customer asking for time.
 */
export function customerTurn(scenario: Scenario, locale: Locale, before: CustomerState, moves: readonly Move[], lastTurn: boolean, said?: string): CustomerTurn {
  const c = scenario.customer;
  const s: CustomerState = { ...before, used: [...before.used], ...(before.settled ? { settled: [...before.settled] } : {}) };
  for (const m of new Set(moves)) {
    s.trust = clamp(s.trust + c.effects[m].trust);
    s.mood = clamp(s.mood + c.effects[m].mood);
  }
  const struck = moves.includes('rude') || moves.includes('pressure');
  if (struck) s.strikes += 1;
  const current = c.objections[s.objection];
  const spoiled = moves.includes('rude') || moves.includes('misleading');
  if (current && !spoiled && moves.some((m) => current.resolvedBy.includes(m))) s.objection += 1;
  // A customer who listens does not ask what was just answered: a later objection whose words the agent
  // took up, with a move that settles it, is skipped when its turn comes.
  if (said && !spoiled) {
    const later = c.objections.slice(s.objection + 1).filter((o) => moves.some((m) => o.resolvedBy.includes(m)) && answers(said, o.lines[locale]));
    if (later.length > 0) s.settled = [...new Set([...(s.settled ?? []), ...later.map((o) => o.id)])];
  }
  while (s.objection < c.objections.length && (s.settled ?? []).includes(c.objections[s.objection].id)) s.objection += 1;

  let ending: Ending | undefined;
  if (struck && (s.mood <= c.hangUp.moodAtMost || s.strikes >= c.hangUp.strikes)) ending = 'hung_up';
  else if (moves.includes('next_step') && s.trust >= c.agreeAt && !moves.includes('misleading')) ending = 'agreed';
  else if (lastTurn) ending = 'asked_time';
  const plan: CustomerTurn['plan'] = { allResolved: s.objection >= c.objections.length };
  if (ending) {
    const pool = c.endings[ending === 'agreed' ? 'agree' : ending === 'hung_up' ? 'hang_up' : 'ask_time'][locale];
    const line = pick(pool, s.used) ?? pool[0];
    return { line, state: { ...s, ending }, ending, plan };
  }

  const reactions = c.reactions[stateName(s)];
  const parts: string[] = [];
  const loud = REACTION_ORDER.find((m) => moves.includes(m));
  const asked = moves.includes('open_question');
  // A good question is answered with a need, unless something louder (rudeness, pressure, a false
  // promise) has to be answered first.
  const louder = loud === 'rude' || loud === 'pressure' || loud === 'misleading';
  if (asked && !louder && s.needs < c.needs[locale].length) {
    const need = pick(c.needs[locale].slice(s.needs), s.used);
    s.needs += 1;
    if (need) {
      parts.push(need);
      plan.need = need;
    }
  } else if (loud || asked) {
    // The loudest move's lines first; when they are all said, the next move of the turn speaks.
    const keys: ReactionKey[] = [...REACTION_ORDER.filter((m) => moves.includes(m)), ...(asked ? (['open_question'] as const) : [])];
    for (const key of keys) {
      const reaction = pick(reactions[key][locale], s.used);
      if (reaction) {
        parts.push(reaction);
        plan.reaction = key;
        break;
      }
    }
  }
  if (plan.allResolved) {
    const closing = pick(reactions.all_resolved[locale], s.used);
    if (closing) parts.push(closing);
  } else {
    let objection = pick(c.objections[s.objection].lines[locale], s.used);
    // An objection pressed with every line it has is dropped (unsettled): the customer moves on.
    while (objection === undefined && s.objection + 1 < c.objections.length) {
      s.objection += 1;
      objection = pick(c.objections[s.objection].lines[locale], s.used);
    }
    if (objection) {
      parts.push(objection);
      plan.objection = objection;
    }
  }
  if (parts.length === 0) {
    // Every line for this moment has been said: the customer wraps up rather than repeat themselves.
    const pool = c.endings.ask_time[locale];
    const line = pick(pool, s.used) ?? pool[0];
    return { line, state: { ...s, ending: 'asked_time' }, ending: 'asked_time', plan };
  }
  return { line: join(locale, parts), state: s, plan };
}
