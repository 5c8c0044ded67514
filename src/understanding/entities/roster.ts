// The roster as an entity: the people of the tenant named in a message, written with or without
// spaces ("杨 磊"), by a homophone typo (刘阳 for 刘洋), by given name (晓明), in pinyin either way round
// ("Yang Lei", "lei yang", "YangLei"), or by id. Which of them the asker may ask about is the caller's rule.
import { pinyinOf } from '../model/pinyin';

export interface RosterPerson {
  id: string;
  name: string;
  /** True when the asker may ask about this person (a lead's members, the asker themself). */
  inScope: boolean;
}

export interface PersonMention {
  start: number;
  end: number;
  /** Everyone the words could mean (several when two people share a name). */
  people: RosterPerson[];
  /** How it matched: the name as written or the id (`exact`), its pinyin (`pinyin`), a homophone or the given name alone (`loose`). */
  quality: Quality;
}

type Quality = 'exact' | 'pinyin' | 'loose';
const RANK: Record<Quality, number> = { exact: 0, pinyin: 1, loose: 2 };

const HAN_NAME = /^\p{Script=Han}{2,4}$/u;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Pattern {
  re: RegExp;
  quality: Quality;
}

function patternsFor(person: RosterPerson): Pattern[] {
  const out: Pattern[] = [];
  const name = person.name.trim();
  if (HAN_NAME.test(name)) {
    const chars = [...name];
    out.push({ re: new RegExp(chars.map(escape).join('\\s*'), 'gu'), quality: 'exact' });
    const syllables = chars.map((ch) => pinyinOf(ch));
    if (syllables.every((s) => /^[a-z]+$/.test(s))) {
      const surname = syllables[0];
      const given = syllables.slice(1).join('\\s*');
      out.push({ re: new RegExp(`(?<![a-z])(?:${surname}\\s*${given}|${given}\\s*${surname})(?![a-z])`, 'giu'), quality: 'pinyin' });
    }
    // Given name alone, only when it is two characters (晓明): one character is too common a word.
    if (chars.length === 3) out.push({ re: new RegExp(`${escape(chars[1])}\\s*${escape(chars[2])}`, 'gu'), quality: 'loose' });
  } else if (name.length >= 3) {
    out.push({ re: new RegExp(`(?<![\\p{L}])${name.split(/\s+/).map(escape).join('\\s*')}(?![\\p{L}])`, 'giu'), quality: 'exact' });
  }
  out.push({ re: new RegExp(`(?<![\\p{L}\\d])${escape(person.id)}(?![\\p{L}\\d])`, 'giu'), quality: 'exact' });
  return out;
}

/** Han runs of the text with spaces between characters removed, and where each character sits. */
function hanWindows(text: string, length: number): { start: number; end: number; chars: string[] }[] {
  const positions: { ch: string; at: number }[] = [];
  const out: { start: number; end: number; chars: string[] }[] = [];
  const flush = (): void => {
    for (let i = 0; i + length <= positions.length; i++) {
      const slice = positions.slice(i, i + length);
      out.push({ start: slice[0].at, end: slice[slice.length - 1].at + 1, chars: slice.map((p) => p.ch) });
    }
    positions.length = 0;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (/\p{Script=Han}/u.test(ch)) positions.push({ ch, at: i });
    else if (!/\s/.test(ch)) flush();
  }
  flush();
  return out;
}

/** Same surname character, same length, every syllable the same: an IME homophone (刘阳 → 刘洋). */
function homophones(text: string, person: RosterPerson): { start: number; end: number }[] {
  const chars = [...person.name.trim()];
  if (!HAN_NAME.test(person.name.trim())) return [];
  const wanted = chars.map((ch) => pinyinOf(ch));
  return hanWindows(text, chars.length)
    .filter((w) => w.chars[0] === chars[0] && w.chars.join('') !== chars.join('') && w.chars.every((ch, i) => pinyinOf(ch) === wanted[i]))
    .map(({ start, end }) => ({ start, end }));
}

/** Every mention of a roster person in `text`, longest and exact first; overlapping weaker ones dropped. */
export function findPeople(text: string, roster: readonly RosterPerson[]): PersonMention[] {
  const found: PersonMention[] = [];
  // Where two people match the same words, only the better kind of match counts: "Zhang San" written
  // as someone's name beats the pinyin of another's 张三.
  const add = (start: number, end: number, person: RosterPerson, quality: Quality): void => {
    const same = found.find((m) => m.start === start && m.end === end);
    if (!same) {
      found.push({ start, end, people: [person], quality });
    } else if (RANK[quality] < RANK[same.quality]) {
      same.people = [person];
      same.quality = quality;
    } else if (quality === same.quality && !same.people.some((p) => p.id === person.id)) {
      same.people.push(person);
    }
  };
  for (const person of roster) {
    for (const { re, quality } of patternsFor(person)) {
      for (const m of text.matchAll(re)) add(m.index, m.index + m[0].length, person, quality);
    }
    for (const { start, end } of homophones(text, person)) add(start, end, person, 'loose');
  }
  found.sort((a, b) => RANK[a.quality] - RANK[b.quality] || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: PersonMention[] = [];
  for (const m of found) if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  return kept.sort((a, b) => a.start - b.start);
}

/** `text` with each mention replaced by `token` (what the intent model sees). */
export function maskPeople(text: string, mentions: readonly PersonMention[], token: string): string {
  let out = '';
  let at = 0;
  for (const m of mentions) {
    out += text.slice(at, m.start) + token;
    at = m.end;
  }
  return out + text.slice(at);
}
