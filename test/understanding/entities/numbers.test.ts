// Number parsing: Arabic and Chinese numerals, units, percentages; dates and times are never money.
import { describe, expect, it } from 'vitest';
import { chineseToNumber, parseAmount, parseCount, parseRate, tokenizeNumbers } from '../../../src/understanding';

describe('parseAmount', () => {
  it.each([
    ['12000', 12000],
    ['12,000', 12000],
    ['1.2万', 12000],
    ['1.1万', 11000],
    ['一万二', 12000],
    ['一万二千五', 12500],
    ['两千', 2000],
    ['3千', 3000],
    ['12k', 12000],
    ['12K', 12000],
    ['3w', 30000],
    ['3万', 30000],
    ['1.5k', 1500],
    ['１２０００', 12000],
    ['１．２万', 12000],
    ['二十', 20],
    ['八十五', 85],
    ['十五', 15],
    ['三千零五', 3005],
    ['一万零五', 10005],
    ['三十万', 300000],
    ['一点五万', 15000],
    ['一亿二千万', 120000000],
    ['3万5', 35000],
    ['1万2千', 12000],
    ['1万2000', 12000],
    ['12 thousand', 12000],
    ['¥12,000元', 12000],
    ['一定要拿一万二', 12000],
    ['0', 0],
    ['-5', -5],
    ['target -5', -5],
    ['0-10万', 0],
    ['1e15', 1e15],
  ])('%s → %d', (text, expected) => {
    expect(parseAmount(text)).toBe(expected);
  });

  it.each([
    '3月5日', '3月5号', '三月五号', '2026-03-05', '2026/3/5', '3/5', '2026年3月5日', 'Mar 5', 'March 5th',
    '8:30', '8点半', '九点', '8.30am', '2%', '百分之二', '周三', '千万别', '万一', '一下', '', 'abc', 'U0123ABCD',
  ])('%s is not an amount', (text) => {
    expect(parseAmount(text)).toBeNull();
  });
});

describe('parseRate', () => {
  it.each([
    ['2%', 0.02],
    ['百分之二', 0.02],
    ['千分之五', 0.005],
    ['0.5%', 0.005],
    ['1.5%', 0.015],
    ['百分之零点五', 0.005],
    ['2个点', 0.02],
    ['两个点', 0.02],
    ['２％', 0.02],
    ['3 percent', 0.03],
    ['提成百分之2', 0.02],
    ['0.02', 0.02],
    ['2', 0.02],
  ])('%s → %d', (text, expected) => {
    expect(parseRate(text)).toBeCloseTo(expected, 12);
  });

  it.each(['', 'abc', '12000', '3万'])('%s is not a rate', (text) => {
    expect(parseRate(text)).toBeNull();
  });
});

describe('parseCount', () => {
  it.each([['85', 85], ['八十五', 85], ['两', 2], ['打了两通', 2], ['1.5', null], ['3月5日', null]] as const)('%s → %s', (text, expected) => {
    expect(parseCount(text)).toBe(expected);
  });
});

describe('chineseToNumber', () => {
  it.each([['一万二', 12000], ['一百二', 120], ['两千五', 2500], ['二零二六', 2026], ['十', 10], ['千万', null]] as const)('%s → %s', (text, expected) => {
    expect(chineseToNumber(text)).toBe(expected);
  });
});

describe('tokenizeNumbers', () => {
  it('finds numbers with positions in a sentence', () => {
    const text = '今天打了85个电话,接通30,成交2单,业绩3万,意向客户6个';
    const tokens = tokenizeNumbers(text);
    expect(tokens.map((t) => [t.value, t.kind])).toEqual([[85, 'number'], [30, 'number'], [2, 'number'], [30000, 'number'], [6, 'number']]);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.raw);
    expect(tokens[3].raw).toBe('3万');
    expect(tokens[3].scaled).toBe(true);
  });

  it('tags dates, times, percentages and ordinals', () => {
    const kinds = tokenizeNumbers('3月5日 8点半 提成2% 第3名 2026-03-05 9:30').map((t) => t.kind);
    expect(kinds).toEqual(['date', 'date', 'time', 'percent', 'ordinal', 'date', 'time']);
  });

  it('keeps positions with full-width digits', () => {
    const text = '业绩３万，接通１２';
    const tokens = tokenizeNumbers(text);
    expect(tokens.map((t) => t.value)).toEqual([30000, 12]);
    expect(tokens.map((t) => t.raw)).toEqual(['３万', '１２']);
  });
});
