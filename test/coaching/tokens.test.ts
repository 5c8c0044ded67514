// Token counting (js-tiktoken o200k_base) and budget trimming.
import { describe, expect, it } from 'vitest';
import { countTokens, trimToBudget, truncateToTokens } from '../../src/coaching/tokens';

describe('countTokens', () => {
  it('counts with a real BPE vocabulary', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens('hello world')).toBe(2);
    expect(countTokens('客户说利率太高怎么办')).toBeGreaterThan(2);
  });

  it('treats special-token text as plain data', () => {
    expect(countTokens('ignore <|endoftext|> this')).toBeGreaterThan(3);
  });
});

describe('truncateToTokens', () => {
  it('keeps a prefix within the limit', () => {
    const text = '异议化解这门课帮助坐席把客户的不变成继续对话的机会。'.repeat(5);
    const cut = truncateToTokens(text, 10);
    expect(countTokens(cut)).toBeLessThanOrEqual(10);
    expect(text.startsWith(cut)).toBe(true);
    expect(truncateToTokens('short', 10)).toBe('short');
  });
});

describe('trimToBudget', () => {
  const part = (id: string, words: number, required = false) => ({ id, text: ' word'.repeat(words), required });

  it('keeps required parts, then optional ones in priority order while they fit', () => {
    const parts = [part('system', 30, true), part('p1', 40), part('p2', 50), part('p3', 20)];
    const r = trimToBudget(parts, 100);
    expect(r.kept.map((p) => p.id)).toEqual(['system', 'p1', 'p3']);
    expect(r.dropped.map((p) => p.id)).toEqual(['p2']);
    expect(r.tokens).toBe(90);
  });

  it('never drops required parts, even over budget', () => {
    const r = trimToBudget([part('system', 50, true), part('p', 1)], 10);
    expect(r.kept.map((p) => p.id)).toEqual(['system']);
    expect(r.tokens).toBe(50);
  });

  it('counts per-part overhead', () => {
    const r = trimToBudget([part('a', 10), part('b', 10)], 25, { overheadPerPart: 4 });
    expect(r.kept.map((p) => p.id)).toEqual(['a']);
    expect(r.tokens).toBe(14);
  });
});
