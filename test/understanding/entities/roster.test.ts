// The roster entity: a person named with or without spaces, by homophone typo, given name, pinyin either
// way round, or id; two people with one name are both returned; literal names beat pinyin.
import { describe, expect, it } from 'vitest';
import { findPeople, type RosterPerson } from '../../../src/understanding';

const ROSTER: RosterPerson[] = [
  { id: 'a5', name: '杨磊', inScope: true },
  { id: 'a3', name: '刘洋', inScope: true },
  { id: 'a7', name: '黄晓明', inScope: true },
  { id: 'b1', name: '吴昊', inScope: false },
];
const ids = (text: string, roster = ROSTER) => findPeople(text, roster).map((m) => m.people.map((p) => p.id));

describe('findPeople', () => {
  it.each([
    ['杨磊哪里需要提升', [['a5']]],
    ['杨 磊这个月进度咋样', [['a5']]],
    ['how is Yang Lei doing', [['a5']]],
    ['lei yang progress?', [['a5']]],
    ['YangLei quadrant', [['a5']]],
    ['刘阳今天要打几个', [['a3']]], // 阳 for 洋: same pinyin, same surname
    ['晓明的象限', [['a7']]],
    ['huang xiaoming where is he weak', [['a7']]],
    ['diagnose a5', [['a5']]],
    ['吴昊进度', [['b1']]],
  ])('%s → %j', (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });

  it('finds no one in ordinary sentences', () => {
    for (const text of ['今天要打多少个电话', '客户说利率太高怎么办', 'how many calls do I need today', '阳光明媚 心情不错', 'a55 calls']) {
      expect(ids(text), text).toEqual([]);
    }
  });

  it('returns both people when two share a name', () => {
    const twins: RosterPerson[] = [
      { id: 'a2', name: '李娜', inScope: true },
      { id: 'a9', name: '李娜', inScope: true },
    ];
    expect(ids('李娜这个月进度', twins)).toEqual([['a2', 'a9']]);
  });

  it('prefers a name written as it is over another person whose name has that pinyin', () => {
    const roster: RosterPerson[] = [
      { id: 'a1', name: '张三', inScope: true },
      { id: 'a3', name: 'Zhang San', inScope: true },
    ];
    expect(ids('assess Zhang San', roster)).toEqual([['a3']]);
    expect(ids('张三的进度', roster)).toEqual([['a1']]);
  });
});
