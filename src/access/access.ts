// Role and tenancy rules in one place (docs/design.md "Roles and tenancy"): agents see their own data,
// leads their teams' members, admins the whole tenant. Every cross-person read goes through here.
import type { AgentProfile, Team } from '../domain/types';
import type { Store } from '../store/store';
import { NotAllowedError, UserInputError } from '../errors';

/** Teams the actor leads (by the team's `leads` list or, for role lead, their own team). */
export async function teamsLedBy(store: Store, tenant: string, actor: AgentProfile): Promise<Team[]> {
  const teams = await store.listTeams(tenant);
  if (actor.role === 'admin') return teams;
  return teams.filter((team) => team.leads.includes(actor.id));
}

export function isLeadOrAdmin(actor: AgentProfile): boolean {
  return actor.role === 'lead' || actor.role === 'admin';
}

/** The rule behind reads and writes of a person's data: themself, a lead of their team, or an admin. */
async function isSelfTheirLeadOrAdmin(store: Store, tenant: string, actor: AgentProfile, subject: AgentProfile): Promise<boolean> {
  if (actor.id === subject.id || actor.role === 'admin') return true;
  if (actor.role !== 'lead') return false;
  const teams = await teamsLedBy(store, tenant, actor);
  return teams.some((team) => team.id === subject.team);
}

/** Throws NotAllowedError unless the actor may read `subject`'s data. */
export async function assertCanRead(
  store: Store,
  tenant: string,
  actor: AgentProfile,
  subject: AgentProfile,
): Promise<void> {
  if (await isSelfTheirLeadOrAdmin(store, tenant, actor, subject)) return;
  throw new NotAllowedError('error.not_allowed.other_agent');
}

/** Throws NotAllowedError unless the actor is a lead or admin (team-level intents). */
export function assertLead(actor: AgentProfile): void {
  if (!isLeadOrAdmin(actor)) throw new NotAllowedError('error.not_allowed.lead_only');
}

/**
 * Resolves a person named in a message ("张三的进度") within what the actor may see.
 * Someone outside the actor's scope is reported as not found, so names of other teams don't leak.
 */
export async function resolveSubject(
  store: Store,
  tenant: string,
  actor: AgentProfile,
  name: string | undefined,
): Promise<AgentProfile> {
  if (!name) return actor;
  const wanted = name.trim().toLowerCase();
  if (wanted === actor.name.toLowerCase() || wanted === actor.id.toLowerCase()) return actor;
  if (!isLeadOrAdmin(actor)) throw new NotAllowedError('error.not_allowed.other_agent');
  const teams = await teamsLedBy(store, tenant, actor);
  const candidates = (await Promise.all(teams.map((team) => store.listAgents(tenant, team.id)))).flat();
  const match = candidates.find(
    (agent) => agent.name.toLowerCase() === wanted || agent.id.toLowerCase() === wanted,
  );
  if (!match) throw new UserInputError('error.unknown_person', { name });
  return match;
}

/** Throws NotAllowedError unless the actor may write `subject`'s data (assessments, imports): self, their lead, admin. */
export async function assertCanWrite(
  store: Store,
  tenant: string,
  actor: AgentProfile,
  subject: AgentProfile,
): Promise<void> {
  if (await isSelfTheirLeadOrAdmin(store, tenant, actor, subject)) return;
  throw new NotAllowedError('error.not_allowed.outside_team');
}

/** Throws NotAllowedError unless the actor leads `teamId` (or is an admin of the tenant). */
export async function assertLeadsTeam(store: Store, tenant: string, actor: AgentProfile, teamId: string): Promise<void> {
  assertLead(actor);
  const teams = await teamsLedBy(store, tenant, actor);
  if (!teams.some((team) => team.id === teamId)) throw new NotAllowedError('error.not_allowed.outside_team');
}

/**
 * The teams a lead/admin asks about: those named in `text` (by name or id) among the teams they lead,
 * else all of them. Agents get NotAllowedError; a lead with no team gets UserInputError.
 */
