// The assessment dialogue end to end (one dimension at a time, resumable), the lead assessing a member,
// the 12-dimension form with field errors, and the denied paths.
import { beforeEach, describe, expect, it } from 'vitest';
import { DIMENSIONS } from '../../../../src/domain/quadrant';
import { harness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});

describe('self-assessment dialogue', () => {
  it('asks one dimension at a time with anchors, resumes after an interruption, stores and shows the quadrant', async () => {
    const first = await h.say('a6', '做一次胜任力自评');
    expect(first.intent).toBe('assess');
    expect(first.data).toMatchObject({ dimension: 'professional_knowledge', index: 0, total: 12 });
    expect(first.text).toContain('专业知识');
    expect(first.text).toMatch(/1 = .+\n3 = .+\n5 = .+/);

    // Answers in several forms: "4", "3.5", "四", "跳过".
    expect((await h.say('a6', '4')).data.dimension).toBe('general_knowledge');
    expect((await h.say('a6', '3.5')).data.dimension).toBe('answering_skills');
    const bad = await h.say('a6', '7');
    expect(bad.data.dimension).toBe('answering_skills'); // same question again
    expect(bad.text).toContain('1–5');
    expect((await h.say('a6', '四')).data.dimension).toBe('tool_use');
    expect((await h.say('a6', '跳过')).data.dimension).toBe('occupational_identity');

    // Interruption: another request ends the dialogue, the draft survives.
    const other = await h.say('a6', '我的进度怎么样');
    expect(other.intent).toBe('progress');
    expect(await h.store.listAssessments('T1', 'a6')).toHaveLength(1); // only the fixture's lead rating

    const resumed = await h.say('a6', '继续自评');
    expect(resumed.data).toMatchObject({ dimension: 'occupational_identity', index: 4, answered: 3 });
    expect(resumed.text).toContain('3/12');

    // The 8 cognition dimensions, all 5 except the last skipped.
    let last = resumed;
    for (const answer of ['5', '5', '5', '5', '5', '5', '5', 'skip']) last = await h.say('a6', answer);
    expect(last.intent).toBe('assess');
    expect(last.visibility).toBe('private');
    const stored = await h.store.listAssessments('T1', 'a6');
    expect(stored).toHaveLength(2);
    const self = stored.find((a) => a.rater === 'a6');
    expect(self).toMatchObject({ date: '2026-03-10' });
    expect(self?.scores).toEqual({
      professional_knowledge: 4,
      general_knowledge: 3.5,
      answering_skills: 4,
      occupational_identity: 5,
      work_enthusiasm: 5,
      work_attitude: 5,
      work_style: 5,
      corporate_values: 5,
      service_philosophy: 5,
      logical_thinking: 5,
    });
    // Combined with the lead's (4 | 3): pk 0.6·4+0.4·4 = 4, gk 0.6·4+0.4·3.5 = 3.8, answering 0.6·4+0.4·4 = 4,
    // tool 4 (lead only, skipped) → ability 15.8/4 = 3.95; cognition 7 × (0.6·3+0.4·5 = 3.8) + learning 3 (lead only) = 29.6/8 = 3.7
    // → lead_goose (both ≥ 3.5). Blind spots: self 5 − lead 3 = 2 on the 7 rated cognition dimensions.
    expect(last.data).toMatchObject({ quadrant: 'lead_goose', ability: 3.95, cognition: 3.7 });
    expect((last.data.blindSpots as unknown[]).length).toBe(7);
    // The dialogue and the draft are gone: "4" is no longer an answer.
    expect((await h.say('a6', '4')).intent).not.toBe('assess');
  });

  it('"重新开始" restarts, "取消" cancels without storing', async () => {
    await h.say('a7', 'start my competency self-assessment');
    await h.say('a7', '5');
    const restarted = await h.say('a7', '自评 重新开始');
    expect(restarted.data).toMatchObject({ index: 0 });
    const cancelled = await h.say('a7', '取消');
    expect(cancelled.data.cancelled).toBe('assess');
    expect(await h.store.listAssessments('T1', 'a7')).toHaveLength(1);
  });

  it('skipping everything stores nothing', async () => {
    await h.say('a5', '自评');
    let reply = await h.say('a5', '跳过');
    for (let i = 1; i < DIMENSIONS.length; i++) reply = await h.say('a5', '跳过');
    expect(reply.data.saved).toBeNull();
    expect(await h.store.listAssessments('T1', 'a5')).toHaveLength(2);
  });
});

