// Scripted role-play transcripts, offline, through the engine (memory store): the customer reacts to what
// the agent does, the call ends as it should (agrees / hangs up), and each score was worked out by hand
// from the moves read in each turn and the rubric in prompts/scenarios (rubric.ts):
//   earn criterion: 1 with no earning turn, 3 with only partial ones (figures without a number, a benefit
//   tied to no told need), 4 with one full earning turn, 5 with two (a next step the customer agreed to
//   counts twice; one that was not taken caps the criterion at 4);
//   avoid criterion: 4 (3 after a single turn), 5 with an earning move;
//   both: −2 per losing turn, never below 1. Total = the weighted mean, one decimal.
import { describe, expect, it } from 'vitest';
import { registerCoaching } from '../../src/coaching/register';
import { createEngine } from '../../src/core/lingyanEngine';
import type { Reply } from '../../src/core/reply';
import { silentLogger } from '../../src/logger';
import { MemoryStore } from '../../src/store/memory';
import { coachingFixture, NOW } from './coaching-fixture';

type Score = { criterion: string; score: number; evidence: { turn: number; quote: string; effect: 'earned' | 'lost' }[] };

async function play(start: string, lines: string[], locale: 'zh-CN' | 'en'): Promise<Reply[]> {
  const store = new MemoryStore();
  await store.seed('T', coachingFixture());
  const engine = createEngine({ store });
  registerCoaching(engine, { llm: null, logger: silentLogger });
  const replies: Reply[] = [];
  for (const text of [start, ...lines]) {
    replies.push(await engine.handle({ tenant: 'T', user: { platform: 'console', id: 'a1' }, text, now: NOW, locale, channel: { kind: 'console', shared: false, conversationId: 'c' } }));
  }
  return replies;
}

const scoreOf = (r: Reply, id: string) => (r.data.scores as Score[]).find((s) => s.criterion === id) as Score;
const earnedTurns = (r: Reply, id: string) => scoreOf(r, id).evidence.filter((e) => e.effect === 'earned').map((e) => e.turn);
const lostTurns = (r: Reply, id: string) => scoreOf(r, id).evidence.filter((e) => e.effect === 'lost').map((e) => e.turn);

