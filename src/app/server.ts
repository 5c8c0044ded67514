// Server mode (`npm start` with Slack and/or Teams credentials): one HTTP server for both platforms,
// the nudge worker beside it, and a graceful shutdown on SIGTERM/SIGINT. `--worker` runs the worker alone.
import type { SlackAppHandle } from '../channels/slack';
import { deferSocketModeLoad } from '../channels/slack/deferSocketMode';
import type { TeamsChannel } from '../channels/teams/adapter';
import type { ProactiveChannel } from '../channels/channel';
import type { Env } from '../config/env';
import { hasSlack, hasTeams, redisTopology } from '../config/env';
import { createHttpApp, createMetricsApp, startHttpServer, type RunningServer } from '../server/http';
import { buildApp, type AppContext } from './bootstrap';
import type { CliOptions } from './cli';
import { startupFixture } from './data';
import { startNudges, type NudgeRuntime } from './nudgeRuntime';
import { logUnhandledRejections } from './processGuards';
import { setPracticeChannels } from '../core/handlers/lead/practice';

export interface Platforms {
  slack?: SlackAppHandle;
  teams?: TeamsChannel;
}

/** The configured platforms; each SDK (Bolt, botbuilder ≈ 45 MB) is loaded only when configured. */
export async function createPlatforms(app: AppContext): Promise<Platforms> {
  const { env, engine, store, logger } = app;
  const platforms: Platforms = {};
  if (hasSlack(env)) {
    if (!env.SLACK_APP_TOKEN) deferSocketModeLoad();
    const { createSlackApp } = await import('../channels/slack');
    platforms.slack = createSlackApp({
      engine,
      store,
      logger: logger.child({ channel: 'slack' }),
      config: {
        signingSecret: env.SLACK_SIGNING_SECRET ?? '',
        ...(env.SLACK_BOT_TOKEN ? { botToken: env.SLACK_BOT_TOKEN } : {}),
        ...(env.SLACK_CLIENT_ID ? { clientId: env.SLACK_CLIENT_ID } : {}),
        ...(env.SLACK_CLIENT_SECRET ? { clientSecret: env.SLACK_CLIENT_SECRET } : {}),
        ...(env.SLACK_STATE_SECRET ? { stateSecret: env.SLACK_STATE_SECRET } : {}),
        ...(env.INSTALLATION_ENCRYPTION_KEY ? { installationKey: env.INSTALLATION_ENCRYPTION_KEY } : {}),
        ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
        ...(env.SLACK_API_URL ? { apiUrl: env.SLACK_API_URL } : {}),
        postsPerSecond: env.SLACK_POSTS_PER_SECOND,
      },
    });
  }
  if (hasTeams(env)) {
    const { createTeamsChannel } = await import('../channels/teams/adapter');
    platforms.teams = createTeamsChannel({
      engine,
      store,
      logger: logger.child({ channel: 'teams' }),
      config: {
        appId: env.MicrosoftAppId ?? '',
        appPassword: env.MicrosoftAppPassword ?? '',
        appType: env.MicrosoftAppType,
        ...(env.MicrosoftAppTenantId ? { appTenantId: env.MicrosoftAppTenantId } : {}),
        ...(env.TEAMS_ALLOWED_TENANTS.length > 0 ? { allowedTenants: env.TEAMS_ALLOWED_TENANTS } : {}),
      },
    });
  }
  // Practice a lead assigns reaches the agent as a DM on the same channels the nudges use.
  setPracticeChannels(proactiveChannels(platforms));
  return platforms;
}

export function proactiveChannels(platforms: Platforms): { slack?: ProactiveChannel; teams?: ProactiveChannel } {
  return {
    ...(platforms.slack ? { slack: platforms.slack.proactive } : {}),
    ...(platforms.teams ? { teams: platforms.teams.proactive } : {}),
  };
}

/**
 * Resolves with the exit code once `stop` has run after the first SIGTERM/SIGINT. `onSignal` runs first,
 * synchronously, before anything awaits (the server turns /readyz to 503 there).
 */
