// Role-play on REAL Redis: state across turns, resuming after a restart (a new engine and a new
// connection), ending on "结束" or the turn limit, rubric scoring from the moves of each turn, and the
// score history the agent and their lead can read. The LLM path: roleplay-llm.test.ts; scripted
// transcripts scored by hand: roleplay-transcripts.test.ts.
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OpenAiLlmClient, type LlmClient } from '../../src/coaching/llm';
import { registerCoaching } from '../../src/coaching/register';
import { SCORES_KIND, type RoleplayRecord } from '../../src/coaching/roleplayScores';
import { createEngine, LingyanEngine } from '../../src/core/lingyanEngine';
import type { Reply } from '../../src/core/reply';
import { silentLogger } from '../../src/logger';
import type { Store } from '../../src/store/store';
import { useRedisNamespace } from '../helpers/redis';
import { coachingFixture, NOW } from './coaching-fixture';
import { BASE_URL, completion, interceptChat, type CapturedBody } from './openai-mock';

const ns = useRedisNamespace('lytest-roleplay');
beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

let tenantSeq = 0;
async function freshTenant(store: Store): Promise<string> {
  const tenant = `T${++tenantSeq}`;
  await store.seed(tenant, coachingFixture());
  return tenant;
}

function engineOn(store: Store, llm: LlmClient | null = null): LingyanEngine {
  const engine = createEngine({ store });
  registerCoaching(engine, { llm, logger: silentLogger });
  return engine;
}

const sayWith = (engine: LingyanEngine, tenant: string) => (text: string, user = 'a1', locale?: string): Promise<Reply> =>
  engine.handle({
    tenant,
    user: { platform: 'console', id: user },
    text,
    now: NOW,
    ...(locale ? { locale } : {}),
    channel: { kind: 'console', shared: false, conversationId: 'c' },
  });

const llm = (): LlmClient => new OpenAiLlmClient({ apiKey: 'sk-test', baseURL: BASE_URL, model: 'gpt-4o-mini', timeoutMs: 3000, maxRetries: 0 });

describe('offline role-play on Redis', () => {
  it('the customer reacts to the agent, survives a restart, and scores from the moves on 结束', async () => {
    const store = await ns.store();
    const tenant = await freshTenant(store);
    const say = sayWith(engineOn(store), tenant);

    const start = await say('来练一下利率太高');
    expect(start.intent).toBe('roleplay');
    expect(start.data).toMatchObject({ scenario: 'rate-too-high', turn: 1, maxTurns: 8, offline: true, ended: false });
    expect(start.text).toContain('你们这个利率也太高了吧');

    // Empathy and a closed question: the customer softens (guarded → open) but still wants the yearly cost.
    const t2 = await say('我理解您在意成本,换成是我也会比较。您看到的是日息还是年化呢?');
    expect(t2.data).toMatchObject({ scenario: 'rate-too-high', turn: 2, moves: ['closed_question', 'empathy'] });
    expect(t2.data.customer).toMatchObject({ trust: 3, mood: 3, state: 'open' });
    expect(t2.text).toContain('一年下来到底多少钱');

    // "Restart": a new connection and a new engine; the dialogue lives in Redis.
    const store2 = await ns.store();
    const say2 = sayWith(engineOn(store2), tenant);
    const t3 = await say2('这笔贷款年化利率是7.2%,借8万分12期,每月还6900元左右,总利息大约3000元,以合同为准。');
    expect(t3.data).toMatchObject({ scenario: 'rate-too-high', turn: 3, moves: ['honest_figures'] });
    // The yearly-cost objection is settled; the daily-rate one was already taken up in turn 1 ("日息还是年化"),
    // so the customer moves on to the hidden fee.
    expect(t3.text).toContain('服务费');
    expect(t3.text).not.toContain('日息万分之二还不便宜吗');

    const end = await say2('结束');
    expect(end.intent).toBe('roleplay');
    expect(end.data).toMatchObject({ scenario: 'rate-too-high', ended: true, method: 'moves', offline: true, course: 'objection-handling' });
    const scores = end.data.scores as Array<{ criterion: string; score: number; evidence: Array<{ turn: number; quote: string }> }>;
    expect(scores.map((s) => s.criterion)).toEqual(['empathy', 'clarify', 'transparency', 'no_pressure', 'next_step']);
    // empathy: turn 1 → 4; clarify: turn 1's closed question → 4; transparency: turn 2 with figures → 4.
    expect(scores.find((s) => s.criterion === 'empathy')?.score).toBe(4);
    expect(scores.find((s) => s.criterion === 'clarify')?.score).toBe(4);
    expect(scores.find((s) => s.criterion === 'transparency')?.score).toBe(4);
    expect(scores.find((s) => s.criterion === 'empathy')?.evidence[0]).toMatchObject({ turn: 1, quote: '我理解您在意成本,换成是我也会比较。您看到的是日息还是年化呢?' });
    expect(scores.find((s) => s.criterion === 'transparency')?.evidence[0].turn).toBe(2);
    expect(end.data.total).toBeGreaterThan(1);
    expect((end.data.citations as Array<{ course: string }>)[0]?.course).toBe('objection-handling');

    // The dialogue is over: the next message is not taken as a customer turn.
    expect((await store2.getSession(tenant, 'dialog:a1'))).toBeNull();
    const history = await store2.getDoc<RoleplayRecord[]>(tenant, SCORES_KIND, 'a1');
    expect(history).toHaveLength(1);
    expect(history?.[0]).toMatchObject({ scenario: 'rate-too-high', date: '2026-03-18', method: 'moves', turns: 2, breaches: 0 });
  });

  it('ends by itself after max_turns, shows progress against the last session, and the lead can read it', async () => {
    const store = await ns.store();
    const tenant = await freshTenant(store);
    const say = sayWith(engineOn(store), tenant);
    await say('来练一下我再考虑考虑');
    let last: Reply | undefined;
    // The same polite question, again and again: the customer runs out of new things to say and the call
    // ends (asks for time) at the latest on the 8th turn.
    for (let i = 0; i < 8 && !last?.data.ended; i++) last = await say(`好的,您不着急,您主要是在考虑费用吗?第${i + 1}次`);
    expect(last?.data).toMatchObject({ scenario: 'think-about-it', ended: true });

    await say('来练一下我再考虑考虑');
    const again = await say('结束');
    expect(again.data.previousTotal).toBe(last?.data.total);
    expect(again.text).toContain('上次同一场景');

    const own = await say('我的练习记录');
    expect((own.data.history as unknown[]).length).toBe(2);
    const lead = await say('看看张三的练习记录', 'l1');
    expect(lead.intent).toBe('roleplay');
    expect((lead.data.history as unknown[]).length).toBe(2);
    expect(lead.visibility).toBe('private');
    const peer = await say('看看张三的练习记录', 'a2');
    expect(peer.error?.kind).toBe('not_allowed');
  });

  it('picks the scenario from English words and the agent\'s locale', async () => {
    const store = await ns.store();
    const tenant = await freshTenant(store);
    const say = sayWith(engineOn(store), tenant);
    const start = await say("let's role-play a price objection", 'a1', 'en');
    expect(start.data.scenario).toBe('rate-too-high');
    expect(start.text).toContain('Your interest rate is way too high');
    const end = await say('end', 'a1', 'en');
    expect(end.data.ended).toBe(true);
    expect(end.text).toContain('Practice "The rate is too high" finished');
  });
});

