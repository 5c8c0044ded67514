// Follow-ups that only make sense after an answer: "为什么" / "why" asks for the last number's steps. The
// phrases are data (corpus/followups/why.txt); this file only normalises and matches them whole.
import { readFileSync } from 'node:fs';
import { corpusPath } from './corpusFiles';
import { prepare } from './prepare';

let whyPhrases: ReadonlySet<string> | undefined;

/** Lower-case, without spaces or punctuation: "Why?" and "为什么?" match "why" and "为什么". */
function key(text: string): string {
  return prepare(text).toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
}

function phrases(): ReadonlySet<string> {
  whyPhrases ??= new Set(
    readFileSync(corpusPath('followups/why.txt'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'))
      .map(key),
  );
  return whyPhrases;
}

/** True when the whole message asks "why this number?" and nothing else. */
export function isBareWhy(text: string): boolean {
  return text.length <= 40 && phrases().has(key(text));
}
