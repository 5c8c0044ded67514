// Classifies @slack/web-api errors (platform codes, 429, HTTP 5xx, network) and maps them to a
// localized message for the person and a decision for proactive delivery.
import { t } from '../../i18n';
import type { Locale } from '../../domain/types';

export type SlackFailure =
  | { kind: 'rate_limited'; retryAfterMs: number }
  | { kind: 'dead'; reason: string }
  | { kind: 'not_in_channel'; reason: string }
  | { kind: 'channel_not_found'; reason: string }
  | { kind: 'upstream'; reason: string; retryable: boolean }
  | { kind: 'internal'; reason: string };

/** Platform error codes after which a recipient can no longer be reached (user left, app removed). */
export const DEAD_CODES = new Set([
  'account_inactive',
  'user_not_found',
  'user_disabled',
  'is_archived',
  'invalid_auth',
  'token_revoked',
  'token_expired',
  'not_authed',
  'team_access_not_granted',
  'missing_scope',
  'cannot_dm_bot',
]);

interface ErrorLike {
  code?: unknown;
  data?: { error?: unknown };
  retryAfter?: unknown;
  statusCode?: unknown;
  message?: unknown;
}

function asErrorLike(error: unknown): ErrorLike {
  return error !== null && typeof error === 'object' ? (error as ErrorLike) : {};
}

/** The Slack platform error code (`not_in_channel`, …) of a Web API error, if any. */
export function platformCode(error: unknown): string | undefined {
  const e = asErrorLike(error);
  return e.code === 'slack_webapi_platform_error' && typeof e.data?.error === 'string' ? e.data.error : undefined;
}

export function classifySlackError(error: unknown, context: 'interactive' | 'dm' = 'interactive'): SlackFailure {
  const e = asErrorLike(error);
  if (e.code === 'slack_webapi_rate_limited_error') {
    const seconds = typeof e.retryAfter === 'number' && e.retryAfter > 0 ? e.retryAfter : 1;
    return { kind: 'rate_limited', retryAfterMs: Math.round(seconds * 1000) };
  }
  const code = platformCode(error);
  if (code !== undefined) {
    if (code === 'not_in_channel') {
      return context === 'dm' ? { kind: 'dead', reason: code } : { kind: 'not_in_channel', reason: code };
    }
    if (code === 'channel_not_found') {
      return context === 'dm' ? { kind: 'dead', reason: code } : { kind: 'channel_not_found', reason: code };
    }
    if (DEAD_CODES.has(code)) return { kind: 'dead', reason: code };
    if (code === 'ratelimited') return { kind: 'rate_limited', retryAfterMs: 1000 };
    if (code === 'internal_error' || code === 'fatal_error' || code === 'service_unavailable' || code === 'request_timeout') {
      return { kind: 'upstream', reason: code, retryable: true };
    }
    return { kind: 'upstream', reason: code, retryable: false };
  }
  if (e.code === 'slack_webapi_http_error') {
    const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
    return { kind: 'upstream', reason: `http_${status}`, retryable: status >= 500 || status === 408 };
  }
  if (e.code === 'slack_webapi_request_error') return { kind: 'upstream', reason: 'network', retryable: true };
  return { kind: 'internal', reason: typeof e.message === 'string' ? e.message : 'unknown' };
}

/** What to tell the person when a Slack call on their behalf failed. */
export function userMessageFor(failure: SlackFailure, locale: Locale): string {
  switch (failure.kind) {
    case 'rate_limited':
      return t(locale, 'slack.error.rate_limited');
    case 'not_in_channel':
      return t(locale, 'slack.error.not_in_channel');
    case 'channel_not_found':
      return t(locale, 'slack.error.channel_not_found');
    case 'upstream':
    case 'dead':
      return t(locale, 'slack.error.upstream');
    default:
      return t(locale, 'slack.error.internal');
  }
}
