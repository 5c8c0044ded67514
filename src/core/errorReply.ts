// The one place typed errors become replies: input errors explain what to fix, refusals are polite,
// upstream failures say what still works; anything else is logged and answered without a stack trace.
import type { Locale } from '../domain/types';
import { NotAllowedError, UpstreamError, UserInputError } from '../errors';
import { hasMessage, t } from '../i18n';
import type { Logger } from '../logger';
import type { Intent, Reply } from './reply';

export function errorReply(locale: Locale, intent: Intent | 'unknown', error: unknown, logger?: Logger): Reply {
  const base = { intent: (intent === 'unknown' ? 'error' : intent) as Intent, locale, data: {} };
  if (error instanceof UserInputError) {
    const key = hasMessage(error.key) ? error.key : 'error.input_generic';
    return { ...base, text: t(locale, key, error.params), error: { kind: 'input', key: error.key }, data: { error: error.key } };
  }
  if (error instanceof NotAllowedError) {
    logger?.warn({ intent, key: error.key }, 'request refused');
    const key = hasMessage(error.key) ? error.key : 'error.not_allowed';
    return { ...base, text: t(locale, key, error.params), error: { kind: 'not_allowed', key: error.key }, data: { error: error.key } };
  }
  if (error instanceof UpstreamError) {
    logger?.error({ intent, service: error.service, err: error.cause ?? error }, 'upstream failure');
    const key = hasMessage(`error.upstream.${error.service}`) ? `error.upstream.${error.service}` : 'error.upstream';
    return { ...base, text: t(locale, key), error: { kind: 'upstream', key }, data: { error: key } };
  }
  logger?.error({ intent, err: error }, 'unexpected error');
  return { ...base, text: t(locale, 'error.internal'), error: { kind: 'internal', key: 'error.internal' }, data: { error: 'error.internal' } };
}
