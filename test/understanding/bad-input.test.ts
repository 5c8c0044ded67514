// Bad input at the front door, through the engine: a short, polite answer in the person's locale, never
// a crash, never a different question answered silently.
import { beforeEach, describe, expect, it } from 'vitest';
import { registerCoaching } from '../../src/coaching/register';
import { createEngine, type LingyanEngine } from '../../src/core/lingyanEngine';
import { silentLogger } from '../../src/logger';
import type { MemoryStore } from '../../src/store/memory';
import { consoleSay, seededStore } from '../helpers/console';

let engine: LingyanEngine;
let store: MemoryStore;
const sayAs = consoleSay(() => engine, new Date('2026-03-04T09:00:00+08:00'));
const say = (text: string, locale = 'zh-CN') => sayAs('a1', text, locale);

beforeEach(async () => {
  store = await seededStore('test/fixtures/plan-basic.json');
  engine = createEngine({ store });
  registerCoaching(engine, { llm: null, logger: silentLogger });
});

describe('bad input', () => {
  it('empty text gets the help menu', async () => {
    expect((await say('   ')).intent).toBe('help');
  });

  it('only digits or only punctuation: a short "no words" answer in the locale, no numbers logged', async () => {
    for (const [text, locale, phrase] of [['12345', 'zh-CN', '没看到文字'], ['???', 'en', "didn't see any words"]] as const) {
      const reply = await say(text, locale);
      expect(reply.intent, text).toBe('help');
      expect(reply.text, text).toContain(phrase);
      expect(reply.text.length, text).toBeLessThan(120);
    }
  });

  it('a bare value ("85通", "3万", "85 calls" is not one) is named back with what to send; nothing is saved', async () => {
    const before = await store.getActivity('T1', 'a1', '2026-03');
    for (const text of ['85通', '3万']) {
      const reply = await say(text);
      expect(reply.intent, text).toBe('help');
      expect(reply.text, text).toContain(`只收到“${text}”`);
      expect(reply.text, text).toContain('今天打了85个电话');
    }
    expect((await say('85个', 'en')).text).toContain('I only got "85个"');
    expect(await store.getActivity('T1', 'a1', '2026-03')).toEqual(before);
  });

  it('words it does not know ("谢谢") are not called "no words"', async () => {
    const reply = await say('谢谢');
    expect(reply.text).not.toContain('没看到文字');
    expect(reply.text).toContain('帮助');
  });

  it('Japanese or Korean: says which languages it reads, in the locale', async () => {
    expect((await say('今日は何件電話すればいいですか')).text).toContain('中文和英文');
    expect((await say('오늘 전화 몇 통 해야 해요?', 'en')).text).toContain('Chinese and English');
  });

  it('only emoji: a greeting or a polite "no words", never a task', async () => {
    for (const text of ['👋', '😀😀😀']) expect(['help']).toContain((await say(text)).intent);
  });

  it('5,000 characters: answered (understood on its first 2,000), no error', async () => {
    const reply = await say(`客户说利率太高怎么办${'啊'.repeat(4990)}`);
    expect(reply.error).toBeUndefined();
    expect(reply.intent).toBe('coach');
  });
});

describe('malformed values', () => {
  it.each([
    ['这个月我想拿1.2.3万', '1.2.3万'],
    ['今天打了1e3个电话', '1e3'],
    ['每天25点提醒我', '25点'],
  ])('%s: says "%s" is not valid and saves nothing', async (text, value) => {
    const goalBefore = await store.getGoal('T1', 'a1', '2026-03');
    const activityBefore = await store.getActivity('T1', 'a1', '2026-03');
    const reply = await say(text);
    expect(reply.error?.kind).toBe('input');
    expect(reply.text).toContain(`“${value}”`);
    expect(await store.getGoal('T1', 'a1', '2026-03')).toEqual(goalBefore);
    expect(await store.getActivity('T1', 'a1', '2026-03')).toEqual(activityBefore);
  });

  it('reads sales slang as money once the intent is known ("lock in 16k", "9 grand")', async () => {
    // plan-basic: a1 has base 3000 and a flat 2% commission (test/fixtures/plan-basic.json).
    const set = await say('lock in 16k for me this month 🙏', 'en');
    expect(set.intent).toBe('set_goal');
    expect(set.data.incomeTarget ?? (set.data.goal as { incomeTarget?: number } | undefined)?.incomeTarget).toBe(16000);
  });
});
