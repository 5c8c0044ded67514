// The set_goal dialogue as a busy agent types it (tester's report): a figure named by its keyword
// ("底薪3500") answers the question it belongs to and keeps what was typed before; the question's own
// "skip" keeps the value on record (the model alone reads a bare "skip" as the reminders' settings); a
// dialogue left half-way says the goal was not saved; an acknowledgement the model happens to read as
// set_goal opens nothing; and a bare amount right after a target suggestion (or "no target yet") is the target.
//
// test/fixtures/plan-basic.json, 2026-03-04: a1 (张三, zh-CN) and e1 (Emma, en) each have base salary 3,000,
// a flat 2% commission and a March income target of 12,000; l1 (王芳) leads their team. a1's best month
// is 600,000 of sales, so a target needs more than 3 × 600,000 = 1,800,000 of sales to be confirmed
// first; an income at or below the base is always confirmed first.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type LingyanEngine } from '../../../src/core/lingyanEngine';
import { registerNudges } from '../../../src/nudges/preferences';
import { getDialog } from '../../../src/store/dialogs';
import type { MemoryStore } from '../../../src/store/memory';
import { hasGoal, mentionsGoal, parseBareAmount, parseGoal } from '../../../src/understanding/entities/goal';
import { consoleSay, seededStore } from '../../helpers/console';
import { fixedUnderstanding } from '../../helpers/fixedUnderstanding';

const MARCH_4 = new Date('2026-03-04T09:00:00+08:00');
let store: MemoryStore;
let engine: LingyanEngine;
const sayAs = consoleSay(() => engine, MARCH_4);
const say = (text: string) => sayAs('a1', text);
const sayEn = (text: string) => sayAs('e1', text, 'en');
const goalOf = async (agent: string, month = '2026-03') => (await store.getGoal('T1', agent, month))?.incomeTarget;
const agent = async (id: string) => (await store.getAgent('T1', id))!;

beforeEach(async () => {
  store = await seededStore('test/fixtures/plan-basic.json');
  engine = createEngine({ store });
  // As in the running app: with the reminders registered, "skip" has a handler of its own to be taken by.
  registerNudges(engine);
});

describe('a figure named by its keyword answers the dialogue (bug 1)', () => {
  it('"设定目标" → "18000" → "底薪3500" → "跳过" saves 18,000 with a base of 3,500', async () => {
    expect((await say('设定目标')).data.awaiting).toBe('income');
    expect((await say('18000')).data.awaiting).toBe('base');
    const base = await say('底薪3500');
    // The base is answered, so the commission is asked next, and what is kept so far is shown.
    expect(base.data.awaiting).toBe('commission');
    expect(base.text).toContain('记下了:收入 18,000、底薪 3,500。');
    // Nothing is stored before the last answer: still the fixture's 12,000 and 3,000.
    expect(await goalOf('a1')).toBe(12000);
    expect((await agent('a1')).baseSalary).toBe(3000);

    const done = await say('跳过');
    expect(done.intent).toBe('set_goal');
    expect(done.text).toContain('收入 18,000(底薪 3,500,提成 2%)');
    expect(await goalOf('a1')).toBe(18000);
    expect((await agent('a1')).baseSalary).toBe(3500);
    expect((await agent('a1')).commission).toEqual({ type: 'flat', rate: 0.02 });
    // Commission to earn = 18,000 − 3,500 = 14,500; at 2% that is 14,500 / 0.02 = 725,000 of sales.
    expect((done.data.plan as { salesTarget: number }).salesTarget).toBe(725000);
    expect(await getDialog(store, 'T1', 'a1')).toBeNull();
  });

  it('"底薪3500" while the income is asked is kept, the income asked again, and the base not asked twice', async () => {
    await say('设定目标');
    const first = await say('底薪3500');
    expect(first.data.awaiting).toBe('income');
    expect(first.text).toContain('记下了:底薪 3,500。');
    expect((await say('18000')).data.awaiting).toBe('commission');
    const done = await say('3%');
    // (18,000 − 3,500) / 3% = 14,500 / 0.03 = 483,333.33 → 483,334 (a sales target is rounded up).
    expect(done.data).toMatchObject({ incomeTarget: 18000, baseSalary: 3500, commission: { type: 'flat', rate: 0.03 } });
    expect((done.data.plan as { salesTarget: number }).salesTarget).toBe(483334);
    expect((await agent('a1')).commission).toEqual({ type: 'flat', rate: 0.03 });
  });

  it('"18000,底薪3500" answers the income question with both figures; "目标改成两万" later replaces the income', async () => {
    await say('设定目标');
    expect((await say('18000,底薪3500')).data.awaiting).toBe('commission');
    const changed = await say('目标改成两万');
    expect(changed.data.awaiting).toBe('commission');
    expect(changed.text).toContain('收入 20,000、底薪 3,500');
    const done = await say('跳过');
    // (20,000 − 3,500) / 2% = 16,500 / 0.02 = 825,000.
    expect(done.data).toMatchObject({ incomeTarget: 20000, baseSalary: 3500 });
    expect((done.data.plan as { salesTarget: number }).salesTarget).toBe(825000);
  });
});

