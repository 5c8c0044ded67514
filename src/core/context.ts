// What a handler is given: who is asking, in which tenant, when, and the services it may use.
import type { AgentProfile, LocalDate, Locale } from '../domain/types';
import type { Store } from '../store/store';
import type { RouteArgs, RouteResult } from './intents';
import type { Reply } from './reply';
import type { ChannelKind, InboundAttachment, StreamSink, ThreadTurn } from './engine';

/** Optional services registered by later layers (coaching, nudges, exports); handlers check presence. */
export interface Services {
  [name: string]: unknown;
}

export interface HandlerContext {
  tenant: string;
  actor: AgentProfile;
  locale: Locale;
  /** The instant of the message; "today" is derived in the actor's time zone. */
  now: Date;
  today: LocalDate;
  tz: string;
  store: Store;
  channel: { kind: ChannelKind; shared: boolean; conversationId: string; threadId?: string };
  services: Services;
  stream?: StreamSink;
  route: RouteResult;
  /** A background read (App Home): handlers must not start or end dialogues. */
  passive: boolean;
  /** A file sent with the message (import). */
  attachment?: InboundAttachment;
  /** "<platform>:<message id>" when the channel gave one: the id activity writes carry (writeOutcome.ts). */
  writeId?: string;
  /** The chat thread the message was sent in (earlier messages, redacted), when the channel read one. */
  thread?: ThreadTurn[];
}

export type Handler = (ctx: HandlerContext, args: RouteArgs) => Promise<Reply>;
