// Number hygiene shared by the goal modules: cent rounding without float drift, the spec's `ceil`,
// and compact number formatting for the language-neutral formulas in `steps[]`.

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
