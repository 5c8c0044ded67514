// The one HTTP server: Slack's receiver on /slack/*, Teams on POST /api/messages, and the operator
// endpoints /healthz, /readyz and /metrics. Oversized bodies are refused with 413 before parsing.
import http from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { ensureRequestId, REQUEST_ID_HEADER } from '../channels/requestId';
import type { Logger } from '../logger';
import { registry } from '../metrics';

export const MAX_BODY_BYTES = 512 * 1024;

export interface HttpServerOptions {
  logger: Logger;
  /** Express router of the Slack receiver (HTTP mode). */
  slackRouter?: express.Router;
  /** Teams `/api/messages` handler (expects a parsed JSON body). */
  teamsHandler?: (req: Request, res: Response) => Promise<void>;
  /** Dependencies that must answer for /readyz. */
  readiness: () => Promise<Record<string, boolean>>;
  /**
   * True from the moment a shutdown begins (SIGTERM): /readyz answers 503 `{"status":"draining"}` and every
   * response carries `Connection: close`, so keep-alive connections (a load balancer's) end after it.
   */
  draining?: () => boolean;
  /** Serve GET /metrics here (default true; false when METRICS_PORT serves it on its own listener). */
  metrics?: boolean;
}

export interface RunningServer {
  server: http.Server;
  port: number;
  /** Stops accepting, waits for in-flight requests (up to `graceMs`), then resolves. */
  close(graceMs?: number): Promise<void>;
}

function rejectOversized(req: Request, res: Response, next: NextFunction): void {
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > MAX_BODY_BYTES) {
    res.status(413).json({ error: 'payload_too_large', limit: MAX_BODY_BYTES });
    req.resume();
    return;
  }
  next();
}

/**
 * Slack's replay window is five minutes either way (docs/design.md "Platform facts"); Bolt's verifier only
 * rejects timestamps in the past, so a signed request stamped far in the future is refused here.
 */
function rejectFutureSlackTimestamps(req: Request, res: Response, next: NextFunction): void {
  const timestamp = Number(req.headers['x-slack-request-timestamp']);
  if (req.path.startsWith('/slack/') && Number.isFinite(timestamp) && timestamp - Date.now() / 1000 > 5 * 60) {
    res.status(401).json({ error: 'invalid_request_timestamp' });
    req.resume();
    return;
  }
  next();
}

/**
 * A chunked body (no Content-Length) cannot be refused up front; on the Slack paths it is read here with
 * the same limit (413 past it) and handed to Bolt as `req.rawBody`, which its receiver uses instead of
 * reading the stream with its own 4 MB default. Teams' body goes through express.json's limit.
 */
const readSlackChunkedBody = express.raw({ type: () => true, limit: MAX_BODY_BYTES });
function limitChunkedSlackBodies(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'POST' || !req.path.startsWith('/slack/') || req.headers['content-length'] !== undefined) return next();
  readSlackChunkedBody(req, res, (error?: unknown) => {
    if (error) return next(error);
    if (Buffer.isBuffer(req.body)) (req as Request & { rawBody?: Buffer }).rawBody = req.body;
    next();
  });
}

async function serveMetrics(_req: Request, res: Response): Promise<void> {
  res.setHeader('content-type', registry.contentType);
  res.send(await registry.metrics());
}

/** The listener of METRICS_PORT: GET /metrics and nothing else (404), so the app's port need not expose it. */
export function createMetricsApp(): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', serveMetrics);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });
  return app;
}

export function createHttpApp(options: HttpServerOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    // Request ids and timings only: message text and user identifiers never reach the log. The id is
    // written back into the request's headers, where the Slack and Teams channels read it.
    const id = ensureRequestId(req.headers);
    const started = performance.now();
    res.setHeader(REQUEST_ID_HEADER, id);
    if (options.draining?.()) res.setHeader('connection', 'close');
    res.on('finish', () => {
      options.logger.info(
        { requestId: id, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(performance.now() - started) },
        'http request',
      );
    });
    next();
  });
  app.use(rejectOversized);
  app.use(rejectFutureSlackTimestamps);
  app.use(limitChunkedSlackBodies);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (options.draining?.()) {
      res.status(503).json({ status: 'draining' });
      return;
    }
    const checks = await options.readiness().catch(() => ({ readiness: false }));
    const ready = Object.values(checks).every(Boolean);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks });
  });
  if (options.metrics !== false) app.get('/metrics', serveMetrics);
  if (options.teamsHandler) {
    const handler = options.teamsHandler;
    app.post('/api/messages', express.json({ limit: MAX_BODY_BYTES }), (req, res, next) => {
      handler(req, res).catch(next);
    });
  }
  if (options.slackRouter) app.use(options.slackRouter);
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const status = (error as { status?: number; statusCode?: number }).status ?? (error as { statusCode?: number }).statusCode;
    if (res.headersSent) return next(error);
    if (status === 413) {
      res.status(413).json({ error: 'payload_too_large' });
      return;
    }
    if (status === 400) {
      res.status(400).json({ error: 'bad_request' });
      return;
    }
    options.logger.error({ err: error }, 'unhandled http error');
    res.status(500).json({ error: 'internal' });
  });
  return app;
}

export async function startHttpServer(app: express.Express, port: number, host = '0.0.0.0'): Promise<RunningServer> {
  const server = http.createServer(app);
  server.keepAliveTimeout = 65_000; // longer than typical load-balancer idle timeouts
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    server,
    port: actualPort,
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.closeAllConnections();
          resolve();
        }, graceMs);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
