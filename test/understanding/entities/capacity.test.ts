// Mentor capacity phrases (issue 25 item 6b): apprentices per mentor as leads write them, in Chinese and
// English, with Arabic and Chinese numerals (the field parser's), 俩/仨 and English number words.
import { describe, expect, it } from 'vitest';
import { findCapacity } from '../../../src/understanding/entities/capacity';

describe('findCapacity', () => {
  it.each<[string, number]>([
    ['每人带2个', 2],
    ['给新人配师傅,每人带2个', 2],
    ['给新人配师傅，每人带２个', 2], // full-width digit and comma
    ['每个师傅带两个', 2],
    ['每人带三个徒弟', 3],
    ['每人最多带三名新人', 3],
    ['每位师傅带教十个', 10],
    ['一个师傅带俩', 2],
    ['每个师傅配2个徒弟', 2],
    ['每人2个', 2],
    ['每位师傅3名徒弟', 3],
    ['一带二', 2],
    ['按一带二的方式配对', 2],
    ['1带2', 2],
    ['一对三', 3],
    ['带教上限为3', 3],
    ['容量2', 2],
  ])('zh: %s → %s', (text, capacity) => {
    expect(findCapacity(text)).toBe(capacity);
  });

  it.each<[string, number]>([
    ['2 each', 2],
    ['two each', 2],
    ['max 3 mentees per mentor', 3],
    ['each mentor takes 2', 2],
    ['each mentor takes two apprentices', 2],
    ['every mentor can take 3', 3],
    ['mentors take 3', 3],
    ['pair 6 new hires with mentors, 2 each', 2],
    ['2 mentees per mentor', 2],
    ['up to 3 apprentices', 3],
    ['capacity 2', 2],
    ['capacity of 4', 4],
    ['at most two', 2],
  ])('en: %s → %s', (text, capacity) => {
    expect(findCapacity(text)).toBe(capacity);
  });

  it.each([
    '帮我配对师徒',
    '给3组配对师徒', // a number of groups, not apprentices per mentor
    '配2对师徒', // two pairs
    '帮我带一下新人', // 一下 is a word
    '帮我配对师徒 2026年3月', // a date
    'suggest mentor pairs',
    'suggest mentor pairs for team 2',
    'mentors for the 2 new hires',
  ])('no capacity: %s', (text) => {
    expect(findCapacity(text)).toBeNull();
  });

  it('returns what was said, usable or not (the handler refuses 0 or 2.5)', () => {
    expect(findCapacity('每人带0个')).toBe(0);
    expect(findCapacity('每人带2.5个')).toBe(2.5);
    expect(findCapacity('每人带二十个')).toBe(20);
  });

  it('a bare number is the capacity only when asked for (the /coach mentors command)', () => {
    expect(findCapacity('2', { bare: true })).toBe(2);
    expect(findCapacity('2个', { bare: true })).toBe(2);
    expect(findCapacity('2')).toBeNull();
    expect(findCapacity('team 2', { bare: true })).toBeNull();
  });
});
