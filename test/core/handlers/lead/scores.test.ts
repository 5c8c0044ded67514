// Competency answers as people type them in chat (issue 25 item 6): digits, Chinese numerals, halves,
// spoken endings and hedges, English words; out of range and unreadable answers are told apart.
import { describe, expect, it } from 'vitest';
import { parseScore } from '../../../../src/core/handlers/lead/scores';

describe('parseScore', () => {
  it.each([
    ['4', 4],
    ['3.5分', 3.5],
    ['三分吧', 3],
    ['大概4分吧', 4],
    ['三点五分', 3.5],
    ['3分半', 3.5],
    ['four', 4],
    ['maybe three', 3],
    ['four and a half', 4.5],
    ['4/5', 4],
  ])('%s → %s', (text, value) => {
    expect(parseScore(text)).toEqual({ kind: 'score', value });
  });

  it('skips, and tells an out-of-range score from an unreadable one', () => {
    expect(parseScore('跳过')).toEqual({ kind: 'skip' });
    expect(parseScore('6')).toEqual({ kind: 'invalid', reason: 'range' });
    expect(parseScore('3.3')).toEqual({ kind: 'invalid', reason: 'half' });
    expect(parseScore('挺好的')).toEqual({ kind: 'invalid', reason: 'unreadable' });
  });
});
