// The shared HTTP server's operator endpoints and body limit, over loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger';
import { requestCounter } from '../../src/metrics';
import { createHttpApp, MAX_BODY_BYTES, startHttpServer, type RunningServer } from '../../src/server/http';

let server: RunningServer;
let ready = true;
let teamsCalls = 0;
let seenRequestId: string | string[] | undefined;

beforeAll(async () => {
  const app = createHttpApp({
    logger: silentLogger,
    readiness: async () => ({ redis: ready }),
    teamsHandler: async (req, res) => {
      teamsCalls++;
      seenRequestId = req.headers['x-request-id'];
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

  describe('request ids', () => {
    const post = (headers: Record<string, string> = {}) =>
      fetch(url('/api/messages'), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

    it("keeps the load balancer's id: echoed back and handed to the channel", async () => {
      const response = await post({ 'x-request-id': 'lb-7f3a.42:1' });
      expect(response.headers.get('x-request-id')).toBe('lb-7f3a.42:1');
      expect(seenRequestId).toBe('lb-7f3a.42:1');
    });

    it('mints one when there is none, and the channel sees the same id as the response', async () => {
      const response = await post();
      const id = response.headers.get('x-request-id') ?? '';
      expect(id).toMatch(UUID);
      expect(seenRequestId).toBe(id);
    });

    it('replaces a malformed or oversized id rather than writing it into logs', async () => {
      for (const bad of ['has spaces and "quotes"', 'x'.repeat(129), '{"level":60}']) {
        const response = await post({ 'x-request-id': bad });
        const id = response.headers.get('x-request-id') ?? '';
        expect(id).toMatch(UUID);
        expect(seenRequestId).toBe(id);
      }
    });
  });
});
