// Redaction on a set written by someone who never saw the redactor or its rules (201 lines, zh/en/mixed,
// 30 without PII). Its first reading showed the rules' blind spots: recall 90.6% (240 of 265), 1 of 273
// needed values removed. The rules were then fixed from its misses (README, "Privacy"), so it is no
// longer blind; it stays as a regression floor.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { redact } from '../../src/coaching/redact';

interface Line {
  text: string;
  pii: string[];
  keep: string[];
}

const lines = readFileSync(new URL('../fixtures/redaction-blind.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Line);

/** Occurrences of `needle` in `haystack`. */
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

export function blindFigures(): { pii: number; leaked: number; keep: number; removed: number } {
  let pii = 0;
  let leaked = 0;
  let keep = 0;
  let removed = 0;
  for (const line of lines) {
    const out = redact(line.text);
    for (const p of line.pii) {
      pii++;
      if (out.includes(p)) leaked++;
    }
    for (const k of line.keep) {
      keep++;
      if (count(out, k) < 1) removed++;
    }
  }
  return { pii, leaked, keep, removed };
}

describe('redaction on the blind set', () => {
  it('reports recall and false removal, above the floors', () => {
    const f = blindFigures();
    const recall = 1 - f.leaked / f.pii;
    const falseRemoval = f.removed / f.keep;
    console.log(`redaction (blind set): recall ${(100 * recall).toFixed(1)}% (${f.pii - f.leaked}/${f.pii}), needed values removed ${(100 * falseRemoval).toFixed(1)}% (${f.removed}/${f.keep})`);
    expect(lines.length).toBeGreaterThanOrEqual(150);
    expect(recall).toBeGreaterThanOrEqual(FLOOR_RECALL);
    expect(falseRemoval).toBeLessThanOrEqual(CEILING_FALSE_REMOVAL);
  });
});

// Measured after the fixes: 265 of 265 removed, 0 of 273 needed values removed.
const FLOOR_RECALL = 0.99;
const CEILING_FALSE_REMOVAL = 0.01;
