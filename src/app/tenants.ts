// The tenants this deployment serves (Slack workspaces, Teams tenants, seeded data), remembered in the
// store under a system tenant so the nudge planner knows whom to plan for after any restart.
import type { Store } from '../store/store';

const SYSTEM_TENANT = '_system';
const KIND = 'tenant';

/** Remembers `tenant` once per process (one small write, then a no-op). */
export class TenantRegistry {
  private readonly seen = new Set<string>();

  constructor(private readonly store: Store) {}

  async remember(tenant: string): Promise<void> {
    if (!tenant || tenant === SYSTEM_TENANT || this.seen.has(tenant)) return;
    await this.store.putDoc(SYSTEM_TENANT, KIND, tenant, { id: tenant });
    this.seen.add(tenant);
  }

  async list(): Promise<string[]> {
    const docs = await this.store.listDocs<{ id: string }>(SYSTEM_TENANT, KIND);
    return docs.map((doc) => doc.id).sort();
  }
}
