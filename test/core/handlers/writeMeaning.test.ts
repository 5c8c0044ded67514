// Writes say what the person meant (issue 25, the cases of its "Why" that this session addressed): a
// stated total sets the day instead of adding, "又" adds, "1 sale 8,500" is one deal and 8,500 of sales,
// every log shows before → after, and "明天别提醒我" skips tomorrow instead of stopping reminders for good.
import { beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type LingyanEngine } from '../../../src/core/lingyanEngine';
import { registerNudges } from '../../../src/nudges/preferences';
import { PREFS_KIND } from '../../../src/nudges/planning';
import type { MemoryStore } from '../../../src/store/memory';
import { consoleSay, seededStore } from '../../helpers/console';

// plan-basic: a1 already has 30 calls, 12 connects, 0 deals, 0 sales, 1 prospect on 2026-03-04.
let store: MemoryStore;
let engine: LingyanEngine;
const sayAs = consoleSay(() => engine, new Date('2026-03-04T09:00:00+08:00'));
const say = (text: string, locale = 'zh-CN') => sayAs('a1', text, locale);
const today = async () => (await store.getActivity('T1', 'a1', '2026-03')).find((d) => d.date === '2026-03-04');

beforeEach(async () => {
  store = await seededStore('test/fixtures/plan-basic.json');
  engine = createEngine({ store });
  registerNudges(engine);
});

describe('what a write means', () => {
  it('"今天一共打了120个电话" sets the day to 120 (not 30 + 120), and says 30 → 120', async () => {
    const reply = await say('今天一共打了120个电话');
    expect((await today())?.calls).toBe(120);
    expect(reply.text).toContain('30 → 120');
  });

  it('"so far today 120 calls" does the same in English', async () => {
    await say('so far today 120 calls', 'en');
    expect((await today())?.calls).toBe(120);
  });

  it('"又打了20个" adds: 30 + 20 = 50, shown as 30 → 50', async () => {
    const reply = await say('又打了20个');
    expect((await today())?.calls).toBe(50);
    expect(reply.text).toContain('30 → 50');
  });

  it('"log: 40 dials, 15 connected, 1 sale 8,500" is 40 calls, 15 connects, 1 deal and 8,500 of sales', async () => {
    // Today already has figures, so Lingyan asks "the day's total, or more on top?"; "more" adds.
    expect((await say('log: 40 dials, 15 connected, 1 sale 8,500', 'en')).data.awaiting).toBe('log_mode');
    await say('more', 'en');
    // 30 + 40 = 70 calls, 12 + 15 = 27 connects, 0 + 1 = 1 deal, 0 + 8,500 = 8,500 sales.
    expect(await today()).toMatchObject({ calls: 70, connects: 27, deals: 1, sales: 8500 });
  });

  it('"明天别提醒我了" skips tomorrow: reminders resume on the day after, they are not stopped', async () => {
    const reply = await say('明天别提醒我了');
    expect(reply.intent).toBe('nudges');
    const prefs = await store.getDoc<{ pausedUntil?: string; stopped?: boolean }>('T1', PREFS_KIND, 'a1');
    // today 2026-03-04 + 2 days = 2026-03-06: tomorrow (the 5th) is skipped.
    expect(prefs?.pausedUntil).toBe('2026-03-06');
    expect(prefs?.stopped ?? false).toBe(false);
  });
});

describe('a surprising target is confirmed before it is saved', () => {
  // plan-basic: a1 has base salary 3,000, a flat 2% commission, and a best month of 600,000 in sales.
  it('an income at or below the base salary asks first; "是" saves it, nothing is saved before', async () => {
    const before = await store.getGoal('T1', 'a1', '2026-03');
    const ask = await say('这个月我想拿3000');
    expect(ask.data).toMatchObject({ awaiting: 'confirmation', saved: false });
    expect(ask.text).toContain('底薪');
    expect(await store.getGoal('T1', 'a1', '2026-03')).toEqual(before);
    const yes = await say('是');
    expect(yes.data.incomeTarget).toBe(3000);
    expect((await store.getGoal('T1', 'a1', '2026-03'))?.incomeTarget).toBe(3000);
  });

  it('a figure instead of yes/no is the target meant ("13000"), saved when it is not surprising', async () => {
    await say('这个月我想拿3000');
    await say('13000');
    expect((await store.getGoal('T1', 'a1', '2026-03'))?.incomeTarget).toBe(13000);
  });

  it('a sales target above 3× the best month asks first; "不是" asks for the income again', async () => {
    // 50,000 income → commission 47,000 → sales 47,000 / 0.02 = 2,350,000 > 3 × 600,000 = 1,800,000.
    const before = await store.getGoal('T1', 'a1', '2026-03');
    const ask = await say('这个月我想拿5万');
    expect(ask.data.awaiting).toBe('confirmation');
    const no = await say('不是');
    expect(no.data.awaiting).toBe('income');
    expect(await store.getGoal('T1', 'a1', '2026-03')).toEqual(before);
  });
});

