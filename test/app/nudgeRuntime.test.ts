// The server's nudge runtime on real Redis: tenants that talked to Lingyan get a planner and their
// nudges are planned; the runtime reports ready and closes cleanly.
import { readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import { describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/app/bootstrap';
import { nudgeWorkerSettings, startNudges } from '../../src/app/nudgeRuntime';
import type { ProactiveChannel } from '../../src/channels/channel';
import { loadEnv } from '../../src/config/env';
import { shiftFixture } from '../../src/app/data';
import { parseFixture } from '../../src/store/fixture';
import { createRedisConnection } from '../../src/store';
import { DEFAULT_PREFIX, NUDGE_QUEUE } from '../../src/nudges';

describe('nudge runtime', () => {
  it('plans nudges for remembered tenants and shuts down cleanly', async () => {
    const env = loadEnv({ REDIS_URL: inject('redisUrl'), LOG_LEVEL: 'silent' });
    const app = await buildApp(env);
    const tenant = `rt-${process.pid}-${Date.now()}`;
    // The demo team, moved to this month so its people have working days ahead.
    const demo = parseFixture(JSON.parse(readFileSync('fixtures/demo-team.json', 'utf8')));
    const month = new Date().toISOString().slice(0, 7);
    await app.store.seed(tenant, shiftFixture(demo, '2026-11', month));
    await app.tenants.remember(tenant);
    expect(await app.tenants.list()).toContain(tenant);

    const sent: string[] = [];
    const channel: ProactiveChannel = { kind: 'slack', sendToUser: async (r) => (sent.push(r.platformUserId), { status: 'sent' }) };
    const runtime = await startNudges(app, { slack: channel }, { worker: true });
    try {
      expect(await runtime.ready()).toBe(true);
      const connection = createRedisConnection(env.REDIS_URL!, { forWorker: true });
      const queue = new Queue(NUDGE_QUEUE, { connection, prefix: DEFAULT_PREFIX });
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.some((s) => (s.key ?? s.id ?? '').includes(tenant))).toBe(true);
      await queue.close();
      await connection.quit();
    } finally {
      await runtime.close();
      await app.store.close();
    }
  }, 30_000);

  it('takes the worker settings from the environment', () => {
    const env = loadEnv({ NUDGE_CONCURRENCY: '8', SLACK_POSTS_PER_SECOND: '2', NUDGE_ON_UNCERTAIN: 'skip' });
    expect(nudgeWorkerSettings(env)).toMatchObject({ concurrency: 8, rates: { slack: { perSecond: 2 } }, delivery: { onUncertain: 'skip' } });
    expect(nudgeWorkerSettings(loadEnv({})).delivery).toEqual({ onUncertain: 'resend' });
  });
});
