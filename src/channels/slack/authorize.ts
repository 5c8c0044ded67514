// Single-workspace authorization (SLACK_BOT_TOKEN): the bot's identity from one auth.test, remembered once
// it succeeds. Bolt's own token mode starts that call in its constructor and keeps the promise: if Slack
// is unreachable at start the rejection is unhandled (the process dies) and, had it survived, every later
// event would fail with the cached error. Here a failure is logged and the next event tries again.
import type { Authorize, webApi } from '@slack/bolt';
import { errorFields } from './identity';
import type { SlackLogger } from './types';

interface BotIdentity {
  botId: string;
  botUserId: string;
}

export interface SingleWorkspaceAuthorize {
  authorize: Authorize<boolean>;
  /** Verifies the token now (at start-up) so the first event does not wait; never rejects. */
  warmUp(): Promise<void>;
}

/** `onVerified`: called once, with the workspace's team id, when Slack first accepts the token. */
export function singleWorkspaceAuthorize(botToken: string, client: webApi.WebClient, logger: SlackLogger, onVerified?: (teamId: string) => void): SingleWorkspaceAuthorize {
  let identity: Promise<BotIdentity> | null = null;
  const verify = (): Promise<BotIdentity> => {
    identity ??= client.auth.test({ token: botToken }).then(
      (result) => {
        if (result.team_id) onVerified?.(result.team_id);
        return { botId: result.bot_id ?? '', botUserId: result.user_id ?? '' };
      },
      (error: unknown) => {
        identity = null;
        logger.error({ err: errorFields(error) }, 'slack auth.test failed; the next event tries again');
        throw error;
      },
    );
    return identity;
  };
  return {
    authorize: async () => ({ botToken, ...(await verify()) }),
    warmUp: async () => {
      await verify().catch(() => undefined);
    },
  };
}
