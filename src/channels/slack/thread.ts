// A reply in a Slack thread sees the thread (issue 23, item 5): the earlier messages of the thread it was
// sent in (conversations.replies), limited to what belongs to the person asking, redacted and trimmed to a
// token budget (coaching/conversation.ts threadTurns), go with the message to the engine; the coach prompt
// reads them as conversation turns. Nothing is stored.
//
// Whose messages: in a DM or an Assistant thread (the person's own conversation with Lingyan) the person's
// and Lingyan's messages. In a channel, only a thread the person started, and in it only their own messages
// and Lingyan's answers right after them: other people's messages, and Lingyan's answers to them, never go.
import type { webApi } from '@slack/bolt';
import { threadTurns, type ThreadMessage, type Turn } from '../../coaching/conversation';
import { errorFields } from './identity';
import type { SlackLogger } from './types';

/** Messages of the thread read back (Slack's page size; the token budget cuts further). */
export const THREAD_FETCH_LIMIT = 50;

export interface ThreadPlace {
  userId: string;
  conversationId: string;
  threadId?: string;
  shared: boolean;
  /** "<channel>:<ts>" for a message event (the only case a thread is read for). */
  messageId?: string;
}

interface SlackMessage {
  ts?: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
  text?: string;
}

const isBot = (m: SlackMessage) => Boolean(m.bot_id) || m.subtype === 'bot_message';

/** The messages of a thread the asker may have as context, oldest first, without the message being answered. */
export function ownThread(messages: readonly SlackMessage[], place: Required<Pick<ThreadPlace, 'userId' | 'shared'>> & { currentTs: string }): ThreadMessage[] {
  const earlier = messages.filter((m) => m.ts !== place.currentTs && (m.ts === undefined || m.ts < place.currentTs));
  if (!place.shared) return earlier.filter((m) => m.user === place.userId || isBot(m)).map((m) => ({ fromBot: isBot(m), text: m.text ?? '' }));
  // A channel thread someone else started is not the asker's: nothing of it goes.
  if (messages[0]?.user !== place.userId) return [];
  const out: ThreadMessage[] = [];
  let lastWasAsker = false;
  for (const m of earlier) {
    if (m.user === place.userId && !isBot(m)) {
      out.push({ fromBot: false, text: m.text ?? '' });
      lastWasAsker = true;
    } else if (isBot(m) && lastWasAsker) {
      out.push({ fromBot: true, text: m.text ?? '' });
      lastWasAsker = false;
    } else lastWasAsker = false;
  }
  return out;
}

/**
 * The thread a message event was sent in, as conversation turns (empty for a message that starts no reply,
 * a click or a command, or when Slack cannot be asked: the answer then simply has no thread context).
 */
export async function threadContext(client: webApi.WebClient, place: ThreadPlace, logger: SlackLogger): Promise<Turn[]> {
  const event = /^([^:]+):(\d+\.\d+)$/.exec(place.messageId ?? '');
  if (!place.threadId || !event || event[2] === place.threadId) return [];
  try {
    const result = await client.conversations.replies({ channel: place.conversationId, ts: place.threadId, limit: THREAD_FETCH_LIMIT });
    const messages = (result.messages ?? []) as SlackMessage[];
    return threadTurns(ownThread(messages, { userId: place.userId, shared: place.shared, currentTs: event[2] }));
  } catch (error) {
    logger.debug({ userId: place.userId, err: errorFields(error) }, 'slack: thread not read (answered without it)');
    return [];
  }
}
