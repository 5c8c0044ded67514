// Pure schedule: working days (CN holidays and 调休, weekdays, roster), send instants across time zones
// and DST, kinds per role and day, preferences (time, pause, stop, end of day, team default).
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/goals';
import { effectivePrefs, nudgesFor, sendInstant } from '../../src/nudges/schedule';
import type { NudgePrefs } from '../../src/nudges/types';
import { agent, teams } from './helpers';

const a1 = agent('a1');
const l1 = agent('l1', { role: 'lead' });

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

describe('nudgesFor: working days', () => {
  it('follows the CN calendar through the National Day week and the make-up Saturday', () => {
    const sent = days('2026-09-28', '2026-10-11').filter((d) => nudgesFor(d, [a1], {}, {}, { teams }).length > 0);
    expect(sent).toEqual(['2026-09-28', '2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10']);
    // Saturday 10-10 is a 调休 working day: a normal morning nudge at 09:00 Shanghai.
    expect(nudgesFor('2026-10-10', [a1], {}, {}, { teams })).toEqual([
      { user: 'a1', kind: 'agent_morning', at: '2026-10-10T01:00:00.000Z', date: '2026-10-10' },
    ]);
    // October's first working day is 10-08 (1–7 are holidays): the month-start prompt replaces the morning nudge.
    expect(nudgesFor('2026-10-08', [a1], {}, {}, { teams }).map((n) => n.kind)).toEqual(['month_start']);
    // 09-30 is September's last working day: morning nudge plus the month-end recap at 18:00.
    expect(nudgesFor('2026-09-30', [a1], {}, {}, { teams }).map((n) => [n.kind, n.at])).toEqual([
      ['agent_morning', '2026-09-30T01:00:00.000Z'],
      ['month_end', '2026-09-30T10:00:00.000Z'],
    ]);
  });

  it('a weekdays calendar ignores CN holidays; a roster day off removes a day, an extra day adds one', () => {
    const w = agent('w1', { calendar: 'weekdays' });
    expect(nudgesFor('2026-10-01', [w], {}, {})).toHaveLength(1);
    expect(nudgesFor('2026-10-10', [w], {}, {})).toHaveLength(0);
    const rosters = { a1: [{ agent: 'a1', date: '2026-09-29', off: true }, { agent: 'a1', date: '2026-10-11', off: false }] };
    expect(nudgesFor('2026-09-29', [a1], {}, rosters)).toEqual([]);
    expect(nudgesFor('2026-10-11', [a1], {}, rosters).map((n) => n.kind)).toEqual(['agent_morning']);
    // Another agent's roster never applies.
    expect(nudgesFor('2026-09-29', [a1], {}, { a1: [{ agent: 'zz', date: '2026-09-29', off: true }] })).toHaveLength(1);
  });
});

describe('nudgesFor: time zones and DST', () => {
  it('09:00 Europe/London is 08:00Z before the 2026-10-25 change and 09:00Z after', () => {
    const u = agent('u1', { tz: 'Europe/London', calendar: 'weekdays' });
    expect(nudgesFor('2026-10-23', [u], {}, {})[0].at).toBe('2026-10-23T08:00:00.000Z');
    expect(nudgesFor('2026-10-26', [u], {}, {})[0].at).toBe('2026-10-26T09:00:00.000Z');
    // Spring forward (2026-03-29): 09:00 BST = 08:00Z the next working day.
    expect(nudgesFor('2026-03-30', [u], {}, {})[0].at).toBe('2026-03-30T08:00:00.000Z');
    expect(nudgesFor('2026-03-27', [u], {}, {})[0].at).toBe('2026-03-27T09:00:00.000Z');
  });

  it('a time-zone change moves the instant, not the local time', () => {
    const before = nudgesFor('2026-09-29', [a1], {}, {})[0];
    const after = nudgesFor('2026-09-29', [{ ...a1, tz: 'America/New_York' }], {}, {})[0];
    expect(before.at).toBe('2026-09-29T01:00:00.000Z');
    expect(after.at).toBe('2026-09-29T13:00:00.000Z');
    expect(sendInstant('2026-09-29', '09:00', 'Asia/Kolkata')).toBe('2026-09-29T03:30:00.000Z');
  });

  it('a preferred time inside a spring-forward gap moves forward by the gap', () => {
    expect(sendInstant('2026-03-29', '01:30', 'Europe/London')).toBe('2026-03-29T01:30:00.000Z');
  });
});

