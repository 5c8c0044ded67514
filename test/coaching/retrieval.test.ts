// Course parsing, tokenisation and BM25 retrieval on the small synthetic corpus in
// test/fixtures/courses-mini (independent of the real course text).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CourseFormatError, parseCourse } from '../../src/coaching/corpus';
import { CourseIndex } from '../../src/coaching/retrieval';
import { expandQuery, tokenize } from '../../src/coaching/tokenize';

const MINI = fileURLToPath(new URL('../fixtures/courses-mini', import.meta.url));
const index = CourseIndex.load(MINI);

describe('tokenize', () => {
  it('segments Chinese into words and drops stop words and punctuation', () => {
    const toks = tokenize('客户说利率太高怎么办?');
    expect(toks).toContain('利率');
    expect(toks).toContain('客户');
    expect(toks).not.toContain('怎么办');
    expect(toks).not.toContain('?');
  });

  it('lower-cases and stems English and drops stop words', () => {
    expect(tokenize('Handling OBJECTIONS about the Rates')).toEqual(['handl', 'object', 'rate']);
  });

  it('expands everyday phrasings with the course vocabulary, and only then', () => {
    expect(expandQuery('she wants to sleep on it')).toContain('think about it');
    expect(expandQuery('she wants to sleep on it')).toContain('objection');
    expect(expandQuery('客户说回头再说')).toContain('我再考虑考虑');
    expect(expandQuery("the customer says it's too expensive")).toContain('price objection');
    expect(expandQuery('The price is fair')).toBe('The price is fair');
    expect(expandQuery('客户说没兴趣')).toContain('不需要');
    expect(expandQuery('利率太高')).toBe('利率太高');
  });

  it('treats full-width forms like half-width ones', () => {
    expect(tokenize('ＡＰＲ')).toEqual(tokenize('APR'));
  });
});

describe('parseCourse', () => {
  const course = index.getCourse('mini-objections');

  it('splits each locale into ## sections with per-locale titles', () => {
    expect(course?.title).toEqual({ 'zh-CN': '异议化解(迷你)', en: 'Handling objections (mini)' });
    const zh = course?.chunks.filter((c) => c.locale === 'zh-CN') ?? [];
    const en = course?.chunks.filter((c) => c.locale === 'en') ?? [];
    expect(zh.map((c) => c.section)).toEqual(['目的', '技巧1:利率太高——帮客户把账算清', '技巧2:我再考虑考虑']);
    expect(en.map((c) => c.courseTitle)).toEqual(Array(3).fill('Handling objections (mini)'));
    expect(zh[1].text).toContain('年化利率');
  });

  it('rejects a file without front matter or with an unknown language heading', () => {
    expect(() => parseCourse('# zh-CN\n## a\nb', 'x.md')).toThrow(CourseFormatError);
    const fm = '---\nid: a\ntitle_zh: 甲\ntitle_en: A\n---\n';
    expect(() => parseCourse(`${fm}# fr\n## a\nb`, 'x.md')).toThrow(/unknown language heading/);
    expect(() => parseCourse(`${fm}# zh-CN\n## a\nb`, 'x.md')).toThrow(/no "## " sections under # en/);
    expect(() => parseCourse('---\ntitle_zh: 甲\n---\n', 'x.md')).toThrow(/front matter id/);
  });
});

describe('CourseIndex', () => {
  it('lists course ids', () => {
    expect(index.courseIds().sort()).toEqual(['mini-emotions', 'mini-goals', 'mini-objections']);
  });

  it('finds the right course from a Chinese or an English query', () => {
    expect(index.search('客户说利率太高怎么办', { locale: 'zh-CN' })[0]).toMatchObject({
      course: 'mini-objections',
      locale: 'zh-CN',
      section: '技巧1:利率太高——帮客户把账算清',
      title: '异议化解(迷你)',
    });
    expect(index.search('the customer is angry and shouting', { locale: 'en' })[0]).toMatchObject({
      course: 'mini-emotions',
      section: 'Technique 1: The angry customer',
    });
    expect(index.search('how do I break down my monthly target', {})[0].course).toBe('mini-goals');
  });

  it('returns passages in the asker locale even when the match is in the other language', () => {
    const hits = index.search('APR', { locale: 'zh-CN' });
    expect(hits[0]).toMatchObject({ course: 'mini-objections', locale: 'zh-CN', section: '技巧1:利率太高——帮客户把账算清' });
    expect(index.search('SMART', { locale: 'en', limit: 10 }).every((h) => h.locale === 'en')).toBe(true);
  });

  it('honours limit and the course filter, and scores descend', () => {
    const hits = index.search('客户 情绪 利率 目标', { limit: 2 });
    expect(hits).toHaveLength(2);
    expect(hits[0].score).toBeGreaterThanOrEqual(hits[1].score);
    const only = index.search('利率太高', { courses: ['mini-emotions'] });
    expect(only.every((h) => h.course === 'mini-emotions')).toBe(true);
  });

  it('returns nothing for empty or stop-word-only queries', () => {
    expect(index.search('')).toEqual([]);
    expect(index.search('怎么办?')).toEqual([]);
    expect(index.search('what is the')).toEqual([]);
  });

  it('ranks whole courses', () => {
    const ranks = index.rankCourses('压力大,被客户挂电话', { locale: 'en' });
    expect(ranks[0]).toMatchObject({ course: 'mini-emotions', title: 'Emotional intelligence (mini)' });
  });

  it('builds from fewer than three sections', () => {
    const tiny = CourseIndex.fromCourses([
      parseCourse('---\nid: t\ntitle_zh: 甲\ntitle_en: A\n---\n# zh-CN\n## 一\n利率\n# en\n## One\nrate\n', 't.md'),
    ]);
    expect(tiny.search('rate')[0]?.course).toBe('t');
  });
});

describe('offline excerpts', () => {
  it('end at a sentence boundary in Chinese and English, or at a clause when the first sentence is too long', async () => {
    const { excerpt } = await import('../../src/coaching/offline');
    // 7 + 20 characters: the second sentence would pass the limit of 20, so only the first is kept.
    expect(excerpt('第一句话很短。第二句话也不长,但是加起来就超过了限制。第三句。', 20)).toBe('第一句话很短。…');
    expect(excerpt('This is the first sentence. This is the second one which is longer. Third.', 40)).toBe('This is the first sentence.…');
    expect(excerpt('一个没有句号的超级长的句子,里面有逗号,还有更多的内容,一直写下去一直写下去', 20)).toBe('一个没有句号的超级长的句子,里面有逗号,…');
  });
});
