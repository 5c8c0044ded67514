// A `--worker` process has no HTTP listener of its own: with METRICS_PORT it serves /metrics there (the
// nudge counters live in the worker), and SIGTERM still ends it with exit code 0. The worker runs the real
// entry point (`tsx src/main.ts --worker`) on a private redis-server, so it plans and consumes nothing of
// the shared test Redis.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startRedisServer, type RedisServerHandle } from '../setup/redis-server';

const ROOT = path.resolve(import.meta.dirname, '../..');
let redis: RedisServerHandle;

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

describe('nudge worker process', () => {
  it('serves /metrics on METRICS_PORT and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'src/main.ts', '--worker'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, REDIS_URL: redis.url, METRICS_PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      let body = '';
      const deadline = Date.now() + 25_000;
      while (!body && child.exitCode === null && Date.now() < deadline) {
        body = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => (r.ok ? r.text() : ''), () => '');
        if (!body) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(body).toContain('# TYPE lingyan_nudges_total counter');
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(404);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 40_000);
});
