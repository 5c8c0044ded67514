// The Engine implementation: resolves who is asking, routes the text, runs the handler (or continues a
// dialogue) and turns any error into a localized reply. Channels only ever see this.
import { localDateOf } from '../domain/goals';
import { isBareWhy } from '../understanding/followUps';
import { nothingToExplain, recallQuestion, rememberQuestion, withStepsShown } from './whyFollowUp';
import type { AgentProfile, Locale } from '../domain/types';
import { UpstreamError, UserInputError } from '../errors';
import { normalizeLocale, t } from '../i18n';
import { silentLogger, type Logger } from '../logger';
import type { Store } from '../store/store';
import type { Handler, HandlerContext, Services } from './context';
import { endDialog, getDialog, saveDialog, type Dialog } from '../store/dialogs';
import type { AnySubmission, Engine, FormResult, FormSubmission, Inbound, StreamSink } from './engine';
import { errorReply } from './errorReply';
import { defaultHandlers } from './handlers';
import { onboardingReply, unknownHandler } from './handlers/help';
import { answersActivityConfirmation, answersLogMode, CONFIRM_ACTIVITY_KIND, continueActivityConfirmation, continueLogMode, LOG_MODE_KIND } from './handlers/logActivity';
import {
  answersGoalConfirmation, answersGoalDialog, answersGoalOffer, continueGoalConfirmation, continueGoalDialog, continueGoalOffer,
  CONFIRM_GOAL_KIND, GOAL_OFFER_KIND, goalOfferAfter, withUnsavedGoalNote,
} from './handlers/setGoal';
import type { Intent, Reply } from './reply';
import { rosterFor } from './roster';
import { mayNameSomeone, sharedUnderstanding, THRESHOLDS, type IntentDecider, type RouteResult, type Understanding } from '../understanding';
import { acceptsChoice, chosenOption, CLARIFY_KIND, type ClarifyDialog } from './handlers/clarify';
import { defaultForms, type FormHandler } from './forms';

/** The answer to the open dialogue's question, or null to decline: the dialogue ends and the message is routed as usual. */
export type DialogContinuation = (ctx: HandlerContext, dialog: Dialog, text: string) => Promise<Reply | null>;

/** Whether a message the understanding read confidently as something else still answers the open dialogue. */
export type DialogAccepts = (text: string, route: RouteResult) => boolean;

/** The answer to a different request that ended a dialogue, with what the person should know about it. */
export type DialogLeft = (ctx: HandlerContext, dialog: Dialog, reply: Reply) => Reply;

/**
 * A message read in the context of what Lingyan said last (a reply to a nudge): a reply, or null to route
 * the message as usual. `answerAs` runs another intent's handler on the same message.
 */
export type FollowUp = (ctx: HandlerContext, answerAs: (intent: RouteResult['intent']) => Promise<Reply>) => Promise<Reply | null>;

export interface EngineOptions {
  store: Store;
  services?: Services;
  defaultLocale?: Locale;
  defaultTz?: string;
  logger?: Logger;
  /** The trained understanding (default: the process's shared one). */
  understanding?: Understanding;
  /** Layer 4 of understanding: consulted when the model is unsure (set when an LLM is configured). */
  intentDecider?: IntentDecider;
  /** Called after every reply (metrics). */
  onReply?: (info: { tenant: string; channel: string; intent: string; ms: number; error?: string }) => void;
}

/** Intents that can be answered for a guest when the store is unavailable. */
const STATELESS_INTENTS = new Set<string>(['help', 'unknown', 'course', 'coach']);

const CANCEL = /^(取消|算了|退出|cancel|stop|quit|never ?mind)$/i;

