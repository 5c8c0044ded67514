// Mentor capacity as leads say it (issue 25 item 6b), through the engine as a console user: the
// capacity entity (src/understanding/entities/capacity.ts) reads it into args.capacity, the pairing
// respects it and the reply says which capacity it used. Pairs by hand from test/fixtures/lead-team.json
// (team.test.ts): mentors a1, a3; apprentices a2, a4, a7; with 2 each: a1>a2, a1>a4, a3>a7 (20.8).
import { beforeEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});

type Pair = { mentor: string; apprentice: string };

/** Apprentices per mentor in a reply's pairs. */
function loads(pairs: Pair[]): Map<string, number> {
  const load = new Map<string, number>();
  for (const p of pairs) load.set(p.mentor, (load.get(p.mentor) ?? 0) + 1);
  return load;
}

describe('mentor capacity from the message', () => {
  it('"给新人配师傅,每人带2个": at most 2 apprentices per mentor, and the reply says so', async () => {
    const reply = await h.say('l1', '给新人配师傅,每人带2个');
    expect(reply.intent).toBe('mentors');
    expect(reply.data).toMatchObject({ capacity: 2, capacitySource: 'message', unpaired: [] });
    const pairs = reply.data.pairs as Pair[];
    expect(pairs.map((p) => `${p.mentor}>${p.apprentice}`)).toEqual(['a1>a2', 'a1>a4', 'a3>a7']);
    expect(Math.max(...loads(pairs).values())).toBeLessThanOrEqual(2);
    expect(reply.text).toContain('按你的要求，每位师傅最多带 2 人');
  });

  it.each([
    ['每个师傅带两个,帮我配对师徒', 'zh-CN', 2],
    ['帮我配对师徒,一带二', 'zh-CN', 2],
    ['suggest mentor pairs, 2 each', 'en', 2],
    ['suggest mentor pairs, max 3 mentees per mentor', 'en', 3],
    ['pair mentors, each mentor takes 2', 'en', 2],
    ['/coach mentors 2', 'en', 2],
  ])('%s → capacity %s', async (text, locale, capacity) => {
    const reply = await h.say('l1', text, { locale });
    expect(reply.intent).toBe('mentors');
    expect(reply.data.capacity).toBe(capacity);
    expect(Math.max(...loads(reply.data.pairs as Pair[]).values())).toBeLessThanOrEqual(capacity);
    if (locale === 'en') expect(reply.text).toContain(`as you asked, each mentor takes at most ${capacity}`);
  });

  it('without a capacity: the default 1, said as such; an unusable one is refused in words', async () => {
    const reply = await h.say('l1', '帮我配对师徒');
    expect(reply.data).toMatchObject({ capacity: 1, capacitySource: 'default', unpaired: ['a7'] });
    expect(reply.text).toContain('每位师傅最多带 1 人');
    expect(reply.text).not.toContain('按你的要求');
    const zero = await h.say('l1', '帮我配对师徒,每人带0个');
    expect(zero.data.pairs).toBeUndefined();
    expect(zero.text).toContain('每位师傅带教人数需为正整数');
  });
});
