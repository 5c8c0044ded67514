// Huddle praise is measured against max(month's first target, current target) (issue 25 item 6a): a
// target lowered mid-month never makes someone the star of the morning huddle; a raised one counts.
// Run against both stores (memory and Redis), since the first target is the store's record.
//
// By hand, from coaching-fixture.ts with 赵六 (a4) selling 17,400 a day instead of 26,000. Today is Wed
// 18 March 2026: 12 of March's 22 working days have passed. Base 3,000, commission 2 %:
//   income 12,000 → S = (12,000 − 3,000) / 0.02 = 450,000; expected = 450,000 × 12/22 = 245,454.55
//   income 10,000 → S = (10,000 − 3,000) / 0.02 = 350,000; expected = 350,000 × 12/22 = 190,909.09
//   income 13,000 → S = (13,000 − 3,000) / 0.02 = 500,000; expected = 500,000 × 12/22 = 272,727.27
// 赵六 month to date 17,400 × 12 = 208,800: against 12,000 → 0.851 (behind); against 10,000 → 1.094 (ahead).
// 张三 246,000: against 12,000 → 1.002 (on track); against 13,000 → 0.902 (behind).
// The focus is the connect rate (huddle.test.ts). Month-to-date connect rates: 赵六 (40 × 10 + 35 × 2) /
// 1,200 = 470 / 1,200 = 39.2 %, 张三 (40 × 10 + 25 × 2) / 1,200 = 450 / 1,200 = 37.5 %.
import { describe, expect, it } from 'vitest';
import { registerCoaching } from '../../src/coaching/register';
import { praiseTarget } from '../../src/coaching/teamDiagnosis';
import { createEngine } from '../../src/core/lingyanEngine';
import type { Reply } from '../../src/core/reply';
import { silentLogger } from '../../src/logger';
import type { Fixture } from '../../src/store/fixture';
import { MemoryStore } from '../../src/store/memory';
import type { Store } from '../../src/store/store';
import { useRedisNamespace } from '../helpers/redis';
import { coachingFixture, NOW } from './coaching-fixture';

const ns = useRedisNamespace();

function fixture(): Fixture {
  const f = coachingFixture();
  return { ...f, activity: f.activity.map((a) => (a.agent === 'a4' ? { ...a, sales: 17400 } : a)) };
}

type Shout = { agent: string; metric: string; value: number } | null;

const stores: Array<[string, () => Promise<Store>]> = [
  ['memory', async () => new MemoryStore()],
  ['redis', () => ns.store()],
];

describe.each(stores)('huddle praise against the month\'s first target (%s store)', (_name, makeStore) => {
  let tenant = 0;
  async function setup(change: (store: Store, t: string) => Promise<void>) {
    const store = await makeStore();
    const t = `P${++tenant}`;
    await store.seed(t, fixture());
    await change(store, t);
    const engine = createEngine({ store });
    registerCoaching(engine, { llm: null, logger: silentLogger });
    return async (locale?: string): Promise<Reply> =>
      engine.handle({
        tenant: t,
        user: { platform: 'console', id: 'l1' },
        text: locale === 'en' ? "coaching prompt for today's huddle" : '给早会出个辅导话题',
        now: NOW,
        ...(locale ? { locale } : {}),
        channel: { kind: 'console', shared: true, conversationId: 'team-channel' },
      });
  }

  it('does not praise a member who is on pace only against a target lowered mid-month', async () => {
    // Without the lowering, 赵六 is behind (0.851) and 张三 is the only candidate.
    const huddle = await setup(async (store, t) => {
      await store.putGoal(t, { agent: 'a4', month: '2026-03', incomeTarget: 10000 }); // 12,000 → 10,000 on the 18th
    });
    const reply = await huddle();
    expect(reply.intent).toBe('huddle');
    expect(reply.data.focus).toBe('connectRate');
    // 赵六 would win on 39.2 % against 张三's 37.5 % had the lowered target counted.
    expect((reply.data.shoutOut as Shout)?.agent).toBe('a1');
    expect((reply.data.shoutOut as Shout)?.value).toBeCloseTo(450 / 1200, 9);
    expect(reply.text).toContain('为张三点赞');
    expect(reply.text).not.toContain('赵六');
    const en = await huddle('en');
    expect(en.text).toContain('A shout-out to 张三');
    expect(en.text).not.toContain('赵六');
  });

  it('a raised target counts: 张三 at 13,000 is behind (0.902) and nobody is praised', async () => {
    const huddle = await setup(async (store, t) => {
      await store.putGoal(t, { agent: 'a4', month: '2026-03', incomeTarget: 10000 });
      await store.putGoal(t, { agent: 'a1', month: '2026-03', incomeTarget: 13000 });
    });
    const reply = await huddle();
    expect(reply.data.shoutOut).toBeNull();
    expect(reply.text).not.toContain('张三');
    expect(reply.text).not.toContain('赵六');
  });

  it('lowering never costs earned praise: on pace against the first target, still praised', async () => {
    // 张三 lowers 12,000 → 10,000: the bar stays max(12,000, 10,000) = 12,000, where he is on track
    // (1.002), so he is praised as before (37.5 %; 赵六 is behind and never named).
    const huddle = await setup(async (store, t) => {
      await store.putGoal(t, { agent: 'a1', month: '2026-03', incomeTarget: 10000 });
    });
    const reply = await huddle();
    expect((reply.data.shoutOut as Shout)?.agent).toBe('a1');
    expect(reply.text).not.toContain('赵六');
  });
});

describe('praiseTarget', () => {
  it('is max(initial, current); a goal without a recorded first target uses its current one', () => {
    expect(praiseTarget({ incomeTarget: 10000, initialIncomeTarget: 12000 })).toBe(12000);
    expect(praiseTarget({ incomeTarget: 13000, initialIncomeTarget: 12000 })).toBe(13000);
    expect(praiseTarget({ incomeTarget: 9000 })).toBe(9000);
    expect(praiseTarget(null)).toBeNull();
  });
});
