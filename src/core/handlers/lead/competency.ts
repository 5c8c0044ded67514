// Loads a team's assessments and classifies every member with the team's threshold (fixed or median):
// the one place the lead handlers (quadrant, mentors, team, assess) read competency data.
import { classifyTeam, DEFAULT_THRESHOLD, type AxisThreshold, type Classification } from '../../../domain/quadrant';
import type { AgentProfile, Assessment, Team } from '../../../domain/types';
import type { Store } from '../../../store/store';

export interface TeamCompetency {
  team: Team;
  threshold: AxisThreshold;
  /** Members (leads of the team excluded), sorted by id, with their classification. */
  members: Array<{ agent: AgentProfile; classification: Classification }>;
}

/** The people a team's lead looks after: its agents other than its leads. */
export async function teamMembers(store: Store, tenant: string, team: Team): Promise<AgentProfile[]> {
  const agents = await store.listAgents(tenant, team.id);
  return agents.filter((agent) => !team.leads.includes(agent.id) && agent.role !== 'admin');
}

export async function loadTeamCompetency(store: Store, tenant: string, team: Team, members?: AgentProfile[]): Promise<TeamCompetency> {
  const people = members ?? (await teamMembers(store, tenant, team));
  const lists = await Promise.all(people.map((p) => store.listAssessments(tenant, p.id)));
  const byAgent: Record<string, Assessment[]> = {};
  people.forEach((p, i) => (byAgent[p.id] = lists[i]));
  const result = classifyTeam(team, people.map((p) => p.id), byAgent);
  return {
    team,
    threshold: result.threshold,
    members: people.map((agent, i) => ({ agent, classification: result.members[i] })),
  };
}

/**
 * One person's classification against their team's threshold. With a "median" threshold the median is
 * taken over the team (the person included), so it matches what their lead sees.
 */
export async function classifyPerson(store: Store, tenant: string, person: AgentProfile): Promise<{ classification: Classification; threshold: AxisThreshold }> {
  const team = await store.getTeam(tenant, person.team);
  const setting = team ?? { id: person.team, name: person.team, leads: [], quadrantThreshold: DEFAULT_THRESHOLD };
  const members = await teamMembers(store, tenant, setting);
  if (!members.some((m) => m.id === person.id)) members.push(person);
  const competency = await loadTeamCompetency(store, tenant, setting, members);
  const own = competency.members.find((m) => m.agent.id === person.id) as TeamCompetency['members'][number];
  return { classification: own.classification, threshold: competency.threshold };
}

/** Score shown to one decimal (halves and 0.6/0.4 mixes read better rounded). */
export function score1(value: number | null): string {
  return value === null ? '-' : (Math.round(value * 10) / 10).toFixed(1);
}
