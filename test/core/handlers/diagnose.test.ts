// diagnose on the demo team: a lead reading a member sees the member's name in the stage lines (not "你"),
// and no reply promises to save "about 0 calls".
import { beforeAll, describe, expect, it } from 'vitest';
import { startupFixture } from '../../../src/app/data';
import { registerLeadToolkit } from '../../../src/core/handlers/lead';
import { createEngine, type LingyanEngine } from '../../../src/core/lingyanEngine';
import { MemoryStore } from '../../../src/store/memory';
import { consoleSay } from '../../helpers/console';
import { testClock } from '../../helpers/testClock';

let engine: LingyanEngine;
const say = (user: string, text: string, locale?: string) => consoleSay(() => engine, testClock())(user, text, locale);

beforeAll(async () => {
  const store = new MemoryStore();
  await store.seed('T1', await startupFixture(undefined, testClock(), 'Asia/Shanghai'));
  engine = createEngine({ store });
  registerLeadToolkit(engine);
});

describe('diagnose', () => {
  it('a lead reading 陈静 sees "陈静 129 / 团队" style lines, never "你"', async () => {
    const reply = await say('l1', '陈静哪里需要提升');
    expect(reply.intent).toBe('diagnose');
    expect((reply.data as { agent?: string }).agent).toBe('a4');
    const stageLines = reply.text.split('\n').filter((line) => line.includes(' / 团队 '));
    expect(stageLines.length).toBeGreaterThan(0);
    for (const line of stageLines) {
      expect(line).toContain('陈静 ');
      expect(line).not.toContain('你 ');
    }
  });

  it('an agent reads "你"; no agent of the team is promised "约 0 个电话" / "about 0 calls"', async () => {
    expect((await say('a1', '我哪里需要提升')).text).toContain(':你 ');
    for (const agent of ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8']) {
      for (const locale of ['zh-CN', 'en']) {
        const reply = await say(agent, locale === 'en' ? 'where do I need to improve' : '我哪里需要提升', locale);
        expect(reply.text, `${agent} ${locale}`).not.toMatch(/约 0 个电话|about 0 calls/);
      }
    }
  });
});
