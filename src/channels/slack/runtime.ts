// What every Slack listener shares: engine, store, renderer, delivery, user directory; and `answer`,
// the one path from a Slack message to engine.handle to a delivered reply.
import type { webApi } from '@slack/bolt';
import type { Inbound, InboundAttachment } from '../../core/engine';
import type { Reply } from '../../core/reply';
import type { Locale } from '../../domain/types';
import { PendingWork } from '../../core/pendingWork';
import { normalizeLocale, t } from '../../i18n';
import { AdmissionGate, type AdmissionOptions } from './admission';
import { SlackRenderer } from './blocks';
import { ReplyDelivery, type Destination } from './deliver';
import { UserDirectory, errorFields } from './identity';
import { NativeStreamSupport, StreamingMessage, type StreamResult } from './stream';
import type { SlackDeps } from './types';
import { threadContext } from './thread';

type Client = webApi.WebClient;

export interface SlackRuntime extends SlackDeps {
  renderer: SlackRenderer;
  delivery: ReplyDelivery;
  directory: UserDirectory;
  streamIntervalMs: number;
  /** Workspaces that refused native streaming (they stream with chat.update). */
  nativeStream: NativeStreamSupport;
  /** An answer not ready after this long gets the "took too long" reply (and the Assistant status is cleared). */
  answerTimeoutMs: number;
  /** `/coach`: an answer ready within this long goes in the ack's body; a slower one follows via response_url. */
  ackAnswerMs: number;
  /** Bounds the work running after acks (see admission.ts). */
  gate: AdmissionGate;
  /** Work still running after its ack: a graceful shutdown waits for it (see handOff). */
  pending: PendingWork;
  /** Refreshes a person's App Home (set once the home publisher exists). */
  refreshHome: (client: Client, tenant: string, userId: string) => Promise<void>;
}

export interface RuntimeTimings {
  answerTimeoutMs?: number;
  ackAnswerMs?: number;
}

export function createRuntime(deps: SlackDeps, streamIntervalMs = 1000, admission: AdmissionOptions = {}, timings: RuntimeTimings = {}): SlackRuntime {
  const renderer = new SlackRenderer();
  return {
    ...deps,
    renderer,
    delivery: new ReplyDelivery(deps.store, renderer, deps.logger),
    directory: new UserDirectory(deps.logger),
    streamIntervalMs,
    nativeStream: new NativeStreamSupport(),
    // An LLM answer takes up to ≈ 17 s with its retries (issue 23); past 45 s it is not coming.
    answerTimeoutMs: timings.answerTimeoutMs ?? 45_000,
    ackAnswerMs: timings.ackAnswerMs ?? 1500,
    gate: new AdmissionGate(admission),
    pending: new PendingWork(),
    refreshHome: async () => undefined,
  };
}

/**
 * Runs a listener's slow part (after its ack) detached from Bolt, so the listener returns at once.
 * Bolt keeps a request's whole state (body, context, every listener's middleware chain) until the
 * listener settles; under load that state outlived two young-generation collections and was promoted
 * to the old generation with every command. Detached, `work` keeps only what its closure names, so
 * pass it the few fields it needs rather than Bolt's arguments. Shutdown still waits for it
 * (`rt.pending`), and a rejection is logged here: Bolt's error handler no longer sees it.
 */
export function handOff(rt: Pick<SlackRuntime, 'pending' | 'logger'>, what: string, work: () => Promise<void>): void {
  rt.pending.track(
    work().catch((error: unknown) => {
      rt.logger.error({ err: errorFields(error) }, `slack ${what} failed after the ack`);
    }),
  );
}

export interface AskArgs {
  tenant: string;
  userId: string;
  text: string;
  conversationId: string;
  threadId?: string;
  /** True in a channel others can read. */
  shared: boolean;
  isCommand?: boolean;
  attachment?: InboundAttachment;
  /** The HTTP request's id, for log lines (requestIdIn). */
  requestId?: string;
  /** Slack's id of this message (event: "<channel>:<ts>"; command, click, form: "trigger:<trigger_id>"). */
  messageId?: string;
}

/** The HTTP request id Lingyan's receiver put in Bolt's context (none in Socket Mode). */
export function requestIdIn(context: Record<string, unknown>): string | undefined {
  return typeof context.requestId === 'string' ? context.requestId : undefined;
}

/** The engine's view of a Slack message: identity, Slack locale/e-mail, where it was said. */
export async function buildInbound(rt: SlackRuntime, client: Client, args: AskArgs): Promise<Inbound> {
  // A reply in a thread sees the thread (only what is the asker's own: thread.ts).
  const [info, thread] = await Promise.all([rt.directory.lookup(client, args.tenant, args.userId), threadContext(client, args, rt.logger)]);
  return {
    tenant: args.tenant,
    user: { platform: 'slack', id: args.userId, ...(info.email ? { email: info.email } : {}), ...(info.name ? { name: info.name } : {}) },
    text: args.text,
    ...(info.locale ? { locale: info.locale } : {}),
    ...(info.tz ? { tz: info.tz } : {}),
    now: rt.clock(),
    channel: {
      kind: 'slack',
      shared: args.shared,
      conversationId: args.conversationId,
      ...(args.threadId ? { threadId: args.threadId } : {}),
    },
    ...(args.isCommand ? { isCommand: true } : {}),
    ...(args.attachment ? { attachment: args.attachment } : {}),
    ...(args.requestId ? { requestId: args.requestId } : {}),
    ...(args.messageId ? { messageId: args.messageId } : {}),
    ...(thread.length > 0 ? { thread } : {}),
  };
}

