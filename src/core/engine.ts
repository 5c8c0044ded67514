// The one entry point channels call: an inbound message (or form submission) in, a Reply out.
// Channels resolve nothing of the domain; they pass who/where/what and render what comes back.
import type { Locale } from '../domain/types';
import type { Reply } from './reply';

export type ChannelKind = 'console' | 'slack' | 'teams';

export interface Inbound {
  /** Slack team id, Teams tenant id, or "console". */
  tenant: string;
  /** The platform identity of the person writing. */
  user: { platform: ChannelKind; id: string; email?: string; name?: string };
  text: string;
  /** Locale reported by the platform (Slack user locale, Teams activity locale). */
  locale?: string;
  /** IANA time zone reported by the platform (Teams localTimezone). The profile's tz wins when set. */
  tz?: string;
  /** The instant the message arrived. */
  now: Date;
  channel: {
    kind: ChannelKind;
    /** True in a channel/group others can read: private replies are moved to a DM. */
    shared: boolean;
    conversationId: string;
    threadId?: string;
  };
  /** True when the text came from `/coach <sub> ...`. */
  isCommand?: boolean;
  /**
   * A background read (App Home, digests): answered like a message but never continues, starts or
   * ends a dialogue the person has open.
   */
  passive?: boolean;
  /** A file the person sent with the message (a CSV/XLSX roster to import). */
  attachment?: InboundAttachment;
  /** The HTTP request that carried the message, for log lines (see channels/requestId.ts). */
  requestId?: string;
  /**
   * The platform's own id of this message (Slack event_id or slash command trigger_id, Teams activity
   * id, console turn). Writes carry it, so the same message delivered twice changes the data once.
   */
  messageId?: string;
  /**
   * The earlier messages of the chat thread this message was sent in, already limited to what the person
   * may read and redacted (Slack: channels/slack/thread.ts). Context for the coach; never stored.
   */
  thread?: ThreadTurn[];
}

/** One earlier message of a thread, as a conversation turn. */
export interface ThreadTurn {
  role: 'user' | 'assistant';
  content: string;
}

export interface InboundAttachment {
  filename: string;
  bytes: Buffer;
}

/** A submitted form (Slack modal, Teams card, console prompt). Values are raw strings as typed. */
export interface FormSubmission extends Omit<Inbound, 'text' | 'isCommand' | 'passive' | 'attachment'> {
  form: 'set_goal' | 'log_activity' | 'assess';
  values: Record<string, string | undefined>;
}

/**
 * The reminder settings (Slack modal, Teams card, the snooze buttons on a nudge): submitted like a form,
 * handled by src/nudges/settings.ts with the same validation and store as the chat commands.
 */
export interface SettingsSubmission extends Omit<FormSubmission, 'form'> {
  form: 'nudge_settings';
}

/** Every form the engine takes. */
export type AnySubmission = FormSubmission | SettingsSubmission;

/** Field-level validation errors of a form, keyed by field name, already localized. */
export interface FormResult {
  ok: boolean;
  fieldErrors?: Record<string, string>;
  reply?: Reply;
}

/** Streams a slow reply (LLM) to the channel: each call carries the WHOLE text so far, not a delta; the final Reply still follows. */
export type StreamSink = (partialText: string) => void | Promise<void>;

export interface Engine {
  handle(inbound: Inbound, stream?: StreamSink): Promise<Reply>;
  submitForm(submission: AnySubmission): Promise<FormResult>;
  /** Resolves the platform user to a profile locale (for channel chrome before any reply). */
  localeFor(inbound: Pick<Inbound, 'tenant' | 'user' | 'locale'>): Promise<Locale>;
}
