// Message catalogue: every user-facing string in zh-CN and en. Each area owns a file in ./catalog
// exporting `{ 'zh-CN': {...}, en: {...} }` with the same keys; `t` interpolates `{name}` params.
import type { Locale } from '../domain/types';
import { catalogs } from './catalog';
import { formatMoney as formatMoneyOnce } from '../domain/goals/money';

export type Params = Record<string, string | number>;
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

const merged: Record<Locale, Record<string, string>> = { 'zh-CN': {}, en: {} };
for (const catalog of catalogs) {
  for (const locale of LOCALES) Object.assign(merged[locale], catalog[locale]);
}

export function hasMessage(key: string): boolean {
  return key in merged['zh-CN'] && key in merged.en;
}

export function t(locale: Locale, key: string, params: Params = {}): string {
  const template = merged[locale][key] ?? merged.en[key];
  if (template === undefined) return key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function allKeys(locale: Locale): string[] {
  return Object.keys(merged[locale]);
}

export function normalizeLocale(value: string | undefined | null, fallback: Locale = 'zh-CN'): Locale {
  if (!value) return fallback;
  const lower = value.toLowerCase();
  if (lower.startsWith('zh')) return 'zh-CN';
  if (lower.startsWith('en')) return 'en';
  return fallback;
}

// Intl.NumberFormat objects are costly to build (they showed up in the load test's CPU profile);
// a handful of shapes is ever used, so each is built once.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${options.style ?? ''}|${options.maximumFractionDigits ?? ''}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

/** Money as every reply shows it: whole units, grouped (the one rule, domain/goals/money.ts). */
export function formatMoney(locale: Locale, amount: number): string {
  return formatMoneyOnce(locale, amount);
}

export function formatCount(locale: Locale, n: number): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

export function formatPercent(locale: Locale, ratio: number, digits = 1): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(ratio);
}
