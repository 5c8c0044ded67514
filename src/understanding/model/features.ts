// Turns a message into the sparse features the intent and course models read: Han characters and
// character pairs, their toneless pinyin (so IME homophone typos such as 电化/电话 share features),
// English words with their stems and boundary-marked character trigrams (typos, "2day"), emoji, and
// placeholders for numbers and for people found by the roster entity.
import stem from 'wink-porter2-stemmer';
import { pinyinOf } from './pinyin';

/** What a roster match is replaced with before features are read; the corpus writes `{name}`. */
export const PERSON_TOKEN = '\u2063P\u2063';

const HAN = /\p{Script=Han}/u;
const LATIN_OR_DIGIT = /[a-z0-9']/;
const EMOJI = /\p{Extended_Pictographic}/u;

/** NFKC (full-width to half-width), lower case, `{name}` and roster matches to one token, digit runs to one digit. */
export function normalizeForModel(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replaceAll('{name}', PERSON_TOKEN)
    .replace(/\d+(?:[.,]\d+)*/g, '9');
}

/** The feature strings of `text` (duplicates kept: counts matter to the model). */
export function featuresOf(text: string): string[] {
  const s = normalizeForModel(text);
  const out: string[] = [];
  let han = '';
  let word = '';
  const flushHan = (): void => {
    if (!han) return;
    const syllables = [...han].map((ch) => pinyinOf(ch));
    for (let i = 0; i < han.length; i++) {
      out.push(han[i]);
      out.push(`p:${syllables[i]}`);
      if (i + 1 < han.length) {
        out.push(han.slice(i, i + 2));
        out.push(`p:${syllables[i]}_${syllables[i + 1]}`);
      }
    }
    if (han.length === 1) out.push(`h1:${han}`);
    han = '';
  };
  const flushWord = (): void => {
    if (!word) return;
    const w = word.replace(/^'+|'+$/g, '');
    if (w) {
      out.push(`w:${w}`);
      const stemmed = stem(w);
      if (stemmed !== w) out.push(`w:${stemmed}`);
      const marked = `<${w}>`;
      if (w.length > 2) for (let i = 0; i + 3 <= marked.length; i++) out.push(`t:${marked.slice(i, i + 3)}`);
    }
    word = '';
  };
  for (const ch of s) {
    if (HAN.test(ch)) {
      flushWord();
      han += ch;
    } else if (LATIN_OR_DIGIT.test(ch)) {
      flushHan();
      word += ch;
    } else {
      flushHan();
      flushWord();
      if (ch === PERSON_TOKEN[1]) out.push('@person');
      else if (ch === '?' || ch === '？') out.push('?');
      else if (EMOJI.test(ch)) out.push(`e:${ch}`);
    }
  }
  flushHan();
  flushWord();
  // Adjacent word pairs carry English phrasing ("on track", "break down").
  const words = out.filter((f) => f.startsWith('w:'));
  for (let i = 0; i + 1 < words.length; i++) out.push(`b:${words[i].slice(2)}_${words[i + 1].slice(2)}`);
  return out;
}
