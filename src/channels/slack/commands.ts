// `/coach <sub> [args]`: ack at once (3-second rule), then ask the engine with isCommand and answer
// through the command's response_url (works in any channel, even where the bot is not a member).
import type { AllMiddlewareArgs, AnyMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { answer, handOff, isSharedChannel, requestIdIn, type SlackRuntime } from './runtime';
import { errorFields } from './identity';
import { t } from '../../i18n';
import { commandsShed } from '../../metrics';

export const COMMAND = '/coach';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * `/coach` is Lingyan's busiest request, so it is served by a global middleware that answers it and
 * ends the chain, instead of `app.command`: Bolt runs every registered listener's matcher chain for
 * every request (about ten here, each a few async steps), and that state lives until the ack. Measured
 * with bench:load, skipping it cut CPU per command by ≈ 15 % and the p99 ack latency at 10–50
 * connections by a quarter (docs/operations.md, session 6). Register it after the event deduper and
 * before the Assistant, whose middleware has nothing to do with commands.
 */
export function registerCommands(app: App, rt: SlackRuntime): void {
  app.use(async (args: AnyMiddlewareArgs & AllMiddlewareArgs) => {
    if (!('command' in args) || args.command?.command !== COMMAND) {
      await args.next();
      return;
    }
    await answerCommand(rt, args);
  });
}

async function answerCommand(rt: SlackRuntime, { command, ack, respond, client, context }: CommandArgs): Promise<void> {
  const tenant = context.teamId ?? command.team_id;
  const userId = command.user_id;
  if (!(await rt.gate.admit())) {
    // The backlog stayed too long to answer in good time: say so now rather than queue it (admission.ts).
    commandsShed.inc({ channel: 'slack' });
    rt.logger.warn({ tenant, userId, queued: rt.gate.queued }, 'slack /coach turned away: answer queue full');
    await ack({ response_type: 'ephemeral', text: t(rt.directory.cachedLocale(tenant, userId), 'slack.busy') });
    return;
  }
  await ack();
  const channelId = command.channel_id;
  const shared = isSharedChannel(channelId);
  const text = command.text.trim();
  const requestId = requestIdIn(context);
  // The answer runs detached from Bolt's request, holding only these fields (see handOff).
  handOff(rt, '/coach', async () => {
    const release = await rt.gate.enter();
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
          shared,
          isCommand: true,
          requestId,
          messageId: `trigger:${command.trigger_id}`,
        },
        { kind: 'respond', respond, shared },
      );
    } catch (error) {
      rt.logger.error({ tenant, userId, requestId, err: errorFields(error) }, 'slack /coach failed');
    } finally {
      release();
    }
  });
}
