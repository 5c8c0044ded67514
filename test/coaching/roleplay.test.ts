// Role-play on REAL Redis: state across turns, resuming after a restart (a new engine and a new
// connection), ending on "结束" or the turn limit, rubric scoring (checklist offline, zod-validated
// structured output online) and the score history the agent and their lead can read.
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
  it('plays the scripted customer, survives a restart, and scores by checklist on 结束', async () => {
    const store = await ns.store();
    const tenant = await freshTenant(store);
    const say = sayWith(engineOn(store), tenant);

    const start = await say('来练一下利率太高');
    expect(start.intent).toBe('roleplay');
    expect(start.data).toMatchObject({ scenario: 'rate-too-high', turn: 1, maxTurns: 8, offline: true, ended: false });
    expect(start.text).toContain('你们这个利率也太高了吧');

    const t2 = await say('我理解您在意成本,换成是我也会比较。您看到的是日息还是年化呢?');
    expect(t2.data).toMatchObject({ scenario: 'rate-too-high', turn: 2 });
    expect(t2.text).toContain('一年下来到底多少钱');

    // "Restart": a new connection and a new engine; the dialogue lives in Redis.
    const store2 = await ns.store();
    const say2 = sayWith(engineOn(store2), tenant);
    const t3 = await say2('每月还款和总利息我都可以发给您,以合同为准,年化利率也会写清楚。');
    expect(t3.data).toMatchObject({ scenario: 'rate-too-high', turn: 3 });
    expect(t3.text).toContain('日息万分之二还不便宜吗');

    const end = await say2('结束');
    expect(end.intent).toBe('roleplay');
    expect(end.data).toMatchObject({ scenario: 'rate-too-high', ended: true, method: 'checklist', offline: true, course: 'objection-handling' });
    const scores = end.data.scores as Array<{ criterion: string; score: number; evidence: string }>;
    expect(scores.map((s) => s.criterion)).toEqual(['empathy', 'clarify', 'transparency', 'no_pressure', 'next_step']);
    // empathy: 理解, 在意, 换成是我 → 3 keywords → 5; clarify: 比较 → 1 → 3; transparency: 年化, 每月, 利息, 以合同为准 → 5.
    expect(scores.find((s) => s.criterion === 'empathy')?.score).toBe(5);
    expect(scores.find((s) => s.criterion === 'clarify')?.score).toBe(3);
    expect(scores.find((s) => s.criterion === 'transparency')?.score).toBe(5);
    expect(scores.find((s) => s.criterion === 'empathy')?.evidence).toContain('我理解您在意成本');
    expect(end.data.total).toBeGreaterThan(1);
    expect((end.data.citations as Array<{ course: string }>)[0]?.course).toBe('objection-handling');

    // The dialogue is over: the next message is not taken as a customer turn.
    expect((await store2.getSession(tenant, 'dialog:a1'))).toBeNull();
    const history = await store2.getDoc<RoleplayRecord[]>(tenant, SCORES_KIND, 'a1');
    expect(history).toHaveLength(1);
    expect(history?.[0]).toMatchObject({ scenario: 'rate-too-high', date: '2026-03-18', method: 'checklist' });
  });

  it('ends by itself after max_turns, shows progress against the last session, and the lead can read it', async () => {
    const store = await ns.store();
    const tenant = await freshTenant(store);
    const say = sayWith(engineOn(store), tenant);
    await say('来练一下我再考虑考虑');
    let last: Reply | undefined;
    for (let i = 0; i < 8; i++) last = await say(`好的,您不着急,您主要是在考虑费用吗?第${i + 1}次`);
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

describe('role-play with an LLM', () => {
  it('the LLM plays the customer from the persona and scores with validated structured output', async () => {
    const store = await ns.store();
    const tenant = await freshTenant(store);
    const say = sayWith(engineOn(store, llm()), tenant);
    await say('来练一下利率太高');

    const bodies: CapturedBody[] = [];
    interceptChat(bodies, { json: completion('那你说说,一年下来到底多少钱?') });
    const turn = await say('我理解您在意成本,资料发您邮箱zhang.san@example.com可以吗?您看到的是日息还是年化?');
    expect(turn.data).toMatchObject({ turn: 2, offline: false });
    expect(turn.text).toContain('一年下来到底多少钱');
    const sys = bodies[0].messages[0].content;
    expect(sys).toContain('建材');
    // Even our own persona text passes redaction on the way out ("刘先生" is a titled name).
    expect(sys).not.toContain('刘先生');
    expect(sys).toContain('提前还款');
    expect(bodies[0].messages[1]).toEqual({ role: 'assistant', content: '你们这个利率也太高了吧,网上都是日息万分之二,你们凭什么这么贵?' });
    expect(bodies[0].messages[2].content).toMatch(/^<agent_turn>\n我理解您在意成本,资料发您邮箱\[EMAIL\]/);
    expect(JSON.stringify(bodies[0])).not.toContain('zhang.san@example.com');

    const scoring: CapturedBody[] = [];
    interceptChat(scoring, {
      json: completion(
        JSON.stringify({
          scores: [
            { criterion: 'empathy', score: 5, evidence: '我理解您在意成本' },
            { criterion: 'clarify', score: 4, evidence: '您看到的是日息还是年化?' },
            { criterion: 'transparency', score: 2, evidence: '' },
            { criterion: 'no_pressure', score: 3, evidence: '' },
            { criterion: 'next_step', score: 1, evidence: '' },
          ],
          keep: '先认同再提问。',
          change: '主动讲清年化利率和总成本。',
          course: 'objection-handling',
        }),
      ),
    });
    const end = await say('结束');
    expect(scoring[0].response_format?.type).toBe('json_schema');
    expect(scoring[0].messages[1].content).toContain('<transcript>');
    // 0.2·5 + 0.2·4 + 0.3·2 + 0.15·3 + 0.15·1 = 3.0
    expect(end.data).toMatchObject({ method: 'llm', total: 3, keep: '先认同再提问。', offline: false, course: 'objection-handling' });
  });

  it('an invalid score (a criterion missing) falls back to the checklist', async () => {
    const store = await ns.store();
    const tenant = await freshTenant(store);
    const say = sayWith(engineOn(store, llm()), tenant);
    await say('来练一下利率太高');
    interceptChat([], { status: 500, json: { error: { message: 'down' } } });
    const turn = await say('我理解您的顾虑,您看到的是年化还是日息?');
    // The LLM failed: the scripted line for this turn keeps the practice going.
    expect(turn.data).toMatchObject({ turn: 2, offline: true });
    expect(turn.text).toContain('一年下来到底多少钱');
    interceptChat([], { json: completion(JSON.stringify({ scores: [{ criterion: 'empathy', score: 5, evidence: '' }], keep: 'a', change: 'b', course: 'x' })) });
    const end = await say('结束');
    expect(end.data).toMatchObject({ method: 'checklist', ended: true });
  });
});
