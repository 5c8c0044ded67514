// Streams a slow answer into one message: post on the first partial text, then `chat.update` at most
// once per interval (works in every workspace); the final rendered reply replaces it.
import type { webApi } from '@slack/bolt';
import type { StreamSink } from '../../core/engine';
import { LIMITS, truncate } from './limits';
import { errorFields } from './identity';
import type { SlackLogger } from './types';

export class StreamingMessage {
  private ts: string | undefined;
  private latest = '';
  private shown = '';
  private lastWrite = 0;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private failed = false;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly channel: string,
    private readonly threadTs: string | undefined,
    private readonly logger: SlackLogger,
    private readonly intervalMs = 1000,
    private readonly clock: () => number = Date.now,
  ) {}

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

  /** Waits for pending writes; returns the ts of the streamed message (undefined if nothing was posted). */
  async finish(): Promise<string | undefined> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    await this.chain;
    return this.ts;
  }

  private enqueue(): void {
    this.lastWrite = this.clock();
    this.chain = this.chain.then(() => this.write());
  }

  private async write(): Promise<void> {
    const text = truncate(this.latest, LIMITS.sectionText);
    if (this.failed || text.trim().length === 0 || text === this.shown) return;
    try {
      if (this.ts === undefined) {
        const posted = await this.client.chat.postMessage({ channel: this.channel, thread_ts: this.threadTs, text });
        this.ts = posted.ts;
      } else {
        await this.client.chat.update({ channel: this.channel, ts: this.ts, text });
      }
      this.shown = text;
      this.lastWrite = this.clock();
    } catch (error) {
      // Streaming is a courtesy: stop streaming, the final reply is still delivered.
      this.failed = true;
      this.logger.warn({ channel: this.channel, err: errorFields(error) }, 'slack streaming update failed; waiting for final reply');
    }
  }
}
