// Quadrant replies through the engine, numbers worked by hand from test/fixtures/lead-team.json
// (combined = 0.6·lead + 0.4·self per dimension; only one rater → that rating; axis = mean; high ≥ 3.5):
//   a1 张三: lead 4,4,5,4 | cog 4; self all 5 → 4.4, 4.4, 5, 4.4 → ability 4.55; cognition 0.6·4+0.4·5 = 4.4 → lead_goose
//   a2 李四: lead 3,3,2,3 | 4; self 3,3,3.5,3 | 4 → answering 0.6·2+0.4·3.5 = 2.6 → ability (3+3+2.6+3)/4 = 2.9;
//            cognition 4 → base_strengthening; blind spot answering_skills (self 3.5 − lead 2 = 1.5 ≥ 1.5)
//   a3 王五: lead only 5,4,4,5 | 4 → 4.5 / 4 → lead_goose
//   a4 赵六: self only 2,3,3,2 | 3.5 → 2.5 / 3.5 (≥ 3.5 is high) → base_strengthening
//   a5 孙七: lead 2 | 2.5, self 3 | 3 → ability 2.4, cognition 0.6·2.5+0.4·3 = 2.7 → tail_off
//   a6 周八: lead only 4 | 3 → soul_forging;  a7 吴九: self only 3 | 4 → base_strengthening
// Team t2 uses the median: b1 3/3, b2 4/2, b3 2/4 → medians ability 3, cognition 3 →
//   b1 lead_goose (3 ≥ 3 on both), b2 soul_forging, b3 base_strengthening.
import { beforeEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});

describe('own quadrant (agent)', () => {
  it('gives the agent their own quadrant with scores, strongest/weakest and blind spots, privately', async () => {
    const reply = await h.say('a2', '我在哪个象限');
    expect(reply.intent).toBe('quadrant');
    expect(reply.visibility).toBe('private');
    expect(reply.data).toMatchObject({ quadrant: 'base_strengthening', ability: 2.9, cognition: 4, strongest: 'occupational_identity', weakest: 'answering_skills' });
    expect(reply.data.blindSpots).toEqual([{ dimension: 'answering_skills', self: 3.5, lead: 2, gap: 1.5 }]);
    // Encouraging, with the programme's agent-facing name and concrete next steps; no lead-facing names.
    expect(reply.title).toContain('潜力成长');
    expect(reply.text).toContain('可贵');
    expect(reply.text).toContain('能力成长计划');
    expect(reply.text).toContain('应答技巧');
    expect(reply.text).not.toMatch(/强基|脱尾|铸魂/);
  });

  it('phrases tail_off as a growth focus, never the programme name', async () => {
    const reply = await h.say('a5', '我在哪个象限');
    expect(reply.data).toMatchObject({ quadrant: 'tail_off', ability: 2.4, cognition: 2.7 });
    expect(reply.text).toContain('成长聚焦');
    expect(reply.text).not.toMatch(/脱尾|tail/i);
    const en = await h.say('a5', 'which quadrant am I in', { locale: 'en' });
    expect(en.text).toMatch(/growth focus/i);
    expect(en.text).not.toMatch(/tail/i);
  });

  it('an agent cannot see another agent\'s quadrant or the team\'s', async () => {
    const other = await h.say('a2', '张三的象限');
    expect(other.error?.kind).toBe('not_allowed');
    expect(other.text).not.toContain('4.55');
    const team = await h.say('a2', '团队四象限');
    expect(team.error?.kind).toBe('not_allowed');
    expect(team.data.members).toBeUndefined();
  });

  it('in a shared channel the reply stays private and the public note has no names or scores', async () => {
    const reply = await h.say('a1', '我在哪个象限', { shared: true, kind: 'slack' });
    expect(reply.visibility).toBe('private');
    const note = reply.data.publicNote as string;
    expect(note).toBeTruthy();
    expect(note).not.toMatch(/\d/);
    expect(note).not.toMatch(/头雁|标杆|张三|quadrant/i);
  });
});

describe('team quadrant (lead)', () => {
  it('returns the team table, members data and a PNG chart, privately', async () => {
    const reply = await h.say('l1', '团队四象限');
    expect(reply.visibility).toBe('private');
    const members = reply.data.members as Array<{ agent: string; quadrant: string; ability: number; cognition: number }>;
    const byId = Object.fromEntries(members.map((m) => [m.agent, m]));
    expect(Object.keys(byId).sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7']);
    expect(byId.a1).toMatchObject({ quadrant: 'lead_goose', ability: 4.55, cognition: 4.4 });
    expect(byId.a2).toMatchObject({ quadrant: 'base_strengthening', ability: 2.9, cognition: 4 });
    expect(byId.a3).toMatchObject({ quadrant: 'lead_goose', ability: 4.5, cognition: 4 });
    expect(byId.a4).toMatchObject({ quadrant: 'base_strengthening', ability: 2.5, cognition: 3.5 });
    expect(byId.a5).toMatchObject({ quadrant: 'tail_off', ability: 2.4, cognition: 2.7 });
    expect(byId.a6).toMatchObject({ quadrant: 'soul_forging', ability: 4, cognition: 3 });
    expect(byId.a7).toMatchObject({ quadrant: 'base_strengthening', ability: 3, cognition: 4 });
    // The lead's table uses the programme names.
    expect(reply.text).toContain('头雁 2');
    expect(reply.text).toContain('脱尾 1');
    const png = Buffer.from(reply.chart?.pngBase64 ?? '', 'base64');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  }, 30_000);

  it('uses the team median when the team is set to "median"', async () => {
    const reply = await h.say('l2', 'team quadrant', { locale: 'en' });
    expect(reply.data.threshold).toEqual({ ability: 3, cognition: 3 });
    const q = Object.fromEntries((reply.data.members as Array<{ agent: string; quadrant: string }>).map((m) => [m.agent, m.quadrant]));
    expect(q).toEqual({ b1: 'lead_goose', b2: 'soul_forging', b3: 'base_strengthening' });
  }, 30_000);

  it('a lead sees one member of their team with the programme actions; not a member of another team', async () => {
    const reply = await h.say('l1', '孙七的象限');
    expect(reply.data).toMatchObject({ agent: 'a5', quadrant: 'tail_off' });
    expect(reply.text).toContain('脱尾');
    expect(reply.visibility).toBe('private');
    const other = await h.say('l1', '钱一的象限');
    expect(other.error?.kind).toBe('input'); // reported as unknown: names of other teams do not leak
    expect(other.data.quadrant).toBeUndefined();
  });

  it('cross-tenant: the same lead id in another tenant sees only that tenant\'s team', async () => {
    const reply = await h.say('l1', '团队四象限', { tenant: 'T2' });
    expect((reply.data.members as Array<{ agent: string }>).map((m) => m.agent)).toEqual(['z1']);
    const t1Member = await h.say('l1', '张三的象限', { tenant: 'T2' });
    expect(t1Member.error?.kind).toBe('input');
    expect(JSON.stringify(t1Member)).not.toContain('4.55');
  }, 30_000);
});
