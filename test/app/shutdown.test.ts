// Drain and shutdown of the real server process (`tsx src/main.ts`, in-memory store seeded with the demo
// team, Slack over HTTP with a bot token). Slack's Web API and response_urls are a local HTTP double
// (SLACK_API_URL) that holds every reply (chat.postMessage, response_url) until the test releases it, so
// replies are still being posted when SIGTERM arrives. Checked: /readyz answers 503 from the signal on (new connections and a keep-alive
// connection opened before it, which is then closed), requests keep being served during SHUTDOWN_DELAY_MS,
// a request half-sent at the signal is answered, the listener closes after the delay, the process waits
// for every held reply, each command and event gets its answer, and the exit code is 0. METRICS_PORT
// serves /metrics on its own listener and the app's port has none.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SECRET = 'shutdown-test-signing-secret';
const TEAM = 'T0DEMO';
const DELAY_MS = 1500;

interface Held {
  path: string;
  body: string;
  answered: boolean;
}

/** Slack's Web API and response_urls on loopback; replies (response_url, chat.postMessage) wait for release(). */
class SlackDouble {
  readonly held: Held[] = [];
  private releaseAll: (() => void) | null = null;
  private readonly released: Promise<void>;
  private server!: http.Server;
  url = '';

  constructor() {
    this.released = new Promise((resolve) => {
      this.releaseAll = resolve;
    });
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const url = req.url ?? '';
        const json = (value: unknown) => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify(value));
        };
        if (url.startsWith('/hooks/') || url === '/api/chat.postMessage') {
          const entry: Held = { path: url, body, answered: false };
          this.held.push(entry);
          void this.released.then(() => {
            entry.answered = true;
            if (url.startsWith('/hooks/')) res.end('ok');
            else json({ ok: true, channel: 'D0DM', ts: `${this.held.length}.0001` });
          });
          return;
        }
        if (url === '/api/auth.test') return json({ ok: true, user_id: 'UBOT', bot_id: 'B0BOT', team_id: TEAM });
        if (url === '/api/users.info') return json({ ok: true, user: { id: 'U', name: 'x', locale: 'zh-CN', tz: 'Asia/Shanghai' } });
        return json({ ok: true });
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  release(): void {
    this.releaseAll?.();
  }

  async stop(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function sign(raw: string): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    'x-slack-signature': `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${raw}`).digest('hex')}`,
    'x-slack-request-timestamp': String(timestamp),
  };
}

function command(text: string, responseUrl: string): string {
  return new URLSearchParams({
    token: 'x', team_id: TEAM, team_domain: 'acme', channel_id: 'D0DIRECT', channel_name: 'directmessage',
    user_id: 'U0DEMO0001', user_name: 'someone', command: '/coach', text, response_url: responseUrl,
    trigger_id: `${Math.random()}`, api_app_id: 'A0APP',
  }).toString();
}

function dm(text: string, eventId: string, ts: string): string {
  return JSON.stringify({
    type: 'event_callback', team_id: TEAM, api_app_id: 'A0APP', event_id: eventId, event_time: Math.floor(Date.now() / 1000),
    event: { type: 'message', channel_type: 'im', user: 'U0DEMO0001', text, ts, channel: 'D0DM' },
    authorizations: [{ team_id: TEAM, user_id: 'UBOT', is_bot: true }],
  });
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  reused: boolean;
}

/** One request; `split` sends the body in two parts and waits for `secondHalf` before the rest. */
function request(
  port: number,
  options: { method?: string; path: string; body?: string; headers?: Record<string, string>; agent?: http.Agent; secondHalf?: Promise<void> },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = options.body ?? '';
    const req = http.request(
      {
        host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, agent: options.agent ?? false,
        headers: { ...(options.body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}), ...options.headers },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, reused: req.reusedSocket }));
      },
    );
    req.on('error', reject);
    if (options.secondHalf) {
      const cut = Math.floor(body.length / 2);
      req.write(body.slice(0, cut));
      void options.secondHalf.then(() => req.end(body.slice(cut)));
    } else req.end(body);
  });
}

const postSlack = (port: number, raw: string, type: string, extra: Partial<Parameters<typeof request>[1]> = {}) =>
  request(port, { method: 'POST', path: '/slack/events', body: raw, headers: { 'content-type': type, ...sign(raw) }, ...extra });
const FORM = 'application/x-www-form-urlencoded';

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('SIGTERM on the real server process', () => {
  const double = new SlackDouble();
  let child: ChildProcess;
  let port = 0;
  let metricsPort = 0;
  const logs: Array<{ msg?: string; level?: number; [key: string]: unknown }> = [];
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  beforeAll(async () => {
    await double.start();
    port = await freePort();
    metricsPort = await freePort();
    child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'src/main.ts', '--data', 'fixtures/demo-team.json', '--tenant', TEAM], {
      cwd: ROOT,
      // Only what the server needs: no REDIS_URL (in-memory store), nothing inherited from the test run.
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(port),
        METRICS_PORT: String(metricsPort),
        SHUTDOWN_DELAY_MS: String(DELAY_MS),
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_BOT_TOKEN: 'xoxb-shutdown-test',
        SLACK_API_URL: `${double.url}/api/`,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    createInterface({ input: child.stderr! }).on('line', (line) => {
      try {
        logs.push(JSON.parse(line));
      } catch {
        logs.push({ msg: line });
      }
    });
    // Logs are buffered (4 KB, flushed at exit), so start-up is seen by polling /healthz.
    const deadline = Date.now() + 25_000;
    while (child.exitCode === null && Date.now() < deadline) {
      const up = await request(port, { path: '/healthz' }).then((r) => r.status === 200, () => false);
      if (up) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(child.exitCode).toBeNull();
    expect((await request(port, { path: '/healthz' })).status).toBe(200);
  }, 30_000);

  afterAll(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await double.stop();
  });

  it('serves /metrics on METRICS_PORT only', async () => {
    const metrics = await request(metricsPort, { path: '/metrics' });
    expect(metrics.status).toBe(200);
    // Every metric README "Health, readiness, metrics, logs" lists, and Node's process metrics.
    for (const name of [
      'lingyan_requests_total', 'lingyan_request_duration_seconds', 'lingyan_llm_tokens_total', 'lingyan_llm_duration_seconds',
      'lingyan_nudges_total', 'lingyan_redis_errors_total', 'lingyan_commands_shed_total', 'process_cpu_seconds_total', 'nodejs_heap_size_used_bytes',
    ]) {
      expect(metrics.body).toContain(`# TYPE ${name} `);
    }
    expect((await request(port, { path: '/metrics' })).status).toBe(404);
    expect((await request(metricsPort, { path: '/readyz' })).status).toBe(404);
    expect((await request(port, { path: '/readyz' })).status).toBe(200);
  });

  it('turns /readyz to 503 at once, answers every request in flight, and exits 0', async () => {
    // Three DMs and a command, acked, whose replies the double holds: replies in progress at the signal.
    const events = await Promise.all(
      [1, 2, 3].map((n) => postSlack(port, dm('今天要打多少个电话', `Ev0SHUTDOWN${n}`, `1700000000.00010${n}`), 'application/json')),
    );
    expect(events.map((e) => e.status)).toEqual([200, 200, 200]);
    const acks: Record<string, Promise<Answer>> = { before: postSlack(port, command('today', `${double.url}/hooks/before`), FORM) };
    await until(() => double.held.filter((h) => h.path === '/api/chat.postMessage').length === 3, 'three held DM replies');

    // A keep-alive connection (a load balancer's), and a command whose body is half sent at the signal.
    const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect((await request(port, { path: '/readyz', agent: keepAlive })).status).toBe(200);
    let sendRest!: () => void;
    const rest = new Promise<void>((resolve) => (sendRest = resolve));
    acks.half = postSlack(port, command('today', `${double.url}/hooks/half`), FORM, { secondHalf: rest });
    await new Promise((resolve) => setTimeout(resolve, 100));

    const signalledAt = Date.now();
    child.kill('SIGTERM');
    // The first probe after the signal (the signal is delivered asynchronously: a few ms at most).
    let fresh = await request(port, { path: '/readyz' });
    for (let i = 0; fresh.status === 200 && i < 20; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      fresh = await request(port, { path: '/readyz' });
    }
    expect(fresh.status).toBe(503);
    expect(JSON.parse(fresh.body)).toEqual({ status: 'draining' });
    const overKeepAlive = await request(port, { path: '/readyz', agent: keepAlive });
    expect(overKeepAlive.reused).toBe(true);
    expect(overKeepAlive.status).toBe(503);
    expect(overKeepAlive.headers.connection).toBe('close');
    keepAlive.destroy();

    // Within SHUTDOWN_DELAY_MS the replica still serves what the load balancer sends before it notices.
    acks.during = postSlack(port, command('today', `${double.url}/hooks/during`), FORM);
    const duringEvent = await postSlack(port, dm('today', 'Ev0SHUTDOWN4', '1700000000.000104'), 'application/json');
    expect(duringEvent.status).toBe(200);
    expect((await acks.during).status).toBe(200);
    expect(Date.now() - signalledAt).toBeLessThan(DELAY_MS);
    sendRest();
    expect((await acks.half).status).toBe(200);
    expect((await acks.before).status).toBe(200);

    // After the delay the listener is closed, but the process waits for the replies still being posted.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, signalledAt + DELAY_MS + 300 - Date.now())));
    await expect(request(port, { path: '/healthz' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await until(() => double.held.filter((h) => h.path === '/api/chat.postMessage').length === 4, 'four held DM replies');
    expect(child.exitCode).toBeNull();
    double.release();

    const exit = await Promise.race([exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 15_000))]);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(double.held.every((h) => h.answered)).toBe(true);
    // Every DM got its reply, and every command its answer: in the ack's body or through its response_url.
    const dmReplies = double.held.filter((h) => h.path === '/api/chat.postMessage');
    expect(dmReplies).toHaveLength(4);
    for (const reply of dmReplies) expect(new URLSearchParams(reply.body).get('blocks') ?? reply.body).toContain('"type"');
    for (const [name, ack] of Object.entries(acks)) {
      const { body } = await ack;
      const hook = double.held.find((h) => h.path === `/hooks/${name}`);
      const answer = body.includes('blocks') ? body : hook?.body;
      expect(answer, `the answer to the "${name}" command`).toBeDefined();
      expect(JSON.parse(answer!)).toHaveProperty('blocks');
    }
    const messages = logs.map((l) => l.msg);
    expect(messages).toContain('shutdown complete');
    expect(messages.filter((m) => typeof m === 'string' && m.includes('cut off'))).toEqual([]);
    expect(logs.filter((l) => (l.level ?? 0) >= 50)).toEqual([]);
  }, 40_000);
});
