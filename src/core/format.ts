// Locale-aware formatting of dates, money, counts and plan steps for replies.
import { DateTime } from 'luxon';
import type { PlanStep } from '../domain/goals/types';
import type { LocalDate, Locale } from '../domain/types';
import { formatCount, formatMoney, formatPercent, t } from '../i18n';

export function formatDate(locale: Locale, date: LocalDate): string {
  const dt = DateTime.fromISO(date, { zone: 'UTC' });
  return locale === 'zh-CN'
    ? `${dt.month}月${dt.day}日 ${dt.setLocale('zh-CN').toFormat('ccc')}`
    : dt.setLocale('en').toFormat('ccc d LLL');
}

export const money = formatMoney;
export const count = formatCount;
export const percent = formatPercent;

/** One "why this number?" line per step: the localized step name, then the formula with its numbers. */
export function whyLines(locale: Locale, steps: PlanStep[]): string[] {
  return steps.map((step) => `${t(locale, `step.${step.key}`)}: ${step.formula}`);
}

/** Joins non-empty lines with newlines. */
export function lines(...parts: Array<string | false | null | undefined>): string {
  return parts.filter((part): part is string => typeof part === 'string' && part.length > 0).join('\n');
}