describe('nudgesFor: kinds and preferences', () => {
  it('leads get the digest at 08:45, agents the morning nudge at 09:00, sorted by instant', () => {
    expect(nudgesFor('2026-09-29', [a1, l1], {}, {}, { teams }).map((n) => [n.user, n.kind, n.at])).toEqual([
      ['l1', 'lead_digest', '2026-09-29T00:45:00.000Z'],
      ['a1', 'agent_morning', '2026-09-29T01:00:00.000Z'],
    ]);
  });

  it('honours time, end of day, pause and stop; personal settings win over the team default', () => {
    const prefs: Record<string, NudgePrefs> = { a1: { agent: 'a1', time: '08:30', endOfDay: true } };
    expect(nudgesFor('2026-09-29', [a1], prefs, {}).map((n) => [n.kind, n.at])).toEqual([
      ['agent_morning', '2026-09-29T00:30:00.000Z'],
      ['agent_end_of_day', '2026-09-29T10:00:00.000Z'],
    ]);
    const paused = { a1: { agent: 'a1', pausedUntil: '2026-10-09' } };
    expect(nudgesFor('2026-10-08', [a1], paused, {})).toEqual([]);
    expect(nudgesFor('2026-10-09', [a1], paused, {})).toHaveLength(1);
    expect(nudgesFor('2026-10-09', [a1], { a1: { agent: 'a1', stopped: true } }, {})).toEqual([]);
    const teamPrefs = { t1: { team: 't1', time: '08:00' } };
    expect(nudgesFor('2026-09-29', [a1], {}, {}, { teamPrefs })[0].at).toBe('2026-09-29T00:00:00.000Z');
    expect(nudgesFor('2026-09-29', [a1], prefs, {}, { teamPrefs })[0].at).toBe('2026-09-29T00:30:00.000Z');
    expect(effectivePrefs({ agent: 'a1', time: '25:99' }).morningTime).toBe('09:00');
  });
});

describe('nudgesFor: a one-day time (NudgePrefs.once)', () => {
  it('moves that slot on its date only; a check-in one-day time sends the check-in even when it is off', () => {
    // 07:50 Shanghai on 09-29 = 09-28T23:50Z; 09:00 = 01:00Z; 17:00 = 09:00Z.
    const morning = { a1: { agent: 'a1', once: { date: '2026-09-29', time: '07:50', slot: 'morning' as const } } };
    expect(nudgesFor('2026-09-29', [a1], morning, {}).map((n) => [n.kind, n.at])).toEqual([['agent_morning', '2026-09-28T23:50:00.000Z']]);
    expect(nudgesFor('2026-10-09', [a1], morning, {}).map((n) => [n.kind, n.at])).toEqual([['agent_morning', '2026-10-09T01:00:00.000Z']]);
    const evening = { a1: { agent: 'a1', once: { date: '2026-09-29', time: '17:00', slot: 'end_of_day' as const } } };
    expect(nudgesFor('2026-09-29', [a1], evening, {}).map((n) => [n.kind, n.at])).toEqual([
      ['agent_morning', '2026-09-29T01:00:00.000Z'],
      ['agent_end_of_day', '2026-09-29T09:00:00.000Z'],
    ]);
    expect(nudgesFor('2026-10-09', [a1], evening, {}).map((n) => n.kind)).toEqual(['agent_morning']);
    // September's last working day (09-30): the month-end recap moves to the one-day check-in time.
    const monthEnd = { a1: { agent: 'a1', once: { date: '2026-09-30', time: '17:00', slot: 'end_of_day' as const } } };
    expect(nudgesFor('2026-09-30', [a1], monthEnd, {}).map((n) => [n.kind, n.at])).toEqual([
      ['agent_morning', '2026-09-30T01:00:00.000Z'],
      ['month_end', '2026-09-30T09:00:00.000Z'],
    ]);
  });

  it("moves a lead's digest; never adds a day (holiday, pause); an unusable stored value is ignored", () => {
    const lead = { l1: { agent: 'l1', once: { date: '2026-09-29', time: '08:00', slot: 'morning' as const } } };
    expect(nudgesFor('2026-09-29', [l1], lead, {}, { teams }).map((n) => [n.kind, n.at])).toEqual([['lead_digest', '2026-09-29T00:00:00.000Z']]);
    // 10-01 is a holiday: a one-day time does not make it a reminder day.
    expect(nudgesFor('2026-10-01', [a1], { a1: { agent: 'a1', once: { date: '2026-10-01', time: '08:00', slot: 'morning' } } }, {})).toEqual([]);
    expect(nudgesFor('2026-09-29', [a1], { a1: { agent: 'a1', pausedUntil: '2026-09-30', once: { date: '2026-09-29', time: '08:00', slot: 'morning' } } }, {})).toEqual([]);
    const bad = { a1: { agent: 'a1', once: { date: '2026-09-29', time: '25:00', slot: 'morning' } } } as unknown as Record<string, NudgePrefs>;
    expect(nudgesFor('2026-09-29', [a1], bad, {})[0].at).toBe('2026-09-29T01:00:00.000Z');
    expect(effectivePrefs(bad.a1).once).toBeNull();
  });
});
