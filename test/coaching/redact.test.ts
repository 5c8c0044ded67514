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
    // The name after "客户" is dropped (the word already says who), identifiers become their type.
    expect(out).toBe('客户 [PHONE], mail [EMAIL], [PHONE]');
    expect(found.map((f) => [f.type, text.slice(f.start, f.end)])).toEqual([
      ['CUSTOMER_NAME', '张先生'],
      ['PHONE', '13812345678'],
      ['EMAIL', 'a@b.com'],
      ['PHONE', '010-12345678'],
    ]);
  });

  it('types valid IDs and cards, and redacts any other run of 12+ digits whatever its checksum', () => {
    expect(redact('ID 32010219880808100X, ID 32010219880808100x')).toBe('ID [ID_CARD], ID [ID_CARD]');
    expect(isValidResidentId('110101199003071234')).toBe(isValidResidentIdRef('110101199003071234'));
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(redact('card 4111 1111 1111 1111')).toBe('card [BANK_CARD]');
    // Issue 26: a mistyped ID or card number is still a person's identifier.
    expect(redact('order 110101199003071234')).toBe('order [ID_NUMBER]');
    expect(redact('card 4111 1111 1111 1112')).toBe('card [ID_NUMBER]');
    expect(redact('身份证１１０１０１１９９００３０７１２３４')).toBe('身份证[ID_NUMBER]');
    // Eleven digits that are no phone number stay: amounts and counts are never that long in practice.
    expect(redact('业绩 30000 元, 85 个电话, 2026-03-04')).toBe('业绩 30000 元, 85 个电话, 2026-03-04');
  });

  it('covers the identifiers and names of issue 26, and keeps what the coach needs', () => {
    const cases: [string, string][] = [
      ['客户王建国手机13812345678,身份证110101199003071234,他说利率太高不想办', '客户手机[PHONE],身份证[ID_NUMBER],他说利率太高不想办'],
      ['card number 6222021234567890123 again', 'card number [ID_NUMBER] again'],
      ['+86 139 8765 4321 / 1398-765-4321 / 010-12345678', '[PHONE] / [PHONE] / [PHONE]'],
      ['微信 abc_123, QQ 12345678', '[SOCIAL_ID], [SOCIAL_ID]'],
      ['住在南京路123号5栋2单元501', '住在[ADDRESS]'],
      ['lives at 88 Nanjing Road, fine', 'lives at [ADDRESS], fine'],
      ['车牌沪A·12345,护照E12345678', '车牌[PLATE],护照[PASSPORT]'],
      ['王先生说3万太贵', '客户说3万太贵'],
      ['那个姓张的客户说年化12%太高', '那个客户说年化12%太高'],
      ['张总说要85个电话的量', '客户说要85个电话的量'],
      ['李女士说再考虑', '客户说再考虑'],
      ['customer Zhang Wei said no', 'customer said no'],
      ['Mr. Smith said the fee is 0.6%', 'the customer said the fee is 0.6%'],
      ['a client called Anna Lee wants 12k', 'a client called the customer wants 12k'],
    ];
    for (const [input, expected] of cases) expect(redact(input), input).toBe(expected);
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
