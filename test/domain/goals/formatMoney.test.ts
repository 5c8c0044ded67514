// Money is shown one way everywhere (issue 25, "words a person reads"): whole units, grouped thousands,
// nearest unit with halves away from zero. A morning nudge once read "137,391.3".
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../../src/domain/goals/money';
import { money as nudgeMoney } from '../../../src/nudges/format';
import { money as replyMoney } from '../../../src/planning/format';

describe('formatMoney', () => {
  it('shows the nudge amount 137391.3 as 137,391 in both locales', () => {
    expect(formatMoney('zh-CN', 137391.3)).toBe('137,391');
    expect(formatMoney('en', 137391.3)).toBe('137,391');
  });

  it('groups thousands and shows whole units', () => {
    expect(formatMoney('zh-CN', 450000)).toBe('450,000');
    expect(formatMoney('en', 1234567.89)).toBe('1,234,568');
    expect(formatMoney('zh-CN', 999.99)).toBe('1,000');
    expect(formatMoney('en', 12.4)).toBe('12');
    expect(formatMoney('en', 0)).toBe('0');
  });

  it('rounds halves away from zero, on the cents without binary noise', () => {
    expect(formatMoney('en', 137391.5)).toBe('137,392');
    expect(formatMoney('en', 0.5)).toBe('1');
    expect(formatMoney('en', 2.5)).toBe('3');
    expect(formatMoney('en', 137391.49)).toBe('137,391');
    // 14.5 / 1.1 × 1.1 is 14.5 on paper and 14.499999999999998 in binary (Math.round gives 14): it reads 15.
    expect(14.5 / 1.1 * 1.1).toBeLessThan(14.5);
    expect(formatMoney('en', (14.5 / 1.1) * 1.1)).toBe('15');
    expect(formatMoney('en', -2.5)).toBe('-3');
    expect(formatMoney('en', -0.4)).toBe('0');
  });

  it('says "-" for an amount that is not a number', () => {
    expect(formatMoney('zh-CN', Number.NaN)).toBe('-');
    expect(formatMoney('en', Number.POSITIVE_INFINITY)).toBe('-');
  });

  it('is the function replies and nudges use', () => {
    expect(nudgeMoney('zh-CN', 137391.3)).toBe('137,391');
    expect(replyMoney('zh-CN', 137391.3)).toBe('137,391');
    expect(nudgeMoney('en', 512.75)).toBe(replyMoney('en', 512.75));
  });
});