describe('rate-too-high, zh-CN', () => {
  it('a textbook call: the customer tells a need, softens, and agrees to the call-back; the score is high', async () => {
    const lines = [
      /* 1 */ '刘先生您好,我理解您在意成本,换成是我也会仔细比较。您这笔钱主要打算用在哪里呢?', // empathy + open question
      /* 2 */ '这笔贷款年化利率是7.2%,借8万分12期,每月还6900元左右,总利息大约3000元,以合同和审批为准。', // honest figures
      /* 3 */ '日息万分之二换算成年化大约7.3%,而且那边可能还有服务费,您看到的广告里有写吗?', // honest figures
      /* 4 */ '我们这款除了利息没有服务费,合同第一页就写着,您可以核对。',
      /* 5 */ '您刚说下个月要进货,我们提前还款不收违约金,只按实际用款天数算利息,回款了随时还。',
      /* 6 */ '您可以拿着明细和别家比较后再决定,不着急。我明天下午三点再给您打电话,并把费率和还款表通过官方短信发给您,可以吗?', // empathy + next step
    ];
    const replies = await play('来练一下利率太高', lines, 'zh-CN');
    // The customer answers the open question with its need (not the next scripted line).
    expect(replies[1].text).toContain('大概缺八万块周转');
    expect(replies[1].text).toContain('刘先生(客户)');
    const end = replies[replies.length - 1];
    expect(end.data).toMatchObject({ ended: true, ending: 'agreed', method: 'moves' });
    expect(end.text).toContain('明天下午再打给我');
    // empathy (earn, 0.2): turns 1 and 6 → 5. clarify (0.2): turn 1's open question → 4.
    // transparency (0.3): turns 2 and 3 carry figures → 5. no_pressure (avoid, 0.15): 4, +1 for turn 6 → 5.
    // next_step (0.15): turn 6, agreed → 5. Total 0.2·5 + 0.2·4 + 0.3·5 + 0.15·5 + 0.15·5 = 4.8.
    expect(scoreOf(end, 'empathy').score).toBe(5);
    expect(earnedTurns(end, 'empathy')).toEqual([1, 6]);
    expect(scoreOf(end, 'clarify').score).toBe(4);
    expect(scoreOf(end, 'transparency').score).toBe(5);
    expect(earnedTurns(end, 'transparency')).toEqual([2, 3]);
    expect(scoreOf(end, 'next_step').score).toBe(5);
    expect(earnedTurns(end, 'next_step')).toEqual([6]);
    expect(end.data.total).toBe(4.8);
    expect(end.data.breaches).toEqual([]);
    // Evidence quotes the turn exactly, and the persona's (fictional) name is kept as typed.
    expect(scoreOf(end, 'transparency').evidence[0].quote).toBe(lines[1]);
    expect(scoreOf(end, 'empathy').evidence[0].quote).toBe(lines[0]);
    expect(end.text).toContain('👍 保持:第2轮');
  });

  it('a rude call: the customer hangs up and the score is low; Stop names the turn', async () => {
    const lines = [
      /* 1 */ '网上那些都是骗人的,你懂什么?', // rude
      /* 2 */ '你爱办不办,我还有别的客户。', // pressure
    ];
    const replies = await play('来练一下利率太高', lines, 'zh-CN');
    // Turn 1: rude (trust 2−2=0, mood 2−3 → 0): the customer hangs up at once.
    const end = replies[1];
    expect(end.data).toMatchObject({ ended: true, ending: 'hung_up' });
    expect(end.text).toContain('挂断');
    // empathy: no earning turn, turn 1 loses → 1. clarify: 1 (turn 1 loses). transparency: 1.
    // no_pressure (avoid): one turn → 3, turn 1 rude → 1. next_step: 1. Total 1.0.
    expect(scoreOf(end, 'empathy').score).toBe(1);
    expect(lostTurns(end, 'empathy')).toEqual([1]);
    expect(scoreOf(end, 'no_pressure').score).toBe(1);
    expect(end.data.total).toBe(1);
    expect(end.data.stop).toContain('第1轮「网上那些都是骗人的,你懂什么?」');
  });

  it('a misleading promise is flagged as a compliance breach whatever the total', async () => {
    const lines = [
      /* 1 */ '我理解您的顾虑。您看到的是日息还是年化?', // empathy + closed question
      /* 2 */ '放心,我保证您百分之百能批下来,而且基本没有利息。', // misleading
    ];
    const replies = await play('来练一下利率太高', lines, 'zh-CN');
    // The customer hears the false promise and does not believe it.
    expect(replies[2].text).toContain('真的假的');
    const end = (await play('来练一下利率太高', [...lines, '结束'], 'zh-CN'))[3];
    expect(end.data.breaches).toEqual([{ turn: 2, quote: lines[1] }]);
    expect(end.text).toContain('⚠️ 合规问题');
    expect(end.text).toContain(`第2轮「${lines[1]}」`);
    // transparency loses 2 for turn 2; no_pressure (avoid): 4 +1 (turn 1 empathy) −2 = 3.
    expect(lostTurns(end, 'transparency')).toEqual([2]);
    expect(scoreOf(end, 'no_pressure').score).toBe(3);
    expect(scoreOf(end, 'transparency').score).toBeLessThanOrEqual(1);
  });
});

