// The role-play customer's state machine and the scenario files: every scenario loads through its zod
// schema; in thousands of random sessions (every scenario, both languages, random moves) no customer line
// holds a placeholder and none is said twice; through the engine, what the agent types (a phone number, a
// name) never comes back as a bracketed placeholder, in the turns or in the score.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerCoaching } from '../../src/coaching/register';
import { customerTurn, initialCustomer, type CustomerState } from '../../src/coaching/roleplayCustomer';
import { MOVES, type Move } from '../../src/coaching/roleplayMoves';
import { loadCustomerDefaults, loadScenarios, parseScenario, SCENARIOS_DIR } from '../../src/coaching/scenarios';
import { createEngine } from '../../src/core/lingyanEngine';
import { silentLogger } from '../../src/logger';
import { MemoryStore } from '../../src/store/memory';
import { coachingFixture, NOW } from './coaching-fixture';

const PLACEHOLDER = /[[\]{}]/;

function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

describe('scenario files', () => {
  const scenarios = loadScenarios();
  it('all eight load with a customer, objections, endings and moves for every criterion', () => {
    expect(scenarios).toHaveLength(8);
    for (const s of scenarios) {
      expect(s.customer.objections.length).toBeGreaterThan(0);
      for (const loc of ['zh-CN', 'en'] as const) {
        expect(s.customer.endings.agree[loc].length).toBeGreaterThan(0);
        expect(s.customer.name[loc]).not.toMatch(PLACEHOLDER);
      }
      for (const c of s.rubric) expect(c.earn.length).toBeGreaterThan(0);
      for (const m of MOVES) expect(s.customer.effects[m]).toBeDefined();
    }
  });

  const rate = readFileSync(join(SCENARIOS_DIR, 'rate-too-high.md'), 'utf8');
  const defaults = loadCustomerDefaults();
  it('a line with a placeholder is refused at load', () => {
    const bad = rate.replace('"我生意回款快,说不定三个月就能还上。"', '"[CUSTOMER_NAME],我生意回款快。"');
    expect(bad).not.toBe(rate);
    expect(() => parseScenario(bad, 'bad.md', defaults)).toThrow(/placeholder/);
    const curly = rate.replace('"我生意回款快,说不定三个月就能还上。"', '"{{name}}说回款快。"');
    expect(() => parseScenario(curly, 'bad.md', defaults)).toThrow(/placeholder/);
  });
  it('a criterion without moves, or an unknown move, is refused at load', () => {
    expect(() => parseScenario(rate.replace('earn: [honest_figures]', 'earn: []'), 'bad.md', defaults)).toThrow();
    expect(() => parseScenario(rate.replace('earn: [honest_figures]', 'earn: [flattery]'), 'bad.md', defaults)).toThrow();
  });
  it('the shared customer file must give every move an effect', () => {
    expect(defaults.effects.rude.mood).toBeLessThan(0);
    expect(Object.keys(defaults.effects).sort()).toEqual([...MOVES].sort());
  });
});

