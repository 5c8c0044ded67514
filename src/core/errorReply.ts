// The one place typed errors become replies: input errors explain what to fix, refusals are polite,
// upstream failures say what still works; anything else is logged and answered without a stack trace.
import type { Locale } from '../domain/types';
import { NotAllowedError, UpstreamError, UserInputError } from '../errors';
import { hasMessage, t, type Params } from '../i18n';
import type { Logger } from '../logger';
import type { Intent, Reply } from './reply';

export function errorReply(locale: Locale, intent: Intent | 'unknown', error: unknown, logger?: Logger): Reply {
  const base = { intent: (intent === 'unknown' ? 'error' : intent) as Intent, locale, data: {} };
  if (error instanceof UserInputError) {
    const key = hasMessage(error.key) ? error.key : 'error.input_generic';
    return { ...base, text: t(locale, key, localizeParams(locale, error.params)), error: { kind: 'input', key: error.key }, data: { error: error.key } };
  }
  if (error instanceof NotAllowedError) {
    logger?.warn({ intent, key: error.key }, 'request refused');
    const key = hasMessage(error.key) ? error.key : 'error.not_allowed';
    return { ...base, text: t(locale, key, localizeParams(locale, error.params)), error: { kind: 'not_allowed', key: error.key }, data: { error: error.key } };
  }
  if (error instanceof UpstreamError) {
    logger?.error({ intent, service: error.service, err: error.cause ?? error }, 'upstream failure');
    // A specific key (e.g. a write whose outcome is unknown) wins over the service's general one.
    const specific = error.key !== 'error.upstream' && hasMessage(error.key) ? error.key : undefined;
    const key = specific ?? (hasMessage(`error.upstream.${error.service}`) ? `error.upstream.${error.service}` : 'error.upstream');
    return { ...base, text: t(locale, key), error: { kind: 'upstream', key }, data: { error: key } };
  }
  logger?.error({ intent, err: error }, 'unexpected error');
  return { ...base, text: t(locale, 'error.internal'), error: { kind: 'internal', key: 'error.internal' }, data: { error: 'error.internal' } };
}

/**
 * Error parameters that are identifiers, in the person's words: a funnel field ("calls" → 拨打), a
 * competency dimension ("tool_use" → 工具使用), a funnel stage ("closeRate" → 成交率). Values that
 * are no known identifier (already localized names, numbers, dates) are left as they are.
 */
const IDENTIFIER_PARAMS: Record<string, string> = { field: 'field.', dimension: 'quadrant.dim.', stage: 'stage.' };

export function localizeParams(locale: Locale, params: Params = {}): Params {
  const out: Params = { ...params };
  for (const [name, prefix] of Object.entries(IDENTIFIER_PARAMS)) {
    const value = params[name];
    if (typeof value === 'string' && hasMessage(`${prefix}${value}`)) out[name] = t(locale, `${prefix}${value}`);
  }
  return out;
}

/** The text of a typed error in the person's locale (what errorReply shows; forms show it next to a field). */
export function errorText(locale: Locale, error: UserInputError | NotAllowedError): string {
  const fallback = error instanceof UserInputError ? 'error.input_generic' : 'error.not_allowed';
  return t(locale, hasMessage(error.key) ? error.key : fallback, localizeParams(locale, error.params));
}

/**
 * What a validation issue needs to be worded: the fields of a zod issue (`error.issues[i]`) that say
 * what was wrong. Plain data, so an issue can travel (e.g. in an import problem) and be worded later.
 */
export interface ValidationIssue {
  code: string;
  expected?: string;
  origin?: string;
  format?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  divisor?: number | bigint;
  input?: unknown;
}

const plainNumber = (locale: Locale, n: number | bigint | undefined): string =>
  n === undefined ? '-' : typeof n === 'bigint' ? n.toString() : n.toLocaleString(locale === 'zh-CN' ? 'zh-CN' : 'en', { maximumFractionDigits: 6 });

/**
 * A validation issue in the person's words, instead of zod's English message ("Too small: expected
 * number to be >=0" → 不能小于 0 / must be at least 0). With `field` (a label the person knows, e.g. a
 * column header or a localized field name) the sentence names it: “底薪”不能小于 0.
 */
export function validationMessage(locale: Locale, issue: ValidationIssue, field?: string): string {
  const message = validationText(locale, issue);
  return field ? t(locale, 'validation.with_field', { field, message }) : message;
}

function validationText(locale: Locale, issue: ValidationIssue): string {
  const min = plainNumber(locale, issue.minimum);
  const max = plainNumber(locale, issue.maximum);
  switch (issue.code) {
    case 'invalid_type':
      if ('input' in issue && (issue.input === undefined || issue.input === null)) return t(locale, 'validation.required');
      if (issue.expected === 'int') return t(locale, 'validation.not_integer');
      if (issue.expected === 'number' || issue.expected === 'bigint' || issue.expected === 'nan') return t(locale, 'validation.not_number');
      if (issue.expected === 'string') return t(locale, 'validation.not_text');
      if (issue.expected === 'date') return t(locale, 'validation.not_date');
      return t(locale, 'validation.invalid');
    case 'too_small':
      if (issue.origin === 'string') return issue.minimum === 1 ? t(locale, 'validation.required') : t(locale, 'validation.min_length', { min });
      if (issue.origin === 'array' || issue.origin === 'set') return t(locale, 'validation.min_items', { min });
      return t(locale, issue.inclusive === false ? 'validation.above' : 'validation.min', { min });
    case 'too_big':
      if (issue.origin === 'string') return t(locale, 'validation.max_length', { max });
      if (issue.origin === 'array' || issue.origin === 'set') return t(locale, 'validation.max_items', { max });
      return t(locale, issue.inclusive === false ? 'validation.below' : 'validation.max', { max });
    case 'invalid_format':
      if (issue.format === 'email') return t(locale, 'validation.not_email');
      if (issue.format === 'date' || issue.format === 'datetime' || issue.format === 'time') return t(locale, 'validation.not_date');
      return t(locale, 'validation.bad_format');
    case 'not_multiple_of':
      return t(locale, 'validation.multiple_of', { divisor: plainNumber(locale, issue.divisor) });
    case 'invalid_value':
      return t(locale, 'validation.not_allowed_value');
    case 'unrecognized_keys':
      return t(locale, 'validation.unknown_field');
    default:
      return t(locale, 'validation.invalid');
  }
}