export async function teamsInScope(store: Store, tenant: string, actor: AgentProfile, text = ''): Promise<Team[]> {
  assertLead(actor);
  const teams = await teamsLedBy(store, tenant, actor);
  if (teams.length === 0) throw new UserInputError('error.no_team');
  const lower = text.toLowerCase();
  const names = (team: Team) => (team.name.length >= 2 && lower.includes(team.name.toLowerCase())) || new RegExp(`(^|[^\\w])${escapeRegExp(team.id.toLowerCase())}($|[^\\w])`).test(lower);
  const named = teams.filter(names);
  if (named.length > 0) return named;
  await refuseOtherTeams(store, tenant, teams, lower, names);
  return teams;
}

/** True when `text` names one of the tenant's teams by its name ("电销二组四象限"): a team question even without "团队". */
export async function namesATeam(store: Store, tenant: string, text: string): Promise<boolean> {
  const lower = text.toLowerCase();
  return (await store.listTeams(tenant)).some((team) => team.name.length >= 2 && lower.includes(team.name.toLowerCase()));
}

/**
 * A team the actor does not lead, named by its name, id or lead ("电销二组", "孙强的团队"), is reported as not
 * found: answering with the actor's own team instead would pass one team's figures off as another's.
 */
async function refuseOtherTeams(store: Store, tenant: string, own: Team[], lower: string, names: (team: Team) => boolean): Promise<void> {
  if (!lower) return;
  const ownIds = new Set(own.map((team) => team.id));
  const ownLeads = new Set(own.flatMap((team) => team.leads));
  for (const team of await store.listTeams(tenant)) {
    if (ownIds.has(team.id)) continue;
    if (names(team)) throw new UserInputError('error.unknown_team', { name: team.name });
    for (const leadId of team.leads) {
      if (ownLeads.has(leadId)) continue;
      const lead = await store.getAgent(tenant, leadId);
      if (lead && lead.name.length >= 2 && lower.includes(lead.name.toLowerCase())) throw new UserInputError('error.unknown_team', { name: lead.name });
    }
  }
}

/** Members of the actor's teams whose name appears in `text` (longest name first), for routers that mis-cut a name. */
export async function findNamedMember(store: Store, tenant: string, actor: AgentProfile, text: string): Promise<AgentProfile | null> {
  if (!isLeadOrAdmin(actor)) return null;
  const teams = await teamsLedBy(store, tenant, actor);
  const members = (await Promise.all(teams.map((team) => store.listAgents(tenant, team.id)))).flat();
  const lower = text.toLowerCase();
  const hits = members.filter((m) => m.id !== actor.id && m.name.length >= 2 && lower.includes(m.name.toLowerCase()));
  hits.sort((a, b) => b.name.length - a.name.length || a.id.localeCompare(b.id));
  return hits[0] ?? null;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The person a write (an assessment) is about. Like resolveSubject, but someone of the same tenant outside
 * the actor's teams is refused with NotAllowedError rather than reported as unknown; then assertCanWrite.
 */
export async function resolveWritableSubject(
  store: Store,
  tenant: string,
  actor: AgentProfile,
  name: string | undefined,
): Promise<AgentProfile> {
  let subject: AgentProfile;
  try {
    subject = await resolveSubject(store, tenant, actor, name);
  } catch (error) {
    if (!(error instanceof UserInputError) || !name) throw error;
    const wanted = name.trim().toLowerCase();
    const exists = (await store.listAgents(tenant)).some((a) => a.id.toLowerCase() === wanted || a.name.toLowerCase() === wanted);
    if (exists) throw new NotAllowedError('error.not_allowed.outside_team');
    throw error;
  }
  await assertCanWrite(store, tenant, actor, subject);
  return subject;
}

/** True when `text` names someone of the tenant the actor may not write for (for refusing, not reading). */
export async function namesOutsider(store: Store, tenant: string, actor: AgentProfile, text: string): Promise<boolean> {
  if (actor.role === 'admin') return false;
  const lower = text.toLowerCase();
  const teams = new Set(actor.role === 'lead' ? (await teamsLedBy(store, tenant, actor)).map((team) => team.id) : []);
  return (await store.listAgents(tenant)).some(
    (a) => a.id !== actor.id && !teams.has(a.team) && a.name.length >= 2 && lower.includes(a.name.toLowerCase()),
  );
}
