// Mentor capacity: how many apprentices each mentor takes, as leads say it — 每人带2个, 每个师傅带两个,
// 一带二, 上限3个, 容量2; 2 each, max 3 mentees per mentor, each mentor takes 2, capacity 2. Numbers come
// from the field parser (numbers.ts: digits, Chinese numerals, 两); this file only knows the cue words.
import { CN_DIGIT } from './chinese';
import { normalizeWidth, tokenizeNumbers } from './numbers';

export interface CapacityOptions {
  /** A lone number is the capacity (`/coach mentors 2`, where the command already says what it is). */
  bare?: boolean;
}

interface Candidate {
  value: number;
  start: number;
  end: number;
}

// Colloquial counts the numeral parser leaves alone (俩 = two, 仨 = three) and English number words.
const COLLOQUIAL: Record<string, number> = { 俩: 2, 仨: 3 };
const WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

/** Someone per mentor: 每人, 每位, 每个师傅, 一个师傅, 每名导师 … */
const PER_MENTOR = '(?:每|一)\\s*(?:个|位|名)?\\s*(?:人|师傅|导师|老师|头雁|老员工|老人)';
const HOW_MANY = '(?:最多|至多|顶多|只|就|可以|能|各|都)*';
/** Cues that end right before the number (`before` is the text up to it). */
const BEFORE: RegExp[] = [
  // 带2个, 最多带3个, 每人带两个, 每个师傅带教2名, 一个师傅带俩, 1带2.
  new RegExp(`(?:${PER_MENTOR}\\s*)?${HOW_MANY}\\s*(?:带教|带领|带|收)\\s*$`),
  // 每个师傅配2个徒弟, 每人负责3个: these verbs count only after a per-mentor cue (配2对 is two pairs).
  new RegExp(`${PER_MENTOR}\\s*${HOW_MANY}\\s*(?:配|分|辅导|负责|对接)\\s*$`),
  // 一对二, 1对2.
  /(?:^|[^\d零一二两三四五六七八九十])[1一]\s*对\s*$/,
  // 容量2, 上限为3, 带教人数:2, 名额是2.
  /(?:容量|上限|名额|带教人数|带徒人数|人数上限)\s*(?:为|是|设为|设成|定为|[:=])?\s*$/,
  // capacity 2, capacity of 3, capacity = 2.
  /\bcapacity\s*(?:of|is|to|=|:)?\s*$/i,
  // up to 3, at most 2, max 3, no more than 2.
  /\b(?:up to|at most|max(?:imum)?|no more than|not more than)\s*(?:of\s*)?$/i,
  // each mentor takes 2, each takes two, each one gets 2, mentors take 2, every mentor can handle 3.
  /\b(?:(?:each|every)(?:\s+(?:mentor|senior|lead goose|person|one))?|mentors|seniors)\s+(?:can\s+|should\s+|will\s+)?(?:takes?|gets?|has|have|handles?|mentors?|coach(?:es)?|with|pairs? with)\s*(?:up to\s*|at most\s*|max\s*)?$/i,
];
/** Per-mentor measure after the number: 每人2个, 每个师傅2名徒弟 (the cue itself comes before). */
const PER_MENTOR_BEFORE = new RegExp(`${PER_MENTOR}\\s*${HOW_MANY}\\s*$`);
const MEASURE_AFTER = /^\s*(?:个|名|位)\s*(?:徒弟|新人|学员|人)?|^\s*(?:徒弟|新人|学员)/;
/** Cues that start right after the number: 2 each, 2 per mentor, 3 mentees per mentor, 2 apiece. */
const AFTER = /^\s*(?:(?:apprentices?|mentees?|juniors?|trainees?|newbies|new hires|people)\s+)?(?:each|apiece|per\b|for each\b)/i;

/** Every number in the text with its position: the field parser's counts, plus 俩/仨 and English words. */
function candidates(s: string): Candidate[] {
  const found: Candidate[] = tokenizeNumbers(s)
    .filter((t) => t.kind === 'number')
    .map((t) => ({ value: t.value, start: t.start, end: t.end }));
  for (const m of s.matchAll(/[俩仨]/g)) found.push({ value: COLLOQUIAL[m[0]], start: m.index, end: m.index + 1 });
  // A lone Chinese digit the parser reads as a word before another character (一带二的方式): a count
  // when a measure, 的 or punctuation follows (带一下 stays a word).
  for (const m of s.matchAll(/[一二两三四五六七八九十](?=$|[\s的个名位人徒,.;!?，。；！？、)）])/g)) {
    if (!found.some((c) => c.start <= m.index && m.index < c.end)) found.push({ value: CN_DIGIT[m[0]] ?? 10, start: m.index, end: m.index + 1 });
  }
  for (const m of s.matchAll(/\b(one|two|three|four|five|six|seven|eight|nine|ten)\b/gi)) {
    found.push({ value: WORDS[m[1].toLowerCase()], start: m.index, end: m.index + m[0].length });
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * The number of apprentices per mentor the text asks for, or null when it names none. The value is
 * returned as said (0, 2.5, 30 included): whether it is a usable capacity is the handler's call.
 */
export function findCapacity(text: string, options: CapacityOptions = {}): number | null {
  const s = normalizeWidth(text);
  const found = candidates(s);
  for (const c of found) {
    const before = s.slice(Math.max(0, c.start - 24), c.start);
    const after = s.slice(c.end, c.end + 32);
    if (BEFORE.some((re) => re.test(before))) return c.value;
    if (PER_MENTOR_BEFORE.test(before) && MEASURE_AFTER.test(after)) return c.value;
    if (AFTER.test(after)) return c.value;
  }
  // `/coach mentors 2`, `/coach mentors 2个`: the number is all there is.
  if (options.bare && found.length === 1 && /^\s*$/.test(s.slice(0, found[0].start)) && /^\s*(?:个|名|位|人)?\s*$/.test(s.slice(found[0].end))) {
    return found[0].value;
  }
  return null;
}
