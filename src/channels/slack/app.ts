// createSlackApp: one Bolt app over HTTP (ExpressReceiver on /slack/events, signatures verified) or
// Socket Mode, single-token or OAuth multi-workspace, with every Lingyan listener registered.
import { App, ExpressReceiver, SocketModeReceiver, webApi, type AuthorizationError } from '@slack/bolt';
import { requestIdOf } from '../requestId';
import { registerActions } from './actions';
import { registerFeedback } from './feedback';
import { createAssistant } from './assistant';
import { registerCommands } from './commands';
import { registerHome, publishHomeWith } from './home';
import { dedupeEvents } from './idempotency';
import { errorFields } from './identity';
import { StoreInstallationStore } from './installation-store';
import { registerLifecycle, resumeVerifiedWorkspace } from './lifecycle';
import { TokenCipher } from './token-cipher';
import { boltLogger } from './logger';
import { registerMessages } from './messages';
import { registerSettings } from './modals';
import { SlackProactiveChannel } from './proactive';
import { slackFetch } from './transport';
import { singleWorkspaceAuthorize } from './authorize';
import { createRuntime, type SlackRuntime } from './runtime';
import { BOT_SCOPES } from './scopes';
import { registerShortcuts } from './shortcuts';
import { registerSubmissions } from './submissions';
import { silentLogger, type SlackConfig, type SlackDeps, type SlackLogger } from './types';

export const SLACK_EVENTS_PATH = '/slack/events';
export const SLACK_INSTALL_PATH = '/slack/install';
export const SLACK_OAUTH_REDIRECT_PATH = '/slack/oauth_redirect';

export interface CreateSlackAppOptions {
  engine: SlackDeps['engine'];
  store: SlackDeps['store'];
  config: SlackConfig;
  logger?: SlackLogger;
  /** The engine's "now" for every message (default: the system clock). */
  clock?: () => Date;
}

export interface SlackAppHandle {
  app: App;
  mode: 'http' | 'socket';
  receiver: ExpressReceiver | SocketModeReceiver;
  /** HTTP mode: mount on the shared server (`server.use(handle.router)`): POST /slack/events (+ OAuth routes). */
  router?: ExpressReceiver['router'];
  /** OAuth mode: the Store-backed installation store. */
  installations?: StoreInstallationStore;
  /** DMs for the nudge worker, on the same credentials. */
  proactive: SlackProactiveChannel;
  /** Republishes a person's App Home (after a change made elsewhere, e.g. a nudge reply or an import). */
  publishHome(tenant: string, userId: string): Promise<void>;
  /** Standalone HTTP listener (tests, single-process dev) or the Socket Mode connection. */
  start(port?: number): Promise<void>;
  stop(): Promise<void>;
  /** Waits (up to `timeoutMs`) for listeners still working after their ack; false if some were cut off. */
  drain(timeoutMs: number): Promise<boolean>;
}

/** `SLACK_API_URL` as the Web API base (must end with `/api/`). */
export function normalizeApiUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return url.endsWith('/') ? url : `${url}/`;
}