describe('an implausible day is confirmed, and the last log can be undone', () => {
  // plan-basic: a1's best day on record is 2,000 calls / 20 workdays = 100; 3 × 100 = 300 calls allowed.
  it('1,437 calls in one day asks first; "不是" saves nothing', async () => {
    const ask = await say('今天又打了1437个电话'); // "又": on top of the 30 logged
    expect(ask.data).toMatchObject({ awaiting: 'confirmation', saved: false, projectedCalls: 1467 }); // 30 + 1,437
    const no = await say('不是');
    expect(no.data.saved).toBe(false);
    expect((await today())?.calls).toBe(30);
  });

  it('"是" saves the confirmed figures', async () => {
    await say('今天一共打了400个电话');
    await say('是');
    expect((await today())?.calls).toBe(400);
  });

  it('"撤销刚才的记录" takes back the last log: 30 + 50 = 80, undone back to 30', async () => {
    await say('又打了50个');
    expect((await today())?.calls).toBe(80);
    const undone = await say('撤销刚才的记录');
    expect(undone.data.mode).toBe('undo');
    expect((await today())?.calls).toBe(30);
    // Nothing left to undo.
    expect((await say('undo', 'en')).error?.kind).toBe('input');
  });

  it('an absurd figure names the field in the reply\'s language', async () => {
    const reply = await say('今天成交了600单');
    expect(reply.text).toContain('成交');
    expect(reply.text).not.toContain('deals');
  });
});

describe('a figure that cannot be saved is refused, with an example, and nothing is saved (issue 25)', () => {
  it.each([
    ['今天打了28个电话,接通-5', 'zh-CN', 'activity.error.negative', '例如'],
    ['今天打了-5个电话', 'zh-CN', 'activity.error.negative', '例如'],
    ['今天打了34.5个电话,接通8', 'zh-CN', 'activity.error.not_integer', '例如'],
    ['log 2.5 deals', 'en', 'activity.error.not_integer', 'e.g.'],
    ['今天一共打了2500个电话', 'zh-CN', 'activity.error.absurd', '例如'],
    ['log 30 calls tomorrow', 'en', 'activity.error.future_date', 'e.g.'],
    ['undo', 'en', 'activity.undo.nothing', 'e.g.'],
  ])('%s: %s refusal %s, with an example', async (text, locale, key, marker) => {
    const before = await store.getActivity('T1', 'a1', '2026-03');
    const reply = await say(text, locale);
    expect(reply.error?.key).toBe(key);
    expect(reply.text).toContain(marker);
    expect(await store.getActivity('T1', 'a1', '2026-03')).toEqual(before);
  });

  it('"不是" to "that many calls?" says what to send instead', async () => {
    await say('今天又打了1437个电话');
    expect((await say('不是')).text).toContain('例如');
  });
});

describe('reminder settings say what will be sent', () => {
  it('after "不要再提醒我", the settings show the evening check-in as off too', async () => {
    await say('打开下班总结提醒');
    const stopped = await say('不要再提醒我');
    const status = stopped.text.split('\n').find((line) => line.includes('下班')) ?? '';
    expect(status).toContain('关');
    expect(status).not.toContain('开');
  });
});

describe('a bare correction and figures that cannot be right', () => {
  it('"改成118" right after a log corrects that log (calls 80 → 118), not the income target', async () => {
    await say('今天又打了50个电话'); // 30 + 50 = 80
    const goalBefore = await store.getGoal('T1', 'a1', '2026-03');
    const reply = await say('改成118');
    expect(reply.intent).toBe('log_activity');
    expect(reply.text).toContain('80 → 118');
    expect((await today())?.calls).toBe(118);
    expect(await store.getGoal('T1', 'a1', '2026-03')).toEqual(goalBefore);
  });

  it('with no log to correct, "改成118" is still read as a goal (and asked about: 118 is under the base salary)', async () => {
    const reply = await say('目标改成118');
    expect(reply.intent).toBe('set_goal');
    expect(reply.data).toMatchObject({ awaiting: 'confirmation', saved: false });
  });

  it('more connects than calls is asked about before saving: 12 + 1,002 = 1,014 connects vs 30 + 10 = 40 calls', async () => {
    const reply = await say('今天又打了10个电话,接通1002'); // "又": on top of 30 calls, 12 connects
    expect(reply.data).toMatchObject({ awaiting: 'confirmation', saved: false, doubt: 'activity.confirm.ask_connects' });
    expect(reply.text).toContain('1,014');
    expect((await today())?.calls).toBe(30);
    const yes = await say('是');
    expect(yes.intent).toBe('log_activity');
    expect((await today())?.connects).toBe(1014);
  });

  it("one day's sales above the best whole month (600,000) is asked about: 2415万 = 24,150,000", async () => {
    const reply = await say('今天业绩2415万');
    expect(reply.data).toMatchObject({ awaiting: 'confirmation', saved: false, doubt: 'activity.confirm.ask_sales' });
    expect(reply.text).toContain('24,150,000');
    expect((await today())?.sales).toBe(0);
    await say('不是');
    expect((await today())?.sales).toBe(0);
  });
});

