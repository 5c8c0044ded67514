// Teams' streaming protocol for personal chat: an informative update ("thinking…"), streaming updates with
// the whole text so far, then the final message, which carries the reply (text or card) and closes the
// stream. Teams allows one request per second per stream (faster ones are refused with 403
// ContentStreamNotAllowed), so every request of a stream, the final one included, waits for the interval. Each update is a `typing` activity with a `streaminfo` entity
// (and the same fields in channelData); the first answer's id is the stream id every later one names.
// The stream can move between turns: the inbound turn hands it to a proactive continuation when the
// answer takes longer than the turn may (updates arriving in between are kept, not sent).
import type { Activity, TurnContext } from 'botbuilder';
import type { TeamsLogger } from './types';

export type StreamType = 'informative' | 'streaming' | 'final';

export interface StreamInfoEntity {
  type: 'streaminfo';
  streamId?: string;
  streamType: StreamType;
  streamSequence: number;
}

export interface StreamTiming {
  /** Minimum time between two streaming updates (Teams asks for about one per second). */
  intervalMs: number;
  /** Monotonic milliseconds (tests use a fake). */
  now: () => number;
}

export const DEFAULT_STREAM_INTERVAL_MS = 1000;
/** Streamed text beyond this many bytes is not sent as updates; the final message(s) carry it all. */
export const STREAM_TEXT_MAX_BYTES = 16 * 1024;

export class TeamsStream {
  private target: TurnContext | null;
  private streamId: string | undefined;
  private sequence = 0;
  /** When the stream's last request went out (any kind): the next waits for the interval. */
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private pending: string | null = null;
  private inflight: Promise<void> | null = null;
  private failed = false;
  private ended = false;

  constructor(
    context: TurnContext,
    private readonly informativeText: string,
    private readonly timing: StreamTiming,
    private readonly logger: TeamsLogger,
  ) {
    this.target = context;
  }

  /** True once the stream has begun and must be closed by a final message. */
  get live(): boolean {
    return this.streamId !== undefined && !this.failed && !this.ended;
  }

  /** Sends the informative update, once, if the stream has not begun. */
  async informative(): Promise<void> {
    if (this.sequence > 0 || this.failed || !this.target) return;
    await this.run(this.update('informative', this.informativeText));
  }

  /** The engine's sink: the whole text so far. Sent when the interval allows; otherwise kept for later. */
  async push(text: string): Promise<void> {
    if (this.failed || this.ended) return;
    this.pending = text;
    if (!this.target || this.inflight) return;
    if (!this.due()) return;
    await this.flush();
  }

  private due(): boolean {
    return this.timing.now() - this.lastSentAt >= this.timing.intervalMs;
  }

  /** Stops sending through the current turn (it is about to end); waits for an update in flight. */
  async detach(): Promise<void> {
    if (this.inflight) await this.inflight.catch(() => undefined);
    this.target = null;
  }

  /** Continues the stream in `turn` (a proactive continuation of the same conversation). */
  async attach(turn: TurnContext): Promise<void> {
    this.target = turn;
    if (this.pending !== null && this.due()) await this.flush();
  }

  /**
   * The final message: `first` (the reply's first activity) marked as closing the stream. When the stream
   * never began, or failed, `first` is returned unchanged and goes out as an ordinary message.
   */
  async finalize(first: Partial<Activity>): Promise<{ activity: Partial<Activity>; streamId?: string }> {
    if (this.inflight) await this.inflight.catch(() => undefined);
    if (!this.live || !this.streamId) {
      this.ended = true;
      return { activity: first };
    }
    this.ended = true;
    // The final message is a request of the stream too: it keeps the interval after the last update.
    const wait = this.timing.intervalMs - (this.timing.now() - this.lastSentAt);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(wait, this.timing.intervalMs)));
    const streamSequence = ++this.sequence;
    const info: StreamInfoEntity = { type: 'streaminfo', streamId: this.streamId, streamType: 'final', streamSequence };
    const channelData = { ...((first.channelData as Record<string, unknown> | undefined) ?? {}), streamId: this.streamId, streamType: 'final', streamSequence };
    return {
      activity: { ...first, channelData, entities: [info, ...(first.entities ?? [])] },
      streamId: this.streamId,
    };
  }

  private async flush(): Promise<void> {
    const text = this.pending;
    if (text === null || !this.target) return;
    if (Buffer.byteLength(text, 'utf8') > STREAM_TEXT_MAX_BYTES) return; // the final message carries it
    // The stream opens with the informative update; the text follows at the next turn of the interval.
    if (this.sequence === 0) {
      await this.run(this.update('informative', this.informativeText));
      return;
    }
    this.pending = null;
    if (this.failed || !text.trim()) return;
    await this.run(this.update('streaming', text));
  }

  private update(streamType: StreamType, text: string): Partial<Activity> {
    const streamSequence = ++this.sequence;
    const entity: StreamInfoEntity = this.streamId
      ? { type: 'streaminfo', streamId: this.streamId, streamType, streamSequence }
      : { type: 'streaminfo', streamType, streamSequence };
    const channelData: Record<string, unknown> = this.streamId
      ? { streamId: this.streamId, streamType, streamSequence }
      : { streamType, streamSequence };
    return { type: 'typing', text, entities: [entity], channelData };
  }

  private async run(activity: Partial<Activity>): Promise<void> {
    const target = this.target;
    if (!target) return;
    this.lastSentAt = this.timing.now();
    const send = (async () => {
      try {
        const response = await target.sendActivity(activity);
        if (!this.streamId && response?.id) this.streamId = response.id;
      } catch (error) {
        // ContentStreamNotAllowed (the user stopped it, or it ran too long), streaming not enabled, or the
        // network: stop streaming; the answer still goes out as an ordinary message.
        this.failed = true;
        this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'teams: streaming update refused; answering without streaming');
      }
    })();
    this.inflight = send;
    try {
      await send;
    } finally {
      if (this.inflight === send) this.inflight = null;
    }
  }
}
