// Button handlers: "why this number?" (replace the message with one that shows the steps) and the
// reply's follow-ups `act:<id>` (route the action's text through the engine, or open its form modal).
import type { App, BlockAction, ButtonAction, RespondFn, webApi } from '@slack/bolt';
import { t } from '../../i18n';
import { ACTION_PREFIX, WHY_ACTION, decodeActionValue, decodeWhyValue, type FormName } from './action-value';
import type { Audience, Destination } from './deliver';
import { errorFields } from './identity';
import { buildModal, type FormOrigin } from './modals';
import { answer, isSharedChannel, localeOf, requestIdIn, type SlackRuntime } from './runtime';
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

export function registerActions(app: App, rt: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>(WHY_ACTION, async ({ ack, body, action, client, respond, context }) => {
    await ack();
    const tenant = context.teamId ?? body.team?.id ?? '';
    const userId = body.user.id;
    const key = decodeWhyValue(action.value);
    const reply = key ? await rt.delivery.recall(tenant, key) : null;
    const place = placeOf(body, respond);
    if (!reply) {
      const locale = await localeOf(rt, client, tenant, userId);
      rt.logger.warn({ tenant, userId, hasKey: key !== null }, 'slack why: reply not found (expired or bad value)');
      await rt.delivery.notify(client, { tenant, userId, locale }, place.dest, t(locale, 'slack.why.expired'));
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
    await answer(
      rt,
      client,
      {
        tenant,
        userId,
        text,
        conversationId: place.channel ?? userId,
        threadId: place.origin.threadTs,
        shared: place.dest.kind === 'respond' ? place.dest.shared : false,
        isCommand: value.t === undefined,
        requestId: requestIdIn(context),
      },
      place.dest,
    );
  });
}
