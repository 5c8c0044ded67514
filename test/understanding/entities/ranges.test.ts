// Ranges and estimates of a count or an amount are found as written; exact figures, dates and clock
// times are not ranges.
import { describe, expect, it } from 'vitest';
import { findRange } from '../../../src/understanding/entities/ranges';

describe('findRange', () => {
  it.each([
    ['今天打了30-40个电话', '30-40个'],
    ['今天打了30~40通', '30~40通'],
    ['今天打了30到40个电话', '30到40个'],
    ['接通１０－１５个', '10-15个'],
    ['这个月想拿1-1.2万', '1-1.2万'],
    ['today 30-40 calls', '30-40 calls'],
    ['log 30 to 40 calls', '30 to 40 calls'],
    ['between 30 and 40 calls today', 'between 30 and 40'],
    ['今天打了三四十个电话', '三四十'],
    ['今天打了二三十个', '二三十'],
    ['成交一两单', '一两单'],
    ['打了十七八个', '十七八个'],
    ['这个月想拿两三万', '两三万'],
    ['打了三五个', '三五个'],
    ['打了十几个 成了一单', '十几个'],
    ['打了几十个', '几十个'],
    ['今天打了三十多个电话', '三十多个'],
    ['今天打了30多个电话', '30多个'],
    ['业绩1万多', '1万多'],
    ['about 40ish calls', '40ish'],
  ])('%s → %s', (text, raw) => {
    expect(findRange(text)).toBe(raw);
  });

  it.each([
    '今天打了34个电话',
    '今天打了二十一个电话',
    '今天打了三十四个',
    '12-07打了30个电话',
    '2026-12-07 打了30个',
    '今天9:00-18:00打了80个',
    'log 40-15-2',
    '这个月想拿1万2',
    '想拿1万 多少个电话才够',
    '今天打了85个电话,接通30,成交2单,业绩3万',
    'log 40 calls 15 connects 1 deal 8,500',
    '每天8点半提醒我',
  ])('%s: no range', (text) => {
    expect(findRange(text)).toBeNull();
  });
});
