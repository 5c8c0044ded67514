// Redaction corpus (recall on listed PII, nothing in `keep` broken) plus property tests.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLuhnValid, isValidResidentId, redact, redactWithReport } from '../../src/coaching/redact';

interface CorpusLine {
  text: string;
  pii: string[];
  keep: string[];
}

const corpus = JSON.parse(readFileSync(new URL('../fixtures/redaction-corpus.json', import.meta.url), 'utf8')) as CorpusLine[];

describe('redaction corpus', () => {
  it('has at least 100 mixed zh/en lines', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(100);
    expect(corpus.some((l) => /[\u4e00-\u9fff]/.test(l.text))).toBe(true);
    expect(corpus.some((l) => /^[\x20-\x7e]+$/.test(l.text))).toBe(true);
  });

  it('removes every listed PII substring (100% recall) and keeps every listed non-PII one', () => {
    let piiTotal = 0;
    let piiGone = 0;
    let keepTotal = 0;
    let keepKept = 0;
    const failures: string[] = [];
    for (const line of corpus) {
      const out = redact(line.text);
      for (const p of line.pii) {
        piiTotal++;
        if (out.includes(p)) failures.push(`PII survived: ${JSON.stringify(p)} in ${out}`);
        else piiGone++;
      }
      for (const k of line.keep) {
        keepTotal++;
        if (out.includes(k)) keepKept++;
        else failures.push(`keep broken: ${JSON.stringify(k)} in ${out}`);
      }
    }
    console.log(
      `redaction: recall ${piiGone}/${piiTotal} (${((100 * piiGone) / piiTotal).toFixed(1)}%), ` +
        `non-PII kept ${keepKept}/${keepTotal} over ${corpus.length} lines`,
    );
    expect(failures).toEqual([]);
  });

  it('leaves lines without PII untouched', () => {
    for (const line of corpus.filter((l) => l.pii.length === 0)) expect(redact(line.text)).toBe(line.text);
  });
});

describe('redactWithReport', () => {
  it('reports typed spans with offsets into the original text', () => {
    const text = '客户张先生 13812345678, mail a@b.com, 010-12345678';
    const { text: out, found } = redactWithReport(text);
    expect(out).toBe('客户[CUSTOMER_NAME] [PHONE], mail [EMAIL], [PHONE]');
    expect(found.map((f) => [f.type, text.slice(f.start, f.end)])).toEqual([
      ['CUSTOMER_NAME', '张先生'],
      ['PHONE', '13812345678'],
      ['EMAIL', 'a@b.com'],
      ['PHONE', '010-12345678'],
    ]);
  });

  it('tells ID numbers from bank cards from order numbers', () => {
    expect(redact('ID 32010219880808100X, ID 32010219880808100x')).toBe('ID [ID_CARD], ID [ID_CARD]');
    expect(redact('order 110101199003071234')).toBe('order 110101199003071234');
    expect(isValidResidentId('110101199003071234')).toBe(isValidResidentIdRef('110101199003071234'));
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(redact('card 4111 1111 1111 1111')).toBe('card [BANK_CARD]');
    expect(redact('card 4111 1111 1111 1112')).toBe('card 4111 1111 1111 1112');
  });

  it('catches a number exposed by an earlier replacement', () => {
    expect(redact('x@y.com13812345678')).toBe('[EMAIL][PHONE]');
  });
});

// Independent reference for the GB 11643 check character.
function isValidResidentIdRef(id: string): boolean {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = w.reduce((acc, wi, i) => acc + wi * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17].toUpperCase();
}

const piiish = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.constantFrom(...'0123456789 -+()（）@.xX转客户张王先生女士小姐总Mr. Ms Li customer John abc[]') }),
  fc.stringMatching(/^1[3-9]\d{9}$/),
  fc.stringMatching(/^\d{15,19}$/),
);

describe('redact properties', () => {
  it('never throws and is idempotent', () => {
    fc.assert(
      fc.property(fc.array(piiish, { maxLength: 5 }), (parts) => {
        const text = parts.join(' ');
        const once = redact(text);
        expect(redact(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('never leaves an 11-digit mobile number behind', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), fc.constantFrom('电话', 'tel ', '手机:', ''), (mobile, prefix) => {
        expect(redact(`${prefix}${mobile}。`)).not.toContain(mobile);
      }),
    );
  });
});