describe('the customer in random sessions', () => {
  const scenarios = loadScenarios();
  it('never says a placeholder and never repeats a line (8 scenarios × 2 languages × 150 sessions)', () => {
    const next = rng(20261206);
    let turns = 0;
    for (const scenario of scenarios) {
      for (const locale of ['zh-CN', 'en'] as const) {
        for (let session = 0; session < 150; session++) {
          const opening = scenario.text[locale].script[0];
          let state: CustomerState = initialCustomer(scenario, opening);
          const said = [opening];
          for (let turn = 1; turn <= scenario.maxTurns; turn++) {
            const k = 1 + Math.floor(next() * 2);
            const moves = Array.from({ length: k }, () => MOVES[Math.floor(next() * MOVES.length)] as Move);
            const r = customerTurn(scenario, locale, state, moves, turn === scenario.maxTurns);
            turns++;
            expect(r.line).not.toMatch(PLACEHOLDER);
            expect(r.line.length).toBeGreaterThan(0);
            expect(said).not.toContain(r.line);
            said.push(r.line);
            expect(new Set(r.state.used).size).toBe(r.state.used.length);
            state = r.state;
            if (r.ending) break;
          }
          expect(state.ending).toBeDefined();
        }
      }
    }
    expect(turns).toBeGreaterThan(5000);
  });

  it('rudeness twice, or once to an angry customer, ends in a hang-up; a good next step with trust is agreed', () => {
    const scenario = scenarios.find((s) => s.id === 'rate-too-high')!;
    let s = initialCustomer(scenario, 'x');
    const r1 = customerTurn(scenario, 'zh-CN', s, ['rude'], false);
    expect(r1.ending).toBe('hung_up');
    s = initialCustomer(scenario, 'x');
    s = customerTurn(scenario, 'en', s, ['empathy', 'open_question'], false).state;
    s = customerTurn(scenario, 'en', s, ['honest_figures'], false).state;
    expect(s.trust).toBeGreaterThanOrEqual(4);
    expect(customerTurn(scenario, 'en', s, ['next_step'], false).ending).toBe('agreed');
    // The same next step with a false promise in it is not agreed.
    expect(customerTurn(scenario, 'en', s, ['next_step', 'misleading'], false).ending).toBeUndefined();
  });
});

describe('the customer listens', () => {
  it('does not ask a later question the agent already answered (its words and a settling move)', () => {
    const scenario = loadScenarios().find((s) => s.id === 'rate-too-high')!;
    const said = '这笔贷款年化利率是7.2%,每月还6900元左右,总利息大约3000元。提前还款不收违约金。';
    const r = customerTurn(scenario, 'zh-CN', initialCustomer(scenario, 'x'), ['honest_figures'], false, said);
    expect(r.state.settled).toEqual(['early_repayment']);
    // The same figures without a word about repaying early settle only the question asked.
    const plain = customerTurn(scenario, 'zh-CN', initialCustomer(scenario, 'x'), ['honest_figures'], false, '年化利率是7.2%,总利息大约3000元。');
    expect(plain.state.settled ?? []).toEqual([]);
    // Walk on: after the hidden-fee question is settled, the early-repayment question is skipped.
    let s = r.state;
    s = customerTurn(scenario, 'zh-CN', s, ['honest_figures'], false, '日息万分之二换算成年化大约7.3%').state;
    const last = customerTurn(scenario, 'zh-CN', s, ['honest_figures'], false, '我们除了利息没有服务费,合同第一页写着。');
    expect(last.line).not.toContain('违约金');
    expect(last.plan.allResolved).toBe(true);
  });
});

describe('no placeholder reaches a reply', () => {
  it('a phone number, an e-mail and an ID typed by the agent are masked in the turns and in the score', async () => {
    const store = new MemoryStore();
    await store.seed('T', coachingFixture());
    const engine = createEngine({ store });
    registerCoaching(engine, { llm: null, logger: silentLogger });
    const texts = [
      '来练一下年费投诉',
      '孙先生您好,非常抱歉给您添麻烦了。您可以打我手机13812345678,或者发邮件到zhang.san@example.com。',
      '您的身份证号11010519491231002X我这边已经核对过了,我今天就帮您提交年费减免申请,3个工作日内给您回电。',
      '结束',
    ];
    let scored = false;
    for (const text of texts) {
      if (scored) break;
      const r = await engine.handle({ tenant: 'T', user: { platform: 'console', id: 'a1' }, text, now: NOW, channel: { kind: 'console', shared: false, conversationId: 'c' } });
      expect(r.text).not.toMatch(/\[[A-Z_]+\]|\{\{|\}\}/);
      expect(r.text).not.toContain('13812345678');
      expect(JSON.stringify(r.data)).not.toContain('13812345678');
      if (r.data.ended === true) {
        scored = true;
        expect(r.text).toContain('•••');
        expect(r.text).toContain('孙先生您好');
      }
    }
    expect(scored).toBe(true);
  });
});
