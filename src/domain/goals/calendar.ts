// Working days (docs/design.md goal step 5): the CN calendar with holidays and 调休 make-up days, plain
// weekdays, and roster overrides. Dates are `YYYY-MM-DD` strings handled with UTC-only arithmetic, so
// nothing here ever depends on the machine's time zone.
import data from 'chinese-days/dist/chinese-days.json';
import { DateTime, IANAZone } from 'luxon';
import { UserInputError } from '../../errors';
import type { CalendarKind, LocalDate, Month, RosterEntry } from '../types';

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

// chinese-days ships the State Council schedule for every year it knows (2004 onwards). For a year it
// does not know yet, the CN calendar degrades to Monday–Friday, which is the best guess available, until
// the package is upgraded or the operator supplies the schedule (extendChineseCalendar, loaded at start
// from calendars/cn-extra.json by src/app/calendarData.ts).
const cn: ChineseDaysData = {
  holidays: { ...(data as unknown as ChineseDaysData).holidays },
  workdays: { ...(data as unknown as ChineseDaysData).workdays },
};

/**
 * Adds official holidays and make-up working days (调休) the library does not know yet. Called once at
 * start-up with validated data; later entries for the same date win.
 */
export function extendChineseCalendar(extra: { holidays?: Record<LocalDate, string>; workdays?: Record<LocalDate, string> }): void {
  for (const [date, name] of Object.entries(extra.holidays ?? {})) {
    delete cn.workdays[date];
    cn.holidays[date] = name;
  }
  for (const [date, name] of Object.entries(extra.workdays ?? {})) {
    delete cn.holidays[date];
    cn.workdays[date] = name;
  }
}

/** True when the CN schedule of `year` is known (at least one official holiday that year). */
export function hasChineseSchedule(year: number): boolean {
  const prefix = `${year}-`;
  return Object.keys(cn.holidays).some((date) => date.startsWith(prefix));
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DAY_MS = 86_400_000;

/** Throws unless `month` is a real `YYYY-MM`. */
export function parseMonth(month: Month): { year: number; month: number } {
  const m = typeof month === 'string' ? MONTH_RE.exec(month) : null;
  if (!m) throw new UserInputError('goals.error.invalid_month', { month: String(month) });
  return { year: Number(m[1]), month: Number(m[2]) };
}

/**
 * Days since 1970-01-01 for a valid `YYYY-MM-DD` (years 0100–9999); throws on anything else. Plain
 * arithmetic (no RegExp match or Date object): plans call it for every day of a month on every message.
 */
export function dayNumber(date: LocalDate): number {
  if (typeof date === 'string' && date.length === 10 && date.charCodeAt(4) === DASH && date.charCodeAt(7) === DASH) {
    const y = digitsAt(date, 0, 4);
    const m = digitsAt(date, 5, 2);
    const d = digitsAt(date, 8, 2);
    if (y >= 100 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)) return daysFromCivil(y, m, d);
  }
  throw new UserInputError('goals.error.invalid_date', { date: String(date) });
}

