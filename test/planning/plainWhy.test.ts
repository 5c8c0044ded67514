// "Why this number?" in plain sentences for agents (issue 25, "words a person reads"): the same chain and
// numbers as the plan's steps, in zh-CN and en, without formula notation; leads and `why` keep the formulas.
import { describe, expect, it } from 'vitest';
import { decompose, planToday } from '../../src/domain/goals';
import type { MonthlyPlan } from '../../src/domain/goals/types';
import type { Commission, DailyActivity } from '../../src/domain/types';
import { plainWhy } from '../../src/planning/format';
import { whyShown, type Reply } from '../../src/core/reply';
import { TextRenderer } from '../../src/channels/console/textRenderer';
import { SlackRenderer } from '../../src/channels/slack/blocks';
import { AdaptiveCardRenderer } from '../../src/channels/teams/cards';
import { createEngine } from '../../src/core/lingyanEngine';
import { consoleSay, seededStore } from '../helpers/console';

// Hand computation (agent a1, March 2026, calendar Monday–Friday, no roster changes):
//   income 18,800, base 3,000 → commission C = 18,800 − 3,000 = 15,800; flat 2% → S = 15,800 / 0.02 = 790,000.
//   History (Feb 2026 only, no team history → the agent's own rates):
//     calls 5,000, connects 2,000, deals 100, sales 1,478,200, prospects 400
//     connect rate 2,000/5,000 = 40%; close rate 100/2,000 = 5%; average deal 1,478,200/100 = 14,782;
//     prospects → deals 100/400 = 25%.
//   Month: deals ⌈790,000 / 14,782 = 53.44⌉ = 54; connects 54 / 0.05 = 1,080; calls 1,080 / 0.4 = 2,700;
//     prospects 54 / 0.25 = 216. March 2026 has 22 weekdays (2–6, 9–13, 16–20, 23–27, 30–31); its ISO
//     weeks cut to the month are 6, the first (Sun 1 March) without a working day → 5 weeks with days.
//   Today Wed 4 March: 30,000 sold before today (2 March) → 760,000 left → deals ⌈760,000 / 14,782 = 51.41⌉ = 52,
//     connects 52 / 0.05 = 1,040, calls 1,040 / 0.4 = 2,600, prospects 52 / 0.25 = 208.
//     Working days left from the 4th, today included: 22 − 2 = 20. Calls today ⌈2,600 / 20⌉ = 130,
//     deals ⌈52 / 20 = 2.6⌉ = 3, prospects ⌈208 / 20 = 10.4⌉ = 11. 50 calls logged today → 130 − 50 = 80 left.
const FLAT: Commission = { type: 'flat', rate: 0.02 };
const HISTORY = [{ agent: 'a1', month: '2026-02', calls: 5000, connects: 2000, deals: 100, sales: 1478200, prospects: 400, workdays: 20 }];

function planOf(incomeTarget = 18800, commission: Commission = FLAT): MonthlyPlan {
  return decompose({
    month: '2026-03', incomeTarget, baseSalary: 3000, commission, history: HISTORY, teamHistory: [], calendar: 'weekdays', roster: [],
  });
}

const ACTIVITY: DailyActivity[] = [
  { agent: 'a1', date: '2026-03-02', calls: 90, connects: 36, deals: 2, sales: 30000, prospects: 5 },
  { agent: 'a1', date: '2026-03-04', calls: 50, connects: 20, deals: 0, sales: 0, prospects: 1 },
];

function todayOf(plan: MonthlyPlan, today: string, activity = ACTIVITY) {
  return planToday({ plan, today, activity, calendar: 'weekdays', roster: [] });
}

