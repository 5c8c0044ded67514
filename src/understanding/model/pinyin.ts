// Toneless pinyin of a Han character, from the generated table corpus/han-pinyin.txt (one 85 KB file
// instead of a 30 MB dictionary in every replica; scripts/make-pinyin-table.mjs writes it).
import { readFileSync } from 'node:fs';
import { corpusPath } from '../corpusFiles';

const FIRST = 0x4e00;
let table: string[] | undefined;

function load(): string[] {
  const rows = readFileSync(corpusPath('han-pinyin.txt'), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'));
  return rows.flatMap((row) => row.split(' '));
}

/** The syllable of `ch` ("话" → "hua"), or the character itself outside the table. */
export function pinyinOf(ch: string): string {
  table ??= load();
  const cp = ch.codePointAt(0) ?? 0;
  const syllable = table[cp - FIRST];
  return syllable && syllable !== '-' ? syllable : ch;
}

/** The pinyin of a run of Han characters, syllables joined without spaces ("杨磊" → "yanglei"). */
export function pinyinOfWord(text: string): string {
  return [...text].map((ch) => pinyinOf(ch)).join('');
}

let syllables: Set<string> | undefined;

/** True for a toneless pinyin syllable of some Han character ("gang", "xiao"; not "doing"). */
export function isPinyinSyllable(word: string): boolean {
  table ??= load();
  syllables ??= new Set(table.filter((p) => p !== '-'));
  return syllables.has(word.toLowerCase());
}
