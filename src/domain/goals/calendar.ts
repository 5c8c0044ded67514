// Working days (docs/design.md goal step 5): the CN calendar with holidays and 调休 make-up days, plain
// weekdays, and roster overrides. Dates are `YYYY-MM-DD` strings handled with UTC-only arithmetic, so
// nothing here ever depends on the machine's time zone.
import chineseDays from 'chinese-days';
import data from 'chinese-days/dist/chinese-days.json';
import { DateTime, IANAZone } from 'luxon';
import { UserInputError } from '../../errors';
import type { CalendarKind, LocalDate, Month, RosterEntry } from '../types';

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

// chinese-days ships the State Council schedule for every year it knows (2004 through 2026 in 1.5.7).
// For a later year it does not know yet, the CN calendar falls back to the statutory public holidays
// (statutoryHolidays below) on top of Monday–Friday, until the package is upgraded or the operator
// supplies the schedule (extendChineseCalendar, loaded at start from calendars/cn-extra.json by
// src/app/calendarData.ts). Operator entries win over the fallback, date by date.
const shipped = data as unknown as ChineseDaysData;
const cn: ChineseDaysData = {
  holidays: { ...shipped.holidays },
  workdays: { ...shipped.workdays },
};

/** The last year with an official schedule in the shipped data (2026 in chinese-days 1.5.7). */
const LAST_SHIPPED_YEAR = Math.max(...Object.keys(shipped.holidays).map((date) => Number(date.slice(0, 4))));
/** chinese-days' lunar tables end with 2100; its lunar conversion is trusted through 2099. */
const LAST_LUNAR_YEAR = 2099;

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

/**
 * True when the CN calendar of `year` counts the statutory public holidays (statutoryHolidays) for the
 * days no official or operator entry covers: the years after the shipped schedules, through 2099. Earlier
 * years without a schedule (before 2004) stay Monday–Friday: the statutory list changed over time.
 */
export function hasStatutoryFallback(year: number): boolean {
  return Number.isInteger(year) && year > LAST_SHIPPED_YEAR && year <= LAST_LUNAR_YEAR;
}

/**
 * The statutory public holidays of `year` fixed by 《全国年节及纪念日放假办法》 as amended in 2024 (in force
 * from 2025), 13 days: 元旦 Jan 1; 春节 除夕 and 正月初一–初三 (4 days); 清明 (the Qingming solar term
 * day); 劳动节 May 1–2; 端午 (五月初五); 中秋 (八月十五); 国庆节 Oct 1–3. No bridge days and no make-up
 * working days (调休): the State Council publishes those each year and they cannot be derived. Names
 * follow chinese-days' "English,中文,days" format. Lunar dates and the solar term come from chinese-days
 * (its tables cover 1900–2100). Pure: the same year always gives the same dates, in any process zone.
 *
 * Computed for 2027 (and checked in test/domain/goals/calendar.test.ts): 元旦 Fri Jan 1; 除夕 Fri Feb 5,
 * 春节 Sat Feb 6 – Mon Feb 8; 清明 Mon Apr 5; 劳动节 Sat May 1 – Sun May 2; 端午 Wed Jun 9; 中秋 Wed
 * Sep 15; 国庆节 Fri Oct 1 – Sun Oct 3.
 */
