// Follow-ups that only make sense after an answer: "为什么" / "why" asks for the last number's steps, a
// short question about a nudge's number ("为什么要这么多?"), and yes / no to a "did you really mean…?"
// question, and "the day's total or more on top?" after a log. The phrases are data
// (corpus/followups/*.txt); this file only normalises and matches them.
import { readFileSync } from 'node:fs';
import { corpusPath } from './corpusFiles';
import { prepare } from './prepare';

/** Lower-case, without spaces or punctuation: "Why?" and "为什么?" match "why" and "为什么". */
function key(text: string): string {
  return prepare(text).toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
}

const loaded = new Map<string, ReadonlySet<string>>();
/** The phrases of corpus/<file> (default folder followups/; one per line, `#` comments), normalised by `key`. */
function phrases(name: string): ReadonlySet<string> {
  let set = loaded.get(name);
  if (!set) {
    set = new Set(
      readFileSync(corpusPath(name.includes('/') ? `${name}.txt` : `followups/${name}.txt`), 'utf8')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith('#'))
        .map(key),
    );
    loaded.set(name, set);
  }
  return set;
}

/** True when the whole message asks "why this number?" and nothing else. */
export function isBareWhy(text: string): boolean {
  return text.length <= 40 && phrases('why').has(key(text));
}

/** True when the message contains one of the cues of corpus/<file>, anywhere after normalising. */
function containsCue(text: string, file: string): boolean {
  const k = key(text);
  for (const cue of phrases(file)) if (k.includes(cue)) return true;
  return false;
}

/** Which of two answers a short message is, when the whole of it is one phrase of either list; else null. */
function readOneOf<A extends string, B extends string>(text: string, first: [A, string], second: [B, string]): A | B | null {
  if (text.length > 20) return null;
  const k = key(text);
  if (phrases(first[1]).has(k)) return first[0];
  if (phrases(second[1]).has(k)) return second[0];
  return null;
}

/** True when a short message contains a cue of a question about a number just given ("这么多", "how come"). */
export function asksAboutTheNumber(text: string): boolean {
  return containsCue(text, 'about-the-number');
}

/** The answer to a yes/no confirmation when the whole message is one ("是的", "no"), else null. */
export function readConfirmation(text: string): 'yes' | 'no' | null {
  return readOneOf(text, ['yes', 'yes'], ['no', 'no']);
}

/** The answer to "the day's total, or more on top?" after a log, when the whole message is one ("一共", "2"). */
export function readLogMode(text: string): 'total' | 'more' | null {
  return readOneOf(text, ['total', 'log-total'], ['more', 'log-more']);
}

/** True when the message asks for practice (corpus/cues/practice.txt): what a role-play needs to start. */
export function asksForPractice(text: string): boolean {
  return containsCue(text, 'cues/practice');
}
