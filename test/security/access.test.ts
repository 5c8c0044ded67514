// Roles and tenancy (docs/design.md "Roles and tenancy") through the real engine on Redis, with the demo team
// (team t1 led by 王芳 l1; team t2 led by 孙强 l2 with 吴昊 b1 and 郑丽 b2): an agent cannot read another
// agent's plan by name, a lead of team A cannot read team B or its members, and a workspace (tenant)
// never sees another workspace's data even when platform user ids collide. Also over Slack HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { startupFixture } from '../../src/app/data';
import { createEngine, type LingyanEngine } from '../../src/core/lingyanEngine';
import { registerLeadToolkit } from '../../src/core/handlers/lead';
import { registerCoaching } from '../../src/coaching/register';
import { silentLogger } from '../../src/logger';
import type { Reply } from '../../src/core/reply';
import type { Fixture } from '../../src/store/fixture';
import type { RedisStore } from '../../src/store/redis';
import { useRedisNamespace } from '../helpers/redis';
import { diffSnapshots, netGuard, postSlack, signSlack, slashCommand, snapshot, startFullServer, waitFor, type NetGuard } from './fullServer';
import { testClock } from '../helpers/testClock';

const ns = useRedisNamespace('lysec-access');
const TENANT_A = 'T0ACME';
const TENANT_B = 'T0OTHER';
let store: RedisStore;
let redis: Redis;
let engine: LingyanEngine;
let demo: Fixture;

const AGENT = 'U0DEMO0001'; // 张伟 a1, agent in t1
const LEAD_A = 'U0DEMO0000'; // 王芳 l1, leads t1
const TEAM_B = { names: ['孙强', '吴昊', '郑丽'], ids: ['l2', 'b1', 'b2'], teamName: '电销二组' };

/** The other workspace: same Slack user ids, different people and numbers. */
function otherWorkspace(base: Fixture): Fixture {
  return {
    ...base,
    teams: [{ id: 't9', name: '外包组', leads: ['x0'], quadrantThreshold: 3.5 }],
    agents: [
      { ...base.agents.find((a) => a.id === 'a1')!, id: 'x1', name: '钱多多', team: 't9', slack: AGENT, teams: undefined },
      { ...base.agents.find((a) => a.id === 'l1')!, id: 'x0', name: '赵总', team: 't9', slack: LEAD_A, teams: undefined },
    ],
    history: [],
    goals: [],
    activity: [],
    rosters: [],
    assessments: [],
  } as Fixture;
}

beforeAll(async () => {
  store = await ns.store();
  redis = await ns.connect();
  demo = await startupFixture(undefined, testClock(), 'Asia/Shanghai');
  await store.seed(TENANT_A, demo);
  engine = createEngine({ store });
  // Team views, quadrants, exports and mentor pairs are the lead toolkit's, huddles the coaching's: without
  // them a lead's team question would get the help menu and "sees nothing of team B" would hold trivially.
  registerLeadToolkit(engine);
  registerCoaching(engine, { llm: null, logger: silentLogger });
});

function say(user: string, text: string, tenant = TENANT_A, shared = false): Promise<Reply> {
  return engine.handle({
    tenant,
    user: { platform: 'slack', id: user },
    text,
    now: testClock(),
    channel: { kind: 'slack', shared, conversationId: shared ? 'C0SALES' : 'D0DM' },
  });
}

describe('an agent asking for another agent by name', () => {
  const questions = ['李娜的计划', '李娜今天要打多少个电话', '李娜的进度怎么样', 'show me 李娜 plan', "what is 李娜's progress", '吴昊的进度', '张伟和李娜的进度'];
  for (const question of questions) {
    it(`is refused politely and shown nothing of theirs: ${question}`, async () => {
      const before = await snapshot(redis, ns.namespace);
      const reply = await say(AGENT, question);
      // Either a refusal, or (if the text is not read as a question about someone else) the asker's own data.
      if (reply.error) expect(reply.error.kind).toBe('not_allowed');
      const json = JSON.stringify(reply.data);
      for (const id of ['a2', 'b1', 'l1']) expect(json).not.toContain(`"${id}"`);
      const subject = reply.data.agent as string | { id?: string } | undefined;
      if (subject !== undefined) expect(typeof subject === 'string' ? subject : subject.id).toBe('a1');
      expect(diffSnapshots(before, await snapshot(redis, ns.namespace))).toEqual([]);
    });
  }

  it('an agent gets no team view at all', async () => {
    for (const question of ['团队进度', '团队四象限', '帮我配对师徒', 'team dashboard', '导出本月目标分解表']) {
      const reply = await say(AGENT, question);
      const json = JSON.stringify(reply);
      for (const name of ['李娜', '刘洋', '陈静', ...TEAM_B.names]) expect(json, question).not.toContain(name);
    }
  });
});

