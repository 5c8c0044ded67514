// Message shortcut "coach me on this customer reply": the chosen message's text goes to the engine as
// a coaching question ("coach: …"); the answer is private, so it goes to the person's DM.
import type { App, MessageShortcut } from '@slack/bolt';
import { t } from '../../i18n';
import { errorFields } from './identity';
import { answer, localeOf, requestIdIn, type SlackRuntime } from './runtime';

export const COACH_SHORTCUT = 'coach_on_message';

export function registerShortcuts(app: App, rt: SlackRuntime): void {
  app.shortcut<MessageShortcut>({ callback_id: COACH_SHORTCUT, type: 'message_action' }, async ({ ack, shortcut, client, context }) => {
    await ack();
    const tenant = context.teamId ?? shortcut.team?.id ?? '';
    const userId = shortcut.user.id;
    const quoted = (shortcut.message.text ?? '').trim();
    const requestId = requestIdIn(context);
    try {
      if (quoted.length === 0) {
        const locale = await localeOf(rt, client, tenant, userId);
        await rt.delivery.notify(client, { tenant, userId, locale }, { kind: 'dm' }, t(locale, 'slack.shortcut.empty'));
        return;
      }
      await answer(
        rt,
        client,
        { tenant, userId, text: `coach: ${quoted}`, conversationId: shortcut.channel.id, shared: false, requestId },
        { kind: 'dm' },
      );
    } catch (error) {
      rt.logger.error({ tenant, userId, requestId, err: errorFields(error) }, 'slack coach_on_message failed');
    }
  });
}
