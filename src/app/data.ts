// Loads the data a process starts with: a fixture file given by --data, or the demo team
// (fixtures/demo-team.json), placed at today's date so the demo always has "this month so far".
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { FixtureError, parseFixture, type Fixture } from '../store/fixture';
import { addDays, dayNumber, isCalendarWorkingDay, localDateOf, monthOf } from '../domain/goals/calendar';
import type { LocalDate } from '../domain/types';

export const DEMO_FIXTURE = fileURLToPath(new URL('../../fixtures/demo-team.json', import.meta.url));
/** The month the demo's "this month" activity was written for, and the day it was written as "today". */
export const DEMO_MONTH = '2026-11';
export const DEMO_TODAY = '2026-11-25';

export class DataFileError extends Error {}

export async function loadFixtureFile(path: string): Promise<Fixture> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    throw new DataFileError(`cannot read data file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new DataFileError(`data file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return parseFixture(json);
  } catch (error) {
    if (error instanceof FixtureError) throw new DataFileError(`data file ${path} is invalid:\n  ${error.problems.join('\n  ')}`);
    throw error;
  }
}

function shiftDate(date: string, months: number): string {
  const dt = DateTime.fromISO(date, { zone: 'UTC' });
  const shifted = dt.plus({ months });
  return shifted.toISODate() ?? date;
}

function shiftMonth(month: string, months: number): string {
  return shiftDate(`${month}-01`, months).slice(0, 7);
}

function monthsBetween(fromMonth: string, toMonth: string): number {
  const [fy, fm] = fromMonth.split('-').map(Number);
  const [ty, tm] = toMonth.split('-').map(Number);
  return (ty! - fy!) * 12 + (tm! - fm!);
}

/** Moves every date of a fixture by whole months so that `fromMonth` becomes `toMonth`. */
export function shiftFixture(fixture: Fixture, fromMonth: string, toMonth: string): Fixture {
  const months = monthsBetween(fromMonth, toMonth);
  if (months === 0) return fixture;
  return {
    ...fixture,
    history: fixture.history.map((row) => ({ ...row, month: shiftMonth(row.month, months) })),
    goals: fixture.goals.map((row) => ({ ...row, month: shiftMonth(row.month, months) })),
    activity: fixture.activity.map((row) => ({ ...row, date: shiftDate(row.date, months) })),
    rosters: fixture.rosters.map((row) => ({ ...row, date: shiftDate(row.date, months) })),
    assessments: fixture.assessments.map((row) => ({ ...row, date: shiftDate(row.date, months) })),
  };
}

/** The `count` working days before `today`, latest first (CN calendar: holidays and make-up Saturdays count). */
function workingDaysBefore(today: LocalDate, count: number): LocalDate[] {
  const out: LocalDate[] = [];
  for (let date = addDays(today, -1); out.length < count; date = addDays(date, -1)) {
    if (isCalendarWorkingDay(date, 'CN')) out.push(date);
  }
  return out;
}

/**
 * Places the demo team at `today`, whatever the date: "this month" holds activity on the working days
 * before today (never today or later, so a message's own log is the whole of today), the monthly history
 * ends the month before, and the rosters and assessments keep their distance from today. The demo's
 * latest activity day becomes the working day before today, the one before it the working day before
 * that, and so on; days that fall into the previous month are dropped (its history row covers them).
 * On the demo's own day (DEMO_TODAY) this is the identity.
 */
export function placeDemoFixture(demo: Fixture, today: LocalDate): Fixture {
  const months = monthsBetween(DEMO_MONTH, monthOf(today));
  const demoDays = [...new Set(demo.activity.map((row) => row.date))].sort().reverse();
  const targets = workingDaysBefore(today, demoDays.length);
  const moved = new Map(demoDays.map((date, index) => [date, targets[index]!]));
  const offset = dayNumber(today) - dayNumber(DEMO_TODAY);
  return {
    ...demo,
    history: demo.history.map((row) => ({ ...row, month: shiftMonth(row.month, months) })),
    goals: demo.goals.map((row) => ({ ...row, month: shiftMonth(row.month, months) })),
    activity: demo.activity
      .map((row) => ({ ...row, date: moved.get(row.date)! }))
      .filter((row) => monthOf(row.date) === monthOf(today)),
    rosters: demo.rosters.map((row) => ({ ...row, date: addDays(row.date, offset) })),
    assessments: demo.assessments.map((row) => ({ ...row, date: addDays(row.date, offset) })),
  };
}

/** The fixture to seed: --data as given, else the demo team placed at `now`'s local date (placeDemoFixture). */
export async function startupFixture(dataPath: string | undefined, now: Date, tz: string): Promise<Fixture> {
  if (dataPath) return loadFixtureFile(dataPath);
  return placeDemoFixture(await loadFixtureFile(DEMO_FIXTURE), localDateOf(now, tz));
}
