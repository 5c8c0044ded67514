// Dates relative to a fixed today (2026-03-04, a Wednesday) and clock times for reminders.
import { describe, expect, it } from 'vitest';
import { findDate, parseDate, parseTime } from '../../../src/understanding';

const TODAY = '2026-03-04'; // Wednesday

describe('parseDate', () => {
  it.each([
    ['今天', '2026-03-04'],
    ['明天', '2026-03-05'],
    ['昨天', '2026-03-03'],
    ['后天', '2026-03-06'],
    ['前天', '2026-03-02'],
    ['下周一', '2026-03-09'],
    ['下星期一', '2026-03-09'],
    ['本周五', '2026-03-06'],
    ['这周五', '2026-03-06'],
    ['周三', '2026-03-04'],
    ['周日', '2026-03-08'],
    ['礼拜天', '2026-03-08'],
    ['上周五', '2026-02-27'],
    ['下下周一', '2026-03-16'],
    ['3月5日', '2026-03-05'],
    ['3月5号', '2026-03-05'],
    ['三月五号', '2026-03-05'],
    ['15号', '2026-03-15'],
    ['2026-03-05', '2026-03-05'],
    ['2026/3/5', '2026-03-05'],
    ['2026年3月5日', '2026-03-05'],
    ['3/5', '2026-03-05'],
    ['12月30日', '2025-12-30'],
    ['today', '2026-03-04'],
    ['tomorrow', '2026-03-05'],
    ['yesterday', '2026-03-03'],
    ['next Monday', '2026-03-09'],
    ['next monday', '2026-03-09'],
    ['this Friday', '2026-03-06'],
    ['on Monday', '2026-03-02'],
    ['last Friday', '2026-02-27'],
    ['Mar 5', '2026-03-05'],
    ['March 5', '2026-03-05'],
    ['March 5th', '2026-03-05'],
    ['5 March', '2026-03-05'],
    ['Mar 5, 2027', '2027-03-05'],
    ['昨天打了80个电话', '2026-03-03'],
  ])('%s → %s', (text, expected) => {
    expect(parseDate(text, TODAY)).toBe(expected);
  });

  it.each(['', '打了85个电话', 'sat down', 'you may be right', '2月30日', '13月1日', '今年'])('%s has no date', (text) => {
    expect(parseDate(text, TODAY)).toBeNull();
  });

  it('reports the position of the first date', () => {
    expect(findDate('我想看下周一的计划', TODAY)).toEqual({ value: '2026-03-09', start: 3, end: 6 });
  });

  it('does not depend on the machine time zone (today is a plain date)', () => {
    expect(parseDate('明天', '2026-12-31')).toBe('2027-01-01');
    expect(parseDate('next Monday', '2026-03-08')).toBe('2026-03-09');
  });
});

describe('parseTime', () => {
  it.each([
    ['8点半', '08:30'],
    ['早上9点', '09:00'],
    ['九点', '09:00'],
    ['九点五十', '09:50'],
    ['八点一刻', '08:15'],
    ['9点15分', '09:15'],
    ['下午3点', '15:00'],
    ['晚上8点', '20:00'],
    ['中午12点', '12:00'],
    ['8:30', '08:30'],
    ['８：３０', '08:30'],
    ['8.30am', '08:30'],
    ['6pm', '18:00'],
    ['6:15 pm', '18:15'],
    ['12am', '00:00'],
    ['at 9', '09:00'],
    ['remind me at 9:45', '09:45'],
    ['每天8点半提醒我', '08:30'],
  ])('%s → %s', (text, expected) => {
    expect(parseTime(text)).toBe(expected);
  });

  it.each(['', '提成2个点', '25:00', '8:75', '打了85个电话'])('%s has no time', (text) => {
    expect(parseTime(text)).toBeNull();
  });
});
