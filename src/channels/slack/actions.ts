// Button handlers: "why this number?" (replace the message with one that shows the steps, asking the
// question again or reading a stored copy) and the reply's follow-ups `act:<id>` (route the action's
// text through the engine, or open its form modal).
import type { App, BlockAction, ButtonAction, RespondFn, webApi } from '@slack/bolt';
import { t } from '../../i18n';
import type { Reply } from '../../core/reply';
import { ACTION_PREFIX, WHY_ACTION, decodeActionValue, decodeWhyValue, type FormName, type WhyRef } from './action-value';
import type { Audience, Destination } from './deliver';
import { errorFields } from './identity';
import { buildModal, type FormOrigin } from './modals';
import { answer, buildInbound, isSharedChannel, localeOf, requestIdIn, type AskArgs, type SlackRuntime } from './runtime';
import { classifySlackError, userMessageFor } from './errors';

type Client = webApi.WebClient;

interface Place {
  dest: Destination;
  origin: FormOrigin;
  channel?: string;
}

/** Where to answer a button press: the message's response_url when there is one, else the person's DM. */
function placeOf(body: BlockAction, respond: RespondFn | undefined): Place {
  const channel = body.channel?.id;
  const message = body.message;
  const threadTs = message ? (typeof message.thread_ts === 'string' ? message.thread_ts : message.ts) : undefined;
  const shared = channel ? isSharedChannel(channel) : false;
  if (respond && channel && body.container.type === 'message') {
    return { dest: { kind: 'respond', respond, shared }, origin: { channel, threadTs, shared }, channel };
  }
  return { dest: { kind: 'dm' }, origin: {} };
}

export async function openForm(rt: SlackRuntime, client: Client, audience: Audience, triggerId: string, form: FormName, origin: FormOrigin): Promise<void> {
  try {
    await client.views.open({ trigger_id: triggerId, view: buildModal(form, audience.locale, origin) });
  } catch (error) {
    const failure = classifySlackError(error);
    rt.logger.error({ tenant: audience.tenant, userId: audience.userId, form, failure, err: errorFields(error) }, 'slack views.open failed');
    await rt.delivery.notify(client, audience, { kind: 'dm' }, userMessageFor(failure, audience.locale));
  }
}

interface Click {
  tenant: string;
  userId: string;
  place: Place;
  requestId: string | undefined;
}

/** A question asked by clicking a button: by the person who clicked, where the button's message is. */
function askedAt(click: Click, text: string, isCommand: boolean): AskArgs {
  const { place } = click;
  return {
    tenant: click.tenant,
    userId: click.userId,
    text,
    conversationId: place.channel ?? click.userId,
    threadId: place.origin.threadTs,
    shared: place.dest.kind === 'respond' ? place.dest.shared : false,
    isCommand,
    ...(click.requestId ? { requestId: click.requestId } : {}),
  };
}

/**
 * The reply whose steps a "why" click shows: a stored copy, or the question asked again — as the person
 * who clicked (their access applies), at the instant it was first asked (same "today"), and passive (a
 * dialogue they have open is left alone). Asked again, the numbers are those of the data now, and the
 * card is replaced whole, so numbers and steps always agree.
 */
async function replyToExplain(
  rt: SlackRuntime,
  client: Client,
  ref: WhyRef,
  where: Click,
): Promise<Reply | null> {
  if (ref.kind === 'stored') return rt.delivery.recall(where.tenant, ref.key);
  const inbound = await buildInbound(rt, client, askedAt(where, ref.text, ref.isCommand));
  return rt.engine.handle({ ...inbound, now: new Date(ref.at), passive: true });
}

export function registerActions(app: App, rt: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>(WHY_ACTION, async ({ ack, body, action, client, respond, context }) => {
    await ack();
    const tenant = context.teamId ?? body.team?.id ?? '';
    const userId = body.user.id;
    const ref = decodeWhyValue(action.value);
    const place = placeOf(body, respond);
    let reply: Reply | null;
    try {
      reply = ref ? await replyToExplain(rt, client, ref, { tenant, userId, place, requestId: requestIdIn(context) }) : null;
    } catch (error) {
      const locale = await localeOf(rt, client, tenant, userId);
      rt.logger.error({ tenant, userId, err: errorFields(error) }, 'slack why: asking again failed');
      await rt.delivery.notify(client, { tenant, userId, locale }, place.dest, t(locale, 'slack.error.internal'));
      return;
    }
    if (!reply) {
      const locale = await localeOf(rt, client, tenant, userId);
      rt.logger.warn({ tenant, userId, hasKey: ref !== null }, 'slack why: reply not found (expired or bad value)');
      await rt.delivery.notify(client, { tenant, userId, locale }, place.dest, t(locale, 'slack.why.expired'));
      return;
    }
    if (!reply.why || reply.why.length === 0) {
      // Asked again, the answer has no steps (Redis down: "try again"; the goal was removed): show it as it is.
      await rt.delivery.deliver(client, { tenant, userId, locale: reply.locale }, place.dest, reply);
      return;
    }
    const audience = { tenant, userId, locale: reply.locale };
    if (place.dest.kind === 'respond') {
      const message = rt.renderer.render(reply, { expandWhy: true });
      try {
        await place.dest.respond({ replace_original: true, text: message.text, blocks: message.blocks });
        return;
      } catch (error) {
        rt.logger.warn({ tenant, userId, err: errorFields(error) }, 'slack why: replace_original failed; sending to DM');
      }
    }
    await rt.delivery.deliver(client, audience, { kind: 'dm' }, reply, undefined, { expandWhy: true });
  });

  app.action<BlockAction<ButtonAction>>(new RegExp(`^${ACTION_PREFIX}`), async ({ ack, body, action, client, respond, context }) => {
    await ack();
    const tenant = context.teamId ?? body.team?.id ?? '';
    const userId = body.user.id;
    const value = decodeActionValue(action.value);
    const place = placeOf(body, respond);
    if (!value) {
      const locale = await localeOf(rt, client, tenant, userId);
      rt.logger.warn({ tenant, userId, actionId: action.action_id }, 'slack action with an unreadable value');
      await rt.delivery.notify(client, { tenant, userId, locale }, place.dest, t(locale, 'slack.error.internal'));
      return;
    }
    if (value.f) {
      const locale = await localeOf(rt, client, tenant, userId);
      await openForm(rt, client, { tenant, userId, locale }, body.trigger_id, value.f, place.origin);
      return;
    }
    const text = value.t ?? value.i;
    const asked = askedAt({ tenant, userId, place, requestId: requestIdIn(context) }, text, value.t === undefined);
    await answer(rt, client, { ...asked, messageId: `trigger:${body.trigger_id}` }, place.dest);
  });
}
