// Goal phrases: income target, base salary, flat and tiered commission, and a proposed target.
import { describe, expect, it } from 'vitest';
import type { GoalArgs } from '../../../src/core/intents';
import { parseGoal, parseProposedIncome } from '../../../src/understanding';

const TIERS = [
  { from: 0, rate: 0.01 },
  { from: 100000, rate: 0.02 },
  { from: 300000, rate: 0.03 },
];

describe('parseGoal', () => {
  it.each<[string, GoalArgs]>([
    ['这个月我想拿一万二', { incomeTarget: 12000 }],
    ['我这个月一定要拿到一万五', { incomeTarget: 15000 }],
    ['set my income target to 12000', { incomeTarget: 12000 }],
    ['目标收入1.2万', { incomeTarget: 12000 }],
    ['I want to earn 12k this month', { incomeTarget: 12000 }],
    ['底薪3000', { baseSalary: 3000 }],
    ['base salary 3000', { baseSalary: 3000 }],
    ['提成2%', { commissionRate: 0.02, commission: { type: 'flat', rate: 0.02 } }],
    ['提成2个点', { commissionRate: 0.02, commission: { type: 'flat', rate: 0.02 } }],
    ['提成百分之二', { commissionRate: 0.02, commission: { type: 'flat', rate: 0.02 } }],
    ['commission 2%', { commissionRate: 0.02, commission: { type: 'flat', rate: 0.02 } }],
    ['commission rate 0.5%', { commissionRate: 0.005, commission: { type: 'flat', rate: 0.005 } }],
    ['阶梯提成:0以上1%,10万以上2%,30万以上3%,超额累进', { commission: { type: 'tiered', mode: 'marginal', tiers: TIERS } }],
    ['阶梯提成:0以上1%,10万以上2%,30万以上3%,全额', { commission: { type: 'tiered', mode: 'whole', tiers: TIERS } }],
    ['阶梯提成：0以上1%，10万以上2%，30万以上3%，累进', { commission: { type: 'tiered', mode: 'marginal', tiers: TIERS } }],
    ['tiered: 0 1%, 100k 2%, 300k 3% marginal', { commission: { type: 'tiered', mode: 'marginal', tiers: TIERS } }],
    ['tiered: 0-100k 1%, 100k-300k 2%, 300k+ 3% whole', { commission: { type: 'tiered', mode: 'whole', tiers: TIERS } }],
    ['10万以下1%,10万到30万2%,30万以上3%', { commission: { type: 'tiered', mode: 'marginal', tiers: TIERS } }],
    ['底薪3000,提成2%,目标收入1.2万', { baseSalary: 3000, commissionRate: 0.02, commission: { type: 'flat', rate: 0.02 }, incomeTarget: 12000 }],
    ['income target 12000, base 3000, commission 2%', { incomeTarget: 12000, baseSalary: 3000, commissionRate: 0.02, commission: { type: 'flat', rate: 0.02 } }],
  ])('%s', (text, expected) => {
    // bareRate: these are also valid answers to the set_goal dialogue's commission question.
    expect(parseGoal(text, { bareRate: true })).toEqual(expected);
  });

  it('does not take an interest rate for commission outside the dialogue', () => {
    expect(parseGoal('这笔贷款年化利率4.2%起')).toEqual({});
    expect(parseGoal('10万以下1%,10万到30万2%')).toEqual({});
  });

  it('keeps tiers in the order written (the handler rejects out-of-order tiers)', () => {
    expect(parseGoal('阶梯提成:10万以上2%,0以上1%').commission).toEqual({
      type: 'tiered', mode: 'marginal', tiers: [{ from: 100000, rate: 0.02 }, { from: 0, rate: 0.01 }],
    });
  });

  it('reads a lone amount as income only when asked to', () => {
    expect(parseGoal('12000')).toEqual({});
    expect(parseGoal('12000', { bareIsIncome: true })).toEqual({ incomeTarget: 12000 });
  });

  it('does not read counts as income', () => {
    expect(parseGoal('I need to make 85 calls')).toEqual({});
  });
});

describe('parseProposedIncome', () => {
  it.each([['我这个月定一万五合适吗', 15000], ['is 15000 a realistic target?', 15000], ['我这个月定多少合适', null]] as const)('%s → %s', (text, expected) => {
    expect(parseProposedIncome(text)).toBe(expected);
  });
});