export class LingyanEngine implements Engine {
  private readonly handlers = new Map<Intent, Handler>(Object.entries(defaultHandlers) as Array<[Intent, Handler]>);
  private readonly dialogs = new Map<string, DialogContinuation>([
    ['set_goal', (ctx, dialog, text) => continueGoalDialog(ctx, dialog as Extract<Dialog, { kind: 'set_goal' }>, text)],
    [CLARIFY_KIND, (ctx, dialog, text) => this.continueClarify(ctx, dialog as ClarifyDialog, text)],
    [CONFIRM_GOAL_KIND, (ctx, dialog, text) => continueGoalConfirmation(ctx, dialog, text)],
    [GOAL_OFFER_KIND, (ctx, dialog, text) => continueGoalOffer(ctx, dialog, text)],
    [CONFIRM_ACTIVITY_KIND, (ctx, dialog, text) => continueActivityConfirmation(ctx, dialog, text)],
    [LOG_MODE_KIND, (ctx, dialog, text) => continueLogMode(ctx, dialog, text)],
  ]);
  private readonly forms = new Map<AnySubmission['form'], FormHandler>(
    Object.entries(defaultForms) as Array<[AnySubmission['form'], FormHandler]>,
  );
  private readonly capturing = new Set<string>();
  private readonly followUps: FollowUp[] = [];
  private readonly accepting = new Map<string, DialogAccepts>([
    [CLARIFY_KIND, acceptsChoice],
    ['set_goal', answersGoalDialog],
    [CONFIRM_GOAL_KIND, answersGoalConfirmation],
    [GOAL_OFFER_KIND, answersGoalOffer],
    [CONFIRM_ACTIVITY_KIND, answersActivityConfirmation],
    [LOG_MODE_KIND, answersLogMode],
  ]);
  /** A goal dialogue left half-way: the answer to the new request says the goal was not saved. */
  private readonly leaving = new Map<string, DialogLeft>([
    ['set_goal', withUnsavedGoalNote],
    [CONFIRM_GOAL_KIND, withUnsavedGoalNote],
  ]);
  readonly services: Services;
  private readonly logger: Logger;

  constructor(private readonly options: EngineOptions) {
    this.services = options.services ?? {};
    this.logger = options.logger ?? silentLogger;
    // Trained here, at start-up (≈ 0.5 s, bench/understanding.ts), not on the first message.
    void this.understanding;
  }

  register(intent: Intent, handler: Handler): this {
    this.handlers.set(intent, handler);
    return this;
  }

  /**
   * `captureAll`: every message goes to the open dialogue (a role-play turn such as "年化4.2%起" must not
   * be read as a new request); only `/coach …` commands and cancel words leave it.
   */
  registerDialog(kind: string, continuation: DialogContinuation, options: { captureAll?: boolean; accepts?: DialogAccepts } = {}): this {
    this.dialogs.set(kind, continuation);
    if (options.accepts) this.accepting.set(kind, options.accepts);
    if (options.captureAll) this.capturing.add(kind);
    else this.capturing.delete(kind);
    return this;
  }

  /** Consulted, in order, for a typed message no open dialogue took (nudges: a reply to a nudge). */
  registerFollowUp(followUp: FollowUp): this {
    this.followUps.push(followUp);
    return this;
  }

  registerForm(form: AnySubmission['form'], handler: FormHandler): this {
    this.forms.set(form, handler);
    return this;
  }

  get store(): Store {
    return this.options.store;
  }

  async localeFor(inbound: Pick<Inbound, 'tenant' | 'user' | 'locale'>): Promise<Locale> {
    if (inbound.locale) return normalizeLocale(inbound.locale, this.defaultLocale);
    try {
      const actor = await this.resolveActor(inbound.tenant, inbound.user);
      return actor?.locale ?? this.defaultLocale;
    } catch {
      return this.defaultLocale;
    }
  }

  async handle(inbound: Inbound, stream?: StreamSink): Promise<Reply> {
    const started = performance.now();
    let locale = inbound.locale ? normalizeLocale(inbound.locale, this.defaultLocale) : this.defaultLocale;
    let intent: Intent | 'unknown' = 'unknown';
    let reply: Reply;
    let offerTo: AgentProfile | undefined;
    try {
      const actor = await this.resolveActorOrGuest(inbound, locale);
      if (!actor) {
        reply = onboardingReply(locale, inbound.user.id);
      } else {
        if (!inbound.locale) locale = actor.locale;
        if (!inbound.passive && isBareWhy(inbound.text)) return await this.answerWhy(inbound, actor, locale);
        const ctx = this.context(inbound, actor, locale, await this.understand(inbound, actor), stream);
        intent = ctx.route.intent;
        if (!inbound.passive && !actor.id.startsWith('guest:') && !ctx.route.args.subjectName) offerTo = actor;
        reply = await this.nameTheSubject(ctx, await this.dispatch(ctx, inbound.isCommand === true));
        // A `/coach` answer carries its own "why" button (Slack, Teams); typed messages are followed by "为什么".
        if (reply.why?.length && !inbound.passive && !inbound.isCommand) {
          const asked = { text: inbound.text, isCommand: false, at: inbound.now.toISOString() };
          void rememberQuestion(this.options.store, inbound.tenant, actor.id, asked).catch(() => undefined);
        }
      }
    } catch (error) {
      reply = errorReply(locale, intent, error, this.requestLogger(inbound));
    }
    // After a target suggested, or "no income target yet", a bare amount next is read as the target.
    const offer = offerTo ? goalOfferAfter(offerTo.id, reply) : null;
    if (offerTo && offer) await saveDialog(this.options.store, inbound.tenant, offerTo.id, offer).catch(() => undefined);
    this.options.onReply?.({
      tenant: inbound.tenant,
      channel: inbound.channel.kind,
      intent: reply.intent,
      ms: performance.now() - started,
      ...(reply.error ? { error: reply.error.kind } : {}),
    });
    return reply;
  }