/** Formula notation that must not appear in a plain sentence. */
const NOTATION = /[Σ=÷×*⌈⌉]|ceil|max\(|connectRate|closeRate|avgDealSize|prospectToDeal|remainingSales/;

describe('plainWhy: calls today', () => {
  const plan = planOf();
  const today = todayOf(plan, '2026-03-04');

  it('the domain agrees with the hand computation', () => {
    expect(plan).toMatchObject({ commissionNeeded: 15800, salesTarget: 790000, deals: 54, connects: 1080, calls: 2700, prospects: 216, workdays: 22 });
    expect(today).toMatchObject({ remainingWorkdays: 20, callsToday: 130, dealsToday: 3, prospectsToday: 11, callsLeftToday: 80 });
  });

  it('zh-CN: income → commission → sales → what is left → deals → connects → calls → today', () => {
    expect(plainWhy('zh-CN', plan, today)).toEqual([
      '本月想拿 18,800,底薪 3,000 → 提成要 15,800',
      '按 2% 提成 → 业绩要 790,000',
      '本月已完成业绩 30,000 → 还差 760,000',
      '按你的平均单额约 14,782 → 要成交 52 单',
      '接通的客户里约 5% 会成交 → 要接通 1,040 个',
      '打出的电话约 40% 能接通 → 要打 2,600 个电话',
      '意向客户里约 25% 会成交 → 要积累 208 个意向客户',
      '这 2,600 个电话分到剩下的 20 个工作日(含今天)→ 今天要打 130 个',
      '同样,今天要成交 3 单、新增 11 个意向客户',
      '今天已经打了 50 个 → 还要打 80 个',
    ]);
  });

  it('en: the same chain and numbers', () => {
    expect(plainWhy('en', plan, today)).toEqual([
      'You want 18,800 this month and your base pay is 3,000 → you need 15,800 in commission',
      'At 2% commission → 790,000 in sales',
      'You have sold 30,000 this month → 760,000 still to go',
      'Your average deal is about 14,782 → 52 deals',
      'About 5% of connected calls end in a deal → 1,040 connects',
      'About 40% of calls get through → 2,600 calls',
      'About 25% of prospects become deals → 208 prospects to build up',
      '2,600 calls over the 20 working days left (today included) → 130 calls today',
      'Likewise, 3 deals and 11 new prospects today',
      'You have logged 50 calls today → 80 to go',
    ]);
  });

  it('uses no formula notation in either locale', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const line of plainWhy(locale, plan, today)) expect(line, line).not.toMatch(NOTATION);
    }
  });

  it('on the first day with nothing sold yet, the chain runs on the whole month and nothing is "left"', () => {
    // Mon 2 March, nothing before today: the month's 54 deals, 1,080 connects, 2,700 calls over 22 days → ⌈2,700 / 22 = 122.7⌉ = 123.
    const first = todayOf(plan, '2026-03-02', []);
    const zh = plainWhy('zh-CN', plan, first);
    expect(zh).not.toContain('本月已完成业绩');
    expect(zh).toContain('按你的平均单额约 14,782 → 要成交 54 单');
    expect(zh).toContain('这 2,700 个电话分到剩下的 22 个工作日(含今天)→ 今天要打 123 个');
    expect(zh.some((line) => line.startsWith('今天已经打了'))).toBe(false);
  });

  it('on a Saturday names the next working day instead of spreading calls', () => {
    const saturday = todayOf(plan, '2026-03-07');
    const zh = plainWhy('zh-CN', plan, saturday);
    expect(zh.at(-1)).toBe('今天不是你的工作日,不用打电话;下一个工作日是 3月9日 周一');
    expect(plainWhy('en', plan, saturday).at(-1)).toBe('Today is not one of your working days, so no calls; the next one is Mon 9 Mar');
  });

  it('says the target is met when the sales before today reach it', () => {
    const met = todayOf(plan, '2026-03-20', [{ agent: 'a1', date: '2026-03-10', calls: 1, connects: 1, deals: 60, sales: 800000, prospects: 0 }]);
    expect(plainWhy('zh-CN', plan, met).at(-1)).toBe('本月已完成业绩 800,000,已经达到目标 790,000 → 今天不用再按计划打电话了');
  });
});

describe('plainWhy: the month', () => {
  it('zh-CN and en: the month chain, working days and weeks', () => {
    const plan = planOf();
    expect(plainWhy('zh-CN', plan)).toEqual([
      '本月想拿 18,800,底薪 3,000 → 提成要 15,800',
      '按 2% 提成 → 业绩要 790,000',
      '按你的平均单额约 14,782 → 要成交 54 单',
      '接通的客户里约 5% 会成交 → 要接通 1,080 个',
      '打出的电话约 40% 能接通 → 要打 2,700 个电话',
      '意向客户里约 25% 会成交 → 要积累 216 个意向客户',
      '本月有 22 个工作日(周一到周五)',
      '再按每周的工作日天数分到 5 周(见每周分解)',
    ]);
    expect(plainWhy('en', plan).slice(-2)).toEqual([
      'This month has 22 working days (Monday to Friday)',
      'Split across 5 weeks by their working days (see the weekly split)',
    ]);
  });

  it('tiered commission: the band that reaches the need, marginal and whole', () => {
    // Marginal 1% to 500,000 then 3%: the first band pays 5,000; 15,800 − 5,000 = 10,800 more at 3% → 360,000 above 500,000 → 860,000.
    const marginal = planOf(18800, { type: 'tiered', mode: 'marginal', tiers: [{ from: 0, rate: 0.01 }, { from: 500000, rate: 0.03 }] });
    expect(plainWhy('zh-CN', marginal)[1]).toBe('按阶梯提成(500,000 以上的部分按 3%)→ 业绩要 860,000');
    expect(plainWhy('en', marginal)[1]).toBe('With tiered commission (3% on sales above 500,000) → 860,000 in sales');
    // Whole 1% below 500,000, 2% on everything from 500,000: 1% would need 1,580,000 (past the band); 2% needs 790,000 ≥ 500,000.
    const whole = planOf(18800, { type: 'tiered', mode: 'whole', tiers: [{ from: 0, rate: 0.01 }, { from: 500000, rate: 0.02 }] });
    expect(plainWhy('zh-CN', whole)[1]).toBe('按阶梯提成(业绩到 500,000 起全部按 2%)→ 业绩要 790,000');
  });

  it('an income the base salary covers needs no commission and no sales', () => {
    const plan = planOf(3000);
    expect(plainWhy('zh-CN', plan)).toEqual(['本月想拿 3,000,底薪 3,000 已经够了 → 不需要提成,也就没有业绩目标']);
    expect(plainWhy('en', plan)).toEqual(['You want 3,000 this month and your base pay of 3,000 already covers it → no commission, so no sales target']);
  });
});

