// Reads what the schedule needs from the Store (people, teams, preferences, rosters, dead recipients)
// and turns it into planned nudges for a local date. Shared by the queue planner and the dry run.
import { addDays, localDateOf } from '../domain/goals';
import type { AgentProfile, LocalDate, RosterEntry, Team } from '../domain/types';
import type { Store } from '../store/store';
import { effectivePrefs, nudgesForPerson } from './schedule';
import type { EffectivePrefs, NudgePrefs, PlannedNudge, TeamNudgePrefs } from './types';

export const PREFS_KIND = 'nudge_prefs';
export const TEAM_PREFS_KIND = 'nudge_team_prefs';
export const DEAD_KIND = 'nudge_dead';

export interface DeadRecipient {
  agent: string;
  reason: string;
  channel: string;
  at: string;
}

export interface ScheduleInputs {
  people: AgentProfile[];
  teams: Team[];
  prefs: Map<string, NudgePrefs>;
  teamPrefs: Map<string, TeamNudgePrefs>;
  rosters: Map<string, RosterEntry[]>;
  dead: Set<string>;
}

async function inBatches<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

/** Everything about the tenant's people that decides their schedule. */
export async function loadScheduleInputs(store: Store, tenant: string, only?: readonly string[]): Promise<ScheduleInputs> {
  if (only) return loadForPeople(store, tenant, only);
  const [people, teams, prefDocs, teamPrefDocs, deadDocs] = await Promise.all([
    store.listAgents(tenant),
    store.listTeams(tenant),
    store.listDocs<NudgePrefs>(tenant, PREFS_KIND),
    store.listDocs<TeamNudgePrefs>(tenant, TEAM_PREFS_KIND),
    store.listDocs<DeadRecipient>(tenant, DEAD_KIND),
  ]);
  const rosterList = await inBatches(people, 1000, (p) => store.getRoster(tenant, p.id));
  return {
    people,
    teams,
    prefs: new Map(prefDocs.map((p) => [p.agent, p])),
    teamPrefs: new Map(teamPrefDocs.map((p) => [p.team, p])),
    rosters: new Map(people.map((p, i) => [p.id, rosterList[i]])),
    dead: new Set(deadDocs.map((d) => d.agent)),
  };
}

/**
 * The same for a few people (a delivery, a preference change) with point reads only: their own team
 * (and, for leads and admins, every team, to find the ones they lead), prefs, rosters, dead marks.
 */
async function loadForPeople(store: Store, tenant: string, ids: readonly string[]): Promise<ScheduleInputs> {
  const people = (await Promise.all(ids.map((id) => store.getAgent(tenant, id)))).filter((p): p is AgentProfile => p !== null);
  const needAll = people.some((p) => p.role !== 'agent');
  const teamIds = [...new Set(people.map((p) => p.team))];
  const [teams, prefs, teamPrefs, dead, rosters] = await Promise.all([
    needAll
      ? store.listTeams(tenant)
      : Promise.all(teamIds.map((id) => store.getTeam(tenant, id))).then((list) => list.filter((t): t is Team => t !== null)),
    Promise.all(people.map((p) => store.getDoc<NudgePrefs>(tenant, PREFS_KIND, p.id))),
    Promise.all(teamIds.map((id) => store.getDoc<TeamNudgePrefs>(tenant, TEAM_PREFS_KIND, id))),
    Promise.all(people.map((p) => store.getDoc<DeadRecipient>(tenant, DEAD_KIND, p.id))),
    Promise.all(people.map((p) => store.getRoster(tenant, p.id))),
  ]);
  return {
    people,
    teams,
    prefs: new Map(prefs.filter((p): p is NudgePrefs => p !== null).map((p) => [p.agent, p])),
    teamPrefs: new Map(teamPrefs.filter((p): p is TeamNudgePrefs => p !== null).map((p) => [p.team, p])),
    rosters: new Map(people.map((p, i) => [p.id, rosters[i]])),
    dead: new Set(dead.filter((d): d is DeadRecipient => d !== null).map((d) => d.agent)),
  };
}

export function prefsOf(inputs: ScheduleInputs, person: AgentProfile): EffectivePrefs {
  return effectivePrefs(inputs.prefs.get(person.id), inputs.teamPrefs.get(person.team));
}

/** The person's nudges on their local `date` (dead recipients get none). */
export function plannedForPerson(inputs: ScheduleInputs, person: AgentProfile, date: LocalDate): PlannedNudge[] {
  if (inputs.dead.has(person.id)) return [];
  return nudgesForPerson(date, person, prefsOf(inputs, person), inputs.rosters.get(person.id) ?? [], inputs.teams);
}

function sortPlanned(list: PlannedNudge[]): PlannedNudge[] {
  return list.sort((a, b) => a.at.localeCompare(b.at) || a.user.localeCompare(b.user) || a.kind.localeCompare(b.kind));
}

/** Everyone's nudges on their local `date` ("run for date X"). */
export function plannedForDate(inputs: ScheduleInputs, date: LocalDate): PlannedNudge[] {
  return sortPlanned(inputs.people.flatMap((person) => plannedForPerson(inputs, person, date)));
}

/** The local dates the planner covers for a person at `now`: their today and tomorrow. */
export function horizonDates(person: AgentProfile, now: Date, days = 2): LocalDate[] {
  const today = localDateOf(now, person.tz);
  return Array.from({ length: days }, (_, i) => addDays(today, i));
}

/** Everyone's nudges over their own today and tomorrow at `now`. */
export function plannedAround(inputs: ScheduleInputs, now: Date, days = 2): PlannedNudge[] {
  return sortPlanned(
    inputs.people.flatMap((person) => horizonDates(person, now, days).flatMap((date) => plannedForPerson(inputs, person, date))),
  );
}
