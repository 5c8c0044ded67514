// The roster the understanding layer matches names against: everyone of the tenant (the store's cached
// array, so the name index is built once per change of the roster) and whether the asker may ask about
// each (themself; a lead's members; everyone for an admin).
import type { AgentProfile } from '../domain/types';
import type { Store } from '../store/store';
import type { ScopedRoster } from '../understanding';
import { teamsLedBy } from '../access/access';

const NOBODY: ScopedRoster<AgentProfile> = { people: [], inScope: () => false };

export async function rosterFor(store: Store, tenant: string, actor: AgentProfile): Promise<ScopedRoster<AgentProfile>> {
  if (actor.id.startsWith('guest:')) return NOBODY;
  const [people, led] = await Promise.all([
    store.listAgents(tenant),
    actor.role === 'agent' ? Promise.resolve([]) : teamsLedBy(store, tenant, actor),
  ]);
  const ledTeams = new Set(led.map((team) => team.id));
  return { people, inScope: (person) => actor.role === 'admin' || person.id === actor.id || ledTeams.has(person.team) };
}
