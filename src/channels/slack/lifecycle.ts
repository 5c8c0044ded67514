// The install lifecycle: `app_uninstalled`, and `tokens_revoked` naming the bot's token, mean Lingyan can no
// longer act in the workspace. Its installation is removed (OAuth) and its nudges are paused, so the worker
// neither sends nor marks each person dead (src/nudges/workspaces.ts); a reinstall resumes them (OAuth:
// StoreInstallationStore.storeInstallation; one workspace: a new SLACK_BOT_TOKEN that auth.test accepts).
// Bolt runs these two events without authorizing them (the token is gone) and, like every event, acks
// before the listener runs: a listener that fails here is logged, and the next nudge's refused send
// pauses the workspace all the same.
import type { AllMiddlewareArgs, App } from '@slack/bolt';
import { pauseChannel, resumeChannel } from '../../nudges/workspaces';
import type { Store } from '../../store/store';
import { installationTenant, type StoreInstallationStore } from './installation-store';
import type { SlackLogger } from './types';

interface LifecycleDeps {
  store: Store;
  logger: SlackLogger;
  /** OAuth mode: the installations to remove; absent with a single SLACK_BOT_TOKEN. */
  installations?: StoreInstallationStore;
}

type Context = AllMiddlewareArgs['context'];

export function registerLifecycle(app: App, deps: LifecycleDeps): void {
  const removed = async (context: Context, reason: 'app_uninstalled' | 'tokens_revoked'): Promise<void> => {
    const isEnterpriseInstall = context.isEnterpriseInstall === true;
    const tenant = installationTenant(isEnterpriseInstall, context.enterpriseId, context.teamId);
    // Pause first: if removing the installation fails, nothing is sent on it either way.
    await pauseChannel(deps.store, tenant, 'slack', reason);
    await deps.installations?.deleteInstallation({ teamId: context.teamId, enterpriseId: context.enterpriseId, isEnterpriseInstall });
    deps.logger.warn({ tenant, reason }, 'slack: Lingyan was removed from the workspace; its nudges are paused until it is reinstalled');
  };

  app.event('app_uninstalled', async ({ context }) => {
    await removed(context, 'app_uninstalled');
  });

  app.event('tokens_revoked', async ({ event, context }) => {
    const bot = event.tokens.bot ?? [];
    if (bot.length === 0) {
      // Only people's own (user) tokens: Lingyan acts with its bot token alone, which still works.
      deps.logger.info({ tenant: context.teamId, users: (event.tokens.oauth ?? []).length }, 'slack: user tokens revoked; the bot token is unaffected');
      return;
    }
    await removed(context, 'tokens_revoked');
  });
}

/**
 * One workspace (SLACK_BOT_TOKEN): Slack accepted the token (auth.test), so Lingyan is installed there. If a
 * removal had paused its nudges, the operator has since set a new token: resume them.
 */
export async function resumeVerifiedWorkspace(store: Store, logger: SlackLogger, tenant: string): Promise<void> {
  try {
    const result = await resumeChannel(store, tenant, 'slack');
    if (result.resumed || result.cleared.length > 0) logger.info({ tenant, cleared: result.cleared.length }, 'slack: the bot token works again; the workspace nudges resume');
  } catch (error) {
    logger.warn({ tenant, err: (error as Error).message }, 'slack: could not check whether the workspace nudges were paused');
  }
}
