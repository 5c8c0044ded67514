// Modal submissions: raw values → engine.submitForm; field errors go back inline
// (`response_action: errors`), otherwise the modal closes and the reply is posted where it was opened.
import type { App } from '@slack/bolt';
import { FORMS, type FormName } from './action-value';
import type { Destination } from './deliver';
import { errorFields } from './identity';
import { FORM_CALLBACK_PREFIX, decodeOrigin, mapFieldErrors, readValues } from './modals';
import { buildInbound, localeOf, refreshQuietly, requestIdIn, type SlackRuntime } from './runtime';
import { t } from '../../i18n';

function formOf(callbackId: string): FormName | null {
  const name = callbackId.slice(FORM_CALLBACK_PREFIX.length);
  return (FORMS as readonly string[]).includes(name) ? (name as FormName) : null;
}

export function registerSubmissions(app: App, rt: SlackRuntime): void {
  app.view({ callback_id: new RegExp(`^${FORM_CALLBACK_PREFIX}`), type: 'view_submission' }, async ({ ack, body, view, client, context }) => {
    const tenant = context.teamId ?? body.team?.id ?? '';
    const userId = body.user.id;
    const form = formOf(view.callback_id);
    const requestId = requestIdIn(context);
    if (!form) {
      await ack();
      const locale = await localeOf(rt, client, tenant, userId);
      rt.logger.warn({ tenant, userId, callbackId: view.callback_id }, 'slack: submission of an unknown form');
      await rt.delivery.notify(client, { tenant, userId, locale }, { kind: 'dm' }, t(locale, 'slack.error.form_unknown'));
      return;
    }
    const origin = decodeOrigin(view.private_metadata);
    const values = readValues(view.state.values);
    const inbound = await buildInbound(rt, client, {
      tenant,
      userId,
      text: '',
      conversationId: origin.channel ?? userId,
      threadId: origin.threadTs,
      shared: origin.shared ?? false,
      requestId,
      // Each submission has its own trigger_id (a resubmission after a field error gets a new one).
      ...('trigger_id' in body && typeof body.trigger_id === 'string' ? { messageId: `trigger:${body.trigger_id}` } : {}),
    });
    const { text: _text, isCommand: _isCommand, ...base } = inbound;
    let result;
    try {
      result = await rt.engine.submitForm({ ...base, form, values });
    } catch (error) {
      await ack();
      rt.logger.error({ tenant, userId, form, requestId, err: errorFields(error) }, 'slack: engine.submitForm failed');
      const locale = await localeOf(rt, client, tenant, userId);
      await rt.delivery.notify(client, { tenant, userId, locale }, { kind: 'dm' }, t(locale, 'slack.error.internal'));
      return;
    }
    if (result.fieldErrors && Object.keys(result.fieldErrors).length > 0) {
      rt.logger.info({ tenant, userId, form, requestId, fields: Object.keys(result.fieldErrors) }, 'slack form rejected with field errors');
      await ack({ response_action: 'errors', errors: mapFieldErrors(view, result.fieldErrors) });
      return;
    }
    await ack();
    if (result.reply) {
      const dest: Destination = origin.channel
        ? { kind: 'conversation', channel: origin.channel, threadTs: origin.threadTs, shared: origin.shared ?? true }
        : { kind: 'dm' };
      await rt.delivery.deliver(client, { tenant, userId, locale: result.reply.locale }, dest, result.reply);
    }
    if (result.ok) await refreshQuietly(rt, client, tenant, userId, requestId);
  });
}
