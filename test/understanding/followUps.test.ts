// The follow-up phrase lists (corpus/followups/*.txt) read as their comments say: whole-message yes / no,
// and cues of a question about a nudge's number.
import { describe, expect, it } from 'vitest';
import { asksAboutTheNumber, readConfirmation, readLogMode } from '../../src/understanding/followUps';

describe('readConfirmation', () => {
  it.each([
    ['是的!', 'yes'], ['没打错', 'yes'], ['OK.', 'yes'], ['好的', 'yes'], ['Yes', 'yes'],
    ['不是', 'no'], ['打错了。', 'no'], ['nope', 'no'], ['算了', 'no'],
  ] as const)('%s → %s', (text, expected) => {
    expect(readConfirmation(text)).toBe(expected);
  });

  it.each(['是120个', '不对,13000', 'yes but change it to 40', '好的我再想想吧然后告诉你'])('%s is no bare yes or no', (text) => {
    expect(readConfirmation(text)).toBeNull();
  });
});

describe('asksAboutTheNumber', () => {
  it.each(['为什么要这么多?', '这个数怎么算的', 'why so many?', 'how come?', 'where does that number come from'])('%s asks about the number', (text) => {
    expect(asksAboutTheNumber(text)).toBe(true);
  });

  it.each(['客户为什么总挂电话', '为什么我成交率低', 'how do I handle price objections'])('%s does not', (text) => {
    expect(asksAboutTheNumber(text)).toBe(false);
  });
});

describe('readLogMode', () => {
  it.each([['1', 'total'], ['一共', 'total'], ['In total.', 'total'], ['2', 'more'], ['又', 'more'], ['more', 'more'], ['累计', 'more']] as const)('%s → %s', (text, expected) => {
    expect(readLogMode(text)).toBe(expected);
  });

  it.each(['3', '今天要打多少个电话', '一共打了100个'])('%s is no bare answer', (text) => {
    expect(readLogMode(text)).toBeNull();
  });
});
