// The request id that ties a message's log lines together: taken from `X-Request-Id` when the load
// balancer (or Slack/Teams tooling) sent a well-formed one, otherwise minted by the HTTP server, which
// writes it back into the request headers so every channel reads the same id.
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';

// Ids end up in JSON log lines and a response header: short, and no characters that could forge a line.
const WELL_FORMED = /^[\w.:/+=-]{1,128}$/;

type Headers = Record<string, string | string[] | undefined>;

/** The request's id, or undefined when the header is missing or malformed. */
export function requestIdOf(headers: Headers): string | undefined {
  const value = headers[REQUEST_ID_HEADER];
  return typeof value === 'string' && WELL_FORMED.test(value) ? value : undefined;
}

/** The request's id, minting one (and recording it in the headers) when there is none to trust. */
export function ensureRequestId(headers: Headers): string {
  const id = requestIdOf(headers) ?? randomUUID();
  headers[REQUEST_ID_HEADER] = id;
  return id;
}
