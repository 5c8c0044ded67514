// `/coach <sub> [args]`: ack at once (3-second rule), then ask the engine with isCommand and answer
// through the command's response_url (works in any channel, even where the bot is not a member).
import type { App } from '@slack/bolt';
import { answer, handOff, isSharedChannel, requestIdIn, type SlackRuntime } from './runtime';
import { errorFields } from './identity';

export const COMMAND = '/coach';

export function registerCommands(app: App, rt: SlackRuntime): void {
  app.command(COMMAND, async ({ command, ack, respond, client, context }) => {
    const release = await rt.gate.enter();
    await ack();
    const tenant = context.teamId ?? command.team_id;
    const userId = command.user_id;
    const channelId = command.channel_id;
    const text = command.text.trim();
    const requestId = requestIdIn(context);
    // The answer runs detached from Bolt's request, holding only these fields (see handOff).
    handOff(rt, '/coach', async () => {
      try {
        await answer(
          rt,
          client,
          {
            tenant,
            userId,
            // `/coach` alone lists what Lingyan can do.
            text: text.length > 0 ? text : 'help',
            conversationId: channelId,
            shared: isSharedChannel(channelId),
            isCommand: true,
            requestId,
          },
          { kind: 'respond', respond, shared: isSharedChannel(channelId) },
        );
      } catch (error) {
        rt.logger.error({ tenant, userId, requestId, err: errorFields(error) }, 'slack /coach failed');
      } finally {
        release();
      }
    });
  });
}