  /** "为什么" after an answer: that question again, at its own instant, with the steps written out. */
  private async answerWhy(inbound: Inbound, actor: AgentProfile, locale: Locale): Promise<Reply> {
    // A follow-up may know what the why is about (a nudge sent since the last answer: src/nudges/followUp.ts).
    const text = inbound.text.trim();
    const ctx = this.context(inbound, actor, locale, { intent: 'calls_today', args: {}, text, source: 'default' });
    for (const followUp of this.followUps) {
      const reply = await followUp(ctx, (intent) => this.handlerFor(intent)({ ...ctx, route: { ...ctx.route, intent } }, ctx.route.args));
      if (reply) return reply;
    }
    const asked = await recallQuestion(this.options.store, inbound.tenant, actor.id).catch(() => null);
    if (!asked) return nothingToExplain(locale);
    return withStepsShown(await this.handle({ ...inbound, text: asked.text, isCommand: asked.isCommand, now: new Date(asked.at) }));
  }

  async submitForm(submission: AnySubmission): Promise<FormResult> {
    let locale = submission.locale ? normalizeLocale(submission.locale, this.defaultLocale) : this.defaultLocale;
    try {
      const actor = await this.resolveActor(submission.tenant, submission.user);
      if (!actor) return { ok: true, reply: onboardingReply(locale, submission.user.id) };
      if (!submission.locale) locale = actor.locale;
      const handler = this.forms.get(submission.form);
      const ctx = this.context({ ...submission, text: '', isCommand: false }, actor, locale, { intent: 'help', args: {}, text: '' });
      if (!handler) return { ok: true, reply: await unknownHandler(ctx, {}) };
      return await handler(ctx, submission.values);
    } catch (error) {
      return { ok: false, reply: errorReply(locale, submission.form === 'nudge_settings' ? 'nudges' : submission.form, error, this.requestLogger(submission)) };
    }
  }

  /** For the lines an error writes: which tenant and request they belong to (built only on that path). */
  private requestLogger(inbound: Pick<Inbound, 'tenant' | 'requestId'>): Logger {
    return this.logger.child({ tenant: inbound.tenant, ...(inbound.requestId ? { requestId: inbound.requestId } : {}) });
  }

  private get defaultLocale(): Locale {
    return this.options.defaultLocale ?? 'zh-CN';
  }

  private get understanding(): Understanding {
    return this.options.understanding ?? sharedUnderstanding();
  }

  private tzOf(inbound: Pick<Inbound, 'tz'>, actor?: AgentProfile): string {
    return actor?.tz || inbound.tz || this.options.defaultTz || 'Asia/Shanghai';
  }

  private todayOf(inbound: Pick<Inbound, 'now' | 'tz'>, actor?: AgentProfile): string {
    return localDateOf(inbound.now, this.tzOf(inbound, actor));
  }

  private handlerFor(intent: RouteResult['intent']): Handler {
    return intent === 'unknown' ? unknownHandler : (this.handlers.get(intent) ?? unknownHandler);
  }

  /** The message as an intent with arguments: names are read against the people the asker may ask about. */
  private async understand(inbound: Inbound, actor: AgentProfile): Promise<RouteResult> {
    const text = inbound.text.trim();
    if (!text) return { intent: 'help', args: {}, text, source: 'empty' };
    const isCommand = inbound.isCommand ?? false;
    const roster = mayNameSomeone(text, isCommand) ? await rosterFor(this.options.store, inbound.tenant, actor) : undefined;
    const ctx = { today: this.todayOf(inbound, actor), isCommand, ...(roster ? { roster } : {}) };
    return this.understanding.understand(text, ctx, this.options.intentDecider);
  }

