// Values that look like numbers or times but are not ("1.2.3万", "1e3", "25点", "8:75"): recognised as
// malformed so that nothing is half-parsed and saved; the reply asks for the value again.

const MALFORMED: RegExp[] = [
  /\d+(?:\.\d+){2,}\s*(?:万|千|k|w|块|元)?/i, // 1.2.3万
  /\d+(?:\.\d+)?e[+-]?\d+/i, // 1e3 (no one types money or calls in scientific notation)
  /\d+\.(?!\d)\s*(?:万|千|k|w)(?![a-z])/i, // 1.万
];
const CLOCK = /(?<![\d.])(\d{1,3})\s*(?:点|时|[:：]\s*(\d{1,3}))/g;

/** The first malformed value in `text`, as written, or null. */
export function findMalformed(text: string): string | null {
  for (const re of MALFORMED) {
    const m = re.exec(text);
    if (m) return m[0].trim();
  }
  for (const m of text.matchAll(CLOCK)) {
    const hour = Number(m[1]);
    const minute = m[2] === undefined ? 0 : Number(m[2]);
    if (hour > 24 || minute > 59) return m[0].trim();
  }
  return null;
}