describe('"skip" keeps the value on record (bug 2)', () => {
  it('"set my income target" → "15k" → "skip" → "skip" saves 15,000 with the recorded base and rate', async () => {
    const replies = [];
    for (const text of ['set my income target', '15k', 'skip', 'skip']) replies.push(await sayEn(text));
    expect(replies.map((r) => r.intent)).toEqual(['set_goal', 'set_goal', 'set_goal', 'set_goal']);
    expect(replies.map((r) => r.data.awaiting)).toEqual(['income', 'base', 'commission', undefined]);
    expect(replies[3].text).toContain('income 15,000 (base 3,000, commission 2%)');
    expect(await goalOf('e1')).toBe(15000);
    expect((await agent('e1')).baseSalary).toBe(3000);
    // The reminders were not touched by the skips.
    expect(await store.getDoc('T1', 'nudge_prefs', 'e1')).toBeNull();
  });

  it('"keep" and "same" do the same; (15,000 − 3,000) / 2% = 600,000 of sales', async () => {
    for (const text of ['set my income target', '15k', 'keep']) await sayEn(text);
    const done = await sayEn('same');
    expect(done.data).toMatchObject({ incomeTarget: 15000, baseSalary: 3000, commission: { type: 'flat', rate: 0.02 } });
    expect((done.data.plan as { salesTarget: number }).salesTarget).toBe(600000);
  });
});

describe('a dialogue left half-way says the goal was not saved (bug 3)', () => {
  it('the answer to the new question carries one line, and the message (and button) that saves the draft', async () => {
    await say('设定目标');
    await say('18000');
    const today = await say('今天要打多少个电话');
    expect(today.intent).toBe('calls_today');
    // With the stored 12,000: S = (12,000 − 3,000) / 2% = 450,000; remaining 450,000 − 45,000 = 405,000 →
    // deals ceil(405,000 / 15,000) = 27, connects ceil(27 / 0.05) = 540, calls ceil(540 / 0.4) = 1,350,
    // today ceil(1,350 / 20) = 68.
    expect(today.data.callsToday).toBe(68);
    expect(today.text.split('\n')).toContain('(刚才设到一半的目标没有保存;要保存,发“目标18000”。)');
    const save = today.actions?.find((a) => a.id === 'save_goal');
    expect(save).toMatchObject({ intent: 'set_goal', text: '目标18000', label: '保存目标 18,000' });
    expect(await goalOf('a1')).toBe(12000);
    expect(await getDialog(store, 'T1', 'a1')).toBeNull();

    // The button's message saves it in one go.
    const saved = await say(save!.text!);
    expect(saved.intent).toBe('set_goal');
    expect(await goalOf('a1')).toBe(18000);
  });

  it('the base typed so far is in the message that saves it; in English too', async () => {
    for (const text of ['set my income target', '18k', 'base 3500']) await sayEn(text);
    const other = await sayEn('how am I doing this month?');
    expect(other.intent).not.toBe('set_goal');
    expect(other.text).toContain('(The target you were setting was not saved; to save it, send "income target 18000 base 3500".)');
    await sayEn('income target 18000 base 3500');
    expect(await goalOf('e1')).toBe(18000);
    expect((await agent('e1')).baseSalary).toBe(3500);
  });

  it('left before any figure: only the short line; a target waiting for "yes" is also not saved', async () => {
    await say('设定目标');
    const plan = await say('这个月的计划');
    expect(plan.text.split('\n')).toContain('(刚才设到一半的目标没有保存。)');

    // 2,000 ≤ base 3,000: asked before saving, then left.
    await say('这个月我想拿2000');
    const left = await say('今天要打多少个电话');
    expect(left.text).toContain('(刚才设到一半的目标没有保存;要保存,发“目标2000”。)');
    expect(await goalOf('a1')).toBe(12000);
  });
});

