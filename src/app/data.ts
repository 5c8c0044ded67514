// Loads the data a process starts with: a fixture file given by --data, or the demo team
// (fixtures/demo-team.json), moved to the current month so the demo always has "this month".
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { FixtureError, parseFixture, type Fixture } from '../store/fixture';

export const DEMO_FIXTURE = fileURLToPath(new URL('../../fixtures/demo-team.json', import.meta.url));
/** The month the demo's "this month" activity was written for. */
export const DEMO_MONTH = '2026-11';

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

/** Moves every date of a fixture by whole months so that `fromMonth` becomes `toMonth`. */
export function shiftFixture(fixture: Fixture, fromMonth: string, toMonth: string): Fixture {
  const [fy, fm] = fromMonth.split('-').map(Number);
  const [ty, tm] = toMonth.split('-').map(Number);
  const months = (ty! - fy!) * 12 + (tm! - fm!);
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

/** The fixture to seed: --data as given, else the demo team moved to `now`'s month. */
export async function startupFixture(dataPath: string | undefined, now: Date, tz: string): Promise<Fixture> {
  if (dataPath) return loadFixtureFile(dataPath);
  const demo = await loadFixtureFile(DEMO_FIXTURE);
  const month = DateTime.fromJSDate(now, { zone: tz }).toFormat('yyyy-MM');
  return shiftFixture(demo, DEMO_MONTH, month);
}
