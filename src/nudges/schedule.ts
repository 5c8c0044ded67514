// Which nudges are due to whom on a local date, and when (pure: no I/O, no clock). Working days use
// the goal plan's logic (calendar + roster); send instants are local wall-clock times in the person's
// IANA zone, so DST changes move the UTC instant, not the local time.
import { DateTime, IANAZone } from 'luxon';
import { isWorkingDay, workingDaysInMonth } from '../domain/goals';
import type { AgentProfile, LocalDate, RosterEntry, Team } from '../domain/types';
import {
  DEFAULT_DIGEST_TIME,
  DEFAULT_END_OF_DAY_TIME,
  DEFAULT_MORNING_TIME,
  type EffectivePrefs,
  type NudgePrefs,
  type OneDayTime,
  type PlannedNudge,
  type TeamNudgePrefs,
} from './types';

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isValidTime(time: string): boolean {
  return TIME_RE.test(time);
}

/** Person > team > built-in defaults. Invalid stored times fall back rather than break a schedule. */
export function effectivePrefs(person?: NudgePrefs | null, team?: TeamNudgePrefs | null): EffectivePrefs {
  const pick = (...times: Array<string | undefined>): string | undefined => times.find((v) => v !== undefined && isValidTime(v));
  return {
    morningTime: pick(person?.time, team?.time) ?? DEFAULT_MORNING_TIME,
    digestTime: pick(person?.time) ?? DEFAULT_DIGEST_TIME,
    endOfDay: person?.endOfDay ?? team?.endOfDay ?? false,
    endOfDayTime: pick(person?.endOfDayTime, team?.endOfDayTime) ?? DEFAULT_END_OF_DAY_TIME,
    pausedUntil: person?.pausedUntil ?? null,
    pausedFrom: person?.pausedFrom ?? null,
    stopped: person?.stopped ?? false,
    days: validDays(person?.days),
    once: validOnce(person?.once),
    channel: person?.channel ?? null,
  };
}

/**
 * The UTC instant of local wall-clock `time` on `date` in zone `tz`, as ISO-8601. A time inside a
 * spring-forward gap moves forward by the gap (luxon's rule); an ambiguous autumn time takes the
 * earlier offset.
 */
export function sendInstant(date: LocalDate, time: string, tz: string): string {
  const m = TIME_RE.exec(time);
  if (!m) throw new RangeError(`time must be HH:mm, got "${time}"`);
  // IANAZone.create caches zones (isValidZone would build an Intl formatter on every call).
  const zone = IANAZone.create(tz);
  if (!zone.isValid) throw new RangeError(`unknown time zone "${tz}"`);
  const [year, month, day] = date.split('-').map(Number);
  const local = DateTime.fromObject({ year, month, day, hour: Number(m[1]), minute: Number(m[2]) }, { zone });
  if (!local.isValid) throw new RangeError(`invalid date "${date}"`);
  const iso = local.toUTC().toISO();
  if (iso === null) throw new RangeError(`invalid date "${date}"`);
  return iso;
}

/** Stored weekdays, if they are a usable set (1–7, at least one); anything else means every working day. */
function validDays(days: unknown): number[] | null {
  if (!Array.isArray(days) || days.length === 0) return null;
  const ok = days.filter((d): d is number => Number.isInteger(d) && d >= 1 && d <= 7);
  return ok.length === days.length ? [...new Set(ok)].sort((a, b) => a - b) : null;
}

/** A stored one-day time, if usable (a date, a valid time, a known slot). */
function validOnce(once: unknown): OneDayTime | null {
  if (typeof once !== 'object' || once === null) return null;
  const { date, time, slot } = once as Partial<OneDayTime>;
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date) || typeof time !== 'string' || !isValidTime(time)) return null;
  return slot === 'morning' || slot === 'end_of_day' ? { date, time, slot } : null;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a local date. */
export function isoWeekday(date: LocalDate): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** True while a pause covers `date`: from `pausedFrom` (if set) until the morning of `pausedUntil`. */
export function isPaused(prefs: EffectivePrefs, date: LocalDate): boolean {
  return prefs.pausedUntil !== null && date < prefs.pausedUntil && (prefs.pausedFrom === null || date >= prefs.pausedFrom);
}

/** Leads: role lead/admin listed in a team's leads, or role lead (their own team). */
export function isLead(person: AgentProfile, teams: readonly Team[]): boolean {
  if (teams.some((team) => team.leads.includes(person.id))) return true;
  return person.role === 'lead';
}

export interface ScheduleOptions {
  /** Teams of the tenant, to recognise leads and apply team defaults. */
  teams?: readonly Team[];
  /** Team defaults by team id. */
  teamPrefs?: Readonly<Record<string, TeamNudgePrefs | undefined>>;
}

/** The nudges one person gets on their local `date`, in send order. */
export function nudgesForPerson(
  date: LocalDate,
  person: AgentProfile,
  prefs: EffectivePrefs,
  roster: readonly RosterEntry[],
  teams: readonly Team[] = [],
): PlannedNudge[] {
  if (prefs.stopped || isPaused(prefs, date)) return [];
  if (prefs.days !== null && !prefs.days.includes(isoWeekday(date))) return [];
  const own = roster.filter((entry) => entry.agent === person.id);
  if (!isWorkingDay(date, person.calendar, own)) return [];
  const at = (time: string) => sendInstant(date, time, person.tz);
  // A one-day time ("明早7点50叫我") replaces that slot's time on its date only.
  const once = prefs.once !== null && prefs.once.date === date ? prefs.once : null;
  const out: PlannedNudge[] = [];
  if (isLead(person, teams)) {
    // A lead's only nudge is the digest: a one-day time of either slot moves it.
    out.push({ user: person.id, kind: 'lead_digest', at: at(once?.time ?? prefs.digestTime), date });
    return out;
  }
  if (person.role !== 'agent') return out;
  const days = workingDaysInMonth(date.slice(0, 7), person.calendar, own);
  const first = days[0] === date;
  const last = days[days.length - 1] === date;
  const morning = once?.slot === 'morning' ? once.time : prefs.morningTime;
  const evening = once?.slot === 'end_of_day' ? once.time : prefs.endOfDayTime;
  out.push({ user: person.id, kind: first ? 'month_start' : 'agent_morning', at: at(morning), date });
  if (last) out.push({ user: person.id, kind: 'month_end', at: at(evening), date });
  else if (prefs.endOfDay || once?.slot === 'end_of_day') out.push({ user: person.id, kind: 'agent_end_of_day', at: at(evening), date });
  return out;
}

/**
 * Every nudge due on each person's local `date`: `prefs` and `rosters` are keyed by person id (missing
 * = defaults / no roster). Sorted by instant, then user, then kind, so output is stable.
 */
export function nudgesFor(
  date: LocalDate,
  people: readonly AgentProfile[],
  prefs: Readonly<Record<string, NudgePrefs | undefined>>,
  rosters: Readonly<Record<string, readonly RosterEntry[] | undefined>>,
  options: ScheduleOptions = {},
): PlannedNudge[] {
  const teams = options.teams ?? [];
  const out: PlannedNudge[] = [];
  for (const person of people) {
    const effective = effectivePrefs(prefs[person.id], options.teamPrefs?.[person.team]);
    out.push(...nudgesForPerson(date, person, effective, rosters[person.id] ?? [], teams));
  }
  return out.sort(
    (a, b) => a.at.localeCompare(b.at) || a.user.localeCompare(b.user) || a.kind.localeCompare(b.kind),
  );
}
