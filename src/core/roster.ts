// The roster the understanding layer matches names against: everyone of the tenant, each marked with
// whether the asker may ask about them (themself; a lead's members; everyone for an admin).
import type { AgentProfile } from '../domain/types';
import type { Store } from '../store/store';
import type { RosterPerson } from '../understanding';
import { teamsLedBy } from '../access/access';

export async function rosterFor(store: Store, tenant: string, actor: AgentProfile): Promise<RosterPerson[]> {
  if (actor.id.startsWith('guest:')) return [];
  const [people, led] = await Promise.all([
    store.listAgents(tenant),
    actor.role === 'agent' ? Promise.resolve([]) : teamsLedBy(store, tenant, actor),
  ]);
  const ledTeams = new Set(led.map((team) => team.id));
  return people.map((person) => ({
    id: person.id,
    name: person.name,
    inScope: actor.role === 'admin' || person.id === actor.id || ledTeams.has(person.team),
  }));
}
