// 👍/👎 on AI-written answers: the feedback_buttons element (ai.ts) posts a block_actions payload with the
// pressed button's value (rating, intent, cited sections). The vote is stored with recordFeedback under
// the answer's id (`<channel>:<message ts>`) and the voter's agent id — never a Slack id, never text.
import type { App, BlockAction, FeedbackButtonsAction } from '@slack/bolt';
import { recordFeedback } from '../../core/feedback';
import { FEEDBACK_ACTION, decodeFeedbackValue } from './ai';
import { errorFields } from './identity';
import type { SlackRuntime } from './runtime';

/** The voter's agent id: the roster's Slack id, else the e-mail of their Slack profile (as for questions). */
async function agentIdOf(rt: SlackRuntime, client: Parameters<SlackRuntime['refreshHome']>[0], tenant: string, userId: string): Promise<string | null> {
  const bySlack = await rt.store.findAgentByPlatformId(tenant, 'slack', userId);
  if (bySlack) return bySlack.id;
  const info = await rt.directory.lookup(client, tenant, userId);
  if (!info.email) return null;
  const byEmail = await rt.store.findAgentByPlatformId(tenant, 'email', info.email.toLowerCase());
  return byEmail?.id ?? null;
}

export function registerFeedback(app: App, rt: SlackRuntime): void {
  app.action<BlockAction<FeedbackButtonsAction>>({ action_id: FEEDBACK_ACTION }, async ({ ack, body, action, client, context }) => {
    await ack();
    const tenant = context.teamId ?? body.team?.id ?? '';
    const userId = body.user.id;
    const value = decodeFeedbackValue(action.value);
    const channel = body.channel?.id ?? body.container?.channel_id;
    const ts = body.message?.ts ?? body.container?.message_ts;
    if (!value || typeof channel !== 'string' || typeof ts !== 'string') {
      rt.logger.warn({ tenant, userId, hasValue: value !== null }, 'slack feedback without a readable value or message; ignored');
      return;
    }
    try {
      const agent = await agentIdOf(rt, client, tenant, userId);
      if (!agent) {
        rt.logger.info({ tenant, userId, intent: value.i }, 'slack feedback from a person not linked to a profile; not stored');
        return;
      }
      await recordFeedback(rt.store, tenant, {
        answerId: `${channel}:${ts}`,
        platform: 'slack',
        agent,
        intent: value.i,
        citations: value.c,
        rating: value.r,
        at: rt.clock().toISOString(),
      });
      rt.logger.info({ tenant, agent, intent: value.i, rating: value.r }, 'slack feedback stored');
    } catch (error) {
      rt.logger.error({ tenant, userId, err: errorFields(error) }, 'slack feedback could not be stored');
    }
  });
}
