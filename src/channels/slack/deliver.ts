// Puts a rendered Reply where the question was (thread, response_url, DM), moves private replies
// out of shared channels, uploads charts/files, and turns Slack API failures into a notice + log line.
import { randomUUID } from 'node:crypto';
import type { RespondFn, webApi } from '@slack/bolt';
import type { Reply } from '../../core/reply';
import type { Locale } from '../../domain/types';
import { t } from '../../i18n';
import type { Store } from '../../store/store';
import { replayRef, type WhyRef } from './action-value';
import type { SlackRenderer } from './blocks';
import { classifySlackError, userMessageFor } from './errors';
import { errorFields } from './identity';
import type { SlackLogger } from './types';

export interface Audience {
  tenant: string;
  userId: string;
  locale: Locale;
}

export type Destination =
  /** A channel/DM/thread the bot posts in; `updateTs` replaces a message posted earlier (streaming). */
  | { kind: 'conversation'; channel: string; threadTs?: string; shared: boolean; updateTs?: string }
  /** A slash command's or interaction's response_url. */
  | { kind: 'respond'; respond: RespondFn; shared: boolean; replaceOriginal?: boolean }
  /** The person's DM with the bot. */
  | { kind: 'dm' };

export const WHY_SESSION_PREFIX = 'slack:why:';
/** A "why" button works for two days (yesterday's card next morning); older ones say it expired. */
const WHY_TTL_SECONDS = 2 * 24 * 3600;

type Client = webApi.WebClient;

export interface DeliverOptions {
  /** Show the explanation steps inline (the "why" button was pressed). */
  expandWhy?: boolean;
  /** The question this reply answers, for its "why" button to ask again. */
  question?: { text: string; isCommand: boolean; at: Date };
}

export class ReplyDelivery {
  constructor(
    private readonly store: Store,
    private readonly renderer: SlackRenderer,
    private readonly logger: SlackLogger,
  ) {}

  /** Never throws. */
  async deliver(
    client: Client,
    audience: Audience,
    dest: Destination,
    reply: Reply,
    note?: string,
    options: DeliverOptions = {},
  ): Promise<void> {
    if (dest.kind !== 'dm' && dest.shared && reply.visibility === 'private') {
      await this.deliver(client, audience, { kind: 'dm' }, reply, undefined, options);
      await this.notify(client, audience, dest, t(audience.locale, 'slack.moved_to_dm'));
      return;
    }
    const why = options.expandWhy ? undefined : await this.whyRef(audience.tenant, reply, options.question);
    // An answer too long for one message goes out as several, in order (response_url takes at most 5).
    const parts = this.renderer.renderParts(reply, { why, note, expandWhy: options.expandWhy, feedback: true, maxParts: dest.kind === 'respond' ? 5 : 10 });
    let uploadTarget: { channel: string; threadTs?: string } | undefined;
    let sent = 0;
    try {
      if (dest.kind === 'respond') {
        for (const [index, message] of parts.entries()) {
          await dest.respond({
            // Private replies only reach here outside shared channels (e.g. a DM between two people): ephemeral.
            response_type: reply.error || reply.visibility === 'private' ? 'ephemeral' : 'in_channel',
            replace_original: index === 0 ? (dest.replaceOriginal ?? false) : false,
            text: message.text,
            blocks: message.blocks,
          });
          sent += 1;
        }
      } else {
        const target = dest.kind === 'dm' ? { channel: await this.openDm(client, audience.userId), shared: false } : dest;
        const threadTs = dest.kind === 'conversation' ? dest.threadTs : undefined;
        for (const [index, message] of parts.entries()) {
          if (index === 0 && dest.kind === 'conversation' && dest.updateTs) {
            await client.chat.update({ channel: target.channel, ts: dest.updateTs, text: message.text, blocks: message.blocks });
          } else {
            await client.chat.postMessage({ channel: target.channel, thread_ts: threadTs, text: message.text, blocks: message.blocks });
          }
          sent += 1;
        }
        uploadTarget = { channel: target.channel, threadTs };
      }
    } catch (error) {
      if (sent === 0) {
        await this.handleFailure(client, audience, dest, reply, error);
        return;
      }
      // Part of a long answer is out: say the rest did not arrive rather than leave it cut silently.
      const failure = classifySlackError(error);
      this.logger.error(
        { tenant: audience.tenant, userId: audience.userId, dest: dest.kind, intent: reply.intent, sent, parts: parts.length, failure, err: errorFields(error) },
        'slack reply: a later part could not be posted',
      );
      await this.notify(client, audience, dest.kind === 'conversation' ? { ...dest, updateTs: undefined } : dest, userMessageFor(failure, audience.locale));
      return;
    }
    if (reply.chart || reply.file) await this.upload(client, audience, reply, uploadTarget);
  }

  /**
   * The "why" button's reference: the question itself when the reply answers one and it fits (nothing
   * stored: a copy per answer would cost CPU on every question and Redis memory for two days), else a
   * stored copy.
   */
  private async whyRef(tenant: string, reply: Reply, question: DeliverOptions['question']): Promise<WhyRef | undefined> {
    if (!reply.why || reply.why.length === 0) return undefined;
    const replay = question ? replayRef(question.text, question.isCommand, question.at) : null;
    if (replay) return replay;
    const key = await rememberForWhy(this.store, tenant, reply, this.logger);
    return key ? { kind: 'stored', key } : undefined;
  }