function onShutdown(logger: AppContext['logger'], stop: () => Promise<void>, onSignal: () => void = () => undefined): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const handler = (signal: string) => {
      if (stopping) return;
      stopping = true;
      onSignal();
      logger.info({ signal }, 'shutting down');
      stop()
        .then(() => resolve(0))
        .catch((error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          resolve(1);
        });
    };
    process.once('SIGTERM', () => handler('SIGTERM'));
    process.once('SIGINT', () => handler('SIGINT'));
  });
}

/** How long a shutdown waits for replies still in progress after the HTTP server closed (within compose's 30 s grace). */
const DRAIN_MS = 15_000;

/** METRICS_PORT: /metrics on a listener of its own (the app's port then has none). */
async function startMetrics(env: Env, logger: AppContext['logger']): Promise<RunningServer | null> {
  if (env.METRICS_PORT === undefined) return null;
  const server = await startHttpServer(createMetricsApp(), env.METRICS_PORT);
  logger.info({ port: server.port }, 'metrics listening');
  return server;
}

export async function runServer(options: CliOptions, env: Env): Promise<number> {
  const app = await buildApp(env);
  logUnhandledRejections(app.logger);
  if (options.data) {
    await app.store.seed(options.tenant, await startupFixture(options.data, new Date(), env.DEFAULT_TZ));
    await app.tenants.remember(options.tenant);
  }
  if (!redisTopology(env)) app.logger.warn('no Redis configured (REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES): state is in memory and lost on restart (demo only)');
  const platforms = await createPlatforms(app);
  let nudges: NudgeRuntime | null = null;
  if (redisTopology(env)) nudges = await startNudges(app, proactiveChannels(platforms), { worker: true });
  // Set by the first SIGTERM/SIGINT: /readyz answers 503 from then on (see HttpServerOptions.draining).
  let draining = false;
  const http = createHttpApp({
    logger: app.logger,
    draining: () => draining,
    metrics: env.METRICS_PORT === undefined,
    ...(platforms.slack?.router ? { slackRouter: platforms.slack.router } : {}),
    ...(platforms.teams ? { teamsHandler: (req, res) => platforms.teams!.handleRequest(req, res) } : {}),
    readiness: async () => ({ redis: await app.store.ping(), ...(nudges ? { queue: await nudges.ready() } : {}) }),
  });
  if (platforms.slack?.mode === 'socket') await platforms.slack.start();
  const server = await startHttpServer(http, env.PORT);
  const metrics = await startMetrics(env, app.logger);
  app.logger.info({ port: server.port, slack: Boolean(platforms.slack), teams: Boolean(platforms.teams) }, 'lingyan server listening');
  const stop = async () => {
    // Still accepting, but not ready: a load balancer that probes /readyz takes the replica out first.
    if (env.SHUTDOWN_DELAY_MS > 0) await new Promise((resolve) => setTimeout(resolve, env.SHUTDOWN_DELAY_MS));
    await server.close();
    if (platforms.slack?.mode === 'socket') await platforms.slack.stop();
    // Replies still being worked on after their ack or invoke response: finish them while Redis is open.
    const drained = await Promise.all([platforms.slack?.drain(DRAIN_MS) ?? true, platforms.teams?.drain(DRAIN_MS) ?? true]);
    if (drained.includes(false)) app.logger.warn({ afterMs: DRAIN_MS }, 'shutdown: some replies were still running and were cut off');
    await nudges?.close();
    await app.store.close();
    await metrics?.close(1000);
    app.logger.info('shutdown complete');
  };
  return onShutdown(app.logger, stop, () => {
    draining = true;
  });
}

export async function runWorker(_options: CliOptions, env: Env): Promise<number> {
  if (!redisTopology(env)) throw new Error('the nudge worker needs Redis: REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES');
  const app = await buildApp(env);
  logUnhandledRejections(app.logger);
  const platforms = await createPlatforms(app);
  const nudges = await startNudges(app, proactiveChannels(platforms), { worker: true });
  const metrics = await startMetrics(env, app.logger);
  app.logger.info('nudge worker running');
  return onShutdown(app.logger, async () => {
    await nudges.close();
    await app.store.close();
    await metrics?.close(1000);
  });
}
