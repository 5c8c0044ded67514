// A lead asks about a member by name, through the engine on the demo-like lead fixture: every reply about
// someone's numbers carries data.agent and names that person; a name outside the lead's teams is "not
// found", an agent asking about a colleague is refused — never the asker's own data.
import { beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type LingyanEngine } from '../../src/core/lingyanEngine';
import { registerLeadToolkit } from '../../src/core/handlers/lead';
import type { MemoryStore } from '../../src/store/memory';
import { consoleSay, seededStore } from '../helpers/console';

let store: MemoryStore;
let engine: LingyanEngine;
const say = consoleSay(() => engine, new Date('2026-11-18T09:00:00+08:00')); // a Wednesday inside the demo month

beforeEach(async () => {
  store = await seededStore('fixtures/demo-team.json');
  engine = createEngine({ store });
  registerLeadToolkit(engine);
});

describe('a lead asking about a member by name', () => {
  it.each([
    ['杨磊哪里需要提升', 'diagnose', 'a5', '杨磊'],
    ['杨 磊这个月进度怎么样', 'progress', 'a5', '杨磊'],
    ['how is Yang Lei doing this month', 'progress', 'a5', '杨磊'],
    ['刘阳今天要打多少个电话', 'calls_today', 'a3', '刘洋'],
    ['a7 的进度', 'progress', 'a7', '黄晓明'],
  ])('%s → %s about %s, named in the text', async (text, intent, agent, name) => {
    const reply = await say('l1', text);
    expect(reply.intent).toBe(intent);
    expect(reply.data.agent).toBe(agent);
    expect(reply.text).toContain(name);
  });

  it('answers "not found in your team" for someone of another team, never with the lead\'s own data', async () => {
    for (const text of ['吴昊哪里需要提升', 'how is Wu Hao doing', '王小二这个月进度']) {
      const reply = await say('l1', text);
      expect(reply.data.agent, text).toBeUndefined();
      expect(reply.error?.kind, text).toBeDefined();
    }
  });

  it('refuses an agent who asks about a colleague', async () => {
    const reply = await say('a1', '杨磊哪里需要提升');
    expect(reply.data.agent).toBeUndefined();
    expect(reply.error?.kind).toBe('not_allowed');
  });

  it('asks which one when two members share a name, and the choice answers about that person', async () => {
    const twin = { ...(await store.getAgent('T1', 'a2'))!, id: 'a9', name: '李娜', slack: undefined, teams: undefined };
    await store.putAgent('T1', twin);
    const ask = await say('l1', '李娜这个月进度怎么样');
    expect(ask.intent).toBe('clarify');
    const options = ask.data.options as { agent: string }[];
    expect(options.map((o) => o.agent).sort()).toEqual(['a2', 'a9']);
    const chosen = await say('l1', String(options.findIndex((o) => o.agent === 'a2') + 1));
    expect(chosen.intent).toBe('progress');
    expect(chosen.data.agent).toBe('a2');
  });
});
