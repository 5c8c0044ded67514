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

/**
 * The customer's answer to one agent turn whose moves are `moves`. `lastTurn`: the agent has no turn
 * after this one, so a call still open ends with the customer asking for time.
 */
export function customerTurn(scenario: Scenario, locale: Locale, before: CustomerState, moves: readonly Move[], lastTurn: boolean): CustomerTurn {
  const c = scenario.customer;
  const s: CustomerState = { ...before, used: [...before.used] };
  for (const m of new Set(moves)) {
    s.trust = clamp(s.trust + c.effects[m].trust);
    s.mood = clamp(s.mood + c.effects[m].mood);
  }
  const struck = moves.includes('rude') || moves.includes('pressure');
  if (struck) s.strikes += 1;
  const current = c.objections[s.objection];
  const spoiled = moves.includes('rude') || moves.includes('misleading');
  if (current && !spoiled && moves.some((m) => current.resolvedBy.includes(m))) s.objection += 1;

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
    const key: ReactionKey = loud ?? 'open_question';
    const reaction = pick(reactions[key][locale], s.used);
    if (reaction) {
      parts.push(reaction);
      plan.reaction = key;
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
