// The Assistant side panel: a greeting and suggested prompts per role when a thread starts; for each
// message a "thinking" status, a thread title, and the engine's answer in the thread (streamed natively
// when it is written by the LLM); the status is cleared on every path, success, error or timeout.
import { Assistant } from '@slack/bolt';
import type { Locale } from '../../domain/types';
import { t } from '../../i18n';
import { errorFields } from './identity';
import { LIMITS, truncate } from './limits';
import { answer, localeOf, requestIdIn, type SlackRuntime } from './runtime';

const AGENT_PROMPTS = ['calls_today', 'progress', 'roleplay', 'coach'] as const;
const LEAD_PROMPTS = ['team', 'huddle', 'quadrant', 'mentors'] as const;

export function suggestedPrompts(locale: Locale, role: 'agent' | 'lead'): Array<{ title: string; message: string }> {
  const ids = role === 'lead' ? LEAD_PROMPTS : AGENT_PROMPTS;
  return ids.map((id) => ({ title: t(locale, `slack.prompt.${id}.title`), message: t(locale, `slack.prompt.${id}.message`) }));
}

/** lead for leads and admins (by their linked profile); agent otherwise, including unknown people. */
export async function roleOf(rt: SlackRuntime, tenant: string, userId: string): Promise<'agent' | 'lead'> {
  try {
    const profile = await rt.store.findAgentByPlatformId(tenant, 'slack', userId);
    return profile && profile.role !== 'agent' ? 'lead' : 'agent';
  } catch (error) {
    rt.logger.warn({ tenant, userId, err: errorFields(error) }, 'slack: role lookup failed; showing agent prompts');
    return 'agent';
  }
}

export function createAssistant(rt: SlackRuntime): Assistant {
  return new Assistant({
    // Lingyan keeps no per-thread channel context; a no-op store spares Bolt's conversations.replies reads.
    threadContextStore: { get: async () => ({}), save: async () => undefined },
    threadStarted: async ({ event, setSuggestedPrompts, client, context }) => {
      const tenant = context.teamId ?? '';
      const userId = event.assistant_thread.user_id;
      try {
        const [locale, role] = await Promise.all([localeOf(rt, client, tenant, userId), roleOf(rt, tenant, userId)]);
        const { channel_id: channel, thread_ts: threadTs } = event.assistant_thread;
        const greeting = t(locale, role === 'lead' ? 'slack.assistant.greeting_lead' : 'slack.assistant.greeting');
        await client.chat.postMessage({ channel, thread_ts: threadTs, text: greeting });
        await setSuggestedPrompts({ prompts: suggestedPrompts(locale, role), title: t(locale, 'slack.assistant.prompts_title') });
      } catch (error) {
        rt.logger.error({ tenant, userId, err: errorFields(error) }, 'slack assistant thread start failed');
      }
    },
    // Lingyan does not use the channel the person is viewing; not saving it avoids history reads.
    threadContextChanged: async ({ event }) => {
      rt.logger.debug({ channel: event.assistant_thread.channel_id }, 'slack assistant context changed (unused)');
    },
    userMessage: async ({ message, setStatus, setTitle, client, context }) => {
      if (!('text' in message) || !('user' in message) || typeof message.user !== 'string') return;
      const tenant = context.teamId ?? '';
      const userId = message.user;
      const text = (message.text ?? '').trim();
      const threadTs = 'thread_ts' in message && typeof message.thread_ts === 'string' ? message.thread_ts : message.ts;
      let locale: Locale | undefined;
      try {
        locale = await localeOf(rt, client, tenant, userId);
        await setStatus(t(locale, 'slack.thinking'));
        if (text.length > 0) await setTitle(truncate(t(locale, 'slack.assistant.title', { topic: text }), LIMITS.headerText));
      } catch (error) {
        // Status and title are cosmetic; the answer still goes out.
        rt.logger.warn({ tenant, userId, err: errorFields(error) }, 'slack assistant status/title failed');
      }
      const dest = { kind: 'conversation' as const, channel: message.channel, threadTs, shared: false };
      try {
        // answer() replies with a short localized error itself when the engine fails or times out.
        await answer(
          rt,
          client,
          { tenant, userId, text, conversationId: message.channel, threadId: threadTs, shared: false, requestId: requestIdIn(context), messageId: `${message.channel}:${message.ts}` },
          dest,
          { channel: message.channel, threadTs },
        );
      } catch (error) {
        // Anything else (the user lookup, the store): still a reply, never a silent "thinking…".
        rt.logger.error({ tenant, userId, requestId: requestIdIn(context), err: errorFields(error) }, 'slack assistant answer failed');
        const shown = locale ?? rt.directory.cachedLocale(tenant, userId);
        await rt.delivery.notify(client, { tenant, userId, locale: shown }, dest, t(shown, 'slack.error.internal'));
      } finally {
        // Slack clears the status when the app replies, but not when a reply failed or never came: clear it on every path.
        await setStatus('').catch((error: unknown) => {
          rt.logger.warn({ tenant, userId, err: errorFields(error) }, 'slack assistant status could not be cleared');
        });
      }
    },
  });
}
