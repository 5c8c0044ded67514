// The front door: a message becomes an intent with arguments through layers, each of which may decide
// (docs/design.md, "Understanding"): exact `/coach` commands; entities (roster, numbers, dates); the
// trained intent model; the LLM when the model is unsure and one is configured; then the defaults
// (a question that is no task is coaching; two close readings are asked back with `clarify`).
import { parseCommand } from './command';
import { parseActivity } from './entities/activity';
import { asksForPractice } from './followUps';
import { findMalformed } from './entities/malformed';
import { argumentsFor, ABOUT_SOMEONE } from './arguments';
import { extractSubject } from './entities/subject';
import { findPeople, maskPeople, type PersonMention, type Roster } from './entities/roster';
import { PERSON_TOKEN } from './model/features';
import { trainIntentModel } from './model/intentModel';
import type { Ranked } from './model/softmax';
import { hasNoWords, isBareValue, prepare } from './prepare';
import { TASK_INTENTS, type ClarifyOption, type RouteContext, type RouteResult, type TaskIntent } from './types';

/** Layer 4: asked only when the model is unsure; null means "no valid decision" (time-out, malformed). */
export interface IntentDecider {
  decide(text: string, candidates: readonly Ranked[], ctx: RouteContext): Promise<{ intent: TaskIntent; teamScope?: boolean } | null>;
}

/**
 * The model decides alone when its best reading has at least CONFIDENT probability and leads the second by
 * MARGIN; below that the LLM (if any) decides. Offline, two task readings within CLOSE of each other that
 * together hold PAIR of the probability are asked back, and a best reading under FLOOR becomes coaching.
 * Set by hand and checked on the held-out split (`npm run eval:nlu`; docs/understanding.md, "Thresholds").
 */
export const THRESHOLDS = { CONFIDENT: 0.55, MARGIN: 0.2, CLOSE: 0.12, PAIR: 0.6, FLOOR: 0.3, WRITE: 0.8, WRITE_RIVAL: 0.1 } as const;

/** Readings whose text is free prose: numbers in it are not values to check. */
const FREE_PROSE: ReadonlySet<string> = new Set(['coach', 'course', 'roleplay']);

/** Readings that are never offered in a `clarify` (coaching is the default, help is for greetings). */
const NOT_ASKED_BACK: ReadonlySet<string> = new Set(['coach', 'help']);
const KNOWN: ReadonlySet<string> = new Set(TASK_INTENTS);
const OTHER_SCRIPT = /[\u3040-\u30ff\u31f0-\u31ff\uac00-\ud7af\u1100-\u11ff]/;

export interface UnderstandContext extends RouteContext {
  /** The people of the tenant, marked with whom the asker may ask about. */
  roster?: Roster;
  /** Route as this intent (a `clarify` choice), with arguments read from the text. */
  forceIntent?: TaskIntent;
}

/** What understanding needs of the intent model (the trained SoftmaxClassifier; a fixed ranking in tests). */
export interface IntentRanker {
  rank(text: string): Ranked[];
  knows(text: string): boolean;
}

export class Understanding {
  constructor(readonly intents: IntentRanker) {}

  /** Layers 1–3 and 5: everything but the LLM. Total: never throws. */
  offline(text: string, ctx: UnderstandContext): RouteResult & { ranked?: Ranked[] } {
    const original = typeof text === 'string' ? text.trim() : '';
    try {
      return this.read(original, ctx);
    } catch {
      return { intent: 'unknown', args: {}, text: original, source: 'default' };
    }
  }

  /** All layers; `decider` is consulted only when the model is unsure, and its failure falls back offline. */
  async understand(text: string, ctx: UnderstandContext, decider?: IntentDecider): Promise<RouteResult> {
    const offline = this.offline(text, ctx);
    const ranked = offline.ranked;
    if (!decider || !ranked || offline.source !== 'model' || !isUnsure(ranked)) return strip(offline);
    const candidates = ranked.slice(0, 4);
    const s = prepare(offline.text);
    try {
      const decided = await decider.decide(s, candidates, ctx);
      if (!decided || !KNOWN.has(decided.intent)) return strip(offline);
      const mention = primaryMention(s, ctx.roster);
      return {
        intent: decided.intent,
        args: cleanArgs({ ...argumentsFor(decided.intent, s, ctx, mention), ...(decided.teamScope && !mention ? { teamScope: true } : {}) }),
        text: offline.text,
        source: 'llm',
        confidence: ranked.find((r) => r.label === decided.intent)?.p ?? 0,
      };
    } catch {
      return strip(offline);
    }
  }