// An agent's line that looks like another request ("年化利率4.2%" reads as a commission rate) stays in the
// role-play: the role-play dialogue captures every message but commands and cancel words.
describe('role-play keeps every agent line', () => {
  it('an APR figure or a phone number stays in the role-play', async () => {
    const store = await ns.store();
    const tenant = await freshTenant(store);
    const say = sayWith(engineOn(store), tenant);
    await say('来练一下利率太高');
    const t2 = await say('这笔贷款年化利率4.2%起,每月还款大约2300元,总利息以合同为准');
    expect(t2.intent).toBe('roleplay');
    expect(t2.data).toMatchObject({ scenario: 'rate-too-high', turn: 2 });
    const t3 = await say('您可以打我手机13812345678');
    expect(t3.data).toMatchObject({ scenario: 'rate-too-high', turn: 3 });
    // A line that reads as a read-only question (worked out early, then dropped) is a role-play turn too.
    const t4 = await say('今天要打多少个电话');
    expect(t4.intent).toBe('roleplay');
    expect(t4.data).toMatchObject({ scenario: 'rate-too-high', turn: 4 });
  });
});

describe('leaving a role-play with a command', () => {
  it('a Slack or Teams slash command (its text carries no "/coach") is answered, not played as a customer line', async () => {
    const store = await ns.store();
    const tenant = await freshTenant(store);
    const engine = engineOn(store);
    const say = sayWith(engine, tenant);
    await say('来练一下利率太高');
    // Slack hands the command's text without the command name: `/coach today` arrives as "today".
    const command = await engine.handle({
      tenant,
      user: { platform: 'console', id: 'a1' },
      text: 'today',
      isCommand: true,
      now: NOW,
      channel: { kind: 'slack', shared: false, conversationId: 'D1' },
    });
    expect(command.intent).toBe('calls_today');
    // The role-play was left, as with "/coach today" typed in full: the next line is no customer turn.
    const after = await say('我理解您在意成本');
    expect(after.intent).not.toBe('roleplay');
  });
});

describe('ending a practice that is not running', () => {
  it('"结束练习" / "end the practice" with none running says so and starts nothing', async () => {
    const store = await ns.store();
    const tenant = await freshTenant(store);
    const say = sayWith(engineOn(store), tenant);
    for (const [text, locale, words] of [['结束练习', 'zh-CN', '没有正在进行的练习'], ['end the practice', 'en', 'No practice is running']] as const) {
      const reply = await say(text, 'a1', locale);
      expect(reply.intent, text).toBe('roleplay');
      expect(reply.text, text).toContain(words);
      expect(reply.data.scenario, text).toBeUndefined();
    }
    // Nothing was started: the next line is not played as a customer turn.
    const next = await say('我理解您在意成本,您看到的是日息还是年化呢?');
    expect(next.data.turn).toBeUndefined();
  });
});