describe('a malformed value is never read around', () => {
  it('"1e3个电话" is refused as malformed (nothing logged), not answered as a read or asked back', async () => {
    const reply = await say('1e3个电话');
    expect(reply.error?.key).toBe('error.malformed_value');
    expect(reply.text).toContain('1e3');
    expect((await today())?.calls).toBe(30);
  });
});

describe('a log that restates a figure the day has: the day\'s total, or more on top?', () => {
  it('"今天打了100个电话" after 30: asked, nothing saved; "1" / "一共" sets 100, "2" / "又" makes 130', async () => {
    const ask = await say('今天打了100个电话');
    expect(ask.data).toMatchObject({ awaiting: 'log_mode', saved: false });
    expect(ask.text).toContain('130'); // 30 + 100
    expect((await today())?.calls).toBe(30);
    expect((await say('1')).text).toContain('拨打 30 → 100');
    expect((await today())?.calls).toBe(100);
    await say('今天打了20个电话');
    await say('又'); // 100 + 20
    expect((await today())?.calls).toBe(120);
  });

  it('"不对,业绩是32000" after 30,000 is asked, and "一共" sets 32,000, not 62,000', async () => {
    await say('今天又成交1单,业绩3万'); // sales 0 + 30,000
    await say('不对,业绩是32000');
    // The message may first be asked back (log or diagnose); the log reading then asks total or more.
    let reply = await say('1');
    if (reply.data.awaiting === 'log_mode') reply = await say('一共');
    expect((await today())?.sales).toBe(32000);
  });

  it('a new question instead of an answer is answered, and the log in question is dropped (nothing saved)', async () => {
    await say('今天打了100个电话');
    const other = await say('今天要打多少个电话');
    expect(other.intent).toBe('calls_today');
    expect((await today())?.calls).toBe(30);
  });

  it('a first log of a figure with "一共" says 已记录, not 已更正', async () => {
    const reply = await say('今天一共成交三单,总共四万五');
    expect(reply.text).toContain('已记录');
    expect(reply.text).not.toContain('已更正');
  });
});

describe('a range or an estimate is never saved as one of its figures', () => {
  it('"今天打了三四十个电话" (30–40, not 34) and "30-40个" are refused, calls stay at the 30 already logged', async () => {
    for (const text of ['今天打了三四十个电话', '今天打了30-40个电话']) {
      const reply = await say(text);
      expect(reply.error?.key, text).toBe('error.range_value');
      expect((await today())?.calls, text).toBe(30);
    }
  });

  it('"这个月想拿1-1.2万" sets no goal, and says so in English too', async () => {
    const before = await store.getGoal('T1', 'a1', '2026-03');
    const reply = await say('这个月想拿1-1.2万');
    expect(reply.error?.key).toBe('error.range_value');
    expect(reply.text).toContain('1-1.2万');
    expect(await store.getGoal('T1', 'a1', '2026-03')).toEqual(before);
    const en = await say('log 30 to 40 calls', 'en');
    expect(en.text).toContain('range or an estimate');
    expect((await today())?.calls).toBe(30);
  });
});

describe('"今天" only for today', () => {
  it('"昨天要打多少个电话" names the calendar day before by its date, never as 今天', async () => {
    // plan-basic's today is Wed 2026-03-04: 昨天 is Tue 2026-03-03, a working day.
    const reply = await say('昨天要打多少个电话');
    expect(reply.intent).toBe('calls_today');
    expect(reply.data.date).toBe('2026-03-03');
    expect(reply.text).toContain('3月3日');
    expect(reply.text).not.toContain('今天(');
    expect(reply.text).not.toContain('含今天');
  });
});
