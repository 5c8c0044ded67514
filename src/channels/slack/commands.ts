// `/coach <sub> [args]`: ask the engine with isCommand; an answer ready within the ack deadline is the
// ack's body (one HTTP exchange), a slower one is acked empty and answered through the command's
// response_url (works in any channel, even where the bot is not a member), as are later parts.
import type { AllMiddlewareArgs, AnyMiddlewareArgs, App, RespondFn, SlackCommandMiddlewareArgs } from '@slack/bolt';
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
  const arrived = Date.now();
  const tenant = context.teamId ?? command.team_id;
  const userId = command.user_id;
  if (!(await rt.gate.admit())) {
    // The backlog stayed too long to answer in good time: say so now rather than queue it (admission.ts).
    commandsShed.inc({ channel: 'slack' });
    rt.logger.warn({ tenant, userId, queued: rt.gate.queued }, 'slack /coach turned away: answer queue full');
    await ack({ response_type: 'ephemeral', text: t(rt.directory.cachedLocale(tenant, userId), 'slack.busy') });
    return;
  }
  const channelId = command.channel_id;
  const shared = isSharedChannel(channelId);
  const text = command.text.trim();
  const requestId = requestIdIn(context);

  // "Answer in the ack" (issue 24): the first message of the answer goes in the ack's body when it is ready
  // within `ackAnswerMs` (anything that needs no LLM: numbers come in milliseconds); a slower answer is
  // acked empty at the deadline and follows through response_url, like every later part.
  let acked = false;
  let signalAcked: () => void = () => undefined;
  const ackedNow = new Promise<void>((resolve) => (signalAcked = resolve));
  const ackOnce = async (body?: Parameters<typeof ack>[0]): Promise<boolean> => {
    if (acked) return false;
    acked = true;
    signalAcked();
    await ack(body);
    return true;
  };
  const respondFirstInAck = (async (message: Parameters<RespondFn>[0]) => {
    if (typeof message !== 'string' && !acked) {
      // The ack carries what a response would: text, blocks and whether the channel sees it.
      const blocks = 'blocks' in message ? message.blocks : undefined;
      const body = { ...(message.response_type ? { response_type: message.response_type } : {}), text: message.text ?? ' ', ...(blocks ? { blocks } : {}) };
      if (await ackOnce(body)) return undefined;
    }
    return respond(message);
  }) as RespondFn;

  // ackAnswerMs 0: always ack empty first (the answer follows via response_url).
  if (rt.ackAnswerMs <= 0) await ackOnce();
  // The answer runs detached from Bolt's request, holding only these fields (see handOff).
  const work = (async () => {
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
        { kind: 'respond', respond: respondFirstInAck, shared },
      );
    } catch (error) {
      rt.logger.error({ tenant, userId, requestId, err: errorFields(error) }, 'slack /coach failed');
    } finally {
      release();
    }
  })();
  // Slack waits 3 s for the ack; the wait for admission counts against it.
  const deadline = Math.max(0, Math.min(rt.ackAnswerMs, ACK_BUDGET_MS - (Date.now() - arrived)));
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([ackedNow, work, new Promise<void>((resolve) => (timer = setTimeout(resolve, deadline)))]);
  if (timer) clearTimeout(timer);
  if (await ackOnce()) rt.logger.debug({ tenant, userId, requestId }, 'slack /coach answer not ready by the ack; following via response_url');
  handOff(rt, '/coach', () => work);
}

/** Of Slack's 3 s for an ack, what Lingyan spends at most before acking (the rest is the network's). */
const ACK_BUDGET_MS = 2500;