describe('a lead of team A asking for team B', () => {
  const questions = [
    '吴昊的进度',
    '吴昊今天要打多少个电话',
    '吴昊的计划',
    '郑丽在哪个象限',
    '郑丽哪里需要提升',
    `${TEAM_B.teamName} 团队进度`,
    `${TEAM_B.teamName}四象限`,
    'team t2 dashboard',
    `导出${TEAM_B.teamName}本月目标分解表`,
    `给${TEAM_B.teamName}出个早会话题`,
    `${TEAM_B.teamName}配对师徒`,
  ];
  for (const question of questions) {
    it(`sees nothing of team B: ${question}`, async () => {
      const before = await snapshot(redis, ns.namespace);
      const reply = await say(LEAD_A, question);
      // Refused, never answered with team A's figures in place of team B's.
      expect(['not_allowed', 'input'], question).toContain(reply.error?.kind);
      const data = JSON.stringify(reply.data);
      for (const id of TEAM_B.ids) expect(data, `${question}: data mentions ${id}`).not.toContain(`"${id}"`);
      // Names may be echoed only when the lead typed them ("在你的团队里没找到“吴昊”").
      for (const name of TEAM_B.names.filter((n) => !question.includes(n))) expect(reply.text).not.toContain(name);
      const members = (reply.data.members ?? reply.data.agents ?? []) as Array<{ agent?: string | { id?: string }; id?: string }>;
      for (const member of members) {
        const id = typeof member.agent === 'string' ? member.agent : (member.agent?.id ?? member.id);
        expect(TEAM_B.ids).not.toContain(id);
      }
      expect(diffSnapshots(before, await snapshot(redis, ns.namespace))).toEqual([]);
    });
  }

  it('by id: b1 / b2 (team B) are not found, never answered with the lead\'s own figures; a3 (her team) is 刘洋', async () => {
    for (const question of ['b1哪里需要提升', 'b2怎么样', 'b1今天要打多少个电话']) {
      const reply = await say(LEAD_A, question);
      expect(reply.error?.key, question).toBe('error.unknown_person');
      expect((reply.data as { agent?: string }).agent, question).toBeUndefined();
    }
    const own = await say(LEAD_A, 'a3的进度');
    expect(own.intent).toBe('progress');
    expect((own.data as { agent?: string }).agent).toBe('a3');
  });

  it('team B named by its lead or its name is refused, not swapped for team A\'s dashboard', async () => {
    for (const question of ['孙强的团队进度', `${TEAM_B.teamName}的团队看板`, '孙强团队的四象限']) {
      const reply = await say(LEAD_A, question);
      // "孙强团队的四象限" reads as a question about the person 孙强: not found either.
      expect(['error.unknown_team', 'error.unknown_person'], question).toContain(reply.error?.key);
      expect(reply.text, question).not.toContain('电销一组');
    }
  });

  it('can still read their own team member (the refusal above is about scope, not a broken lookup)', async () => {
    const reply = await say(LEAD_A, '李娜的进度');
    expect(reply.error).toBeUndefined();
    expect(reply.intent).toBe('progress');
  });
});

describe('workspaces (tenants) are isolated', () => {
  it('a user of workspace B with a colliding Slack id is not linked to workspace A\'s profile', async () => {
    const reply = await say(AGENT, '今天要打多少个电话', TENANT_B);
    expect(reply.intent).toBe('onboarding');
    expect(JSON.stringify(reply)).not.toContain('张伟');
  });

  it('workspace B\'s own data answers B\'s users, and A\'s keys are untouched', async () => {
    await store.seed(TENANT_B, otherWorkspace(demo));
    const beforeA = new Map([...(await snapshot(redis, ns.namespace))].filter(([key]) => key.includes(`{${TENANT_A}}`)));
    const asked = await say(LEAD_A, '李娜的进度', TENANT_B);
    expect(asked.error?.kind).toBeDefined();
    expect(JSON.stringify(asked.data)).not.toContain('"a2"');
    const logged = await say(AGENT, '今天打了12个电话', TENANT_B);
    expect(logged.intent).toBe('log_activity');
    const afterA = new Map([...(await snapshot(redis, ns.namespace))].filter(([key]) => key.includes(`{${TENANT_A}}`)));
    expect(diffSnapshots(beforeA, afterA)).toEqual([]);
    expect(await store.getAgent(TENANT_B, 'a1')).toBeNull();
    expect(await store.getAgent(TENANT_A, 'x1')).toBeNull();
    // Every key written for B lives under B's hash tag.
    const keysOfB = [...(await snapshot(redis, ns.namespace)).keys()].filter((key) => key.includes('x1') || key.includes('x0'));
    expect(keysOfB.length).toBeGreaterThan(0);
    for (const key of keysOfB) expect(key).toContain(`{${TENANT_B}}`);
  });

  it('over Slack HTTP, team_id decides the tenant: a signed request from workspace B never reads A', async () => {
    const guard: NetGuard = netGuard();
    const server = await startFullServer({ store });
    try {
      const raw = slashCommand('today', { team: 'T0NOBODY', user: AGENT });
      expect((await postSlack(server.url, raw, signSlack(raw))).status).toBe(200);
      await waitFor(() => guard.calls.some((c) => c.host === 'hooks.slack.com'));
      const reply = guard.calls.find((c) => c.host === 'hooks.slack.com')?.body;
      expect(JSON.stringify(reply)).not.toContain('张伟');
      expect(JSON.stringify(reply)).toContain('U0DEMO0001'); // the onboarding message names the unlinked account
    } finally {
      await server.close();
      guard.restore();
    }
  });
});

afterAll(async () => {
  /* namespace flushed by useRedisNamespace */
});