describe('English', () => {
  it('rate-too-high: open questions and "Totally up to you, no rush" score as a trainer would score them', async () => {
    const lines = [
      /* 1 */ 'Hi Mr Liu, I completely understand, cost matters. What are you hoping to use the money for?', // empathy + open q
      /* 2 */ 'How did you come across the 0.02% a day offer?', // open question
      /* 3 */ 'The APR is 7.2%: on 80,000 over 12 months that is about 6,900 a month and roughly 3,000 in interest in total, subject to approval and the contract.',
      /* 4 */ '0.02% a day is about 7.3% a year, before any service fee, so the two are closer than they look.',
      /* 5 */ 'There is no early repayment charge; you only pay interest for the days you borrow, which suits a business that gets paid fast.',
      /* 6 */ 'Totally up to you, no rush. Can I call you back tomorrow at 3pm and text you the rate sheet through our official SMS?',
    ];
    const replies = await play("let's role-play a price objection", lines, 'en');
    expect(replies[1].text).toContain("I'm about 80,000 short");
    expect(replies[2].text).toContain('I might repay in three months');
    const end = replies[replies.length - 1];
    expect(end.data).toMatchObject({ ending: 'agreed', method: 'moves' });
    // empathy: turns 1 and 6 → 5. clarify: open questions in turns 1 and 2 → 5. transparency: 3 and 4 → 5.
    // no_pressure: 4 +1 → 5. next_step: turn 6, agreed → 5. Total 5.0 (the run: 1/5 and 1/5, 2.1).
    expect(scoreOf(end, 'clarify').score).toBe(5);
    expect(earnedTurns(end, 'clarify')).toEqual([1, 2]);
    expect(scoreOf(end, 'no_pressure').score).toBe(5);
    expect(earnedTurns(end, 'no_pressure')).toContain(6);
    expect(end.data.total).toBe(5);
  });

  it('rate-too-high, a mixed call: good start, pressure, figures, a false promise; Stop names turns 2 and 4', async () => {
    const lines = [
      /* 1 */ 'I understand, nobody wants to overpay. What are you comparing us with?', // empathy + open question
      /* 2 */ "Honestly, this rate is only available until Friday, so I'd lock it in today.", // pressure
      /* 3 */ "The APR is 7.2%: on 80,000 over 12 months that's about 6,900 a month and roughly 3,000 in interest in total, subject to approval.", // figures
      /* 4 */ "And don't worry, I guarantee you'll be approved.", // misleading
      /* 5 */ 'Can I call you back tomorrow at 3pm with the rate sheet?', // next step (not taken: trust too low)
      'end',
    ];
    const replies = await play("let's role-play a price objection", lines, 'en');
    // A good open question is answered, not hung up on (a question is never read as rude on a second reading).
    expect(replies[1].text).toContain("I'm about 80,000 short");
    expect(replies[2].text).toContain('Stop rushing me');
    expect(replies[4].text).toContain('Would you put that in the contract?');
    const end = replies[6];
    expect(end.data.ending).toBeNull();
    // empathy (0.2): turn 1 → 4. clarify (0.2): turn 1 → 4. transparency (0.3): turn 3 → 4, −2 (turn 4) → 2.
    // no_pressure (avoid, 0.15): 4 +1 −2 (turn 2) −2 (turn 4) → 1. next_step (0.15): turn 5 not taken → 4, −2 (turn 2) → 2.
    // Total 0.2·4 + 0.2·4 + 0.3·2 + 0.15·1 + 0.15·2 = 2.65 → 2.7.
    expect([scoreOf(end, 'empathy').score, scoreOf(end, 'clarify').score, scoreOf(end, 'transparency').score, scoreOf(end, 'no_pressure').score, scoreOf(end, 'next_step').score]).toEqual([4, 4, 2, 1, 2]);
    expect(lostTurns(end, 'no_pressure')).toEqual([2, 4]);
    expect(end.data.total).toBe(2.7);
    expect(end.data.breaches).toEqual([{ turn: 4, quote: lines[3] }]);
    expect(end.data.stop).toContain('turn 2');
    expect(end.data.stop).toContain('turn 4');
    expect(end.data.keep).toContain('turn 1');
  });

  it('fee-complaint: "calm down" and blaming the customer end with a hang-up and a low score', async () => {
    const lines = [/* 1 */ 'Calm down, you signed the contract, so whose fault is that?']; // rude
    const replies = await play("let's role-play an angry annual fee complaint", lines, 'en');
    expect(replies[0].data.scenario).toBe('fee-complaint');
    const end = replies[1];
    expect(end.data).toMatchObject({ ended: true, ending: 'hung_up' });
    expect(end.text).toContain('The customer hangs up');
    // empathy 1 −2 → 1; calm_language (avoid): one turn 3, rude −2 → 1; restate 1; resolution 1; prevention 1 → 1.0.
    expect(end.data.total).toBe(1);
    expect(lostTurns(end, 'calm_language')).toEqual([1]);
  });

  it('fee-complaint: apology, restating, a concrete resolution: the customer agrees', async () => {
    const lines = [
      /* 1 */ "I'm so sorry, being charged a fee you were told you'd never pay would upset anyone.", // empathy
      /* 2 */ "So you'd like the 600 refunded and a warning before any future charge, is that right?", // closed (restate)
      /* 3 */ "Let me help you: I'll submit a waiver request today and call you within three working days with the result.", // next step
    ];
    const replies = await play("let's role-play an angry annual fee complaint", lines, 'en');
    const end = replies[3];
    expect(end.data).toMatchObject({ ending: 'agreed' });
    // empathy (0.3): turn 1 → 4. calm_language (avoid, 0.15): 4 +1 → 5. restate (0.2): turn 2 → 4.
    // resolution (0.25): turn 3, agreed → 5. prevention (0.1): none → 1.
    // Total 0.3·4 + 0.15·5 + 0.2·4 + 0.25·5 + 0.1·1 = 4.1.
    expect(scoreOf(end, 'empathy').score).toBe(4);
    expect(earnedTurns(end, 'restate')).toEqual([2]);
    expect(earnedTurns(end, 'resolution')).toEqual([3]);
    expect(end.data.total).toBe(4.1);
    expect(end.text).toContain('▶️ Start: "Prevent a repeat"');
  });

  it('a misleading promise in English is flagged', async () => {
    const lines = ["Don't worry, I guarantee you'll get the whole 600 back.", 'end'];
    const end = (await play("let's role-play an angry annual fee complaint", lines, 'en'))[2];
    expect(end.data.breaches).toEqual([{ turn: 1, quote: lines[0] }]);
    expect(end.text).toContain('⚠️ Compliance');
    expect(lostTurns(end, 'resolution')).toEqual([1]);
  });
});