describe('lead assessing a member', () => {
  it('"给李四做评估" assesses 李四 with rater = the lead', async () => {
    const first = await h.say('l1', '给李四做评估');
    expect(first.data).toMatchObject({ subject: 'a2', index: 0 });
    expect(first.title).toContain('李四');
    let reply = first;
    for (let i = 0; i < DIMENSIONS.length; i++) reply = await h.say('l1', '3');
    const stored = (await h.store.listAssessments('T1', 'a2')).filter((a) => a.rater === 'l1');
    expect(stored.map((a) => a.date)).toEqual(['2026-03-01', '2026-03-10']);
    // Latest lead rating 3 everywhere, self 3,3,3.5,3 | 4: ability (3+3+0.6·3+0.4·3.5+3)/4 = 12.2/4 = 3.05,
    // cognition 0.6·3+0.4·4 = 3.4 → tail_off (lead view, by name).
    expect(reply.data).toMatchObject({ agent: 'a2', quadrant: 'tail_off', ability: 3.05, cognition: 3.4 });
    expect(reply.text).toContain('李四');
  });

  it('"assess Zhang San" style English names work too', async () => {
    await h.store.putAgent('T1', { ...(await h.store.getAgent('T1', 'a3'))!, name: 'Zhang San' });
    const reply = await h.say('l1', 'assess Zhang San', { locale: 'en' });
    expect(reply.data).toMatchObject({ subject: 'a3' });
  });

  it('refuses a member of another team (NotAllowed) and an agent assessing someone else', async () => {
    // 钱一 is in t2, led by l2: outside l1's teams. The name is not visible to l1 either.
    const outside = await h.say('l1', '评估钱一');
    expect(outside.error).toBeDefined();
    expect(outside.data.dialog).toBeUndefined();
    const byAgent = await h.say('a1', '评估李四');
    expect(byAgent.error?.kind).toBe('not_allowed');
  });
});

describe('assess form', () => {
  const all = (score: string) => Object.fromEntries(DIMENSIONS.map((d) => [d, score]));

  it('stores a self-assessment from the form and answers with the quadrant', async () => {
    const result = await h.submit('a5', { ...all('4'), rater_role: 'self' });
    expect(result.ok).toBe(true);
    // Self 4 everywhere now; lead 2 | 2.5 → ability 0.6·2+0.4·4 = 2.8, cognition 0.6·2.5+0.4·4 = 3.1 → tail_off.
    expect(result.reply?.data).toMatchObject({ quadrant: 'tail_off', ability: 2.8, cognition: 3.1 });
  });

  it('reports field errors for scores outside 1–5 or not in halves, writing nothing', async () => {
    const result = await h.submit('a5', { ...all('4'), answering_skills: '6', tool_use: '3.3', general_knowledge: 'abc', rater_role: 'self' });
    expect(result.ok).toBe(false);
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(['answering_skills', 'general_knowledge', 'tool_use']);
    expect(await h.store.listAssessments('T1', 'a5')).toHaveLength(2);
  });

  it('a lead rates a member; assessing outside the team is NotAllowed; an agent cannot be a lead rater', async () => {
    const ok = await h.submit('l1', { ...all('4.5'), subject: 'a7', rater_role: 'lead' });
    expect(ok.ok).toBe(true);
    expect((await h.store.listAssessments('T1', 'a7')).some((a) => a.rater === 'l1')).toBe(true);

    const admin = await h.submit('x1', { ...all('3'), subject: 'b1', rater_role: 'lead' });
    expect(admin.ok).toBe(true);

    const l2OnT1 = await h.submit('l2', { ...all('3'), subject: 'a1', rater_role: 'lead' });
    expect(l2OnT1.ok).toBe(false);
    expect(l2OnT1.fieldErrors?.subject ?? l2OnT1.reply?.error?.kind).toBeTruthy();

    const agentAsLead = await h.submit('a1', { ...all('3'), rater_role: 'lead' });
    expect(agentAsLead.reply?.error?.kind).toBe('not_allowed');
    expect(await h.store.listAssessments('T1', 'a1')).toHaveLength(2);
  });
});
