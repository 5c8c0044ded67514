// The HTTP transport of every Slack call (Web API and response_url). Bolt and @slack/web-api take a
// WHATWG `fetch`; Node 20's built-in one costs about 4× the CPU of node:http with a keep-alive agent per
// call (see docs/operations.md), so plain requests go through node:http(s) and come back as a standard
// Response. Anything else (multipart uploads, streams, Request objects) uses the built-in fetch.
// Redirects are not followed (neither the Web API nor response_url redirects); `redirect: 'error'` throws.
import http from 'node:http';
import https from 'node:https';

type FetchInput = Parameters<typeof fetch>[0];
type FetchInit = NonNullable<Parameters<typeof fetch>[1]>;

/** Socket inactivity after which a call fails (the built-in fetch gives up on silent servers too). */
const IDLE_TIMEOUT_MS = 30_000;
/** Statuses a Response may not carry a body with. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);
const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

function headerRecord(headers: FetchInit['headers']): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers.entries());
  if (Array.isArray(headers)) return Object.fromEntries(headers.map(([name, value]) => [name, value]));
  return { ...(headers as Record<string, string>) };
}

function isPlain(input: FetchInput, init: FetchInit | undefined): input is string | URL {
  if (typeof input !== 'string' && !(input instanceof URL)) return false;
  const body = init?.body;
  return body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array;
}

function send(url: URL, init: FetchInit | undefined, idleTimeoutMs: number): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const body = init?.body as string | Uint8Array | null | undefined;
  const headers = headerRecord(init?.headers);
  if (body !== undefined && body !== null) headers['content-length'] = String(Buffer.byteLength(body));
  const transport = url.protocol === 'https:' ? https : http;
  const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
  return new Promise((resolve, reject) => {
    const req = transport.request(url, { method: init?.method ?? 'GET', headers, agent, signal: init?.signal ?? undefined }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', (error) => reject(new TypeError('fetch failed', { cause: error })));
    // Without it a silent endpoint would hold the reply (and its admission slot) forever.
    req.setTimeout(idleTimeoutMs, () => req.destroy(new Error(`no response for ${idleTimeoutMs} ms`)));
    req.end(body ?? undefined);
  });
}

/** A `fetch` for Slack clients; `idleTimeoutMs` is for tests. */
export function createSlackFetch(idleTimeoutMs = IDLE_TIMEOUT_MS): typeof fetch {
  return async (input, init) => {
    if (!isPlain(input, init)) return fetch(input, init);
    const url = typeof input === 'string' ? new URL(input) : input;
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return fetch(input, init);
    const res = await send(url, init, idleTimeoutMs);
    if (res.status >= 300 && res.status < 400 && init?.redirect === 'error') {
      throw new TypeError(`fetch failed: redirect (${res.status}) with redirect: "error"`);
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(res.headers)) {
      if (Array.isArray(value)) for (const item of value) headers.append(name, item);
      else if (value !== undefined) headers.set(name, value);
    }
    return new Response(NULL_BODY.has(res.status) ? null : res.body, { status: res.status, statusText: http.STATUS_CODES[res.status] ?? '', headers });
  };
}

export const slackFetch = createSlackFetch();
