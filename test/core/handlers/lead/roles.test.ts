// Every denied path of the lead toolkit in one place (docs/design.md "Roles and tenancy"): agents asking for
// team-level intents, leads reaching outside their teams, and cross-tenant requests.
import { beforeEach, describe, expect, it } from 'vitest';
import { DIMENSIONS } from '../../../../src/domain/quadrant';
import { harness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await harness({ attachment: { filename: 'roster.csv', bytes: Buffer.from('工号,日期,休息\na1,2026-03-05,是\n') } });
});

const all = (score: string) => Object.fromEntries(DIMENSIONS.map((d) => [d, score]));

describe('an agent asking for lead-only intents is refused', () => {
  it.each([
    ['team', '团队进度'],
    ['mentors', '帮我配对师徒'],
    ['export', '导出本月目标分解表'],
    ['import', '导入排班'],
    ['quadrant', '团队四象限'],
    ['quadrant', 'team quadrant'],
  ])('%s: %s', async (intent, text) => {
    const reply = await h.say('a1', text);
    expect(reply.intent).toBe(intent);
    expect(reply.error?.kind).toBe('not_allowed');
    expect(reply.file).toBeUndefined();
    expect(reply.chart).toBeUndefined();
    expect(reply.data.members ?? reply.data.pairs).toBeUndefined();
    expect(await h.store.getRoster('T1', 'a1')).toEqual([]);
  });

  it('an agent cannot read or assess another agent', async () => {
    for (const text of ['李四的象限', '评估李四', '诊断一下李四', '李四的进度']) {
      const reply = await h.say('a1', text);
      expect(reply.error?.kind, text).toBe('not_allowed');
    }
  });
});

describe('a lead outside their teams', () => {
  it('asking about a member of another team: not found, nothing shown', async () => {
    for (const text of ['钱一的象限', '诊断一下钱一', '钱一的进度']) {
      const reply = await h.say('l1', text);
      expect(reply.error?.kind, text).toBe('input');
      expect(reply.text).not.toMatch(/\d\.\d/);
    }
  });

  it('assessing outside the team is NotAllowed (chat and form), nothing stored', async () => {
    for (const text of ['评估钱一', '给钱一做评估']) {
      const reply = await h.say('l1', text);
      expect(reply.error?.kind, text).toBe('not_allowed');
    }
    const form = await h.submit('l1', { ...all('3'), subject: 'b1', rater_role: 'lead' });
    expect(form.ok).toBe(false);
    expect(form.reply?.error?.kind).toBe('not_allowed');
    expect(await h.store.listAssessments('T1', 'b1')).toHaveLength(1);
  });

  it('the other team\'s lead cannot use l1\'s team in import', async () => {
    const reply = await h.say('l2', '导入排班');
    expect(reply.data.ok).toBe(false);
    expect((reply.data.problems as Array<{ code: string }>)[0].code).toBe('not_allowed');
    expect(await h.store.getRoster('T1', 'a1')).toEqual([]);
  });
});

describe('cross-tenant', () => {
  it('the same user id in another tenant is another person with other data', async () => {
    const team = await h.say('l1', '团队进度', { tenant: 'T2' });
    expect((team.data.members as Array<{ agent: string }>).map((m) => m.agent)).toEqual(['z1']);
    const mentors = await h.say('l1', '帮我配对师徒', { tenant: 'T2' });
    expect(mentors.data.pairs).toEqual([]);
    const assess = await h.say('l1', '评估张三', { tenant: 'T2' });
    expect(assess.error).toBeDefined();
    expect(assess.data.dialog).toBeUndefined();
  });

  it('an unknown user in a tenant gets onboarding, no data', async () => {
    const reply = await h.say('a2', '团队四象限', { tenant: 'T2' });
    expect(reply.intent).toBe('onboarding');
    expect(reply.data.members).toBeUndefined();
  });
});
