// OAuth installations (one per workspace or Enterprise org) kept in the project's Store as documents:
// tenant = team id (or enterprise id for org-wide installs), kind `slack_installation`. With a cipher
// (INSTALLATION_ENCRYPTION_KEY) the tokens in the document are stored encrypted (token-cipher.ts); a
// document stored before the key was set keeps plaintext tokens and is read as it is. A stored
// installation (OAuth success) resumes the workspace's nudges if its removal had paused them (lifecycle.ts).
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { resumeChannel } from '../../nudges/workspaces';
import type { Store } from '../../store/store';
import { errorFields } from './identity';
import { isEncryptedToken, TokenDecryptionError, type TokenCipher } from './token-cipher';
import type { SlackLogger } from './types';

export const INSTALLATION_KIND = 'slack_installation';
const WORKSPACE_DOC = 'workspace';

type AnyInstallation = Installation<'v1' | 'v2', boolean>;

/** The token fields of an installation (bot and installing user, access and refresh tokens). */
const TOKEN_FIELDS = [
  ['bot', 'token'],
  ['bot', 'refreshToken'],
  ['user', 'token'],
  ['user', 'refreshToken'],
] as const;

export function installationTenant(isEnterpriseInstall: boolean | undefined, enterpriseId: string | undefined, teamId: string | undefined): string {
  const tenant = isEnterpriseInstall && enterpriseId ? enterpriseId : teamId;
  if (!tenant) throw new Error('installation has neither a team id nor an enterprise id');
  return tenant;
}

/** A copy of `installation` with every token field passed through `transform` (context: tenant and field). */
function mapTokens(installation: AnyInstallation, tenant: string, transform: (value: string, context: string) => string): AnyInstallation {
  const copy = { ...installation } as unknown as Record<string, Record<string, unknown> | undefined>;
  for (const [part, field] of TOKEN_FIELDS) {
    const holder = copy[part];
    const value = holder?.[field];
    if (typeof value !== 'string' || value === '') continue;
    copy[part] = { ...holder, [field]: transform(value, `${INSTALLATION_KIND}:${tenant}:${part}.${field}`) };
  }
  return copy as unknown as AnyInstallation;
}

export interface InstallationStoreOptions {
  /** Encrypts tokens at rest (INSTALLATION_ENCRYPTION_KEY); none: stored as Slack returned them. */
  cipher?: TokenCipher;
}

export class StoreInstallationStore implements InstallationStore {
  constructor(
    private readonly store: Store,
    private readonly logger: SlackLogger,
    private readonly options: InstallationStoreOptions = {},
  ) {}

  async storeInstallation<AuthVersion extends 'v1' | 'v2'>(installation: Installation<AuthVersion, boolean>): Promise<void> {
    const tenant = installationTenant(installation.isEnterpriseInstall, installation.enterprise?.id, installation.team?.id);
    const { cipher } = this.options;
    const stored = cipher ? mapTokens(installation, tenant, (value, context) => cipher.encrypt(value, context)) : installation;
    await this.store.putDoc(tenant, INSTALLATION_KIND, WORKSPACE_DOC, stored);
    this.logger.info({ tenant, enterprise: installation.isEnterpriseInstall === true, encrypted: Boolean(cipher) }, 'slack app installed');
    // A reinstall after app_uninstalled / tokens_revoked: the workspace's nudges go out again. If this fails
    // the OAuth callback shows Slack's error page and the admin installs again (the same steps, repeated).
    try {
      const resumed = await resumeChannel(this.store, tenant, 'slack');
      if (resumed.resumed || resumed.cleared.length > 0) {
        this.logger.info({ tenant, cleared: resumed.cleared.length }, 'slack: reinstalled; the workspace nudges resume');
      }
    } catch (error) {
      this.logger.error({ tenant, err: errorFields(error) }, 'slack: installed, but its nudges could not be resumed');
      throw error;
    }
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v1' | 'v2', boolean>> {
    const tenant = installationTenant(query.isEnterpriseInstall, query.enterpriseId, query.teamId);
    const found = await this.read(tenant);
    if (!found) {
      this.logger.warn({ tenant }, 'slack request from a workspace that never installed Lingyan; nothing will be posted');
      throw new Error(`no Slack installation for ${tenant}`);
    }
    return found;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const tenant = installationTenant(query.isEnterpriseInstall, query.enterpriseId, query.teamId);
    await this.store.deleteDoc(tenant, INSTALLATION_KIND, WORKSPACE_DOC);
    this.logger.info({ tenant }, 'slack installation removed');
  }

  /**
   * The bot token of an installed workspace, or null (never installed / removed). Throws when the stored
   * token cannot be decrypted (no key or another key configured): a configuration fault, not an uninstall.
   */
  async botToken(tenant: string): Promise<string | null> {
    const found = await this.read(tenant);
    return found?.bot?.token ?? null;
  }

  /** The stored installation with its tokens in plaintext. */
  private async read(tenant: string): Promise<AnyInstallation | null> {
    const found = await this.store.getDoc<AnyInstallation>(tenant, INSTALLATION_KIND, WORKSPACE_DOC);
    if (!found) return null;
    const { cipher } = this.options;
    try {
      return mapTokens(found, tenant, (value, context) => {
        if (!isEncryptedToken(value)) return value;
        if (!cipher) throw new TokenDecryptionError('the installation is stored encrypted and INSTALLATION_ENCRYPTION_KEY is not set');
        return cipher.decrypt(value, context);
      });
    } catch (error) {
      this.logger.error({ tenant, err: errorFields(error) }, 'slack installation cannot be read');
      throw error;
    }
  }
}
