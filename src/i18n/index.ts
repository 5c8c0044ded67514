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

/**
 * `{name}` is the param; `{name|one|other}` is the word for the param's count in the locale's plural rules
 * (Intl.PluralRules), so English says "1 deal", "2 deals" ("{deals} {deals|deal|deals}").
 */
export function t(locale: Locale, key: string, params: Params = {}): string {
  const template = merged[locale][key] ?? merged.en[key];
  if (template === undefined) return key;
  return template.replace(/\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g, (whole, name: string, one?: string, other?: string) => {
    if (!(name in params)) return whole;
    if (one === undefined || other === undefined) return String(params[name]);
    return pluralRules(locale).select(countOf(params[name])) === 'one' ? one : other;
  });
}

const pluralRulesByLocale = new Map<Locale, Intl.PluralRules>();
function pluralRules(locale: Locale): Intl.PluralRules {
  let rules = pluralRulesByLocale.get(locale);
  if (!rules) pluralRulesByLocale.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules;
}
/** A param as a number for plural rules: formatted counts ("1,437") read back; anything else counts as many. */
function countOf(value: string | number): number {
  const n = typeof value === 'number' ? value : Number(value.replace(/[,\s]/g, ''));
  return Number.isFinite(n) ? n : 2;
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
