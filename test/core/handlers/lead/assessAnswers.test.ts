// Assessment answers as people type them, through the engine (issue 25 item 6c): while the dialogue is
// open, "三分吧", "3.5分", "four" and the like are scores for the question asked, not new requests.
import { beforeEach, describe, expect, it } from 'vitest';
import { DIMENSIONS } from '../../../../src/domain/quadrant';
import { harness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});

/** Starts a self-assessment for `user`, answers with `answers`, and returns the stored self scores. */
async function answer(user: string, start: string, answers: string[], locale?: string) {
  const opts = locale ? { locale } : {};
  const first = await h.say(user, start, opts);
  expect(first.intent).toBe('assess');
  for (const [i, text] of answers.entries()) {
    const reply = await h.say(user, text, opts);
    expect(reply.intent, `answer "${text}"`).toBe('assess');
    if (i + 1 < DIMENSIONS.length) expect(reply.data.dimension, `after "${text}"`).toBe(DIMENSIONS[i + 1]);
  }
  const own = (await h.store.listAssessments('T1', user)).filter((a) => a.rater === user);
  return own[own.length - 1]?.scores; // the one just stored (a7 has an older self rating in the fixture)
}

describe('assessment answers as typed, through the engine', () => {
  it('zh: 三分吧, 3.5分, 大概4分吧, 三点五分, 3分半, 四分, 5分 …', async () => {
    const answers = ['三分吧', '3.5分', '大概4分吧', '三点五分', '3分半', '四分', '5分', '两分吧', '4', '三', '4.5分', '五分吧'];
    const scores = await answer('a6', '做一次胜任力自评', answers);
    expect(DIMENSIONS.map((d) => scores?.[d])).toEqual([3, 3.5, 4, 3.5, 3.5, 4, 5, 2, 4, 3, 4.5, 5]);
  });

  it('en: four, maybe three, four and a half, 3.5 …', async () => {
    const answers = ['four', 'maybe three', 'four and a half', '3.5', 'five', 'two', '4/5', 'three and a half', '4 points', 'one', 'around 3', 'five'];
    const scores = await answer('a7', 'start my competency self-assessment', answers, 'en');
    expect(DIMENSIONS.map((d) => scores?.[d])).toEqual([4, 3, 4.5, 3.5, 5, 2, 4, 3.5, 4, 1, 3, 5]);
  });
});
