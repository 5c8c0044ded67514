// Number hygiene shared by the goal modules: cent rounding without float drift, the spec's `ceil`,
// compact number formatting for the language-neutral formulas in `steps[]`, and the one way money
// is shown to people (`formatMoney`).
import type { Locale } from '../types';

/** docs/design.md: `ceil` means `Math.ceil(x - 1e-9)`, so 450000.00000000006 stays 450000 (`+ 0`: ceil(0) is -0 otherwise). */
export function ceil(x: number): number {
  return Math.ceil(x - 1e-9) + 0;
}

/** Rounds to cents; `toPrecision(12)` first removes binary noise so 1.005 → 1.01 and 8999.995 → 9000. */
export function roundCents(x: number): number {
  const cents = Number((x * 100).toPrecision(12));
  return Math.round(cents) / 100 + 0; // `+ 0` turns -0 into 0
}

/** Whole cents as an integer, for exact splitting. */
export function toCents(x: number): number {
  return Math.round(Number((x * 100).toPrecision(12)));
}

/** Formats a number for a formula string: integers as is, others with at most `digits` decimals. */
export function fmt(x: number, digits = 6): string {
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toFixed(digits)));
}

/** Money in a formula: at most 2 decimals. */
export function fmtMoney(x: number): string {
  return fmt(roundCents(x), 2);
}

const moneyFormats = new Map<Locale, Intl.NumberFormat>();

/**
 * Money as every reply shows it (chat, cards, nudges, digests, the "why" sentences): whole currency
 * units with thousands grouped, the same shape in zh-CN and en — 137391.3 → "137,391", 450000 →
 * "450,000". No currency sign: the sentences around the amount say what it is.
 *
 * Rounding: to the nearest whole unit, halves away from zero (0.5 → 1, 137,391.5 → 137,392), on the
 * amount's cents after binary noise is removed as `roundCents` does, so a sum that came out as
 * 1234.4999999999998 (really 1,234.50) reads 1,235. Sales targets are whole units already (step 2
 * rounds up), so a goal is never shown lower than it is; achieved and expected amounts, projections
 * and averages are shown to the nearest unit. The exact cents stay in `Reply.data`.
 * Not finite → "-".
 */
export function formatMoney(locale: Locale, amount: number): string {
  if (!Number.isFinite(amount)) return '-';
  const cents = Math.round(Number((Math.abs(amount) * 100).toPrecision(12)));
  const units = Math.sign(amount) * Math.floor((cents + 50) / 100) + 0; // `+ 0`: -0 reads "0"
  let format = moneyFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, useGrouping: true });
    moneyFormats.set(locale, format);
  }
  return format.format(units);
}
