// Number formatting for nudge text with cached Intl formatters: composing thousands of nudges must not
// build a new Intl.NumberFormat per number (same output as src/i18n formatCount/formatPercent). Money is
// the one shared format of src/domain/goals/money.ts (whole units: a pace of 137391.3 reads "137,391").
import { formatMoney } from '../domain/goals/money';
import type { Locale } from '../domain/types';

const cache = new Map<string, Intl.NumberFormat>();

function formatter(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let nf = cache.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(locale, options);
    cache.set(key, nf);
  }
  return nf;
}

export const count = (locale: Locale, n: number): string => formatter(locale, { maximumFractionDigits: 0 }).format(n);
export const money = formatMoney;
export const percent = (locale: Locale, ratio: number, digits = 1): string =>
  formatter(locale, { style: 'percent', maximumFractionDigits: digits }).format(ratio);