const DASH = 45;
const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by `length` ASCII digits at `start`, or -1 if any is not a digit. */
function digitsAt(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return MONTH_LENGTHS[month - 1];
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** Days from 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function dateOfDayNumber(day: number): LocalDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return dateOfDayNumber(dayNumber(date) + days);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

export function monthOf(date: LocalDate): Month {
  dayNumber(date);
  return date.slice(0, 7);
}

interface MonthDay {
  date: LocalDate;
  weekday: number;
}

// Memo of each month's dates and weekdays: pure (same month, same answer) and keeps the hot path of
// `decompose` free of per-day date parsing. Bounded so a long-running process cannot grow it forever.
const monthMemo = new Map<Month, MonthDay[]>();

/** Every date of the month with its ISO weekday, in order. */
export function monthDays(month: Month): readonly MonthDay[] {
  const cached = monthMemo.get(month);
  if (cached) return cached;
  const { year, month: m } = parseMonth(month);
  const first = Date.UTC(year, m - 1, 1) / DAY_MS;
  const count = Date.UTC(year, m, 1) / DAY_MS - first;
  const firstWeekday = ((((first + 3) % 7) + 7) % 7) + 1;
  const days: MonthDay[] = [];
  for (let i = 0; i < count; i++) {
    days.push({ date: `${month}-${String(i + 1).padStart(2, '0')}`, weekday: ((firstWeekday - 1 + i) % 7) + 1 });
  }
  if (monthMemo.size >= 512) monthMemo.clear();
  monthMemo.set(month, days);
  return days;
}

/** Every date of the month, in order. */
export function datesOfMonth(month: Month): LocalDate[] {
  return monthDays(month).map((d) => d.date);
}

/** The agent's local date at an instant, in IANA zone `tz`. */
export function localDateOf(instant: Date | string, tz: string): LocalDate {
  // IANAZone.create is cached by luxon; isValidZone builds an Intl formatter on every call (hot path).
  const zone = typeof tz === 'string' ? IANAZone.create(tz) : null;
  if (!zone || !zone.isValid) {
    throw new UserInputError('goals.error.invalid_timezone', { tz: String(tz) });
  }
  // Luxon only parses strings (with their offset); a Date is used as it is.
  const at = typeof instant === 'string' ? DateTime.fromISO(instant, { setZone: true }).toJSDate() : instant;
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new UserInputError('goals.error.invalid_instant', { instant: String(instant) });
  // One cached Intl formatter per zone: luxon's setZone().toISODate() costs several formatToParts calls,
  // and this runs on every message.
  let year = '';
  let month = '';
  let day = '';
  for (const part of dateFormatterFor(zone.name).formatToParts(at)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  if (!/^\d{4}$/.test(year)) throw new UserInputError('goals.error.invalid_instant', { instant: String(instant) });
  return `${year}-${month}-${day}`;
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
function dateFormatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = dateFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', calendar: 'gregory', numberingSystem: 'latn' });
    dateFormatters.set(zone, formatter);
  }
  return formatter;
}

/** The calendar alone, before the roster. */
export function isCalendarWorkingDay(date: LocalDate, calendar: CalendarKind): boolean {
  return calendarTest(date, isoWeekday(date), calendar);
}

function calendarTest(date: LocalDate, weekday: number, calendar: CalendarKind): boolean {
  if (calendar === 'CN') {
    if (date in cn.workdays) return true;
    if (date in cn.holidays) return false;
  }
  return weekday <= 5;
}

// Later roster entries win, so a correction appended to the roster overrides the earlier entry.
function rosterMap(roster: readonly RosterEntry[]): Map<LocalDate, boolean> {
  const map = new Map<LocalDate, boolean>();
  for (const entry of roster) map.set(entry.date, entry.off);
  return map;
}

/** The roster is the agent's own (callers filter by agent); `off: true` removes, `off: false` adds. */
export function isWorkingDay(date: LocalDate, calendar: CalendarKind, roster: readonly RosterEntry[]): boolean {
  return workingDayTest(calendar, roster)(date);
}

function workingDayTest(calendar: CalendarKind, roster: readonly RosterEntry[]): (date: LocalDate) => boolean {
  const overrides = rosterMap(roster);
  return (date) => {
    const off = overrides.get(date);
    if (off !== undefined) {
      dayNumber(date);
      return !off;
    }
    return isCalendarWorkingDay(date, calendar);
  };
}

export function workingDaysInMonth(month: Month, calendar: CalendarKind, roster: readonly RosterEntry[]): LocalDate[] {
  const overrides = rosterMap(roster);
  const out: LocalDate[] = [];
  for (const { date, weekday } of monthDays(month)) {
    const off = overrides.get(date);
    if (off === undefined ? calendarTest(date, weekday, calendar) : !off) out.push(date);
  }
  return out;
}

/** The first working day strictly after `after` (it may fall in a later month or year). */
export function nextWorkingDay(after: LocalDate, calendar: CalendarKind, roster: readonly RosterEntry[]): LocalDate {
  const test = workingDayTest(calendar, roster);
  let day = dayNumber(after);
  // The longest run of non-working days is far below a year; the bound only guards an absurd roster.
  for (let i = 0; i < 366; i++) {
    day += 1;
    const date = dateOfDayNumber(day);
    if (test(date)) return date;
  }
  throw new UserInputError('goals.error.no_working_days_ahead', { date: after });
}