export function statutoryHolidays(year: number): Record<LocalDate, string> {
  if (!Number.isInteger(year) || year < 1901 || year > LAST_LUNAR_YEAR) {
    throw new RangeError(`statutory holidays are computed for 1901–${LAST_LUNAR_YEAR}, not ${year}`);
  }
  const feasts = lunarFeasts(year);
  const days: Array<[number, string]> = [
    [daysFromCivil(year, 1, 1), "New Year's Day,元旦,1"],
    [feasts.springFestival - 1, 'Spring Festival,春节,4'],
    [feasts.springFestival, 'Spring Festival,春节,4'],
    [feasts.springFestival + 1, 'Spring Festival,春节,4'],
    [feasts.springFestival + 2, 'Spring Festival,春节,4'],
    [qingming(year), 'Tomb-sweeping Day,清明,1'],
    [daysFromCivil(year, 5, 1), 'Labour Day,劳动节,2'],
    [daysFromCivil(year, 5, 2), 'Labour Day,劳动节,2'],
    [feasts.dragonBoat, 'Dragon Boat Festival,端午,1'],
    [daysFromCivil(year, 10, 1), 'National Day,国庆节,3'],
    [daysFromCivil(year, 10, 2), 'National Day,国庆节,3'],
    [daysFromCivil(year, 10, 3), 'National Day,国庆节,3'],
    // 中秋 can fall on Oct 1–3 (2028: Oct 3); the day is then listed once, under National Day (first wins).
    [feasts.midAutumn, 'Mid-autumn Festival,中秋,1'],
  ];
  const byDay = new Map<number, string>();
  for (const [day, name] of days) if (!byDay.has(day)) byDay.set(day, name);
  const out: Record<LocalDate, string> = {};
  for (const day of [...byDay.keys()].sort((a, b) => a - b)) out[dateOfDayNumber(day)] = byDay.get(day)!;
  return out;
}

/**
 * Day numbers of 正月初一, 五月初五 and 八月十五 of lunar year `year` (each in Gregorian `year`), found by
 * reading chinese-days' lunar date of every day of the year. getLunarDate is given `YYYY-MM-DD`, which it
 * reads as UTC midnight and counts whole days from its UTC base, so its lunar fields do not depend on the
 * process zone (its `date` field does, and is not used). Leap months are skipped: the feasts fall in the
 * regular month.
 */
function lunarFeasts(year: number): { springFestival: number; dragonBoat: number; midAutumn: number } {
  let springFestival: number | undefined;
  let dragonBoat: number | undefined;
  let midAutumn: number | undefined;
  const last = daysFromCivil(year, 12, 31);
  for (let day = daysFromCivil(year, 1, 1); day <= last; day++) {
    const lunar = chineseDays.getLunarDate(dateOfDayNumber(day));
    if (lunar.isLeap || lunar.lunarYear !== year) continue;
    if (lunar.lunarMon === 1 && lunar.lunarDay === 1) springFestival = day;
    else if (lunar.lunarMon === 5 && lunar.lunarDay === 5) dragonBoat = day;
    else if (lunar.lunarMon === 8 && lunar.lunarDay === 15) midAutumn = day;
  }
  if (springFestival === undefined || dragonBoat === undefined || midAutumn === undefined) {
    throw new Error(`chinese-days gave no 春节, 端午 or 中秋 for ${year}`);
  }
  return { springFestival, dragonBoat, midAutumn };
}

/**
 * Day number of the Qingming solar term (清明) in `year`, from chinese-days. getSolarTermDate builds the day
 * at UTC midnight but prints it with local-time getters, so in a process west of UTC it answers a day
 * early (2027: "2027-04-04" under TZ=America/Los_Angeles, "2027-04-05" in UTC or Asia/Shanghai). The
 * domain must not depend on the machine's zone, so the same print error is measured on the answer itself:
 * getLunarDate reads a `YYYY-MM-DD` as UTC midnight and prints it back the same way, so its echo is off by
 * exactly what the solar-term date was (0 or 1 day), and that is added back. Should the library ever
 * print in UTC, the echo is exact and nothing is added.
 */
function qingming(year: number): number {
  const printed = chineseDays.getSolarTermDate(year, 4, 'pure_brightness');
  const day = dayNumber(printed);
  return day + (day - dayNumber(chineseDays.getLunarDate(printed).date));
}

// Statutory holidays per fallback year, computed once (≈ 3 ms) on first use: one entry per year.
const statutoryMemo = new Map<number, Record<LocalDate, string>>();

function isStatutoryHoliday(date: LocalDate): boolean {
  const year = digitsAt(date, 0, 4);
  if (!hasStatutoryFallback(year)) return false;
  let days = statutoryMemo.get(year);
  if (!days) {
    days = statutoryHolidays(year);
    statutoryMemo.set(year, days);
  }
  return date in days;
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
    if (weekday <= 5 && isStatutoryHoliday(date)) return false;
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
