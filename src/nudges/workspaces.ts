// A workspace's nudges paused on one channel while Lingyan is not installed there (Slack `app_uninstalled`,
// `tokens_revoked`, or a send refused because the workspace's token no longer works), and resumed by a
// reinstall. While paused, deliveries on that channel are skipped: nothing is sent and no person is marked
// dead for what is the workspace's state. A reinstall lifts the pause and removes the dead marks that the
// lost installation left (reasons below); marks about one person (user_not_found, …) stay.
import type { Store } from '../store/store';
import { DEAD_KIND, type DeadRecipient } from './planning';
import type { NudgeChannelKind } from './types';

/** Store doc `nudge_channel_pause/<channel>` in the tenant: the channel's nudges are paused. */
export const CHANNEL_PAUSE_KIND = 'nudge_channel_pause';

export interface ChannelPause {
  channel: NudgeChannelKind;
  /** What paused it: `app_uninstalled`, `tokens_revoked`, or `send:<platform error>`. */
  reason: string;
  at: string;
}

/**
 * Slack delivery failures that are about the workspace's token (the app removed, the token revoked or
 * lacking a scope), not about the person: every DM of the workspace would fail the same way.
 */
export const SLACK_WORKSPACE_REASONS: ReadonlySet<string> = new Set([
  'not_installed',
  'invalid_auth',
  'token_revoked',
  'token_expired',
  'not_authed',
  'account_inactive',
  'team_access_not_granted',
  'missing_scope',
]);

/** The channels whose nudges are paused in `tenant` (one small read). */
export async function pausedChannels(store: Store, tenant: string): Promise<Set<NudgeChannelKind>> {
  const docs = await store.listDocs<ChannelPause>(tenant, CHANNEL_PAUSE_KIND);
  return new Set(docs.map((doc) => doc.channel));
}

export async function pauseChannel(store: Store, tenant: string, channel: NudgeChannelKind, reason: string, at: Date = new Date()): Promise<void> {
  const doc: ChannelPause = { channel, reason, at: at.toISOString() };
  await store.putDoc(tenant, CHANNEL_PAUSE_KIND, channel, doc);
}

export interface ResumeResult {
  /** A pause was lifted. */
  resumed: boolean;
  /** People whose dead mark was left by the lost installation and is now removed. */
  cleared: string[];
}

/** Lifts the pause of `channel` in `tenant` and removes the dead marks its lost installation left. */
export async function resumeChannel(store: Store, tenant: string, channel: NudgeChannelKind): Promise<ResumeResult> {
  const [pause, dead] = await Promise.all([
    store.getDoc<ChannelPause>(tenant, CHANNEL_PAUSE_KIND, channel),
    store.listDocs<DeadRecipient>(tenant, DEAD_KIND),
  ]);
  const left = dead.filter((mark) => mark.channel === channel && channel === 'slack' && SLACK_WORKSPACE_REASONS.has(mark.reason));
  await Promise.all(left.map((mark) => store.deleteDoc(tenant, DEAD_KIND, mark.agent)));
  if (pause) await store.deleteDoc(tenant, CHANNEL_PAUSE_KIND, channel);
  return { resumed: pause !== null, cleared: left.map((mark) => mark.agent).sort() };
}
