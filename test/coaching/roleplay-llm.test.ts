// Role-play with an LLM (nock): the LLM plays the customer from the scenario and the customer's current
// state; it scores through structured output whose evidence must cite existing turns with quotes that
// appear word for word in them. An invented quote, a turn that does not exist, a timeout or a line with a
// placeholder all fall back to the offline path; a breach found offline stays flagged whatever the LLM says.
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OpenAiLlmClient, type LlmClient } from '../../src/coaching/llm';
import { registerCoaching } from '../../src/coaching/register';
import { createEngine } from '../../src/core/lingyanEngine';
import type { Reply } from '../../src/core/reply';
import { silentLogger } from '../../src/logger';
import { MemoryStore } from '../../src/store/memory';
import { coachingFixture, NOW } from './coaching-fixture';
import { BASE_URL, completion, interceptChat, type CapturedBody } from './openai-mock';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const client = (timeoutMs = 3000): LlmClient => new OpenAiLlmClient({ apiKey: 'sk-test', baseURL: BASE_URL, model: 'gpt-4o-mini', timeoutMs, maxRetries: 0 });

async function session(llm: LlmClient) {
  const store = new MemoryStore();
  await store.seed('T', coachingFixture());
  const engine = createEngine({ store });
  registerCoaching(engine, { llm, logger: silentLogger });
  return (text: string, locale = 'zh-CN'): Promise<Reply> =>
    engine.handle({ tenant: 'T', user: { platform: 'console', id: 'a1' }, text, now: NOW, locale, channel: { kind: 'console', shared: false, conversationId: 'c' } });
}

const T1 = '我理解您在意成本,换成是我也会比较。您看到的是日息还是年化呢?';
const T2 = '这笔贷款年化利率是7.2%,借8万分12期,每月还6900元左右,总利息大约3000元,以合同为准。';

/** A valid structured score for the two turns above; `patch` breaks it in one place. */
function llmScore(patch: (s: Record<string, unknown>) => void = () => {}): string {
  const score: Record<string, unknown> = {
    scores: [
      { criterion: 'empathy', score: 5, evidence: [{ turn: 1, quote: '我理解您在意成本', effect: 'earned' }] },
      { criterion: 'clarify', score: 4, evidence: [{ turn: 1, quote: '您看到的是日息还是年化呢?', effect: 'earned' }] },
      { criterion: 'transparency', score: 4, evidence: [{ turn: 2, quote: '年化利率是7.2%', effect: 'earned' }] },
      { criterion: 'no_pressure', score: 4, evidence: [] },
      { criterion: 'next_step', score: 1, evidence: [] },
    ],
    keep: { turn: 1, quote: '我理解您在意成本', advice: '先认同再提问。' },
    start: { turn: 2, advice: '讲完费用后约定回电时间。' },
    stop: [],
    breaches: [],
    course: 'objection-handling',
  };
  patch(score);
  return JSON.stringify(score);
}

/** Plays turns 1 and 2 with the LLM customer answering, then ends with `scoring` as the LLM's score. */
async function scored(scoring: { json?: unknown; status?: number; delayMs?: number }, llm = client(), turns = [T1, T2]): Promise<{ end: Reply; bodies: CapturedBody[] }> {
  const say = await session(llm);
  await say('来练一下利率太高');
  for (const _ of turns) interceptChat([], { json: completion('那你说,一年下来到底多少钱?') });
  for (const text of turns) await say(text);
  const bodies: CapturedBody[] = [];
  interceptChat(bodies, scoring);
  return { end: await say('结束'), bodies };
}