  private read(original: string, ctx: UnderstandContext): RouteResult & { ranked?: Ranked[] } {
    let s = prepare(original);
    let isCommand = ctx.isCommand === true;
    const slash = /^\/coach(?:\s+|$)/i.exec(s);
    if (slash) {
      s = s.slice(slash[0].length).trim();
      isCommand = true;
    }
    if (isCommand) {
      if (!s) return { intent: 'help', args: {}, text: original, source: 'command', confidence: 1 };
      const rest = s.replace(/^\S+\s*/, '');
      return withCleanArgs(parseCommand(s, ctx, original, primaryMention(rest, ctx.roster)));
    }
    if (!s) return { intent: 'help', args: {}, text: original, source: 'empty', confidence: 1 };
    const mentions = ctx.roster ? findPeople(s, ctx.roster) : [];
    const mention = mentions[0];
    if (ctx.forceIntent) {
      return { intent: ctx.forceIntent, args: cleanArgs(argumentsFor(ctx.forceIntent, s, ctx, mention)), text: original, source: 'command', confidence: 1 };
    }
    if (hasNoWords(s) && !/\p{Extended_Pictographic}/u.test(s)) return { intent: 'unknown', args: { reason: 'no_words' }, text: original, source: 'default' };
    // "85个", "3万": a value with no question; an open dialogue takes it, otherwise Lingyan asks what it is.
    if (isBareValue(s)) return { intent: 'unknown', args: { reason: 'bare_value' }, text: original, source: 'default' };
    if (OTHER_SCRIPT.test(s)) return { intent: 'unknown', args: { reason: 'language' }, text: original, source: 'default' };
    const people = mentions.length > 0 ? mentions : nameLike(s);
    const masked = maskPeople(s, people, PERSON_TOKEN);
    if (!this.intents.knows(masked)) return { intent: 'unknown', args: { reason: 'not_understood' }, text: original, source: 'default' };
    const ranked = people.length > 0 ? aboutAPerson(this.intents.rank(masked)) : this.intents.rank(masked);
    const [first, second] = ranked;
    const intent = first.label as TaskIntent;
    // A malformed number or time ("1e3个电话", "1.2.3万", "25点") is never read around, whatever the reading
    // (a write, a read, or two close ones): the person is asked to say it again. Coaching text is free prose.
    const malformed = FREE_PROSE.has(first.label) ? null : findMalformed(s);
    if (malformed) return { intent, args: { malformed }, text: original, source: 'model', confidence: first.p, ranked };
    if (mention && mention.people.length > 1 && ABOUT_SOMEONE.has(intent)) {
      // Two people answer to the name: ask which one, never pick silently.
      const options: ClarifyOption[] = mention.people.filter((p) => p.inScope).map((p) => ({ intent, subjectId: p.id }));
      if (options.length > 1) return { intent: 'clarify', args: { options }, text: original, source: 'model', confidence: first.p, ranked };
    }
    if (isUnsure(ranked) && second && first.p - second.p < THRESHOLDS.CLOSE && first.p + second.p >= THRESHOLDS.PAIR && !NOT_ASKED_BACK.has(first.label) && !NOT_ASKED_BACK.has(second.label)) {
      const options: ClarifyOption[] = [{ intent }, { intent: second.label as TaskIntent }];
      return { intent: 'clarify', args: { options }, text: original, source: 'model', confidence: first.p, ranked };
    }
    // A role-play takes over the conversation, so it starts only when practice is asked for; without a
    // practice word, "客户说我再考虑考虑" is a question about that objection (coaching).
    const chosen: TaskIntent = first.p < THRESHOLDS.FLOOR || (intent === 'roleplay' && !asksForPractice(s)) ? 'coach' : intent;
    const args = argumentsFor(chosen, s, ctx, mention);
    // A write the model is not sure of, with a real task as the rival reading, is asked back: saving
    // "goal 15k?" as a target when it was a question would be worse than one more tap. (Without
    // figures nothing is saved: set_goal then only asks for them.)
    const saves = (chosen === 'set_goal' && args.goal) || (chosen === 'log_activity' && args.activity);
    if (saves && first.p < THRESHOLDS.WRITE && second && second.p >= THRESHOLDS.WRITE_RIVAL && !NOT_ASKED_BACK.has(second.label)) {
      const options: ClarifyOption[] = [{ intent }, { intent: second.label as TaskIntent }];
      return { intent: 'clarify', args: { options }, text: original, source: 'model', confidence: first.p, ranked };
    }
    // A coaching reading of a message that reports two or more of the day's figures ("打了八十五个…成了两单")
    // may be a log typed or dictated in a way the model has not seen: a log is never dropped into a
    // coaching answer without asking (no coaching line of the corpus carries two figures).
    if (chosen === 'coach' && reportsFigures(s, ctx)) {
      const options: ClarifyOption[] = [{ intent: 'log_activity' }, { intent: 'coach' }];
      return { intent: 'clarify', args: { options }, text: original, source: 'model', confidence: first.p, ranked };
    }
    return { intent: chosen, args: cleanArgs(args), text: original, source: chosen === intent ? 'model' : 'default', confidence: first.p, ranked };
  }
}

