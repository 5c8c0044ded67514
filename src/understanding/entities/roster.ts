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

/** A name the index knows; which of them the asker may ask about is decided per message. */
export interface Named {
  id: string;
  name: string;
}

/**
 * The people of a tenant (an array whose identity is stable while nobody changes, as the store's cache
 * hands it) and the asker's scope over them: one index serves every asker of the tenant.
 */
export interface ScopedRoster<P extends Named = Named> {
  people: readonly P[];
  inScope(person: P): boolean;
}

export type Roster = readonly RosterPerson[] | ScopedRoster;

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
const HAN = /\p{Script=Han}/u;
const WORD = /^\p{L}+$/u;
const ID_RUN = /^[\p{L}\d]+$/u;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A key of the index: what must be written, and where whitespace may split it (offsets into the key). */
interface Entry {
  person: Named;
  quality: Quality;
  /** Offsets inside the key at which the text may have whitespace (between syllables or words). */
  splits: ReadonlySet<number>;
}

interface RunMatch {
  start: number;
  end: number;
  key: string;
  /** Offsets in `key` where one run of the text ended and the next began. */
  joints: number[];
}

/**
 * The roster compiled once into lookups, so a message is matched in time proportional to its length
 * rather than to the number of people (a tenant of 2,000 agents would otherwise compile and run
 * 8,000 regular expressions per message). The matches are those of the patterns described above.
 */
interface NamedMention {
  start: number;
  end: number;
  people: Named[];
  quality: Quality;
}

class RosterIndex {
  /** Han names (2–4 characters), as written. */
  private readonly hanExact = new Map<string, Named[]>();
  /** The two-character given name of a three-character name. */
  private readonly hanGiven = new Map<string, Named[]>();
  /** Surname character + pinyin of every character: homophone typos. */
  private readonly hanSound = new Map<string, Named[]>();
  /** Lower-case Latin keys: pinyin of Han names (either order), non-Han names, ids. */
  private readonly pinyin = new Map<string, Entry[]>();
  private readonly words = new Map<string, Entry[]>();
  private readonly ids = new Map<string, Named[]>();
  /** Names or ids that do not fit a lookup (punctuation inside): matched by their own pattern. */
  private readonly others: { re: RegExp; person: Named; quality: Quality }[] = [];
  private readonly lengths = new Set<number>();
  private maxWords = 1;

  constructor(people: readonly Named[]) {
    for (const person of people) this.addPerson(person);
  }

  private addPerson(person: Named): void {
    const name = person.name.trim();
    if (HAN_NAME.test(name)) {
      const chars = [...name];
      this.lengths.add(chars.length);
      push(this.hanExact, name, person);
      if (chars.length === 3) push(this.hanGiven, chars[1] + chars[2], person);
      const syllables = chars.map((ch) => pinyinOf(ch));
      push(this.hanSound, soundKey(chars[0], syllables), person);
      if (syllables.every((syllable) => /^[a-z]+$/.test(syllable))) {
        const [surname, ...given] = syllables;
        for (const order of [[surname, ...given], [...given, surname]]) {
          pushEntry(this.pinyin, order.join(''), { person, quality: 'pinyin', splits: offsets(order) });
        }
      }
    } else if (name.length >= 3) {
      const parts = name.split(/\s+/);
      if (parts.every((part) => WORD.test(part))) {
        this.maxWords = Math.max(this.maxWords, parts.length);
        pushEntry(this.words, parts.join('').toLowerCase(), { person, quality: 'exact', splits: offsets(parts) });
      } else {
        this.others.push({ re: new RegExp(`(?<![\\p{L}])${parts.map(escape).join('\\s*')}(?![\\p{L}])`, 'giu'), person, quality: 'exact' });
      }
    }
    if (ID_RUN.test(person.id)) push(this.ids, person.id.toLowerCase(), person);
    else this.others.push({ re: new RegExp(`(?<![\\p{L}\\d])${escape(person.id)}(?![\\p{L}\\d])`, 'giu'), person, quality: 'exact' });
  }

