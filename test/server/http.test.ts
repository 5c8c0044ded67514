// The shared HTTP server's operator endpoints and body limit, over loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger';
import { requestCounter } from '../../src/metrics';
import { createHttpApp, MAX_BODY_BYTES, startHttpServer, type RunningServer } from '../../src/server/http';

let server: RunningServer;
let ready = true;
let teamsCalls = 0;

beforeAll(async () => {
  const app = createHttpApp({
    logger: silentLogger,
    readiness: async () => ({ redis: ready }),
    teamsHandler: async (_req, res) => {
      teamsCalls++;
      res.status(200).end();
    },
  });
  server = await startHttpServer(app, 0, '127.0.0.1');
});
afterAll(() => server.close(1000));

const url = (path: string) => `http://127.0.0.1:${server.port}${path}`;

describe('http server', () => {
  it('answers /healthz and reflects dependencies in /readyz', async () => {
    expect((await fetch(url('/healthz'))).status).toBe(200);
    expect((await fetch(url('/readyz'))).status).toBe(200);
    ready = false;
    const notReady = await fetch(url('/readyz'));
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ status: 'not_ready', checks: { redis: false } });
    ready = true;
  });

  it('exposes Prometheus metrics', async () => {
    requestCounter.inc({ channel: 'console', intent: 'help', outcome: 'ok' });
    const body = await (await fetch(url('/metrics'))).text();
    expect(body).toMatch(/lingyan_requests_total\{channel="console",intent="help",outcome="ok"\} \d+/);
    expect(body).toContain('lingyan_nudges_total');
  });

  it('rejects oversized payloads with 413 before any handler runs', async () => {
    const before = teamsCalls;
    const big = JSON.stringify({ text: 'x'.repeat(MAX_BODY_BYTES + 10) });
    const response = await fetch(url('/api/messages'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(response.status).toBe(413);
    expect(teamsCalls).toBe(before);
    const ok = await fetch(url('/api/messages'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(ok.status).toBe(200);
    expect(teamsCalls).toBe(before + 1);
  });
});