  /** A short plain notice (error, "moved to DM") shown only to the person where possible. Never throws. */
  async notify(client: Client, audience: Audience, dest: Destination, text: string): Promise<void> {
    try {
      if (dest.kind === 'respond') {
        await dest.respond({ response_type: 'ephemeral', replace_original: false, text });
      } else if (dest.kind === 'conversation' && dest.shared) {
        await client.chat.postEphemeral({ channel: dest.channel, user: audience.userId, thread_ts: dest.threadTs, text });
      } else if (dest.kind === 'conversation' && dest.updateTs) {
        await client.chat.update({ channel: dest.channel, ts: dest.updateTs, text, blocks: this.renderer.renderText(text).blocks });
      } else {
        const channel = dest.kind === 'conversation' ? dest.channel : await this.openDm(client, audience.userId);
        const threadTs = dest.kind === 'conversation' ? dest.threadTs : undefined;
        await client.chat.postMessage({ channel, thread_ts: threadTs, text });
      }
    } catch (error) {
      this.logger.error(
        { tenant: audience.tenant, userId: audience.userId, dest: dest.kind, err: errorFields(error) },
        'slack notice could not be delivered',
      );
    }
  }

  async openDm(client: Client, userId: string): Promise<string> {
    const opened = await client.conversations.open({ users: userId });
    const id = opened.channel?.id;
    if (!id) throw new Error('conversations.open returned no channel');
    return id;
  }

  /** Loads a reply stored for the "why" button. */
  async recall(tenant: string, key: string): Promise<Reply | null> {
    if (!key.startsWith(WHY_SESSION_PREFIX)) return null;
    try {
      return await this.store.getSession<Reply>(tenant, key);
    } catch (error) {
      this.logger.warn({ tenant, err: errorFields(error) }, 'slack why: stored reply unavailable');
      return null;
    }
  }

  private async handleFailure(client: Client, audience: Audience, dest: Destination, reply: Reply, error: unknown): Promise<void> {
    const failure = classifySlackError(error);
    this.logger.error(
      { tenant: audience.tenant, userId: audience.userId, dest: dest.kind, intent: reply.intent, failure, err: errorFields(error) },
      'slack reply could not be posted',
    );
    const message = userMessageFor(failure, audience.locale);
    if (dest.kind === 'dm') return;
    if (dest.kind === 'respond' || failure.kind === 'not_in_channel' || failure.kind === 'channel_not_found') {
      // The place is unreachable (expired response_url, bot not a member): bring the answer to the DM.
      await this.deliver(client, audience, { kind: 'dm' }, reply, dest.kind === 'respond' ? undefined : message);
      return;
    }
    await this.notify(client, audience, dest, message);
  }

  private async upload(
    client: Client,
    audience: Audience,
    reply: Reply,
    target: { channel: string; threadTs?: string } | undefined,
  ): Promise<void> {
    try {
      const place = target ?? { channel: await this.openDm(client, audience.userId) };
      if (reply.chart) {
        const file = Buffer.from(reply.chart.pngBase64, 'base64');
        await uploadFile(client, place, { file, filename: 'chart.png', title: reply.chart.title, alt_text: reply.chart.altText });
      }
      if (reply.file) {
        const file = Buffer.from(reply.file.base64, 'base64');
        await uploadFile(client, place, { file, filename: reply.file.filename, title: reply.file.filename });
      }
    } catch (error) {
      const failure = classifySlackError(error);
      this.logger.error({ tenant: audience.tenant, userId: audience.userId, failure, err: errorFields(error) }, 'slack file upload failed');
      await this.notify(client, audience, { kind: 'dm' }, userMessageFor(failure, audience.locale));
    }
  }
}

/** Stores a reply with explanation steps so its "why" button can expand them later; the session key, or undefined. */
export async function rememberForWhy(store: Store, tenant: string, reply: Reply, logger: SlackLogger): Promise<string | undefined> {
  if (!reply.why || reply.why.length === 0) return undefined;
  const key = `${WHY_SESSION_PREFIX}${randomUUID()}`;
  // Kept two days for every such reply, so only what re-rendering needs: the card reads data's scalar
  // fields; the plan and step objects in data (most of a reply's size) are left out.
  const { chart: _chart, file: _file, data, ...rest } = reply;
  const scalars = Object.fromEntries(Object.entries(data).filter(([, value]) => value === null || typeof value !== 'object'));
  try {
    await store.putSession<Reply>(tenant, key, { ...rest, data: scalars }, WHY_TTL_SECONDS);
    return key;
  } catch (error) {
    logger.warn({ tenant, err: errorFields(error) }, 'slack why: could not store reply; button omitted');
    return undefined;
  }
}

/** files.uploadV2 into a channel, or into a thread of it. */
export async function uploadFile(
  client: Client,
  place: { channel: string; threadTs?: string },
  file: { file: Buffer; filename: string; title: string; alt_text?: string },
): Promise<void> {
  if (place.threadTs) await client.files.uploadV2({ ...file, channel_id: place.channel, thread_ts: place.threadTs });
  else await client.files.uploadV2({ ...file, channel_id: place.channel });
}
