// Activity phrases in Chinese and English: each number is paired with its metric word.
import { describe, expect, it } from 'vitest';
import type { ActivityArgs } from '../../../src/core/intents';
import { isCorrection, parseActivity } from '../../../src/understanding';

const TODAY = '2026-03-04';

describe('parseActivity', () => {
  it.each<[string, ActivityArgs]>([
    ['今天打了85个电话,接通30,成交2单,业绩3万,意向客户6个', { calls: 85, connects: 30, deals: 2, sales: 30000, prospects: 6, date: TODAY }],
    ['今天一共打了一百二十个电话，接通了四十个，成交两单，业绩三万五，新增意向客户八个', { calls: 120, connects: 40, deals: 2, sales: 35000, prospects: 8, date: TODAY, replace: true }], // "一共": the day's totals (issue 25)
    ['打了85个电话接通30成交2单', { calls: 85, connects: 30, deals: 2 }],
    ['85个电话 30个接通 2单', { calls: 85, connects: 30, deals: 2 }],
    ['又打了20个', { calls: 20, added: true }], // "又": on top of what is logged, never asked
    ['20 more calls', { calls: 20, added: true }],
    ['打了两通电话', { calls: 2 }],
    ['新增5个意向客户', { prospects: 5 }],
    ['成交3万', { sales: 30000 }],
    ['成交额12,000元', { sales: 12000 }],
    ['昨天打了80个电话', { calls: 80, date: '2026-03-03' }],
    ['3月2日打了90个电话', { calls: 90, date: '2026-03-02' }],
    ['更正:今天打了90个电话', { calls: 90, date: TODAY, replace: true }],
    ['不对,是接通35个', { connects: 35, replace: true }],
    ['改成成交3单', { deals: 3, replace: true }],
    ['log 85 calls 30 connects 2 deals 30000 sales 6 prospects', { calls: 85, connects: 30, deals: 2, sales: 30000, prospects: 6 }],
    ['log 85 calls 30 connects 2 deals 30000', { calls: 85, connects: 30, deals: 2, sales: 30000 }],
    ['calls 85 connects 30 deals 2 sales 30000 prospects 6', { calls: 85, connects: 30, deals: 2, sales: 30000, prospects: 6 }],
    ['I made 85 calls today, got 30 connects and closed 2 deals worth 30000', { calls: 85, connects: 30, deals: 2, sales: 30000, date: TODAY }],
    ['logged 40 dials yesterday', { calls: 40, date: '2026-03-03' }],
    ['30k sales', { sales: 30000 }],
    ['correction: 85 calls', { calls: 85, replace: true }],
    ['actually 40 connects', { connects: 40, replace: true }],
  ])('%s', (text, expected) => {
    expect(parseActivity(text, TODAY)).toEqual(expected);
  });

  it.each<[string, ActivityArgs]>([
    // A space between Chinese clauses separates them like a comma (voice input has no punctuation):
    // 接通 belongs to the 40 after it, not to the 90 before it (the 40 used to be dropped).
    ['打了90个 接通40个 成了3单', { calls: 90, connects: 40, deals: 3 }],
    ['打了差不多九十个 接通四十个 成了三单', { calls: 90, connects: 40, deals: 3 }],
  ])('%s: clauses split by a space', (text, expected) => {
    expect(parseActivity(text, TODAY)).toEqual(expected);
  });

  it('a mobile number written in groups is no set of counts (it made a coaching question look like a log)', () => {
    expect(parseActivity('他留了 139 8765 4321 让我明天回电话', TODAY)).toBeNull();
    expect(parseActivity('客户电话 +86 138-1234-5678,今天打了60个电话', TODAY)).toEqual({ calls: 60, date: TODAY });
  });

  it('reads bare numbers in order when positional', () => {
    expect(parseActivity('85 30 2 30000 6', TODAY, { positional: true })).toEqual({
      calls: 85, connects: 30, deals: 2, sales: 30000, prospects: 6,
    });
  });

  // Issue 25 (test/core/writeInvariant.test.ts): a negative or fractional count was dropped without a word
  // ("接通-5" saved the calls alone; "-5个电话" said "no numbers"). It is read, and the handler refuses it.
  it.each<[string, ActivityArgs]>([
    ['今天打了28个电话,接通-5', { calls: 28, connects: -5, date: TODAY }],
    ['今天打了-5个电话', { calls: -5, date: TODAY }],
    ['log 33 calls -5 connects', { calls: 33, connects: -5 }],
    ['今天打了34.5个电话,接通8', { calls: 34.5, connects: 8, date: TODAY }],
    ['log 2.5 deals', { deals: 2.5 }],
  ])('%s: the figure is read, for the handler to refuse', (text, expected) => {
    expect(parseActivity(text, TODAY)).toEqual(expected);
  });

  it.each<[string, ActivityArgs | null]>([
    ['log 3.5 hours of calls, 80 calls', { calls: 80 }],
    ['今天打了30-40个电话', { calls: 30, date: TODAY }],
    ['接通率40.5', null],
  // (A range never reaches parseActivity in a message: argumentsFor refuses it first, see ranges.test.ts.)
  ])('%s: a fraction that is no count, or a range, is not a negative or fractional figure', (text, expected) => {
    expect(parseActivity(text, TODAY)).toEqual(expected);
  });

  it.each(['今天要打多少个电话', 'how many calls do I need today', '你好', '', '3月5日'])('%s has no figures', (text) => {
    expect(parseActivity(text, TODAY)).toBeNull();
  });
});

describe('isCorrection', () => {
  it.each(['更正一下', '改成90', '不对,是85', '应该是30个', 'correction', 'actually 85', 'should be 30'])('%s', (text) => {
    expect(isCorrection(text)).toBe(true);
  });
  it.each(['又打了20个', 'log 85 calls'])('%s is not', (text) => {
    expect(isCorrection(text)).toBe(false);
  });
});