describe('where "why" is shown', () => {
  const reply = (extra: Partial<Reply>): Reply => ({ intent: 'calls_today', locale: 'zh-CN', text: '68', data: {}, ...extra });
  const formulas = ['① 需要的提成: C = max(0, income − base) = max(0, 12000 − 3000) = 9000'];
  const plain = ['本月想拿 12,000,底薪 3,000 → 提成要 9,000'];

  it('channels show the plain sentences when the reply has them, else the formulas', () => {
    expect(whyShown(reply({ why: formulas, whyPlain: plain }))).toEqual(plain);
    expect(whyShown(reply({ why: formulas }))).toEqual(formulas);
    expect(whyShown(reply({}))).toEqual([]);

    const console = new TextRenderer();
    expect(console.render(reply({ why: formulas, whyPlain: plain }), { why: true })).toContain(plain[0]);
    expect(console.render(reply({ why: formulas, whyPlain: plain }), { why: true })).not.toContain('max(0');
    expect(console.render(reply({ why: formulas }), { why: true })).toContain(formulas[0]);

    const slack = JSON.stringify(new SlackRenderer().render(reply({ why: formulas, whyPlain: plain }), { expandWhy: true }).blocks);
    expect(slack).toContain('本月想拿 12,000');
    expect(slack).not.toContain('max(0');

    const card = JSON.stringify(new AdaptiveCardRenderer().render(reply({ why: formulas, whyPlain: plain })));
    expect(card).toContain('本月想拿 12,000');
    expect(card).not.toContain('max(0');
    expect(JSON.stringify(new AdaptiveCardRenderer().render(reply({ why: formulas })))).toContain('max(0');
  });

  it('an agent asking gets both views; a lead asking about the agent gets the formulas only', async () => {
    // plan-basic.json, Wed 2026-03-04 (hand computation in test/app/once.test.ts): a1 needs 68 calls today.
    const store = await seededStore('test/fixtures/plan-basic.json');
    const engine = createEngine({ store });
    const say = consoleSay(() => engine, new Date('2026-03-04T09:00:00+08:00'));

    const agent = await say('a1', '今天要打多少个电话');
    expect(agent.intent).toBe('calls_today');
    expect(agent.why?.some((line) => line.includes('ceil('))).toBe(true); // `why` stays the formula view (--json)
    expect(agent.whyPlain?.[0]).toBe('本月想拿 12,000,底薪 3,000 → 提成要 9,000');
    expect(agent.whyPlain).toContain('这 1,350 个电话分到剩下的 20 个工作日(含今天)→ 今天要打 68 个');
    expect(agent.whyPlain).toContain('今天已经打了 30 个 → 还要打 38 个');
    // The pinned JSON keeps its fields.
    const json = JSON.parse(JSON.stringify(agent));
    expect(json).toMatchObject({ intent: 'calls_today', locale: 'zh-CN', data: { callsToday: 68, callsLeftToday: 38, remainingWorkdays: 20, date: '2026-03-04' } });

    const plan = await say('a1', '帮我分解本月目标');
    expect(plan.intent).toBe('plan');
    expect(plan.whyPlain).toContain('本月有 22 个工作日(按法定节假日和调休)');

    const lead = await say('l1', '张三今天要打多少个电话');
    expect(lead.intent).toBe('calls_today');
    expect(lead.data.agent).toBe('a1');
    expect(lead.why?.length).toBeGreaterThan(0);
    expect(lead.whyPlain).toBeUndefined();
  });
});