const DAY_FIGURES = ['calls', 'connects', 'deals', 'sales', 'prospects'] as const;
/** Two or more of a day's figures (calls, connects, deals, sales, prospects) in the message. */
function reportsFigures(s: string, ctx: RouteContext): boolean {
  const activity = parseActivity(s, ctx.today);
  return activity !== null && DAY_FIGURES.filter((field) => activity[field] !== undefined).length >= 2;
}

/** Intents that are never about one named person: a message naming someone is less likely to be one. */
const NOT_ABOUT_A_PERSON: ReadonlySet<string> = new Set(['team', 'huddle', 'export', 'import', 'help']);
const NAMED_PERSON_DISCOUNT = 0.3;

/** The entity layer informs the model: with a person named, readings about one person gain (renormalised). */
function aboutAPerson(ranked: Ranked[]): Ranked[] {
  const scaled = ranked.map((r) => ({ label: r.label, p: NOT_ABOUT_A_PERSON.has(r.label) ? r.p * NAMED_PERSON_DISCOUNT : r.p }));
  const total = scaled.reduce((sum, r) => sum + r.p, 0) || 1;
  return scaled.map((r) => ({ label: r.label, p: r.p / total })).sort((a, b) => b.p - a.p || (a.label < b.label ? -1 : 1));
}

/** Without a roster match, a name-like phrase ("how is Zhang San doing") is still a person to the model. */
function nameLike(s: string): PersonMention[] {
  const name = extractSubject(s);
  const at = name ? s.indexOf(name) : -1;
  return name && at >= 0 ? [{ start: at, end: at + name.length, people: [], quality: 'loose' }] : [];
}

function isUnsure(ranked: readonly Ranked[]): boolean {
  const [first, second] = ranked;
  return first.p < THRESHOLDS.CONFIDENT || (second !== undefined && first.p - second.p < THRESHOLDS.MARGIN);
}

function primaryMention(s: string, roster: Roster | undefined): PersonMention | undefined {
  return roster && s ? findPeople(s, roster)[0] : undefined;
}

function cleanArgs<T extends object>(args: T): T {
  for (const key of Object.keys(args) as (keyof T)[]) if (args[key] === undefined) delete args[key];
  return args;
}

function withCleanArgs(result: RouteResult): RouteResult {
  cleanArgs(result.args);
  return result;
}

function strip(result: RouteResult & { ranked?: Ranked[] }): RouteResult {
  const { ranked: _ranked, ...rest } = result;
  return rest;
}

let shared: Understanding | undefined;

/** The process's understanding, trained from the corpus on first use (≈ 0.5 s, bench/understanding.ts; the engine warms it at construction). */
export function sharedUnderstanding(): Understanding {
  shared ??= new Understanding(trainIntentModel());
  return shared;
}