describe('an acknowledgement read as set_goal opens no dialogue (bug 4)', () => {
  // Whatever the trained model thinks of these words, this one reads every message as set_goal (p = 0.5):
  // the handler, not the corpus, decides that a goal reading with no figure and no goal word asks nothing.
  const SET_GOAL_READING = fixedUnderstanding([['set_goal', 0.5], ['help', 0.3], ['coach', 0.2]]);

  it('"收到" / "ok" / "thanks" get a short friendly line and no question; "85" next is no target', async () => {
    engine = createEngine({ store, understanding: SET_GOAL_READING });
    for (const [text, locale] of [['收到', 'zh-CN'], ['好的', 'zh-CN'], ['ok', 'en'], ['thanks', 'en']] as const) {
      const reply = await sayAs(locale === 'en' ? 'e1' : 'a1', text, locale);
      expect(reply.data.awaiting, text).toBeUndefined();
      expect(reply.text, text).toBe(locale === 'en' ? '👍 If you meant to set this month\'s target, just say "set my income target".' : '好的 👍 如果是想设定本月目标,说“设定目标”就行。');
    }
    expect(await getDialog(store, 'T1', 'a1')).toBeNull();
    expect(await getDialog(store, 'T1', 'e1')).toBeNull();
    await say('85');
    expect(await goalOf('a1')).toBe(12000);
  });

  it('with the same reading, "设定目标" and "/coach goal" still open the dialogue', async () => {
    engine = createEngine({ store, understanding: SET_GOAL_READING });
    expect((await say('设定目标')).data.awaiting).toBe('income');
    engine = createEngine({ store });
    expect((await say('/coach goal')).data.awaiting).toBe('income');
  });

  it('the real model: "收到" then "85" saves nothing and asks nothing about 85', async () => {
    const ack = await say('收到');
    expect(ack.data.awaiting).toBeUndefined();
    const next = await say('85');
    expect(next.text).not.toContain('85 不高于你的底薪');
    expect(await goalOf('a1')).toBe(12000);
  });

  it('every set_goal line of the corpus with no figure names the goal, so real requests still open it', () => {
    for (const file of ['corpus/intents/set_goal.txt', 'corpus/intents/heldout/set_goal.txt']) {
      const lines = readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
      for (const line of lines) if (!hasGoal(parseGoal(line, { bareIsIncome: true }))) expect(mentionsGoal(line), line).toBe(true);
    }
  });
});

describe('a bare amount right after a suggestion or "no target yet" is the target (bug 5)', () => {
  it('"设个目标吧" → "15000" saves 15,000', async () => {
    const suggestion = await say('设个目标吧');
    expect(suggestion.intent).toBe('suggest_target');
    const set = await say('15000');
    expect(set.intent).toBe('set_goal');
    // (15,000 − 3,000) / 2% = 600,000 of sales.
    expect(set.data).toMatchObject({ incomeTarget: 15000, baseSalary: 3000 });
    expect((set.data.plan as { salesTarget: number }).salesTarget).toBe(600000);
    expect(await goalOf('a1')).toBe(15000);
  });

  it('only right after: another question in between, and "15000" is no target', async () => {
    await say('设个目标吧');
    expect((await say('今天要打多少个电话')).intent).toBe('calls_today');
    expect((await say('15000')).intent).not.toBe('set_goal');
    expect(await goalOf('a1')).toBe(12000);
  });

  it('a lead\'s suggestion for a member does not make her next bare amount her own target', async () => {
    const suggestion = await sayAs('l1', '张三这个月定多少合适');
    expect(suggestion.data.agent).toBe('a1');
    await sayAs('l1', '15000');
    expect(await goalOf('l1')).toBeUndefined();
    expect(await goalOf('a1')).toBe(12000);
  });

  it('after "no income target yet" (a new month), "1.5万" is April\'s target', async () => {
    const april = consoleSay(() => engine, new Date('2026-04-06T09:00:00+08:00'));
    const today = await april('a1', '今天要打多少个电话');
    expect(today.error?.key).toBe('goal.error.no_target');
    const set = await april('a1', '1.5万');
    expect(set.intent).toBe('set_goal');
    expect(await goalOf('a1', '2026-04')).toBe(15000);
  });

  it('parseBareAmount: a whole message that is one amount, nothing else', () => {
    expect(['15000', '1.5万', '一万五', '15k', '15000元', '¥15,000'].map(parseBareAmount)).toEqual([15000, 15000, 15000, 15000, 15000, 15000]);
    expect(['85个', '今天85', '15000?', '3%', '收到', '18000 底薪3500'].map(parseBareAmount)).toEqual([null, null, null, null, null, null]);
  });
});