export function createSlackApp(options: CreateSlackAppOptions): SlackAppHandle {
  const { config, engine, store } = options;
  const logger = options.logger ?? silentLogger;
  const boltLog = boltLogger(logger);
  const oauth = Boolean(config.clientId && config.clientSecret && config.stateSecret);
  if (!oauth && !config.botToken) {
    throw new Error('Slack needs SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (OAuth)');
  }
  if (!config.appToken && !config.signingSecret) throw new Error('SLACK_SIGNING_SECRET is required for Slack over HTTP');
  const apiUrl = normalizeApiUrl(config.apiUrl);
  const clientOptions: webApi.WebClientOptions = {
    fetch: slackFetch,
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    retryConfig: { retries: config.retries ?? 3, factor: 2, minTimeout: 500, maxTimeout: 10_000, randomize: true },
  };
  const installations = oauth
    ? new StoreInstallationStore(store, logger, config.installationKey ? { cipher: new TokenCipher(config.installationKey) } : {})
    : undefined;
  const oauthOptions = installations
    ? {
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        stateSecret: config.stateSecret,
        installationStore: installations,
        scopes: [...BOT_SCOPES],
        installerOptions: {
          directInstall: true,
          installPath: SLACK_INSTALL_PATH,
          redirectUriPath: SLACK_OAUTH_REDIRECT_PATH,
          clientOptions,
        },
      }
    : {};

  let receiver: ExpressReceiver | SocketModeReceiver;
  let mode: SlackAppHandle['mode'];
  if (config.appToken) {
    mode = 'socket';
    receiver = new SocketModeReceiver({ appToken: config.appToken, logger: boltLog, ...oauthOptions });
  } else {
    mode = 'http';
    receiver = new ExpressReceiver({
      signingSecret: config.signingSecret,
      signatureVerification: true,
      endpoints: SLACK_EVENTS_PATH,
      logger: boltLog,
      // The HTTP server's request id reaches every listener as context.requestId (see requestIdIn).
      customPropertiesExtractor: (req) => {
        const requestId = requestIdOf(req.headers);
        return requestId ? { requestId } : {};
      },
      ...oauthOptions,
    });
  }
  const single =
    installations || !config.botToken
      ? undefined
      : singleWorkspaceAuthorize(config.botToken, new webApi.WebClient(config.botToken, { ...clientOptions, logger: boltLog }), logger, (team) => {
          void resumeVerifiedWorkspace(store, logger, team);
        });
  const app = new App({
    receiver,
    logger: boltLog,
    // Bolt's default conversation store is an in-process map: per replica, so wrong behind a load
    // balancer, and unused (dialogue state lives in the Store). Off, it also costs nothing per event.
    convoStore: false,
    clientOptions,
    ...(single ? { authorize: single.authorize } : {}),
  });
  void single?.warmUp();

  const rt: SlackRuntime = createRuntime({ engine, store, logger, clock: options.clock ?? (() => new Date()) }, config.streamIntervalMs ?? 1000, config.admission, {
    ...(config.answerTimeoutMs ? { answerTimeoutMs: config.answerTimeoutMs } : {}),
    ...(config.ackAnswerMs !== undefined ? { ackAnswerMs: config.ackAnswerMs } : {}),
  });
  const clients = new Map<string, webApi.WebClient>();
  const tokenFor = async (tenant: string): Promise<string | null> =>
    installations ? installations.botToken(tenant) : (config.botToken ?? null);
  const clientFor = async (tenant: string): Promise<webApi.WebClient | null> => {
    const token = await tokenFor(tenant);
    if (!token) return null;
    let client = clients.get(token);
    if (!client) {
      client = new webApi.WebClient(token, { ...clientOptions, logger: boltLog, teamId: tenant });
      clients.set(token, client);
    }
    return client;
  };
  rt.refreshHome = (client, tenant, userId) => publishHomeWith(rt, client, tenant, userId);

  // Listeners keep working after the ack (the reply is posted later), or hand their slow part off
  // (handOff, same tracker): a shutdown waits for both.
  app.use(async ({ next }) => {
    const done = next();
    rt.pending.track(done);
    await done;
  });
  app.use(dedupeEvents(store, logger));
  // `/coach` first: it ends the chain for commands (see commands.ts), so put nothing it needs after it.
  registerCommands(app, rt);
  app.assistant(createAssistant(rt));
  registerMessages(app, rt);
  registerActions(app, rt);
  registerFeedback(app, rt);
  registerSubmissions(app, rt);
  registerSettings(app, rt);
  registerShortcuts(app, rt);
  registerHome(app, rt);
  // app_uninstalled / tokens_revoked: remove the installation, pause the workspace's nudges.
  registerLifecycle(app, { store, logger, ...(installations ? { installations } : {}) });
  app.error(async (error) => {
    if (error.code === 'slack_bolt_authorization_error') {
      const auth = error as AuthorizationError;
      logger.warn({ err: errorFields(auth.original ?? auth) }, 'slack: request from a workspace without a usable installation; ignored');
      return;
    }
    logger.error({ err: errorFields(error), code: error.code }, 'slack listener error');
  });

  const proactive = new SlackProactiveChannel({
    tokenFor,
    logger,
    store,
    apiUrl,
    ...(config.postsPerSecond ? { minIntervalMs: Math.ceil(1000 / config.postsPerSecond) } : {}),
  });
  let started = false;
  return {
    app,
    mode,
    receiver,
    ...(receiver instanceof ExpressReceiver ? { router: receiver.router } : {}),
    ...(installations ? { installations } : {}),
    proactive,
    async publishHome(tenant, userId) {
      const client = await clientFor(tenant);
      if (!client) {
        logger.warn({ tenant, userId }, 'slack home: workspace not installed; not published');
        return;
      }
      await publishHomeWith(rt, client, tenant, userId);
    },
    async start(port) {
      if (receiver instanceof ExpressReceiver) await receiver.start(port ?? 3000);
      else await receiver.start();
      started = true;
    },
    async stop() {
      if (!started) return;
      started = false;
      await receiver.stop();
    },
    drain: (timeoutMs) => rt.pending.drain(timeoutMs),
  };
}
