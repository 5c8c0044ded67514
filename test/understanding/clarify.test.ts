// Clarify in the console (numbered options typed back) through the real engine: the choice continues the
// original message with its arguments; a new question instead of a number is answered as itself.
import { beforeEach, describe, expect, it } from 'vitest';
import { TextRenderer } from '../../src/channels/console/textRenderer';
import { createEngine, type LingyanEngine } from '../../src/core/lingyanEngine';
import type { MemoryStore } from '../../src/store/memory';
import { consoleSay, seededStore } from '../helpers/console';
import { fixedUnderstanding, PLAN_OR_PROGRESS } from '../helpers/fixedUnderstanding';

let store: MemoryStore;

function sayWith(engine: LingyanEngine) {
  const sayAs = consoleSay(() => engine, new Date('2026-03-04T09:00:00+08:00'));
  return (text: string) => sayAs('a1', text);
}

beforeEach(async () => {
  store = await seededStore('test/fixtures/plan-basic.json');
});

describe('clarify', () => {
  it('lists numbered options in the console, and "2" answers the original message as the second reading', async () => {
    const say = sayWith(createEngine({ store, understanding: PLAN_OR_PROGRESS }));
    const ask = await say('这个月怎么样');
    expect(ask.intent).toBe('clarify');
    expect(ask.data.options).toEqual([
      { intent: 'plan', label: expect.any(String) },
      { intent: 'progress', label: expect.any(String) },
    ]);
    const shown = new TextRenderer().render(ask);
    expect(shown).toMatch(/1\. .+\n2\. .+/);
    const answer = await say('2');
    // Progress by hand (test/core/engine.test.ts): 45000 achieved against 40909.09 expected → ahead.
    expect(answer.intent).toBe('progress');
    expect(answer.data.status).toBe('ahead');
    // The dialogue is over: "2" again is a bare value, not a choice.
    expect((await say('2')).intent).not.toBe('progress');
  });

  it('keeps the arguments of the original message (a logged number) for the chosen reading', async () => {
    const say = sayWith(createEngine({ store, understanding: fixedUnderstanding([['log_activity', 0.46], ['calls_today', 0.44], ['coach', 0.1]]) }));
    const ask = await say('今天又打了85个电话');
    expect(ask.intent).toBe('clarify');
    const logged = await say('1');
    expect(logged.intent).toBe('log_activity');
    const march = await store.getActivity('T1', 'a1', '2026-03');
    // plan-basic already holds 30 calls on the 4th; the chosen reading adds the message's 85 ("又"): 30 + 85 = 115.
    expect(march.find((d) => d.date === '2026-03-04')?.calls).toBe(115);
  });

  it('answers a new question typed instead of a number, and drops the options', async () => {
    // One engine for the whole exchange, with the trained model: the clarify comes from a fixed ranking first.
    await sayWith(createEngine({ store, understanding: PLAN_OR_PROGRESS }))('这个月怎么样');
    const say = sayWith(createEngine({ store }));
    const other = await say('今天要打多少个电话');
    expect(other.intent).toBe('calls_today');
    // The options were dropped: a "1" now is not taken as a choice.
    expect((await say('1')).intent).not.toBe('plan');
  });
});

describe('a coaching reading of a message with two or more of the day\'s figures', () => {
  // The model is sure it is coaching (0.9): the figures alone make Lingyan ask instead of answering.
  const COACH = fixedUnderstanding([['coach', 0.9], ['log_activity', 0.05], ['progress', 0.05]]);

  it('is asked back (log or coaching), and "1" logs the figures of the original message', async () => {
    const say = sayWith(createEngine({ store, understanding: COACH }));
    const ask = await say('嗯那个 今天打了七十来通吧 接通二十五 成了一单 唉');
    expect(ask.intent).toBe('clarify');
    expect((ask.data.options as { intent: string }[]).map((o) => o.intent)).toEqual(['log_activity', 'coach']);
    const before = (await store.getActivity('T1', 'a1', '2026-03')).find((d) => d.date === '2026-03-04');
    const logged = await say('1');
    // 七十来通 is an estimate: nothing is saved, the exact figure is asked for.
    expect(logged.error?.key).toBe('error.range_value');
    expect((await store.getActivity('T1', 'a1', '2026-03')).find((d) => d.date === '2026-03-04')).toEqual(before);
  });

  it('logs exact figures once chosen: 70 calls, 25 connects, 1 deal added to the day', async () => {
    const say = sayWith(createEngine({ store, understanding: COACH }));
    const before = (await store.getActivity('T1', 'a1', '2026-03')).find((d) => d.date === '2026-03-04');
    expect((await say('今天又打了七十通 接通二十五 成了一单')).intent).toBe('clarify');
    expect((await say('1')).intent).toBe('log_activity');
    const after = (await store.getActivity('T1', 'a1', '2026-03')).find((d) => d.date === '2026-03-04');
    expect(after?.calls).toBe((before?.calls ?? 0) + 70);
    expect(after?.connects).toBe((before?.connects ?? 0) + 25);
    expect(after?.deals).toBe((before?.deals ?? 0) + 1);
  });

  it('with one figure or none stays coaching', () => {
    for (const text of ['打了100个电话一个都没成怎么办', '客户说利率太高怎么办']) {
      expect(COACH.offline(text, { today: '2026-03-04' }).intent, text).toBe('coach');
    }
  });
});

