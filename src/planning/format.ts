// Locale-aware formatting of dates, money, counts and plan steps for replies.
import { DateTime } from 'luxon';
import type { PlanStep } from '../domain/goals/types';
import type { LocalDate, Locale } from '../domain/types';
import { formatCount, formatMoney, formatPercent, t } from '../i18n';

/** Formatted dates by locale and date: luxon's toFormat is costly and replies format the same few dates. */
const formattedDates = new Map<string, string>();
const FORMATTED_DATES_KEPT = 4096;

export function formatDate(locale: Locale, date: LocalDate): string {
  const key = `${locale}|${date}`;
  const known = formattedDates.get(key);
  if (known !== undefined) return known;
  const dt = DateTime.fromISO(date, { zone: 'UTC' });
  const text =
    locale === 'zh-CN' ? `${dt.month}月${dt.day}日 ${dt.setLocale('zh-CN').toFormat('ccc')}` : dt.setLocale('en').toFormat('ccc d LLL');
  // Invalid dates are not remembered (luxon renders them as "Invalid DateTime").
  if (dt.isValid) {
    if (formattedDates.size >= FORMATTED_DATES_KEPT) formattedDates.clear();
    formattedDates.set(key, text);
  }
  return text;
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
