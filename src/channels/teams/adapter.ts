// createTeamsChannel: the CloudAdapter (JWT validation on) behind `POST /api/messages`, the bot, and the
// proactive channel, wired from the Engine and Store. The only entry point the server needs.
import { CloudAdapter, type Request as BotRequest, type Response as BotResponse, type TurnContext } from 'botbuilder';
import type { Engine } from '../../core/engine';
import { normalizeLocale, t } from '../../i18n';
import { requestIdOf } from '../requestId';
import type { Store } from '../../store/store';
import { authenticationFor } from './auth';
import { LingyanTeamsBot, REQUEST_ID_KEY, requestIdOfTurn } from './bot';
import { AdaptiveCardRenderer } from './cards';
import { ReplyDelivery } from './deliver';
import { FileOffers } from './files';
import { PersonalChats } from './personal';
import { TeamsProactiveChannel } from './proactive';
import type { Clock } from './rateLimit';
import { ConversationRefs } from './references';
import type { TeamsConfig, TeamsLogger, TeamsTiming } from './types';
import { AnswerRecords } from './answers';
import { keepEntityProperties } from './entities';

export interface TeamsChannelOptions {
  engine: Engine;
  store: Store;
  config: TeamsConfig;
  logger: TeamsLogger;
  /** The instant a message arrives (tests pin it). */
  now?: () => Date;
  /** Clock for the proactive rate limiters (tests use a fake). */
  limiterClock?: Clock;
  /** The inline budget of a message turn and the streaming interval (tests shorten them). */
  timing?: TeamsTiming;
}

/** What express (or any node http framework) hands the handler: a parsed JSON body and a response. */
export interface HttpRequestLike {
  method?: string;
  body?: unknown;
  headers: Record<string, string | string[] | undefined>;
}
export interface HttpResponseLike {
  status(code: number): unknown;
  send(body?: unknown): unknown;
  end(): unknown;
  headersSent?: boolean;
}

export interface TeamsChannel {
  /** Express handler for `POST /api/messages` (needs `express.json()` before it). */
  handleRequest(req: HttpRequestLike, res: HttpResponseLike): Promise<void>;
  proactive: TeamsProactiveChannel;
  adapter: CloudAdapter;
  bot: LingyanTeamsBot;
  renderer: AdaptiveCardRenderer;
  /** Waits (up to `timeoutMs`) for card follow-ups and slow answers still running after their request was answered. */
  drain(timeoutMs: number): Promise<boolean>;
}

export function createTeamsChannel(options: TeamsChannelOptions): TeamsChannel {
  const { engine, store, config, logger } = options;
  keepEntityProperties(); // streaminfo, AI label and citations must reach Teams whole
  const adapter = new CloudAdapter(authenticationFor(config));
  const refs = new ConversationRefs(store);
  const renderer = new AdaptiveCardRenderer();
  const personal = new PersonalChats(adapter, config.appId, refs);
  const files = new FileOffers(store);
  const answers = new AnswerRecords(store, logger);
  const delivery = new ReplyDelivery(renderer, refs, personal, files, logger, answers);
  const bot = new LingyanTeamsBot({
    appId: config.appId,
    engine,
    refs,
    renderer,
    delivery,
    files,
    config,
    logger,
    clock: options.now,
    store,
    answers,
    ...(options.timing ? { timing: options.timing } : {}),
  });
  const proactive = new TeamsProactiveChannel({ refs, personal, delivery, logger, clock: options.limiterClock });

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const activity = context.activity;
    logger.error(
      { err: error.message, stack: error.stack, requestId: requestIdOfTurn(context), type: activity.type, conversationType: activity.conversation?.conversationType },
      'teams: unhandled error in turn',
    );
    if (activity.type !== 'message') return;
    try {
      await context.sendActivity({ type: 'message', text: t(normalizeLocale(activity.locale), 'teams.apology') });
    } catch (sendError) {
      logger.error({ err: sendError instanceof Error ? sendError.message : String(sendError) }, 'teams: apology could not be sent');
    }
  };

  async function handleRequest(req: HttpRequestLike, res: HttpResponseLike): Promise<void> {
    const requestId = requestIdOf(req.headers);
    try {
      await adapter.process(req as unknown as BotRequest, res as unknown as BotResponse, (context) => {
        if (requestId) context.turnState.set(REQUEST_ID_KEY, requestId);
        return bot.run(context);
      });
    } catch (error) {
      // process() answers 401/400/500 itself; this only catches failures before it could (malformed input).
      logger.error({ err: error instanceof Error ? error.message : String(error), requestId }, 'teams: request could not be processed');
      if (!res.headersSent) {
        res.status(400);
        res.end();
      }
    }
  }

  return { handleRequest, proactive, adapter, bot, renderer, drain: (timeoutMs) => bot.drain(timeoutMs) };
}
