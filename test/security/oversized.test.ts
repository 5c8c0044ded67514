// Oversized payloads on both platform endpoints of the full server are refused with 413 before any
// parsing, signature check or handler: the engine is never called and nothing is sent or stored. With a
// declared Content-Length the refusal comes before a byte of the body is read; a chunked body without a
// length is cut off by the body parsers' limit, still with 413 (and still nothing reaches the engine).
import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Engine, FormResult, Inbound } from '../../src/core/engine';
import type { Reply } from '../../src/core/reply';
import { MemoryStore } from '../../src/store/memory';
import { MAX_BODY_BYTES } from '../../src/server/http';
import { mintToken, messageActivity } from '../channels/teams/harness';
import { netGuard, settle, signSlack, slashCommand, startFullServer, type FullServer, type NetGuard } from './fullServer';

class CountingEngine implements Engine {
  calls = 0;
  async handle(inbound: Inbound): Promise<Reply> {
    this.calls++;
    return { intent: 'help', locale: 'zh-CN', text: `ok ${inbound.text.length}`, data: {} };
  }
  async submitForm(): Promise<FormResult> {
    this.calls++;
    return { ok: true };
  }
  async localeFor(): Promise<'zh-CN'> {
    return 'zh-CN';
  }
}

let server: FullServer;
let guard: NetGuard;
const engine = new CountingEngine();

beforeAll(async () => {
  guard = netGuard();
  server = await startFullServer({ store: new MemoryStore(), engine });
});
afterAll(async () => {
  await server.close();
  guard.restore();
});
beforeEach(() => {
  guard.calls.length = 0;
  engine.calls = 0;
});

/** Raw HTTP so the test controls Content-Length / chunking; resolves with the status code. */
function send(path: string, headers: Record<string, string>, body: Buffer, chunked = false): Promise<number> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method: 'POST', headers: chunked ? headers : { ...headers, 'content-length': String(body.length) } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      // The server may close the socket once it has answered 413; the status already arrived.
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') return;
      reject(error);
    });
    if (chunked) {
      const size = 64 * 1024;
      for (let offset = 0; offset < body.length; offset += size) req.write(body.subarray(offset, offset + size));
      req.end();
    } else req.end(body);
  });
}

const bigText = (bytes: number) => '领'.repeat(Math.ceil(bytes / 3));

describe('413 before parsing', () => {
  it('Slack: a signed command over the limit (declared length) is refused with 413', async () => {
    const raw = slashCommand(bigText(MAX_BODY_BYTES + 1024));
    const status = await send('/slack/events', { 'content-type': 'application/x-www-form-urlencoded', ...signSlack(raw) }, Buffer.from(raw));
    expect(status).toBe(413);
    await settle();
    expect(engine.calls).toBe(0);
    expect(guard.calls).toEqual([]);
  });

  it('Slack: the same body without a Content-Length (chunked) is refused too', async () => {
    const raw = slashCommand(bigText(MAX_BODY_BYTES * 2));
    const status = await send('/slack/events', { 'content-type': 'application/x-www-form-urlencoded', ...signSlack(raw), 'transfer-encoding': 'chunked' }, Buffer.from(raw), true);
    expect(status).toBe(413);
    await settle();
    expect(engine.calls).toBe(0);
    expect(guard.calls).toEqual([]);
  });

  it('Teams: an activity over the limit with a valid token is refused with 413 (declared and chunked)', async () => {
    const body = Buffer.from(JSON.stringify(messageActivity({ text: bigText(MAX_BODY_BYTES + 1024) })));
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${mintToken()}` };
    expect(await send('/api/messages', headers, body)).toBe(413);
    expect(await send('/api/messages', { ...headers, 'transfer-encoding': 'chunked' }, body, true)).toBe(413);
    await settle();
    expect(engine.calls).toBe(0);
    expect(guard.calls).toEqual([]);
  });

  it('an absurd declared length is refused without waiting for the body', async () => {
    const { port } = new URL(server.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, path: '/api/messages', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(10 * 1024 ** 3) } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
      req.write('{"type":"message"'); // a few bytes of a 10 GB promise
    });
    expect(status).toBe(413);
    expect(engine.calls).toBe(0);
  });

  it('just under the limit still works on both endpoints (the limit is not a blanket refusal)', async () => {
    const raw = slashCommand('x'.repeat(MAX_BODY_BYTES / 2));
    expect(await send('/slack/events', { 'content-type': 'application/x-www-form-urlencoded', ...signSlack(raw) }, Buffer.from(raw))).toBe(200);
    const body = Buffer.from(JSON.stringify(messageActivity({ text: 'y'.repeat(MAX_BODY_BYTES / 2) })));
    expect(await send('/api/messages', { 'content-type': 'application/json', authorization: `Bearer ${mintToken()}` }, body)).toBe(200);
    const chunked = slashCommand('z'.repeat(MAX_BODY_BYTES / 4));
    expect(await send('/slack/events', { 'content-type': 'application/x-www-form-urlencoded', ...signSlack(chunked), 'transfer-encoding': 'chunked' }, Buffer.from(chunked), true)).toBe(200);
    await settle(300);
    expect(engine.calls).toBe(3);
  });
});
