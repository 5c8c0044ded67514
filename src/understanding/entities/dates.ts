// Dates (今天/下周一/3月5日/2026-03-05/"next Monday"/"Mar 5") resolved against a given today, and
// clock times for nudges (8点半/早上9点/8:30/8.30am/"at 9") as 24-hour HH:mm. Pure: luxon in UTC.
import { DateTime } from 'luxon';
import type { LocalDate } from '../../domain/types';
import { chineseToNumber } from './chinese';
import { normalizeWidth } from './numbers';

export interface Found<T> {
  value: T;
  start: number;
  end: number;
}

const CN_NUM = '[零〇一二两三四五六七八九十]{1,3}';
const NUM = `(\\d{1,2}|${CN_NUM})`;

function num(text: string): number | null {
  return /^\d+$/.test(text) ? Number(text) : chineseToNumber(text);
}

function day(today: LocalDate): DateTime {
  const d = DateTime.fromISO(today, { zone: 'UTC' });
  return d.isValid ? d : DateTime.fromISO('1970-01-01', { zone: 'UTC' });
}

function iso(d: DateTime): LocalDate | null {
  return d.isValid ? d.toISODate() : null;
}

function ymd(year: number, month: number, dayOfMonth: number): LocalDate | null {
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > 31) return null;
  return iso(DateTime.fromObject({ year, month, day: dayOfMonth }, { zone: 'UTC' }));
}

/** A month and day without a year: the year that puts it nearest to today (Dec 30 said in January is last year). */
function nearest(today: LocalDate, month: number, dayOfMonth: number): LocalDate | null {
  const t = day(today);
  let best: LocalDate | null = null;
  let bestDiff = Infinity;
  for (const year of [t.year - 1, t.year, t.year + 1]) {
    const candidate = ymd(year, month, dayOfMonth);
    if (!candidate) continue;
    const diff = Math.abs(DateTime.fromISO(candidate, { zone: 'UTC' }).diff(t, 'days').days);
    if (diff < bestDiff) {
      best = candidate;
      bestDiff = diff;
    }
  }
  return best;
}

/** The given ISO weekday (1 = Monday) in the ISO week `weekOffset` weeks from today's. */
function weekday(today: LocalDate, isoWeekday: number, weekOffset: number): LocalDate | null {
  const t = day(today);
  return iso(t.plus({ days: isoWeekday - t.weekday + 7 * weekOffset }));
}

const CN_WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7 };
const EN_WEEKDAY: [RegExp, number][] = [
  [/^mon(day)?$/, 1], [/^tue(s|sday)?$/, 2], [/^wed(nesday)?$/, 3], [/^thu(r|rs|rsday)?$/, 4],
  [/^fri(day)?$/, 5], [/^sat(urday)?$/, 6], [/^sun(day)?$/, 7],
];
const EN_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const EN_MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const RELATIVE: [RegExp, number][] = [
  [/大后天/, 3], [/大前天/, -3], [/后天|day after tomorrow/i, 2], [/前天|day before yesterday/i, -2],
  [/明天|明日|明儿|明早|明晚|tomorrow/i, 1], [/昨天|昨日|昨儿|昨晚|yesterday/i, -1],
  [/今天|今日|今儿|今早|今晚|\btoday\b|\btonight\b/i, 0],
];

type Rule = (s: string, today: LocalDate) => Found<LocalDate>[];

