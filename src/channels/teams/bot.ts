// LingyanTeamsBot: the ActivityHandler for personal chat, team channels (@mention) and group chats. It keeps
// conversation references, gates tenants, routes text and card actions to the Engine and renders replies.
// A message is processed once (activity ids are claimed in the Store), answered inside the inbound turn
// when the engine is quick, else in a proactive continuation of the conversation so no turn passes 15 s;
// in personal chat an LLM answer streams (informative update, updates ≤ 1/s, final message). Feedback
// votes (`message/submitAction`) are stored with the answer's intent and citations.
import type { InboundAttachment } from '../../core/engine';
import { downloadIncomingTable, isFileAttachment } from './incomingFiles';
import { ActivityHandler, TurnContext, type Activity, type CloudAdapter, type InvokeResponse } from 'botbuilder';
import { PendingWork } from '../../core/pendingWork';
import type { Engine, Inbound } from '../../core/engine';
import type { Reply } from '../../core/reply';
import type { Store } from '../../store/store';
import type { AnswerRecords } from './answers';
import { DEFAULT_STREAM_INTERVAL_MS, TeamsStream } from './stream';
import type { Locale } from '../../domain/types';
import { normalizeLocale, t } from '../../i18n';
import { CARD_CONTENT_TYPE } from './cardTypes';
import type { AdaptiveCardRenderer } from './cards';
import { CardCommands, type CardOutcome } from './commands';
import { isCommandTitle } from './commandTitles';
import { textActivity, type ReplyDelivery } from './deliver';
import type { FileOffers } from './files';
import { inboundFrom, commandText, whoFrom, type TeamsWho } from './identity';
import type { ConversationRefs } from './references';
import type { TeamsConfig, TeamsLogger, TeamsTiming } from './types';
import { parseExecuteValue, parseSubmitValue } from './verbs';
import { parseSettingsInvoke, parseSettingsSubmit, sendInvokeBody, TeamsSettings } from './settingsCard';

export interface BotDeps {
  /** The bot's app id, to continue a conversation after an invoke was answered. */
  appId: string;
  engine: Engine;
  refs: ConversationRefs;
  renderer: AdaptiveCardRenderer;
  delivery: ReplyDelivery;
  files: FileOffers;
  config: Pick<TeamsConfig, 'allowedTenants'>;
  logger: TeamsLogger;
  clock?: () => Date;
  /** Activity de-duplication (claimOnce). */
  store: Store;
  /** Records of AI-written answers, for feedback votes. */
  answers: AnswerRecords;
  timing?: TeamsTiming;
}

/** How long an activity id stays claimed: Teams redelivers within minutes; a day is ample. */
export const ACTIVITY_CLAIM_TTL_SECONDS = 24 * 3600;
export const DEFAULT_INLINE_BUDGET_MS = 8000;

/** The sender, admitted (tenant known), with the id of the HTTP request that carried the activity. */
type Who = TeamsWho & { tenant: string; requestId?: string };

/** turnState key under which the adapter leaves the HTTP request's id for the turn. */
export const REQUEST_ID_KEY = Symbol('lingyan.requestId');

export function requestIdOfTurn(context: TurnContext): string | undefined {
  const id: unknown = context.turnState.get(REQUEST_ID_KEY);
  return typeof id === 'string' ? id : undefined;
}

/** Attachments Teams adds to ordinary messages (the HTML rendering of the text) are not "files". */
const BENIGN_ATTACHMENTS = new Set(['text/html', 'text/plain']);
const TYPING_INTERVAL_MS = 3000;
const MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';

export class LingyanTeamsBot extends ActivityHandler {
  private readonly clock: () => Date;
  private readonly commands: CardCommands;
  private readonly settings: TeamsSettings;
  private readonly lastTyping = new WeakMap<TurnContext, number>();
  /** Card follow-ups and slow answers still running after their inbound request was answered. */
  private readonly pending = new PendingWork();
  private readonly inlineBudgetMs: number;
  private readonly streamIntervalMs: number;
  private readonly monotonic: () => number;