describe('the LLM customer', () => {
  it('plays from the scenario and the current state, and its line is used', async () => {
    const say = await session(client());
    await say('来练一下利率太高');
    const bodies: CapturedBody[] = [];
    interceptChat(bodies, { json: completion('嗯,你这么说我还听得进去。那一年下来到底多少钱?') });
    const turn = await say(T1);
    expect(turn.data).toMatchObject({ turn: 2, offline: false, moves: ['closed_question', 'empathy'] });
    expect(turn.text).toContain('嗯,你这么说我还听得进去');
    const system = bodies[0].messages[0].content;
    expect(system).toContain('建材');
    // The state after this turn (empathy +1/+1 from 2/2) and what the line must do.
    expect(system).toContain('信任度 3/5,情绪 3/5');
    expect(system).toContain('一年下来到底多少钱');
    expect(bodies[0].messages[2].content).toBe(`<agent_turn>\n${T1}\n</agent_turn>`);
  });

  it('a line with a placeholder, or a failed call, gives the offline line', async () => {
    const say = await session(client());
    await say('来练一下利率太高');
    interceptChat([], { json: completion('[CUSTOMER_NAME]觉得还是太贵。') });
    const t2 = await say(T1);
    expect(t2.data.offline).toBe(true);
    expect(t2.text).not.toContain('[');
    expect(t2.text).toContain('一年下来到底多少钱');
    interceptChat([], { status: 500, json: { error: { message: 'down' } } });
    const t3 = await say(T2);
    expect(t3.data.offline).toBe(true);
    expect(t3.text).toContain('服务费');
  });
});

describe('LLM scoring, validated', () => {
  it('a valid score is used: turns and quotes check out', async () => {
    const { end, bodies } = await scored({ json: completion(llmScore()) });
    expect(bodies[0].response_format?.type).toBe('json_schema');
    // The transcript numbers the agent's turns so evidence can cite them.
    expect(bodies[0].messages[1].content).toContain(`坐席 (第1轮): ${T1}`);
    expect(bodies[0].messages[1].content).toContain(`坐席 (第2轮): ${T2}`);
    // 0.2·5 + 0.2·4 + 0.3·4 + 0.15·4 + 0.15·1 = 3.75 → 3.8
    expect(end.data).toMatchObject({ method: 'llm', total: 3.8, offline: false });
    expect(end.text).toContain('+第1轮 「我理解您在意成本」');
  });

  it('an invented quote falls back to the offline score', async () => {
    const { end } = await scored({
      json: completion(llmScore((s) => ((s.scores as Array<{ evidence: unknown[] }>)[0].evidence = [{ turn: 1, quote: '我非常理解您的心情', effect: 'earned' }]))),
    });
    expect(end.data).toMatchObject({ method: 'moves', offline: true });
  });

  it('a turn number that does not exist falls back to the offline score', async () => {
    const { end } = await scored({ json: completion(llmScore((s) => ((s.keep as { turn: number }).turn = 7))) });
    expect(end.data.method).toBe('moves');
    const { end: end2 } = await scored({
      json: completion(llmScore((s) => ((s.scores as Array<{ evidence: unknown[] }>)[2].evidence = [{ turn: 1, quote: '年化利率是7.2%', effect: 'earned' }]))),
    });
    // The quote exists, but in turn 2, not turn 1.
    expect(end2.data.method).toBe('moves');
  });

  it('a timeout falls back to the offline score', async () => {
    const { end } = await scored({ json: completion(llmScore()), delayMs: 1500 }, client(300));
    expect(end.data).toMatchObject({ method: 'moves', ended: true });
  });

  it('a misleading promise stays flagged when the LLM does not flag it', async () => {
    const misleading = '放心,我保证您百分之百能批下来。';
    const { end } = await scored(
      {
        json: completion(
          llmScore((s) => {
            const scores = s.scores as Array<{ evidence: unknown[] }>;
            scores[2].evidence = [];
            scores[3].evidence = [{ turn: 2, quote: '我保证', effect: 'lost' }];
          }),
        ),
      },
      client(),
      [T1, misleading],
    );
    expect(end.data.method).toBe('llm');
    expect(end.data.breaches).toEqual([{ turn: 2, quote: misleading }]);
    expect(end.text).toContain('⚠️ 合规问题');
  });
});
