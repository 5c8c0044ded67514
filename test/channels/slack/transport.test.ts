// slackFetch against a real HTTP server on loopback: what @slack/web-api and Bolt's respond() read from
// a Response (status, headers, body), redirects, failures, aborts, and the built-in fetch fallback.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSlackFetch, slackFetch } from '../../../src/channels/slack/transport';
import { freePort } from '../../setup/redis-server';

let server: http.Server;
let base = '';
const seen: Array<{ method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
      if (req.url === '/limited') {
        res.writeHead(429, { 'retry-after': '7', 'content-type': 'application/json' });
        return res.end('{"ok":false,"error":"ratelimited"}');
      }
      if (req.url === '/empty') return res.writeHead(204).end();
      if (req.url === '/moved') return res.writeHead(302, { location: '/elsewhere' }).end();
      if (req.url === '/slow') return setTimeout(() => res.end('late'), 2000);
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] });
      res.end(JSON.stringify({ ok: true, echo: Buffer.concat(chunks).toString() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('slackFetch', () => {
  it('posts the body with its headers and returns status, headers and JSON like fetch', async () => {
    const body = JSON.stringify({ text: '今天要打 92 个电话' });
    const res = await slackFetch(`${base}/api/chat.postMessage`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer xoxb-1' }, body });
    expect(res.ok).toBe(true);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(await res.json()).toEqual({ ok: true, echo: body });
    const request = seen.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.headers.authorization).toBe('Bearer xoxb-1');
    // Content-Length is the UTF-8 byte length (the Chinese text is 3 bytes a character).
    expect(Number(request.headers['content-length'])).toBe(Buffer.byteLength(body));
  });

  it('accepts Headers objects and URL inputs', async () => {
    const res = await slackFetch(new URL(`${base}/x`), { method: 'POST', headers: new Headers({ 'x-test': 'yes' }), body: 'a=1' });
    expect(res.status).toBe(200);
    expect(seen.at(-1)!.headers['x-test']).toBe('yes');
  });

  it('gives a 429 with its Retry-After header (what the Web API client reads to back off)', async () => {
    const res = await slackFetch(`${base}/limited`, { method: 'POST', body: '' });
    expect(res.ok).toBe(false);
    expect(res.status).toBe(429);
    expect(res.statusText).toBe('Too Many Requests');
    expect(res.headers.get('retry-after')).toBe('7');
  });

  it('returns a bodiless response for 204', async () => {
    const res = await slackFetch(`${base}/empty`, { method: 'POST', body: '' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
  });

  it('throws on a redirect when redirect is "error", as the Web API client asks', async () => {
    await expect(slackFetch(`${base}/moved`, { method: 'POST', body: '', redirect: 'error' })).rejects.toThrow(TypeError);
  });

  it('rejects with a TypeError when nothing listens, like fetch', async () => {
    const port = await freePort();
    await expect(slackFetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '' })).rejects.toThrow(TypeError);
  });

  it('honours an abort signal (the Web API client times calls out with one)', async () => {
    await expect(slackFetch(`${base}/slow`, { method: 'POST', body: '', signal: AbortSignal.timeout(50) })).rejects.toThrow();
  });

  it('gives up on a server that accepts the request and never answers', async () => {
    // /slow answers after 2 s; with a 100 ms idle limit the call fails first (production: 30 s).
    const started = Date.now();
    await expect(createSlackFetch(100)(`${base}/slow`, { method: 'POST', body: '' })).rejects.toThrow(TypeError);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('hands multipart bodies to the built-in fetch', async () => {
    const builtIn = vi.spyOn(globalThis, 'fetch');
    try {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array([1, 2, 3])]), 'a.csv');
      const res = await slackFetch(`${base}/upload`, { method: 'POST', body: form });
      expect(res.status).toBe(200);
      expect(builtIn).toHaveBeenCalledTimes(1);
      expect(seen.at(-1)!.headers['content-type']).toMatch(/^multipart\/form-data/);
    } finally {
      builtIn.mockRestore();
    }
  });
});
