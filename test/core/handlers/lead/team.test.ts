// Team dashboard ordering, mentor pairs (capacity 1 and 2) and diagnose for a named member, by hand from
// test/fixtures/lead-team.json. Today 2026-03-10: 6 of 22 March working days elapsed; every goal is
// income 12000 − base 3000 = 9000 at 2% → S = 450000, expected = 450000 × 6/22 = 122727.27.
import { beforeEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});

describe('team dashboard', () => {
  it('sorts members by who needs attention, with pace, projection, weakest stage and quadrant', async () => {
    // Sales before today / 122727.27: a4 50000 → 0.41 at_risk; a3 100000 → 0.81 behind; a6 110000 → 0.90
    // behind; a5 no goal; a2 120000 → 0.98 on_track; a7 130000 → 1.06 ahead; a1 140000 → 1.14 ahead.
    const reply = await h.say('l1', '团队进度');
    expect(reply.intent).toBe('team');
    const members = reply.data.members as Array<{ agent: string; status: string; projection: number | null; weakestStage: string | null; quadrant: string; paceRatio: number | null }>;
    expect(members.map((m) => m.agent)).toEqual(['a4', 'a3', 'a6', 'a5', 'a2', 'a7', 'a1']);
    expect(members.map((m) => m.status)).toEqual(['at_risk', 'behind', 'behind', 'no_goal', 'on_track', 'ahead', 'ahead']);
    // a4: projection 50000 / 6 × 22 = 183333.33; its close rate 20/800 = 0.025 against the team's
    // 260/5600 = 0.0464 (ratio 0.54 < 0.9) is its weakest stage; quadrant base_strengthening.
    expect(members[0].projection).toBeCloseTo(183333.33, 2);
    expect(members[0].paceRatio).toBeCloseTo(50000 / (450000 * 6 / 22), 6);
    expect(members[0]).toMatchObject({ weakestStage: 'closeRate', quadrant: 'base_strengthening' });
    expect(members.find((m) => m.agent === 'a1')).toMatchObject({ quadrant: 'lead_goose', weakestStage: null });
    expect(reply.text.indexOf('赵六')).toBeLessThan(reply.text.indexOf('张三'));
    expect(reply.visibility).toBe('private');
  });

  it('an admin sees every team; an agent is refused', async () => {
    const admin = await h.say('x1', 'team dashboard', { locale: 'en' });
    expect((admin.data.members as unknown[]).length).toBe(10);
    const agent = await h.say('a1', '团队进度');
    expect(agent.error?.kind).toBe('not_allowed');
  });
});

describe('mentors', () => {
  // Ability scores (combined): a1 4.4, 4.4, 5, 4.4; a3 5, 4, 4, 5; apprentices a2 3, 3, 2.6, 3; a4 2, 3, 3, 2;
  // a7 3, 3, 3, 3. benefit = Σ max(0, m − a): a1→a2 6.6, a1→a4 8.2, a1→a7 6.2, a3→a2 6.4, a3→a4 8, a3→a7 6.
  it('capacity 1: two pairs of 14.6 tie; the tie-break gives a2 the smaller mentor id; a7 is unpaired', async () => {
    const reply = await h.say('l1', '帮我配对师徒');
    expect(reply.intent).toBe('mentors');
    expect(reply.data.capacity).toBe(1);
    const pairs = reply.data.pairs as Array<{ mentor: string; apprentice: string; benefit: number; reason: string }>;
    expect(pairs.map((p) => [p.mentor, p.apprentice, p.benefit])).toEqual([
      ['a1', 'a2', 6.6],
      ['a3', 'a4', 8],
    ]);
    expect(reply.data.unpaired).toEqual(['a7']);
    // a1 − a2 is largest on answering skills (5 − 2.6 = 2.4).
    expect(pairs[0].reason).toBe('张三 擅长「应答技巧」，这正是 李四 最需要提升的地方');
    expect(reply.text).toContain('吴九');
    expect(reply.visibility).toBe('private');
  });

  it('capacity 2 ("每人带2个"): all three paired for 6.6 + 8.2 + 6 = 20.8', async () => {
    const reply = await h.say('l1', '帮我配对师徒，每人带2个');
    expect(reply.data.capacity).toBe(2);
    const pairs = reply.data.pairs as Array<{ mentor: string; apprentice: string }>;
    expect(pairs.map((p) => `${p.mentor}>${p.apprentice}`)).toEqual(['a1>a2', 'a1>a4', 'a3>a7']);
    expect(reply.data.totalBenefit).toBeCloseTo(20.8, 6);
    expect(reply.data.unpaired).toEqual([]);
    const en = await h.say('l1', 'suggest mentor pairs capacity 2', { locale: 'en' });
    expect(en.data.capacity).toBe(2);
    expect((en.data.pairs as Array<{ reason: string }>)[0].reason).toMatch(/is strong in Answering skills, where 李四/);
  });

  it('an agent is refused', async () => {
    const reply = await h.say('a1', '帮我配对师徒');
    expect(reply.error?.kind).toBe('not_allowed');
    expect(reply.data.pairs).toBeUndefined();
  });
});

describe('diagnose a named member', () => {
  it('a lead diagnoses a member of their team by name', async () => {
    const reply = await h.say('l1', '诊断一下赵六');
    expect(reply.intent).toBe('diagnose');
    expect(reply.data).toMatchObject({ agent: 'a4', focus: 'closeRate' });
  });

  it('a lead cannot diagnose a member of another team; an agent cannot diagnose anyone else', async () => {
    const other = await h.say('l1', '诊断一下钱一');
    expect(other.error?.kind).toBe('input'); // not found within what l1 may see
    expect(other.data.focus).toBeUndefined();
    const agent = await h.say('a1', '诊断一下赵六');
    expect(agent.error?.kind).toBe('not_allowed');
    const crossTenant = await h.say('l1', '诊断一下赵六', { tenant: 'T2' });
    expect(crossTenant.error).toBeDefined();
    expect(crossTenant.data.focus).toBeUndefined();
  });
});
