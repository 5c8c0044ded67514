// Messages: `@Lingyan …` in channels (answered in the thread) and direct messages to the bot
// (answered in the DM). A streamed (LLM) answer is a reply in the question's thread: Slack's native
// streaming only replies to a request (stream.ts).
import type { App } from '@slack/bolt';
import { z } from 'zod';
import { errorFields } from './identity';
import { downloadTableFile, sharedFileSchema } from './files';
import { t } from '../../i18n';
import { answer, isSharedChannel, localeOf, requestIdIn, type SlackRuntime } from './runtime';

const messageSchema = z.object({
  channel: z.string(),
  user: z.string(),
  text: z.string().optional(),
  ts: z.string(),
  thread_ts: z.string().optional(),
  channel_type: z.string().optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  files: z.array(sharedFileSchema).optional(),
});

/** Removes mentions of the bot (`<@U123>` or `<@U123|name>`) and tidies whitespace. */
export function stripMention(text: string, botUserId: string | undefined): string {
  const pattern = botUserId ? new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g') : /^\s*<@[UW][A-Z0-9]+(\|[^>]*)?>/;
  return text.replace(pattern, ' ').replace(/\s+/g, ' ').trim();
}

export function registerMessages(app: App, rt: SlackRuntime): void {
  app.event('app_mention', async ({ event, client, context }) => {
    const parsed = messageSchema.safeParse(event);
    if (!parsed.success) {
      rt.logger.warn({ issues: parsed.error.issues.length }, 'slack app_mention without user/channel ignored');
      return;
    }
    const m = parsed.data;
    const tenant = context.teamId ?? '';
    const threadTs = m.thread_ts ?? m.ts;
    const shared = isSharedChannel(m.channel, m.channel_type);
    try {
      await answer(
        rt,
        client,
        { tenant, userId: m.user, text: stripMention(m.text ?? '', context.botUserId), conversationId: m.channel, threadId: threadTs, shared, requestId: requestIdIn(context), messageId: `${m.channel}:${m.ts}` },
        { kind: 'conversation', channel: m.channel, threadTs, shared },
        { channel: m.channel, threadTs, messageTs: m.ts },
      );
    } catch (error) {
      rt.logger.error({ tenant, userId: m.user, requestId: requestIdIn(context), err: errorFields(error) }, 'slack app_mention failed');
    }
  });

  app.message(async ({ message, client, context }) => {
    const parsed = messageSchema.safeParse(message);
    if (!parsed.success) return;
    const m = parsed.data;
    // Only people's DMs (plain or with a file): edits, joins, bot posts and channel chatter are not questions for us.
    const fileShare = m.subtype === 'file_share' && (m.files?.length ?? 0) > 0;
    if (m.channel_type !== 'im' || (m.subtype !== undefined && !fileShare) || m.bot_id !== undefined) return;
    const tenant = context.teamId ?? '';
    let attachment;
    if (fileShare) {
      const downloaded = await downloadTableFile(m.files ?? [], context.botToken);
      if (typeof downloaded === 'string') {
        const locale = await localeOf(rt, client, tenant, m.user);
        rt.logger.warn({ tenant, userId: m.user, problem: downloaded }, 'slack file share not imported');
        await client.chat.postMessage({ channel: m.channel, text: t(locale, `slack.file.${downloaded}`) }).catch(() => undefined);
        return;
      }
      attachment = downloaded;
    }
    try {
      await answer(
        rt,
        client,
        {
          tenant,
          userId: m.user,
          // A file sent without words is an import request.
          text: stripMention(m.text ?? '', context.botUserId) || (attachment ? '/coach import' : ''),
          conversationId: m.channel,
          threadId: m.thread_ts,
          shared: false,
          isCommand: !m.text && attachment !== undefined,
          ...(attachment ? { attachment } : {}),
          requestId: requestIdIn(context),
          messageId: `${m.channel}:${m.ts}`,
        },
        { kind: 'conversation', channel: m.channel, threadTs: m.thread_ts, shared: false },
        { channel: m.channel, threadTs: m.thread_ts, messageTs: m.ts },
      );
    } catch (error) {
      rt.logger.error({ tenant, userId: m.user, requestId: requestIdIn(context), err: errorFields(error) }, 'slack DM failed');
    }
  });
}
