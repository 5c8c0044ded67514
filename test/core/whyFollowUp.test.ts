// "为什么" / "why" typed after an answer with a number shows that answer's steps (the replies promise it:
// "…或发送“为什么”"), at the instant it was asked; with nothing asked yet it says so; a longer why-question
// is not a follow-up.
import { beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type LingyanEngine } from '../../src/core/lingyanEngine';
import { isBareWhy } from '../../src/understanding/followUps';
import type { MemoryStore } from '../../src/store/memory';
import { consoleSay, seededStore } from '../helpers/console';

let store: MemoryStore;
let engine: LingyanEngine;
const say = consoleSay(() => engine, new Date('2026-03-04T09:00:00+08:00'));

beforeEach(async () => {
  store = await seededStore('test/fixtures/plan-basic.json');
  engine = createEngine({ store });
});

describe('why follow-ups', () => {
  it('recognises the phrases whole, with or without punctuation, and nothing longer', () => {
    for (const text of ['为什么', '为什么?', '为啥？', '怎么算出来的', 'Why?', 'why this number', ' show me the math ']) expect(isBareWhy(text), text).toBe(true);
    for (const text of ['为什么我业绩老是排后面', 'why is my close rate so low', '今天要打多少个电话', '']) expect(isBareWhy(text), text).toBe(false);
  });

  it('"为什么" after "今天要打多少个电话" answers the same number with its steps in plain words', async () => {
    const asked = await say('a1', '今天要打多少个电话');
    expect(asked.intent).toBe('calls_today');
    expect(asked.data.callsToday).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 10)); // the question is remembered without holding up the reply
    const why = await say('a1', '为什么');
    expect(why.intent).toBe('calls_today');
    expect(why.data.whyShown).toBe(true);
    expect(why.data.callsToday).toBe(asked.data.callsToday);
    // The agent's plain steps are in the text, one per line, and no formula notation.
    for (const step of why.whyPlain ?? []) expect(why.text).toContain(step);
    expect(why.whyPlain?.length).toBeGreaterThan(3);
    expect(why.text).not.toMatch(/Σ|ceil\(/);
    expect(why.text).not.toContain('发送“为什么”'); // the hint was followed: it is not repeated
  });

  it('works in English too, and with nothing asked yet says there is nothing to explain', async () => {
    const none = await say('a1', 'why?', 'en');
    expect(none.data.whyShown).toBe(false);
    expect(none.text).toMatch(/ask me something first/);
    await say('a1', 'how many calls today', 'en');
    await new Promise((r) => setTimeout(r, 10));
    const why = await say('a1', 'why', 'en');
    expect(why.data.whyShown).toBe(true);
    expect(why.text).toMatch(/Why this number/);
  });

  it('a longer why-question still goes to its own intent', async () => {
    const reply = await say('a1', '为什么我业绩老是排后面');
    expect(reply.intent).toBe('diagnose');
  });
});