  /**
   * A reply about someone else's numbers says whose they are in its first line (the handlers' wording
   * is written to the person: "你需要打…"), so a lead never mistakes a member's figures for their own.
   */
  private async nameTheSubject(ctx: HandlerContext, reply: Reply): Promise<Reply> {
    const about = reply.data?.agent;
    if (typeof about !== 'string' || about === ctx.actor.id || reply.error) return reply;
    const subject = await this.options.store.getAgent(ctx.tenant, about).catch(() => null);
    if (!subject || reply.text.startsWith(subject.name)) return reply;
    return { ...reply, text: `${t(ctx.locale, 'subject.about', { name: subject.name })}\n${reply.text}` };
  }

  /** A choice in an open `clarify`: the original message is routed again as the chosen reading. */
  private async continueClarify(ctx: HandlerContext, dialog: ClarifyDialog, text: string): Promise<Reply> {
    await endDialog(ctx.store, ctx.tenant, ctx.actor.id);
    const option = chosenOption(dialog, text);
    if (!option) return { intent: 'clarify', locale: ctx.locale, text: t(ctx.locale, 'clarify.expired'), data: { options: [] } };
    const roster = await rosterFor(ctx.store, ctx.tenant, ctx.actor);
    const { ranked: _ranked, ...routed } = this.understanding.offline(dialog.text, {
      today: ctx.today,
      isCommand: dialog.isCommand,
      roster,
      forceIntent: option.intent === 'clarify' ? 'help' : option.intent,
    });
    if (option.subjectId) {
      routed.args.subjectName = option.subjectId;
      routed.args.subjectId = option.subjectId;
    }
    refuseUnreadableValues(routed);
    return this.handlerFor(routed.intent)({ ...ctx, route: routed }, routed.args);
  }

  private context(inbound: Inbound, actor: AgentProfile, locale: Locale, routed: RouteResult, stream?: StreamSink): HandlerContext {
    const tz = this.tzOf(inbound, actor);
    const today = localDateOf(inbound.now, tz);
    return {
      tenant: inbound.tenant,
      actor,
      locale,
      now: inbound.now,
      today,
      tz,
      store: this.options.store,
      channel: inbound.channel,
      services: this.services,
      route: routed,
      passive: inbound.passive ?? false,
      ...(inbound.attachment ? { attachment: inbound.attachment } : {}),
      ...(inbound.messageId ? { writeId: `${inbound.user.platform}:${inbound.messageId}` } : {}),
      ...(stream ? { stream } : {}),
      ...(inbound.thread && inbound.thread.length > 0 ? { thread: inbound.thread } : {}),
    };
  }

  /** `isCommand`: the platform marked the text as `/coach …` (Slack and Teams hand over the text without it). */
  private async dispatch(ctx: HandlerContext, isCommand: boolean): Promise<Reply> {
    refuseUnreadableValues(ctx.route);
    const passive = ctx.passive || ctx.actor.id.startsWith('guest:');
    const handler = this.handlerFor(ctx.route.intent);
    // A read-only answer is worked out while the open-dialogue check is in flight: its Redis reads share
    // one round trip with that check. It is dropped if a dialogue takes the message after all.
    const answerEarly = !passive && this.isReadOnly(ctx.route.intent, handler) && !CANCEL.test(ctx.route.text);
    const early = answerEarly ? settle(handler(ctx, ctx.route.args)) : undefined;
    const dialog = passive ? null : await getDialog(ctx.store, ctx.tenant, ctx.actor.id);
    if (dialog) {
      if (CANCEL.test(ctx.route.text)) {
        await endDialog(ctx.store, ctx.tenant, ctx.actor.id);
        return { intent: 'help', locale: ctx.locale, text: t(ctx.locale, 'dialog.cancelled'), data: { cancelled: dialog.kind } };
      }
      const continuation = this.dialogs.get(dialog.kind);
      // An answer to the open question goes to the dialogue; a clearly different request ends it.
      // The understanding's reading wins only when it is a confident, different request.
      const route = ctx.route;
      const answersQuestion =
        (this.capturing.has(dialog.kind) && !isCommand && !/^\/coach\b/i.test(route.text)) ||
        (this.accepting.get(dialog.kind)?.(route.text, route) ?? false) ||
        route.intent === 'unknown' ||
        route.intent === 'clarify' ||
        (route.source !== 'command' && (route.confidence ?? 1) < THRESHOLDS.CONFIDENT) ||
        (route.intent === dialog.kind && !hasArgs(route));
      if (continuation && answersQuestion) {
        const answer = await continuation(ctx, dialog, ctx.route.text);
        if (answer) return answer;
      }
      await endDialog(ctx.store, ctx.tenant, ctx.actor.id);
      const left = this.leaving.get(dialog.kind);
      if (left) return left(ctx, dialog, await this.answerAnew(ctx, isCommand, passive, handler, early));
    }
    return this.answerAnew(ctx, isCommand, passive, handler, early);
  }

