// textBesideSections: what a card shows above a reply's sections (the text repeats the sections; cards
// drew either both, repeating them, or neither, dropping the lines only the text had).
import { describe, expect, it } from 'vitest';
import { textBesideSections } from '../../src/core/reply';

describe('textBesideSections', () => {
  it('keeps the lines no section holds, drops section titles (plain or 【】) and section lines', () => {
    const reply = {
      text: '张伟 的短板在接通→成交。\n接通率:你 30% / 团队 40%\n成交率:你 5% / 团队 5%\n\n【今日一招】\n先认同再澄清',
      sections: [
        { title: '各环节对比', text: '接通率:你 30% / 团队 40%\n成交率:你 5% / 团队 5%' },
        { title: '今日一招', text: '先认同再澄清' },
      ],
    };
    expect(textBesideSections(reply)).toBe('张伟 的短板在接通→成交。');
  });

  it('is the whole text when there are no sections', () => {
    expect(textBesideSections({ text: 'a\nb' })).toBe('a\nb');
    expect(textBesideSections({ text: 'a\nb', sections: [] })).toBe('a\nb');
  });
});
