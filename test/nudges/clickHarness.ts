// Issue 23 (items 5 and 6) test server: Lingyan's HTTP server (real Bolt receiver with signature checks, real
// Teams CloudAdapter with JWT checks) in front of the real engine with the nudges registered, on the demo team in
// a memory store, at a fixed instant (Wed 2026-03-04 09:00 in Shanghai, a working day). Slack, the response_url
// hooks and the Teams connector are nock'd and every call recorded (netGuard). A nudge is delivered through the
// real NudgeDelivery (a one-job stand-in for BullMQ) to the real Slack or Teams proactive channel.
import type { Job } from 'bullmq';
import { startupFixture } from '../../src/app/data';
import { createSlackApp, type SlackAppHandle } from '../../src/channels/slack';
import { createTeamsChannel, type TeamsChannel } from '../../src/channels/teams/adapter';
import { registerCoaching } from '../../src/coaching/register';
import type { LlmClient } from '../../src/coaching/llm';
import { createEngine, type LingyanEngine } from '../../src/core/lingyanEngine';
import { composeNudge, MemoryDeliveryLedger, MemoryWorkspaceLimiter, NudgeDelivery, registerNudges, TipLibrary, type DeliverJobData, type DeliveryOutcome, type NudgeChannels } from '../../src/nudges';
import { createHttpApp, startHttpServer, type RunningServer } from '../../src/server/http';
import { MemoryStore } from '../../src/store/memory';
import { memoryPino, netGuard, type LogRecord, type NetGuard, SIGNING_SECRET, BOT_TOKEN } from '../security/fullServer';
import { APP_ID } from '../channels/teams/harness';

export const NOW = new Date('2026-03-04T09:00:00+08:00');
export const TODAY = '2026-03-04';
export const SLACK_TENANT = 'T0CLICK';
export const TEAMS_TENANT = 'tenant-click';
/** 张伟 (a1, agent of t1) on Slack and on Teams. */
export const ZHANG_SLACK = 'U0DEMO0001';
export const ZHANG_AAD = '00000000-0000-4000-8000-000000000001';

export interface ClickServer {
  url: string;
  store: MemoryStore;
  engine: LingyanEngine;
  slack: SlackAppHandle;
  teams: TeamsChannel;
  guard: NetGuard;
  logs: LogRecord[];
  /** Sends `user`'s nudge of `kind` for TODAY through the real delivery to `via`. */
  deliver(tenant: string, user: string, via: 'slack' | 'teams', kind?: DeliverJobData['kind']): Promise<DeliveryOutcome>;
  close(): Promise<void>;
}

export async function startClickServer(options: { llm?: LlmClient | null } = {}): Promise<ClickServer> {
  const guard = netGuard();
  const store = new MemoryStore();
  const demo = await startupFixture(undefined, NOW, 'Asia/Shanghai');
  await store.seed(SLACK_TENANT, demo);
  await store.seed(TEAMS_TENANT, demo);
  const logs: LogRecord[] = [];
  const logger = memoryPino(logs);
  const engine = createEngine({ store, logger });
  registerCoaching(engine, { llm: options.llm ?? null, logger });
  registerNudges(engine);
  const clock = () => NOW;
  const slack = createSlackApp({
    engine,
    store,
    logger: logger.child({ channel: 'slack' }),
    config: { signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, retries: 0, streamIntervalMs: 50 },
    clock,
  });
  const teams = createTeamsChannel({
    engine,
    store,
    logger: logger.child({ channel: 'teams' }),
    config: { appId: APP_ID, appPassword: 'test-secret', appType: 'MultiTenant' },
    now: clock,
  });
  const app = createHttpApp({
    logger,
    ...(slack.router ? { slackRouter: slack.router } : {}),
    teamsHandler: (req, res) => teams.handleRequest(req, res),
    readiness: async () => ({ redis: true }),
  });
  const server: RunningServer = await startHttpServer(app, 0, '127.0.0.1');
  const tips = TipLibrary.load();
  const channels = (via: 'slack' | 'teams'): NudgeChannels => (via === 'slack' ? { slack: slack.proactive } : { teams: teams.proactive });
  return {
    url: `http://127.0.0.1:${server.port}`,
    store,
    engine,
    slack,
    teams,
    guard,
    logs,
    async deliver(tenant, user, via, kind = 'agent_morning') {
      const delivery = new NudgeDelivery({
        store,
        channels: channels(via),
        ledger: new MemoryDeliveryLedger(),
        limiter: new MemoryWorkspaceLimiter(),
        compose: (t, person, k, date) => composeNudge({ store, tips }, t, person, k, date),
        now: () => NOW.getTime(),
      });
      const data: DeliverJobData = { tenant, user, kind, date: TODAY, at: NOW.toISOString() };
      const job = {
        id: `test|${user}|${kind}`,
        data,
        attemptsMade: 0,
        opts: { attempts: 5 },
        updateData: async () => undefined,
        moveToDelayed: async () => {
          throw new Error('the test nudge was re-delayed');
        },
      } as unknown as Job<DeliverJobData>;
      return delivery.process(job, 'token');
    },
    async close() {
      await server.close(2000);
      guard.restore();
    },
  };
}

/** The Slack Web API calls of `method` recorded since the test began. */
export function slackCalls(guard: NetGuard, method: string): Array<Record<string, unknown>> {
  return guard.calls.filter((c) => c.host === 'slack.com' && c.path === method).map((c) => c.body as Record<string, unknown>);
}

/** `blocks` as posted (a JSON string in form bodies). */
export function blocksOf(body: Record<string, unknown>): Array<Record<string, unknown>> {
  const raw = body.blocks;
  if (Array.isArray(raw)) return raw as Array<Record<string, unknown>>;
  return typeof raw === 'string' ? (JSON.parse(raw) as Array<Record<string, unknown>>) : [];
}

export async function waitUntil(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for condition');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