  find(text: string): NamedMention[] {
    const found: NamedMention[] = [];
    // Where two people match the same words, only the better kind of match counts: "Zhang San" written
    // as someone's name beats the pinyin of another's 张三.
    const add = (start: number, end: number, person: Named, quality: Quality): void => {
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
    // Windows as long as the names, and of two characters for given names alone (晓明).
    const lengths = new Set(this.lengths);
    if (this.hanGiven.size > 0) lengths.add(2);
    for (const length of lengths) {
      for (const w of hanWindows(text, length)) {
        const written = w.chars.join('');
        for (const person of this.hanExact.get(written) ?? []) add(w.start, w.end, person, 'exact');
        for (const person of this.hanGiven.get(written) ?? []) add(w.start, w.end, person, 'loose');
        for (const person of this.hanSound.get(soundKey(w.chars[0], w.chars.map((ch) => pinyinOf(ch)))) ?? []) {
          if (person.name.trim() !== written) add(w.start, w.end, person, 'loose');
        }
      }
    }
    const addRuns = (runs: RunMatch[], index: Map<string, Entry[]>) => {
      for (const run of runs) {
        for (const entry of index.get(run.key) ?? []) if (run.joints.every((j) => entry.splits.has(j))) add(run.start, run.end, entry.person, entry.quality);
      }
    };
    addRuns(joinedRuns(text, /[a-z]+/giu, 4), this.pinyin);
    addRuns(joinedRuns(text, /\p{L}+/gu, this.maxWords), this.words);
    // An id is a run of letters and digits of one kind: Latin ones end where Chinese starts ("b1哪里需要提升").
    for (const m of text.matchAll(/(?:(?!\p{Script=Han})[\p{L}\d])+|\p{Script=Han}+/gu)) for (const person of this.ids.get(m[0].toLowerCase()) ?? []) add(m.index, m.index + m[0].length, person, 'exact');
    for (const { re, person, quality } of this.others) for (const m of text.matchAll(re)) add(m.index, m.index + m[0].length, person, quality);
    found.sort((a, b) => RANK[a.quality] - RANK[b.quality] || b.end - b.start - (a.end - a.start) || a.start - b.start);
    const kept: NamedMention[] = [];
    for (const m of found) if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
    return kept.sort((a, b) => a.start - b.start);
  }
}

function push(map: Map<string, Named[]>, key: string, person: Named): void {
  const list = map.get(key);
  if (list) list.push(person);
  else map.set(key, [person]);
}

function pushEntry(map: Map<string, Entry[]>, key: string, entry: Entry): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

function soundKey(first: string, syllables: readonly string[]): string {
  return `${first}|${syllables.join(' ')}`;
}

/** The offsets between consecutive parts of a key (where whitespace may stand in the text). */
function offsets(parts: readonly string[]): Set<number> {
  const out = new Set<number>();
  let at = 0;
  for (const part of parts.slice(0, -1)) out.add((at += part.length));
  return out;
}

/** Every run of 1..`most` consecutive runs of `pattern` separated only by whitespace, lower-cased. */
function joinedRuns(text: string, pattern: RegExp, most: number): RunMatch[] {
  const runs = [...text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0].toLowerCase() }));
  const out: RunMatch[] = [];
  for (let i = 0; i < runs.length; i++) {
    let key = '';
    const joints: number[] = [];
    for (let j = i; j < runs.length && j < i + most; j++) {
      if (j > i) {
        if (!/^\s+$/.test(text.slice(runs[j - 1].end, runs[j].start))) break;
        joints.push(key.length);
      }
      key += runs[j].text;
      out.push({ start: runs[i].start, end: runs[j].end, key, joints: [...joints] });
    }
  }
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
    if (HAN.test(ch)) positions.push({ ch, at: i });
    else if (!/\s/.test(ch)) flush();
  }
  flush();
  return out;
}

const indexes = new WeakMap<readonly Named[], RosterIndex>();

/**
 * Every mention of a roster person in `text`, longest and exact first; overlapping weaker ones dropped.
 * The index is built once per people array (the store's cached array, in production) and shared by
 * every asker; the asker's scope is applied to the few people found.
 */
export function findPeople(text: string, roster: Roster): PersonMention[] {
  const scoped: ScopedRoster = Array.isArray(roster)
    ? { people: roster, inScope: (person) => (person as RosterPerson).inScope }
    : (roster as ScopedRoster);
  let index = indexes.get(scoped.people);
  if (!index) {
    index = new RosterIndex(scoped.people);
    indexes.set(scoped.people, index);
  }
  return index.find(text).map((m) => ({ ...m, people: m.people.map((p) => ({ id: p.id, name: p.name, inScope: scoped.inScope(p) })) }));
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
