// OAuth installations (one per workspace or Enterprise org) kept in the project's Store as documents:
// tenant = team id (or enterprise id for org-wide installs), kind `slack_installation`.
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Store } from '../../store/store';
import type { SlackLogger } from './types';

export const INSTALLATION_KIND = 'slack_installation';
const WORKSPACE_DOC = 'workspace';

type AnyInstallation = Installation<'v1' | 'v2', boolean>;

function tenantOf(isEnterpriseInstall: boolean | undefined, enterpriseId: string | undefined, teamId: string | undefined): string {
  const tenant = isEnterpriseInstall && enterpriseId ? enterpriseId : teamId;
  if (!tenant) throw new Error('installation has neither a team id nor an enterprise id');
  return tenant;
}

export class StoreInstallationStore implements InstallationStore {
  constructor(
    private readonly store: Store,
    private readonly logger: SlackLogger,
  ) {}

  async storeInstallation<AuthVersion extends 'v1' | 'v2'>(installation: Installation<AuthVersion, boolean>): Promise<void> {
    const tenant = tenantOf(installation.isEnterpriseInstall, installation.enterprise?.id, installation.team?.id);
    await this.store.putDoc(tenant, INSTALLATION_KIND, WORKSPACE_DOC, installation);
    this.logger.info({ tenant, enterprise: installation.isEnterpriseInstall === true }, 'slack app installed');
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v1' | 'v2', boolean>> {
    const tenant = tenantOf(query.isEnterpriseInstall, query.enterpriseId, query.teamId);
    const found = await this.store.getDoc<AnyInstallation>(tenant, INSTALLATION_KIND, WORKSPACE_DOC);
    if (!found) {
      this.logger.warn({ tenant }, 'slack request from a workspace that never installed Lingyan; nothing will be posted');
      throw new Error(`no Slack installation for ${tenant}`);
    }
    return found;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const tenant = tenantOf(query.isEnterpriseInstall, query.enterpriseId, query.teamId);
    await this.store.deleteDoc(tenant, INSTALLATION_KIND, WORKSPACE_DOC);
    this.logger.info({ tenant }, 'slack installation removed');
  }

  /** The bot token of an installed workspace, or null (never installed / removed). */
  async botToken(tenant: string): Promise<string | null> {
    const found = await this.store.getDoc<AnyInstallation>(tenant, INSTALLATION_KIND, WORKSPACE_DOC);
    return found?.bot?.token ?? null;
  }
}
