// Redaction measured like a DLP product (issue 26): on 2,000 generated sentences with identifiers in
// varied formats and positions, and 2,000 with amounts, dates, rates and counts that must survive
// (scripts/redaction-samples.ts; npm run eval:redaction prints the table).
import { describe, expect, it } from 'vitest';
import { redact } from '../../src/coaching/redact';
import { measureRedaction } from '../../scripts/redaction-samples';

describe('redaction recall floors', () => {
  it('removes ≥ 99.9% of identifiers and wrongly removes ≤ 0.5% of needed numbers', () => {
    const f = measureRedaction(redact);
    expect(f.secrets).toBeGreaterThanOrEqual(2000);
    expect(f.kept + f.removed).toBeGreaterThanOrEqual(2000);
    expect(f.recall, f.leaks.join('\n')).toBeGreaterThanOrEqual(0.999);
    expect(f.falseRemoval).toBeLessThanOrEqual(0.005);
  });
});