const rules: Rule[] = [
  (s) => [...s.matchAll(/(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?/g)].flatMap((m) => {
    const value = ymd(Number(m[1]), Number(m[2]), Number(m[3]));
    return value ? [{ value, start: m.index, end: m.index + m[0].length }] : [];
  }),
  (s, today) => [...s.matchAll(new RegExp(`${NUM}\\s*月(?:份)?\\s*${NUM}\\s*[日号]?`, 'g'))].flatMap((m) => {
    const month = num(m[1]);
    const d = num(m[2]);
    const value = month !== null && d !== null ? nearest(today, month, d) : null;
    return value ? [{ value, start: m.index, end: m.index + m[0].length }] : [];
  }),
  (s, today) => [...s.matchAll(/(?<![\d/.:])(\d{1,2})\/(\d{1,2})(?![\d/])/g)].flatMap((m) => {
    const value = nearest(today, Number(m[1]), Number(m[2]));
    return value ? [{ value, start: m.index, end: m.index + m[0].length }] : [];
  }),
  (s, today) => [...s.matchAll(new RegExp(`(?<![月\\d零〇一二两三四五六七八九十])${NUM}\\s*[日号](?!线)`, 'g'))].flatMap((m) => {
    const d = num(m[1]);
    const t = day(today);
    const value = d !== null ? ymd(t.year, t.month, d) : null;
    return value ? [{ value, start: m.index, end: m.index + m[0].length }] : [];
  }),
  // "the 3rd", "on the 20th": a day of this month, like 3号 (not "the 3rd of March", "the 2nd week", "the 1st call").
  (s, today) => [...s.matchAll(new RegExp(`\\bthe\\s+(\\d{1,2})(?:st|nd|rd|th)\\b(?!\\s+(?:of\\s+)?${EN_MONTH})(?!\\s+(?:week|day|time|month|quarter|half|call|deal|one|place|attempt|try|floor)s?\\b)`, 'gi'))].flatMap((m) => {
    const t = day(today);
    const value = ymd(t.year, t.month, Number(m[1]));
    return value ? [{ value, start: m.index, end: m.index + m[0].length }] : [];
  }),
  (s, today) => RELATIVE.flatMap(([re, offset]) => {
    const m = re.exec(s);
    const value = m ? iso(day(today).plus({ days: offset })) : null;
    return m && value ? [{ value, start: m.index, end: m.index + m[0].length }] : [];
  }),
  (s, today) => [...s.matchAll(/(下下|下个?|上上|上个?|这个?|本)?\s*(?:周|星期|礼拜)([一二三四五六日天1-7])/g)].flatMap((m) => {
    const offset = m[1] === undefined ? 0 : m[1] === '下下' ? 2 : m[1] === '上上' ? -2 : m[1].startsWith('下') ? 1 : m[1].startsWith('上') ? -1 : 0;
    const value = weekday(today, CN_WEEKDAY[m[2]], offset);
    return value ? [{ value, start: m.index, end: m.index + m[0].length }] : [];
  }),
  (s, today) => [...s.matchAll(/\b(?:(next|this|last|coming|on)\s+)?(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/gi)].flatMap((m) => {
    const word = m[2].toLowerCase();
    if (!m[1] && word.length <= 4 && !word.endsWith('day')) return []; // "sat", "sun" are words too
    const isoDay = EN_WEEKDAY.find(([re]) => re.test(word))?.[1];
    const mod = m[1]?.toLowerCase();
    const offset = mod === 'next' ? 1 : mod === 'last' ? -1 : 0;
    let value = isoDay === undefined ? null : weekday(today, isoDay, offset);
    if (mod === 'coming' && value !== null && value <= today) value = weekday(today, isoDay!, 1);
    return value ? [{ value, start: m.index, end: m.index + m[0].length }] : [];
  }),
  (s, today) => [
    ...[...s.matchAll(new RegExp(`\\b${EN_MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s*(\\d{4})\\b)?`, 'gi'))].map((m) => ({ m, month: m[1], d: m[2], y: m[3] })),
    ...[...s.matchAll(new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${EN_MONTH}\\b\\.?(?:,?\\s*(\\d{4})\\b)?`, 'gi'))].map((m) => ({ m, month: m[2], d: m[1], y: m[3] })),
  ].flatMap(({ m, month, d, y }) => {
    const monthIndex = EN_MONTHS.indexOf(month.slice(0, 3).toLowerCase()) + 1;
    if (month.toLowerCase() === 'may' && !/^may\s+\d/i.test(m[0]) && !/\d\s+(of\s+)?may/i.test(m[0])) return [];
    const value = y ? ymd(Number(y), monthIndex, Number(d)) : nearest(today, monthIndex, Number(d));
    return value ? [{ value, start: m.index, end: m.index + m[0].length }] : [];
  }),
];

/** The first date expression in `text`, with its position, or null. */
export function findDate(text: string, today: LocalDate): Found<LocalDate> | null {
  const s = normalizeWidth(text);
  const all = rules.flatMap((rule) => rule(s, today));
  if (all.length === 0) return null;
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  return all[0];
}

/** The first date in `text` as YYYY-MM-DD relative to `today`, or null. */
export function parseDate(text: string, today: LocalDate): LocalDate | null {
  return findDate(text, today)?.value ?? null;
}

const PM = /下午|晚上|傍晚|夜里|夜间|今晚|明晚|晚/;
const AM = /凌晨|早上|早晨|清晨|上午|明早|今早|早/;

function hhmm(hour: number, minute: number): string | null {
  if (!Number.isInteger(hour) || !Number.isInteger(minute) || hour < 0 || hour > 23 || minute < 0 || minute > 59) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

function withPeriod(hour: number, period: string | undefined): number {
  if (!period) return hour;
  const p = period.toLowerCase();
  if ((p.startsWith('p') || PM.test(p)) && hour < 12) return hour + 12;
  if (p.startsWith('中午') && hour < 11) return hour + 12;
  if ((p.startsWith('a') || AM.test(p)) && hour === 12) return 0;
  return hour;
}

/** The first clock time in `text` as 24-hour HH:mm, with its position, or null. */
export function findTime(text: string): Found<string> | null {
  const s = normalizeWidth(text);
  const found: Found<string>[] = [];
  const add = (m: RegExpMatchArray, value: string | null): void => {
    if (value && m.index !== undefined) found.push({ value, start: m.index, end: m.index + m[0].length });
  };
  for (const m of s.matchAll(/(?<![\d.])(\d{1,2}):(\d{2})(?:\s*([ap])\.?m\.?(?![a-z]))?/gi)) {
    add(m, hhmm(withPeriod(Number(m[1]), m[3]), Number(m[2])));
  }
  for (const m of s.matchAll(/(?<![\d.:])(\d{1,2})(?:\.(\d{2}))?\s*([ap])\.?m\.?(?![a-z])/gi)) {
    add(m, hhmm(withPeriod(Number(m[1]), m[3]), Number(m[2] ?? 0)));
  }
  const cn = new RegExp(`(凌晨|早上|早晨|清晨|上午|中午|下午|傍晚|晚上|夜里|今晚|明晚|明早|今早|早|晚)?\\s*(?<!个)${NUM}\\s*(?:点|時|时)(?:\\s*(半|一刻|三刻|钟|整)|\\s*${NUM}\\s*分?)?`, 'g');
  for (const m of s.matchAll(cn)) {
    const hour = num(m[2]);
    if (hour === null) continue;
    const minute = m[3] === '半' ? 30 : m[3] === '一刻' ? 15 : m[3] === '三刻' ? 45 : m[4] !== undefined ? num(m[4]) : 0;
    if (minute === null) continue;
    add(m, hhmm(withPeriod(hour, m[1]), minute));
  }
  for (const m of s.matchAll(/\b(?:at|@)\s*(\d{1,2})(?:\s*o'?clock)?(?![\d:.%]|\s*[ap]\.?m)/gi)) {
    add(m, hhmm(Number(m[1]), 0));
  }
  if (found.length === 0) return null;
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  return found[0];
}

/** The first clock time in `text` as HH:mm (24-hour), or null. */
export function parseTime(text: string): string | null {
  return findTime(text)?.value ?? null;
}
