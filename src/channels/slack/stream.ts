// Streams a slow (LLM) answer as it is written. Natively where Slack allows it: `client.chatStream()`
// (chat.startStream, chat.appendStream, chat.stopStream) as a reply in the question's thread, with the
// recipient's team and user ids the API needs outside DMs. Where the method is refused (an older or
// restricted workspace: not_allowed, unknown_method, …) or there is no thread, the way that works in
// every workspace: post on the first partial text, then `chat.update` at most once per interval. Either
// way the final rendered reply replaces the streamed message (deliver.ts, `updateTs`).
import type { webApi } from '@slack/bolt';
import type { StreamSink } from '../../core/engine';
import { LIMITS, truncate } from './limits';
import { errorFields } from './identity';
import type { SlackLogger } from './types';

type ChatStreamer = ReturnType<webApi.WebClient['chatStream']>;

export interface StreamTarget {
  channel: string;
  /** Where the fallback posts (undefined = top level of a DM). */
  threadTs?: string;
  /** The thread a native stream replies in (Slack: streamed messages always reply to a request); none = no native streaming. */
  nativeThreadTs?: string;
  /** Required by chat.startStream outside DMs. */
  recipientTeamId?: string;
  recipientUserId?: string;
}

/** Where an answer's streamed message ended up: the final reply replaces `ts` and follows in `threadTs`. */
export interface StreamResult {
  ts?: string;
  threadTs?: string;
  mode: 'native' | 'update';
}

/** Errors by which Slack refuses the streaming methods themselves (not a passing failure). */
export const STREAM_REFUSALS: ReadonlySet<string> = new Set([
  'not_allowed',
  'unknown_method',
  'method_not_supported_for_channel_type',
  'feature_not_enabled',
  'not_allowed_token_type',
  'missing_scope',
  'team_access_not_granted',
]);

/**
 * Workspaces that refused native streaming (per process): their next answers use chat.update at once
 * instead of a refused call first.
 */
export class NativeStreamSupport {
  private readonly refused = new Set<string>();
  allowed(tenant: string): boolean {
    return !this.refused.has(tenant);
  }
  refuse(tenant: string): void {
    this.refused.add(tenant);
  }
}

/** A Slack platform error's code (`data.error`), if any. */
export function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/** The most text a native stream shows; past it the stream waits for the final reply (split into messages). */
export const STREAM_MAX_CHARS = 10000;

export class StreamingMessage {
  private ts: string | undefined;
  private latest = '';
  private shown = '';
  private lastWrite = 0;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private failed = false;
  private mode: 'native' | 'update';
  private streamer: ChatStreamer | undefined;
  private stopped = false;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly target: StreamTarget,
    private readonly logger: SlackLogger,
    private readonly intervalMs = 1000,
    private readonly clock: () => number = Date.now,
    private readonly support?: { tenant: string; native: NativeStreamSupport },
  ) {
    const nativeAllowed = support ? support.native.allowed(support.tenant) : true;
    this.mode = target.nativeThreadTs !== undefined && nativeAllowed ? 'native' : 'update';
  }

  /** The sink handed to engine.handle; `partialText` is the answer so far (cumulative). */
  readonly sink: StreamSink = (partialText: string) => {
    this.latest = partialText;
    if (this.failed || this.timer) return;
    const wait = this.ts === undefined && this.lastWrite === 0 ? 0 : this.lastWrite + this.intervalMs - this.clock();
    if (wait <= 0) {
      this.enqueue();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.enqueue();
    }, wait);
  };

  /** Waits for pending writes and ends a native stream; where the streamed message is (nothing posted: no ts). */
  async finish(): Promise<StreamResult> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    await this.chain;
    // Closed: a late partial (an answer that timed out keeps running) must not touch the message again.
    this.failed = true;
    if (this.mode === 'native' && this.streamer && this.ts !== undefined && !this.stopped) {
      this.stopped = true;
      try {
        await this.streamer.stop();
      } catch (error) {
        // The final reply still replaces the message; a stream Slack closes itself only looks unfinished until then.
        this.logger.warn({ channel: this.target.channel, err: errorFields(error) }, 'slack chat.stopStream failed; the final reply replaces the message');
      }
    }
    return { ts: this.ts, threadTs: this.mode === 'native' ? this.target.nativeThreadTs : this.target.threadTs, mode: this.mode };
  }

  private enqueue(): void {
    this.lastWrite = this.clock();
    this.chain = this.chain.then(() => (this.mode === 'native' ? this.writeNative() : this.writeUpdate()));
  }

  private async writeNative(): Promise<void> {
    if (this.failed) return;
    const text = this.latest.slice(0, STREAM_MAX_CHARS);
    if (text.trim().length === 0 || text === this.shown) return;
    if (!text.startsWith(this.shown)) {
      // The model rewrote what was shown: appends cannot take it back; the final reply will.
      this.failed = true;
      return;
    }
    const delta = text.slice(this.shown.length);
    try {
      if (!this.streamer) {
        this.streamer = this.client.chatStream({
          channel: this.target.channel,
          thread_ts: this.target.nativeThreadTs ?? '',
          ...(this.target.recipientTeamId ? { recipient_team_id: this.target.recipientTeamId } : {}),
          ...(this.target.recipientUserId ? { recipient_user_id: this.target.recipientUserId } : {}),
          // Lingyan paces the appends itself (one per interval), so every append is sent as it comes.
          buffer_size: 1,
        });
      }
      await this.streamer.append({ markdown_text: delta });
      this.ts = this.streamer.ts;
      this.shown = text;
      this.lastWrite = this.clock();
    } catch (error) {
      const code = slackErrorCode(error);
      if (this.ts === undefined) {
        // Nothing shown yet: stream this answer the other way, and remember a workspace that refuses the method.
        if (code && STREAM_REFUSALS.has(code) && this.support) this.support.native.refuse(this.support.tenant);
        this.logger.warn({ channel: this.target.channel, code, err: errorFields(error) }, 'slack chat.startStream refused; streaming with chat.update');
        this.mode = 'update';
        this.streamer = undefined;
        await this.writeUpdate();
        return;
      }
      this.failed = true;
      this.logger.warn({ channel: this.target.channel, code, err: errorFields(error) }, 'slack chat.appendStream failed; waiting for final reply');
    }
  }

  private async writeUpdate(): Promise<void> {
    const text = truncate(this.latest, LIMITS.sectionText);
    if (this.failed || text.trim().length === 0 || text === this.shown) return;
    try {
      if (this.ts === undefined) {
        const posted = await this.client.chat.postMessage({ channel: this.target.channel, thread_ts: this.target.threadTs, text });
        this.ts = posted.ts;
      } else {
        await this.client.chat.update({ channel: this.target.channel, ts: this.ts, text });
      }
      this.shown = text;
      this.lastWrite = this.clock();
    } catch (error) {
      // Streaming is a courtesy: stop streaming, the final reply is still delivered.
      this.failed = true;
      this.logger.warn({ channel: this.target.channel, err: errorFields(error) }, 'slack streaming update failed; waiting for final reply');
    }
  }
}
