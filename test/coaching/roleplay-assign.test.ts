// A lead assigns practice ("给杨帆布置一个利率异议练习", "assign Jason the fee-complaint scenario"): it reaches
// the agent as a direct message through the ProactiveChannel abstraction (console for 杨帆, Teams personal
// chat for Jason), the agent starts it, the lead sees completed sessions with scores per dimension (and is
// told when one is done), and an agent sees their own trend per dimension across sessions.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryResult, ProactiveChannel, ProactiveRecipient } from '../../src/channels/channel';
import { registerCoaching } from '../../src/coaching/register';
import { loadAssignments, setPracticeChannels } from '../../src/core/handlers/lead/practice';
import { registerLeadToolkit } from '../../src/core/handlers/lead';
import { createEngine } from '../../src/core/lingyanEngine';
import type { Reply } from '../../src/core/reply';
import { silentLogger } from '../../src/logger';
import { MemoryStore } from '../../src/store/memory';
import { coachingFixture, NOW } from './coaching-fixture';

class Recorder implements ProactiveChannel {
  readonly sent: Array<{ recipient: ProactiveRecipient; reply: Reply }> = [];
  constructor(readonly kind: 'slack' | 'teams' | 'console') {}
  async sendToUser(recipient: ProactiveRecipient, reply: Reply): Promise<DeliveryResult> {
    this.sent.push({ recipient, reply });
    return { status: 'sent', messageId: `m${this.sent.length}` };
  }
}

let consoleChannel: Recorder;
let teamsChannel: Recorder;
beforeEach(() => {
  consoleChannel = new Recorder('console');
  teamsChannel = new Recorder('teams');
  setPracticeChannels({ console: consoleChannel, teams: teamsChannel });
});
afterAll(() => setPracticeChannels({}));

async function setup() {
  const f = coachingFixture();
  const base = f.agents.find((a) => a.id === 'a1')!;
  f.agents.push({ ...base, id: 'a5', name: '杨帆' }, { ...base, id: 'a6', name: 'Jason', locale: 'en', teams: 'aad-jason' });
  const store = new MemoryStore();
  await store.seed('T', f);
  const engine = createEngine({ store });
  registerLeadToolkit(engine);
  registerCoaching(engine, { llm: null, logger: silentLogger });
  const say = (user: string, text: string, locale?: string): Promise<Reply> =>
    engine.handle({ tenant: 'T', user: { platform: 'console', id: user }, text, now: NOW, ...(locale ? { locale } : {}), channel: { kind: 'console', shared: false, conversationId: `c-${user}` } });
  return { store, say };
}

describe('assigned practice', () => {
  it('zh: the lead assigns, the agent gets a DM, practises, and the lead sees the scores per dimension', async () => {
    const { store, say } = await setup();
    const assigned = await say('l1', '给杨帆布置一个利率异议练习');
    expect(assigned.intent).toBe('roleplay');
    expect(assigned.data).toMatchObject({ assigned: true, agent: 'a5', scenario: 'rate-too-high', delivered: true });
    expect(assigned.text).toContain('已给杨帆布置练习「利率太高」');
    expect(consoleChannel.sent).toHaveLength(1);
    expect(consoleChannel.sent[0].recipient).toEqual({ tenant: 'T', platformUserId: 'a5' });
    expect(consoleChannel.sent[0].reply.text).toContain('王芳给你布置了一个练习:「利率太高」');

    const start = await say('a5', '开始布置的练习');
    expect(start.data).toMatchObject({ scenario: 'rate-too-high', turn: 1 });
    await say('a5', '我理解您在意成本,换成是我也会比较。您这笔钱主要打算用在哪里呢?');
    await say('a5', '这笔贷款年化利率是7.2%,借8万分12期,每月还6900元左右,总利息大约3000元,以合同为准。');
    const end = await say('a5', '结束');
    expect(end.data.ended).toBe(true);
    const [a] = await loadAssignments(store, 'T', 'a5');
    expect(a).toMatchObject({ status: 'done', scenario: 'rate-too-high', by: 'l1', total: end.data.total });
    expect(Object.keys(a.scores ?? {})).toEqual(['empathy', 'clarify', 'transparency', 'no_pressure', 'next_step']);
    // The lead is told, in a DM too.
    expect(consoleChannel.sent[1].recipient.platformUserId).toBe('l1');
    expect(consoleChannel.sent[1].reply.text).toContain('杨帆完成了你布置的练习「利率太高」');

    const status = await say('l1', '看看布置的练习完成情况');
    expect(status.intent).toBe('roleplay');
    expect(status.visibility).toBe('private');
    expect(status.text).toContain('杨帆 「利率太高」 已完成');
    expect(status.text).toContain('认同与共情 4');
    expect(status.text).toContain('如实讲清年化利率和总成本 4');
  });

  it('en: "assign Jason the fee-complaint scenario" reaches Jason in his Teams personal chat, in English', async () => {
    const { say } = await setup();
    const assigned = await say('l1', 'assign Jason the fee-complaint scenario', 'en');
    expect(assigned.data).toMatchObject({ assigned: true, agent: 'a6', scenario: 'fee-complaint', delivered: true });
    expect(teamsChannel.sent).toHaveLength(1);
    expect(teamsChannel.sent[0].recipient).toEqual({ tenant: 'T', platformUserId: 'aad-jason' });
    expect(teamsChannel.sent[0].reply.text).toContain('assigned you a practice: "Angry annual-fee complaint"');
    // Jason just says "let's practise": his assignment comes first.
    const start = await say('a6', "let's practise", 'en');
    expect(start.data).toMatchObject({ scenario: 'fee-complaint', turn: 1 });
    const status = await say('l1', 'how are the role-plays I assigned going', 'en');
    expect(status.text).toContain('Jason "Angry annual-fee complaint" not done yet');
  });

  it('an agent cannot assign practice to a colleague; a lead naming nobody is asked who', async () => {
    const { say } = await setup();
    const refused = await say('a1', '给杨帆布置一个利率异议练习');
    expect(refused.error?.kind).toBe('not_allowed');
    expect(consoleChannel.sent).toHaveLength(0);
    const who = await say('l1', '布置一个利率异议练习');
    expect(who.data.assigned).toBe(false);
    expect(who.text).toContain('要给谁布置练习');
  });

  it('an agent sees their own trend per dimension across sessions', async () => {
    const { say } = await setup();
    // Session 1: one honest-figures turn. Session 2: empathy + a question, then figures.
    await say('a1', '来练一下利率太高');
    await say('a1', '这笔贷款年化利率是7.2%,每月还6900元左右,总利息大约3000元。');
    await say('a1', '结束');
    await say('a1', '来练一下利率太高');
    await say('a1', '我理解您在意成本,换成是我也会比较。您这笔钱主要打算用在哪里呢?');
    await say('a1', '这笔贷款年化利率是7.2%,每月还6900元左右,总利息大约3000元。');
    await say('a1', '结束');
    const history = await say('a1', '我的练习记录');
    expect(history.intent).toBe('roleplay');
    const trends = history.data.trends as Record<string, number[]>;
    // empathy 1 → 4; transparency 4 → 4.
    expect(trends.empathy).toEqual([1, 4]);
    expect(trends.transparency).toEqual([4, 4]);
    expect(history.text).toContain('认同与共情: 1 → 4');
  });
});