  constructor(private readonly deps: BotDeps) {
    super();
    this.clock = deps.clock ?? (() => new Date());
    this.inlineBudgetMs = deps.timing?.inlineBudgetMs ?? DEFAULT_INLINE_BUDGET_MS;
    this.streamIntervalMs = deps.timing?.streamIntervalMs ?? DEFAULT_STREAM_INTERVAL_MS;
    this.monotonic = deps.timing?.monotonic ?? (() => performance.now());
    this.commands = new CardCommands({
      engine: deps.engine,
      renderer: deps.renderer,
      delivery: deps.delivery,
      clock: this.clock,
      typing: (context) => this.typing(context),
      later: (context, who, locale, work) => this.later(context, who, locale, work),
      respond: (turn, who, locale, inbound) => this.respond(turn, who, locale, inbound, 'card'),
      replied: (who, reply) => this.logReply(who, reply, 'card'),
    });
    this.settings = new TeamsSettings({ engine: deps.engine, delivery: deps.delivery, clock: this.clock, logger: deps.logger });
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      await this.handleMembersAdded(context);
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      const who = this.admit(context);
      const botRemoved = (context.activity.membersRemoved ?? []).some((m) => m.id === context.activity.recipient?.id);
      if (who && botRemoved && who.shared) await this.deps.refs.markConversation(who.tenant, who.conversationId, 'removed', 'bot removed');
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      const who = this.admit(context);
      if (who) await this.deps.refs.remember(who.tenant, context.activity, { timezone: who.tz });
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      const who = this.admit(context);
      if (who) await this.markUninstalled(who);
      await next();
    });
  }

  /** Action.Execute (`adaptiveCard/action`) and file consent invokes; anything else goes to the SDK. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const name = context.activity.name;
    if (name === 'message/submitAction') return this.handleSubmitAction(context);
    if (name !== 'adaptiveCard/action' && name !== 'fileConsent/invoke') return super.onInvokeActivity(context);
    const who = this.admit(context);
    if (!who) {
      const locale = normalizeLocale(context.activity.locale);
      return { status: 200, body: { statusCode: 200, type: MESSAGE_TYPE, value: t(locale, 'teams.unknown_tenant') } };
    }
    const locale = await this.localeOf(who);
    if (name === 'fileConsent/invoke') {
      await this.deps.files.handleConsent(context, who.tenant, locale);
      return { status: 200 };
    }
    await this.deps.refs.remember(who.tenant, context.activity, { timezone: who.tz });
    // Reminder settings (the card, the snooze buttons on each nudge): settingsCard.ts.
    const settings = parseSettingsInvoke(context.activity.value);
    if (settings) return { status: 200, body: await this.settings.invoke(context, who, locale, settings.verb, settings.values) };
    const command = parseExecuteValue(context.activity.value);
    if (!command) {
      this.deps.logger.warn({ tenant: who.tenant, requestId: who.requestId, verb: verbOf(context.activity) }, 'teams: unknown card action');
      return { status: 200, body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'unknown verb' } } };
    }
    // A redelivered follow-up would ask the engine (and the LLM) twice.
    if (command.kind === 'follow_up' && !(await this.claim(who, context.activity))) return { status: 200, body: invokeBody({ kind: 'message', text: '' }) };
    try {
      const outcome = await this.commands.run(context, who, locale, command, true);
      return { status: 200, body: invokeBody(outcome) };
    } catch (error) {
      this.deps.logger.error({ err: errorText(error), tenant: who.tenant, requestId: who.requestId, kind: command.kind }, 'teams: card action failed');
      return { status: 200, body: { statusCode: 200, type: MESSAGE_TYPE, value: t(locale, 'teams.apology') } };
    }
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const started = this.monotonic();
    const who = this.admit(context);
    if (!who) {
      await context.sendActivity(textActivity(t(normalizeLocale(context.activity.locale), 'teams.unknown_tenant')));
      return;
    }
    if (!(await this.claim(who, context.activity))) return;
    await this.deps.refs.remember(who.tenant, context.activity, { timezone: who.tz });
    const locale = await this.localeOf(who);

    // Action.Submit (and clients that fall back from Action.Execute) arrive as a message with `value`.
    if (context.activity.value !== undefined && context.activity.value !== null) {
      const settings = parseSettingsSubmit(context.activity.value);
      if (settings) {
        await sendInvokeBody(context, await this.settings.invoke(context, who, locale, settings.verb, settings.values), locale);
        return;
      }
      const command = parseSubmitValue(context.activity.value);
      if (command) {
        await this.commands.run(context, who, locale, command, false);
        return;
      }
    }

    const text = (who.shared ? TurnContext.removeRecipientMention(context.activity) : context.activity.text ?? '').trim();
    const attachments = context.activity.attachments ?? [];
    let file: InboundAttachment | undefined;
    if (!who.shared && attachments.some(isFileAttachment)) {
      const downloaded = await downloadIncomingTable(attachments);
      if (typeof downloaded === 'string') {
        this.deps.logger.warn({ tenant: who.tenant, requestId: who.requestId, problem: downloaded }, 'teams: file not imported');
        await context.sendActivity(textActivity(t(locale, `teams.file.${downloaded}`)));
        return;
      }
      file = downloaded;
    }
    const unsupported = attachments.filter((a) => !BENIGN_ATTACHMENTS.has(a.contentType) && !isFileAttachment(a));
    if (unsupported.length > 0) {
      this.deps.logger.info({ tenant: who.tenant, types: unsupported.map((a) => a.contentType) }, 'teams: unsupported attachment');
      await context.sendActivity(textActivity(t(locale, 'teams.unsupported_attachment')));
      if (!text) return;
    }
    if (!text && !file) {
      await context.sendActivity(textActivity(t(locale, 'teams.empty_message')));
      return;
    }
    // A file sent without words is an import request.
    const routed = !text ? { text: '/coach import', isCommand: true } : isCommandTitle(text) ? { text, isCommand: true } : commandText(text);
    const inbound = { ...inboundFrom(who, routed.text, this.clock()), isCommand: routed.isCommand, ...(file ? { attachment: file } : {}) };
    await this.answerWithin(context, who, locale, inbound, started);
  }

  /**
   * Asks the engine and delivers the reply. When the engine has not answered by the inline budget, the
   * inbound turn ends (its HTTP request is answered) and the answer is delivered in a proactive
   * continuation of the same conversation; a personal-chat stream moves there with it.
   */
  private async answerWithin(context: TurnContext, who: Who, locale: Locale, inbound: Inbound, started: number): Promise<void> {
    await this.typing(context);
    const left = Math.max(0, this.inlineBudgetMs - (this.monotonic() - started));
    const answer = this.startAnswer(context, who, locale, inbound);
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      answer.reply.then(
        (reply) => ({ kind: 'reply' as const, reply }),
        (error: unknown) => ({ kind: 'error' as const, error }),
      ),
      new Promise<{ kind: 'slow' }>((resolve) => {
        timer = setTimeout(() => resolve({ kind: 'slow' }), left);
      }),
    ]);
    clearTimeout(timer);
    if (outcome.kind === 'error') {
      if (answer.stream?.live) return this.closeWithApology(context, who, locale, answer.stream, outcome.error);
      throw outcome.error;
    }
    if (outcome.kind === 'reply') {
      await this.deps.delivery.sendAnswer(context, who, outcome.reply, answer.stream);
      this.logReply(who, outcome.reply, 'message');
      return;
    }
    // Slow: say it is being worked on, then hand the rest to a continuation.
    if (answer.stream) await answer.stream.informative();
    await answer.stream?.detach();
    answer.detach();
    this.deps.logger.info({ tenant: who.tenant, requestId: who.requestId, budgetMs: this.inlineBudgetMs }, 'teams: answer continues after the turn');
    const inboundId = context.activity.id;
    this.later(context, who, locale, async (turn) => {
      // The continuation answers the same message: its sends reply to it, as the inbound turn's would have.
      if (inboundId) turn.activity.id = inboundId;
      answer.attach(turn);
      await answer.stream?.attach(turn);
      await this.finish(turn, who, locale, answer, 'message');
    });
  }

  /**
   * Starts the engine on `inbound` with a sink that streams in personal chat (informative update, then the
   * text so far at most once per interval) and keeps a typing indicator alive elsewhere. The turn it
   * writes through can be swapped (detach/attach) when the answer moves to a continuation.
   */
  private startAnswer(context: TurnContext, who: Who, locale: Locale, inbound: Inbound): {
    reply: Promise<Reply>;
    stream?: TeamsStream;
    detach(): void;
    attach(turn: TurnContext): void;
  } {
    let current: TurnContext | null = context;
    const stream = who.shared
      ? undefined
      : new TeamsStream(context, t(locale, 'teams.stream.thinking'), { intervalMs: this.streamIntervalMs, now: this.monotonic }, this.deps.logger);
    const sink = stream ? (partial: string) => stream.push(partial) : async () => (current ? this.typing(current) : undefined);
    const reply = this.deps.engine.handle(inbound, sink);
    reply.catch(() => undefined); // awaited by the turn or its continuation; never an unhandled rejection
    return {
      reply,
      ...(stream ? { stream } : {}),
      detach: () => {
        current = null;
      },
      attach: (turn) => {
        current = turn;
      },
    };
  }

  /** Answers `inbound` in `turn` (a continuation already): streamed in personal chat, no deadline. */
  private async respond(turn: TurnContext, who: Who, locale: Locale, inbound: Inbound, via: 'message' | 'card'): Promise<void> {
    await this.typing(turn);
    await this.finish(turn, who, locale, this.startAnswer(turn, who, locale, inbound), via);
  }

  /** Sends the answer once it is ready; a failure after its stream began closes the stream with the apology. */
  private async finish(turn: TurnContext, who: Who, locale: Locale, answer: ReturnType<LingyanTeamsBot['startAnswer']>, via: 'message' | 'card'): Promise<void> {
    let reply: Reply;
    try {
      reply = await answer.reply;
    } catch (error) {
      if (answer.stream?.live) return this.closeWithApology(turn, who, locale, answer.stream, error);
      throw error;
    }
    await this.deps.delivery.sendAnswer(turn, who, reply, answer.stream);
    this.logReply(who, reply, via);
  }

  /** An answer failed after its stream began: the apology is the stream's final message (never left hanging). */
  private async closeWithApology(turn: TurnContext, who: Who, locale: Locale, stream: TeamsStream, error: unknown): Promise<void> {
    this.deps.logger.error({ err: errorText(error), tenant: who.tenant, requestId: who.requestId }, 'teams: answer failed after it began streaming');
    const { activity } = await stream.finalize(textActivity(t(locale, 'teams.apology')));
    await turn.sendActivity(activity);
  }

  /** True the first time this activity id is seen (Teams may deliver an activity more than once). */
  private async claim(who: Who, activity: Partial<Activity>): Promise<boolean> {
    if (!activity.id) return true;
    try {
      const first = await this.deps.store.claimOnce(who.tenant, `teams:activity:${who.conversationId}:${activity.id}`, ACTIVITY_CLAIM_TTL_SECONDS);
      if (!first) this.deps.logger.info({ tenant: who.tenant, requestId: who.requestId, type: activity.type }, 'teams: duplicate activity ignored');
      return first;
    } catch (error) {
      // Better to answer twice than not at all; writes carry the message id and stay single.
      this.deps.logger.warn({ err: errorText(error), tenant: who.tenant }, 'teams: activity claim failed; processing anyway');
      return true;
    }
  }

  /** `message/submitAction`: the feedback buttons of an AI-written answer (👍/👎, optional text never stored). */
  private async handleSubmitAction(context: TurnContext): Promise<InvokeResponse> {
    const who = this.admit(context);
    const value = context.activity.value as { actionName?: unknown } | undefined;
    if (!who || value?.actionName !== 'feedback') return { status: 200 };
    if (!(await this.claim(who, context.activity))) return { status: 200 };
    try {
      const result = await this.deps.answers.vote({
        tenant: who.tenant,
        conversationId: who.conversationId,
        replyToId: context.activity.replyToId ?? '',
        ...(who.aadObjectId ? { aadObjectId: who.aadObjectId } : {}),
        value,
        at: this.clock(),
      });
      this.deps.logger.info({ tenant: who.tenant, requestId: who.requestId, result }, 'teams: feedback');
      if (result === 'invalid') return { status: 400 };
    } catch (error) {
      this.deps.logger.error({ err: errorText(error), tenant: who.tenant, requestId: who.requestId }, 'teams: feedback not stored');
      return { status: 500 };
    }
    return { status: 200 };
  }

  /** One line per delivered engine reply: ids, intent and error key, never the text. */
  private logReply(who: Who, reply: Reply, via: 'message' | 'card'): void {
    this.deps.logger.info({ tenant: who.tenant, requestId: who.requestId, via, intent: reply.intent, error: reply.error?.key }, 'teams reply');
  }

  private async handleMembersAdded(context: TurnContext): Promise<void> {
    const who = this.admit(context);
    if (!who) return;
    const activity = context.activity;
    const botAdded = (activity.membersAdded ?? []).some((member) => member.id === activity.recipient?.id);
    if (!botAdded) return;
    if (who.shared) await this.deps.refs.rememberConversation(who.tenant, activity);
    else await this.deps.refs.remember(who.tenant, activity, { timezone: who.tz });
    const locale = await this.localeOf(who);
    await context.sendActivity(textActivity(t(locale, 'teams.welcome')));
  }

  private async markUninstalled(who: Who): Promise<void> {
    if (who.shared) {
      await this.deps.refs.markConversation(who.tenant, who.conversationId, 'removed', 'app uninstalled');
    } else if (who.aadObjectId) {
      await this.deps.refs.markUser(who.tenant, who.aadObjectId, 'removed', 'app uninstalled');
    }
  }

  /** The sender's tenant if it may use Lingyan; refusals are logged. */
  private admit(context: TurnContext): Who | null {
    const who = whoFrom(context.activity);
    const allowed = this.deps.config.allowedTenants;
    if (!who.tenant || (allowed && allowed.length > 0 && !allowed.includes(who.tenant))) {
      this.deps.logger.warn(
        { tenant: who.tenant, type: context.activity.type, conversationType: who.conversationType },
        'teams: activity from a tenant that is not allowed',
      );
      return null;
    }
    const requestId = requestIdOfTurn(context);
    return { ...who, tenant: who.tenant, ...(requestId ? { requestId } : {}) };
  }

  private async localeOf(who: Who): Promise<Locale> {
    try {
      return await this.deps.engine.localeFor({ tenant: who.tenant, user: { platform: 'teams', id: who.userId }, locale: who.locale });
    } catch (error) {
      this.deps.logger.warn({ err: errorText(error) }, 'teams: locale lookup failed');
      return normalizeLocale(who.locale);
    }
  }

  /** Waits (up to `timeoutMs`) for card follow-ups still running; false if some were cut off. */
  drain(timeoutMs: number): Promise<boolean> {
    return this.pending.drain(timeoutMs);
  }

  /** Continues the conversation in a new turn (the invoke's own turn ends with its response). */
  private later(context: TurnContext, who: Who, locale: Locale, work: (turn: TurnContext) => Promise<void>): void {
    const reference = TurnContext.getConversationReference(context.activity);
    const adapter = context.adapter as CloudAdapter;
    const done = adapter.continueConversationAsync(this.deps.appId, reference, async (turn) => {
      try {
        await work(turn);
      } catch (error) {
        this.deps.logger.error({ err: errorText(error), tenant: who.tenant, requestId: who.requestId }, 'teams: card follow-up failed');
        await turn.sendActivity(textActivity(t(locale, 'teams.apology')));
      }
    });
    this.pending.track(
      done.catch((error: unknown) => {
        this.deps.logger.error({ err: errorText(error), tenant: who.tenant, requestId: who.requestId }, 'teams: card follow-up could not be delivered');
      }),
    );
  }

  /** A typing indicator, at most one per interval per turn (the engine's stream sink calls this often). */
  private async typing(context: TurnContext): Promise<void> {
    const now = Date.now();
    const last = this.lastTyping.get(context);
    if (last !== undefined && now - last < TYPING_INTERVAL_MS) return;
    this.lastTyping.set(context, now);
    await context.sendActivity({ type: 'typing' });
  }
}

function invokeBody(outcome: CardOutcome): Record<string, unknown> {
  if (outcome.kind === 'card') return { statusCode: 200, type: CARD_CONTENT_TYPE, value: outcome.card };
  return { statusCode: 200, type: MESSAGE_TYPE, value: outcome.text };
}

function verbOf(activity: Partial<Activity>): string | undefined {
  const value = activity.value as { action?: { verb?: unknown } } | undefined;
  return typeof value?.action?.verb === 'string' ? value.action.verb : undefined;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
