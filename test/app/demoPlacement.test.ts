// The demo team placed at any date (placeDemoFixture): "this month so far" is the working days before
// today, never today or the future, on month starts and ends, Sundays, CN holidays, make-up Saturdays,
// New Year and Feb 29. Expected counts are worked out by hand from the calendar in each comment.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FIXTURE, DEMO_TODAY, loadFixtureFile, placeDemoFixture } from '../../src/app/data';
import type { Fixture } from '../../src/store/fixture';

let demo: Fixture;
beforeAll(async () => {
  demo = await loadFixtureFile(DEMO_FIXTURE);
});

function activityDays(fixture: Fixture): string[] {
  return [...new Set(fixture.activity.map((row) => row.date))].sort();
}

const cases: Array<{ today: string; why: string; days: string[] | { count: number; first: string; last: string } }> = [
  // 2026-12-01 is a Tuesday, the first day of the month: nothing before it in December.
  { today: '2026-12-01', why: 'month start', days: [] },
  // Sunday 2026-12-06: December's working days before it are Tue 1 – Fri 4.
  { today: '2026-12-06', why: 'a Sunday', days: ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'] },
  // Mon 2026-11-30: November 2026 has 20 working days before the 30th (2–27, weekdays, no holiday); the demo
  // has 17 days of activity, so they fill the 17 latest: Nov 5 … Nov 27.
  { today: '2026-11-30', why: 'month end', days: { count: 17, first: '2026-11-05', last: '2026-11-27' } },
  // Thu 2026-10-01 is National Day: no working day before it in October.
  { today: '2026-10-01', why: 'a CN holiday on the 1st', days: [] },
  // Sat 2026-10-10 is a make-up working day; Oct 1, 2, 5, 6, 7 are holidays, 3 and 4 the weekend, so the
  // working days before it are Thu 8 and Fri 9.
  { today: '2026-10-10', why: 'a make-up Saturday', days: ['2026-10-08', '2026-10-09'] },
  // Fri 2027-01-01 (New Year's Day): the year turned, nothing before it in January.
  { today: '2027-01-01', why: 'Dec 31 → Jan 1', days: [] },
  // Tue 2028-02-29: February 2028's weekdays before the 29th are 1–4, 7–11, 14–18, 21–25, 28 = 4+5+5+5+1
  // = 20 days (no CN schedule for 2028 in the calendar data: weekdays); the latest 17 drop Feb 1–3: Feb 4 … 28.
  { today: '2028-02-29', why: 'Feb 29', days: { count: 17, first: '2028-02-04', last: '2028-02-28' } },
];

describe('placeDemoFixture', () => {
  it('is the identity on the day the demo was written for', () => {
    expect(placeDemoFixture(demo, DEMO_TODAY)).toEqual(demo);
  });

  it.each(cases)('$today ($why): activity only on working days before today, in this month', ({ today, days }) => {
    const placed = placeDemoFixture(demo, today);
    const dates = activityDays(placed);
    if (Array.isArray(days)) expect(dates).toEqual(days);
    else expect({ count: dates.length, first: dates[0], last: dates.at(-1) }).toEqual(days);
    expect(dates.every((date) => date < today && date.slice(0, 7) === today.slice(0, 7))).toBe(true);
    // Every agent keeps one row per placed day (12 agents in the demo).
    expect(placed.activity.length).toBe(dates.length * 12);
  });

  it.each(cases)('$today: goals are for this month and the history ends the month before', ({ today }) => {
    const placed = placeDemoFixture(demo, today);
    const month = today.slice(0, 7);
    expect(new Set(placed.goals.map((row) => row.month))).toEqual(new Set([month]));
    const historyMonths = [...new Set(placed.history.map((row) => row.month))].sort();
    // The demo's history is the three months before its own month.
    expect(historyMonths).toHaveLength(3);
    const [year, m] = month.split('-').map(Number) as [number, number];
    const previous = m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
    expect(historyMonths.at(-1)).toBe(previous);
  });

  it('keeps the latest demo day as the working day before today, with its numbers', () => {
    // The demo's last day (2026-11-24) becomes Fri 2026-12-04 when today is Sunday 2026-12-06.
    const placed = placeDemoFixture(demo, '2026-12-06');
    const original = demo.activity.filter((row) => row.date === '2026-11-24');
    const moved = placed.activity.filter((row) => row.date === '2026-12-04');
    expect(moved.map(({ date: _date, ...rest }) => rest)).toEqual(original.map(({ date: _date, ...rest }) => rest));
  });

  it('keeps rosters and assessments at the same distance from today', () => {
    // The demo's day-off rows are 2 and 3 days after 2026-11-25; from 2027-01-01 that is Jan 3 and Jan 4.
    const placed = placeDemoFixture(demo, '2027-01-01');
    expect([...new Set(placed.rosters.map((row) => row.date))].sort()).toEqual(['2027-01-03', '2027-01-04']);
    // Assessments were 2026-10-25 … 10-28: 31 … 28 days before the demo's today → 2026-12-01 … 12-04.
    const assessed = placed.assessments.map((row) => row.date).sort();
    expect([assessed[0], assessed.at(-1)]).toEqual(['2026-12-01', '2026-12-04']);
  });
});