/** The person's locale for channel chrome (greetings, notices); never throws. */
export async function localeOf(rt: SlackRuntime, client: Client, tenant: string, userId: string): Promise<Locale> {
  const info = await rt.directory.lookup(client, tenant, userId);
  try {
    return await rt.engine.localeFor({ tenant, user: { platform: 'slack', id: userId, ...(info.email ? { email: info.email } : {}) }, locale: info.locale });
  } catch (error) {
    rt.logger.warn({ tenant, userId, err: errorFields(error) }, 'slack localeFor failed; using the Slack locale');
    return normalizeLocale(info.locale);
  }
}

const CHANGES_HOME = new Set(['log_activity', 'set_goal', 'assess', 'import']);

/** Where an answer may be streamed: the conversation, and the question's message (the thread a native stream replies in). */
export interface StreamPlace {
  channel: string;
  /** The thread the answer goes to (undefined = top level of a DM). */
  threadTs?: string;
  /** The question's own ts: a native stream replies to it when there is no thread yet. */
  messageTs?: string;
}

/** The answer did not come within `answerTimeoutMs`. */
class AnswerTimeout extends Error {}

async function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new AnswerTimeout(`no answer within ${ms} ms`)), ms)))]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/**
 * Asks the engine and delivers the answer to `dest`. With `streamTo`, partial text is streamed as it is
 * written (natively with chat.startStream where Slack allows it, else chat.update; see stream.ts). An
 * answer that fails or takes longer than `rt.answerTimeoutMs` gets a short localized error reply (and
 * the streamed message, if any, becomes that reply). Returns null then.
 */
export async function answer(
  rt: SlackRuntime,
  client: Client,
  args: AskArgs,
  dest: Destination,
  streamTo?: StreamPlace,
): Promise<Reply | null> {
  const inbound = await buildInbound(rt, client, args);
  const stream = streamTo
    ? new StreamingMessage(
        client,
        {
          channel: streamTo.channel,
          threadTs: streamTo.threadTs,
          nativeThreadTs: streamTo.threadTs ?? streamTo.messageTs,
          recipientTeamId: args.tenant,
          recipientUserId: args.userId,
        },
        rt.logger,
        rt.streamIntervalMs,
        Date.now,
        { tenant: args.tenant, native: rt.nativeStream },
      )
    : undefined;
  let reply: Reply;
  try {
    reply = await withinDeadline(rt.engine.handle(inbound, stream?.sink), rt.answerTimeoutMs);
  } catch (error) {
    const timedOut = error instanceof AnswerTimeout;
    rt.logger.error(
      { tenant: args.tenant, userId: args.userId, requestId: args.requestId, timedOut, err: errorFields(error) },
      timedOut ? 'slack: engine.handle timed out' : 'slack: engine.handle failed',
    );
    const streamed = await stream?.finish();
    const locale = await localeOf(rt, client, args.tenant, args.userId);
    const target = placed(dest, streamed);
    await rt.delivery.notify(client, { tenant: args.tenant, userId: args.userId, locale }, target, t(locale, timedOut ? 'slack.error.timeout' : 'slack.error.internal'));
    return null;
  }
  const streamed = await stream?.finish();
  let target = placed(dest, streamed);
  if (streamed?.ts && dest.kind === 'conversation' && dest.shared && reply.visibility === 'private') {
    // A private answer must not stay in a shared channel, even as a streamed draft: remove it; it goes to the DM.
    await client.chat.delete({ channel: dest.channel, ts: streamed.ts }).catch((error: unknown) => {
      rt.logger.error({ tenant: args.tenant, userId: args.userId, err: errorFields(error) }, 'slack: streamed draft of a private reply could not be deleted');
    });
    target = dest;
  }
  const question = { text: args.text, isCommand: args.isCommand ?? false, at: inbound.now };
  await rt.delivery.deliver(client, { tenant: args.tenant, userId: args.userId, locale: reply.locale }, target, reply, undefined, { question });
  rt.logger.info({ tenant: args.tenant, userId: args.userId, requestId: args.requestId, intent: reply.intent, dest: dest.kind, streamed: streamed?.ts ? streamed.mode : undefined, error: reply.error?.key }, 'slack reply');
  if (CHANGES_HOME.has(reply.intent) && !reply.error) void refreshQuietly(rt, client, args.tenant, args.userId, args.requestId);
  return reply;
}

/** The destination once an answer was streamed: the streamed message is replaced, later parts follow in its thread. */
function placed(dest: Destination, streamed: StreamResult | undefined): Destination {
  if (!streamed?.ts || dest.kind !== 'conversation') return dest;
  return { ...dest, updateTs: streamed.ts, ...(streamed.threadTs ? { threadTs: streamed.threadTs } : {}) };
}

/** `requestId`: the request whose change caused the refresh, for the failure's log line. */
export async function refreshQuietly(rt: SlackRuntime, client: Client, tenant: string, userId: string, requestId?: string): Promise<void> {
  try {
    await rt.refreshHome(client, tenant, userId);
  } catch (error) {
    rt.logger.warn({ tenant, userId, requestId, err: errorFields(error) }, 'slack home refresh failed');
  }
}

/** Channel ids: D… direct message (not shared); C…/G… channels and group DMs (shared). */
export function isSharedChannel(channelId: string, channelType?: string): boolean {
  if (channelType) return channelType !== 'im';
  return !channelId.startsWith('D');
}