  /** A message no open dialogue took: a follow-up of what Lingyan said last, or the routed handler. */
  private async answerAnew(ctx: HandlerContext, isCommand: boolean, passive: boolean, handler: Handler, early: Promise<Settled<Reply>> | undefined): Promise<Reply> {
    if (!passive && !isCommand) {
      for (const followUp of this.followUps) {
        const answerAs = (intent: RouteResult['intent']) => this.handlerFor(intent)({ ...ctx, route: { ...ctx.route, intent } }, ctx.route.args);
        const reply = await followUp(ctx, answerAs);
        if (reply) return reply;
      }
    }
    return early ? unsettle(await early) : handler(ctx, ctx.route.args);
  }

  /** The foundation's own handlers that only read (a registered replacement is never assumed to). */
  private isReadOnly(intent: Intent | 'unknown', handler: Handler): boolean {
    return READ_ONLY_INTENTS.has(intent) && handler === defaultHandlers[intent as Intent];
  }

  /**
   * With the store down, questions that need no one's data (help, courses, coaching) are still answered
   * for an anonymous guest; anything else surfaces the store's UpstreamError as a friendly "try again".
   */
  private async resolveActorOrGuest(inbound: Inbound, locale: Locale): Promise<AgentProfile | null> {
    try {
      return await this.resolveActor(inbound.tenant, inbound.user);
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      const today = this.todayOf(inbound);
      const intent = inbound.text.trim() ? this.understanding.offline(inbound.text.trim(), { today, isCommand: inbound.isCommand ?? false }).intent : 'help';
      if (!STATELESS_INTENTS.has(intent)) throw error;
      return {
        id: `guest:${inbound.user.id}`,
        name: inbound.user.name ?? 'guest',
        team: '',
        role: 'agent',
        locale,
        tz: inbound.tz ?? this.options.defaultTz ?? 'Asia/Shanghai',
        calendar: 'CN',
        baseSalary: 0,
        commission: { type: 'flat', rate: 0.02 },
      };
    }
  }

  private async resolveActor(tenant: string, user: Inbound['user']): Promise<AgentProfile | null> {
    const store = this.options.store;
    if (user.platform === 'console') return store.getAgent(tenant, user.id);
    const byId = await store.findAgentByPlatformId(tenant, user.platform, user.id);
    if (byId) return byId;
    return user.email ? store.findAgentByPlatformId(tenant, 'email', user.email.toLowerCase()) : null;
  }
}

/** Intents whose default handlers read and never write, so working them out early has no side effect. */
const READ_ONLY_INTENTS = new Set<string>(['calls_today', 'plan', 'progress', 'diagnose', 'suggest_target']);

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise that cannot reject unobserved (an early answer may be dropped unread). */
function settle<T>(work: Promise<T>): Promise<Settled<T>> {
  return work.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

function unsettle<T>(settled: Settled<T>): T {
  if (settled.ok) return settled.value;
  throw settled.error;
}

function hasArgs(routed: RouteResult): boolean {
  return Object.values(routed.args).some((value) => value !== undefined && value !== null && value !== '');
}

export function createEngine(options: EngineOptions): LingyanEngine {
  return new LingyanEngine(options);
}

/**
 * A value that is not a number or a time ("1.2.3万", "25点"), or a range or an estimate in a write ("30-40个"),
 * stops the request before anything is read into it; errorReply turns this into the localized "say it
 * again" (nothing saved). Typed, or chosen from a clarify.
 */
function refuseUnreadableValues(route: RouteResult): void {
  if (route.args.malformed) throw new UserInputError('error.malformed_value', { value: route.args.malformed.slice(0, 40) });
  if (route.args.range) throw new UserInputError('error.range_value', { value: route.args.range.slice(0, 40) });
}
