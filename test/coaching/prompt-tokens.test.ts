// Measurement: prompt tokens per coaching turn (system prompt, the asker's numbers, retrieved passages,
// the question) against putting the whole matching course in the prompt instead of the passages,
// over the 54 held-out questions. Prints the figures; asserts the default budget and the ≤ 20 % target
// (for the grounding itself; the fixed system prompt and numbers come on top, see the printed ratios).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { groundingPassages } from '../../src/coaching/coach';
import { buildCoachPrompt, DEFAULT_PROMPT_BUDGET, promptTokens } from '../../src/coaching/prompt';
import { getCourseIndex } from '../../src/coaching/retrieval';
import { systemPrompt } from '../../src/coaching/systemPrompts';
import { countTokens } from '../../src/coaching/tokens';
import type { Locale } from '../../src/domain/types';

interface Question {
  q: string;
  locale: Locale;
  course: string;
}
const questions = JSON.parse(readFileSync('test/fixtures/retrieval-questions.json', 'utf8')) as Question[];
const index = getCourseIndex();

const NUMBERS: Record<Locale, string[]> = {
  'zh-CN': [
    '本月目标(系统计算):业绩 450,000,需成交 30 单、拨打 1,875 通。',
    '今天应拨打 86 通,还差 86 通;本月剩余 10 个工作日。',
    '进度:正常(已完成 246,000,按进度应完成 245,454.55)。',
    '漏斗诊断:最需提升的环节是接通率,为团队水平的 69%。',
  ],
  en: [
    'This month (computed): sales target 450,000, 30 deals, 1,875 calls.',
    'Today: 86 calls, 86 still to make; 10 working days left this month.',
    'Pace: On track (246,000 achieved vs 245,454.55 expected so far).',
    'Funnel diagnosis: the stage to improve is Connect rate, at 69% of the team level.',
  ],
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

describe('prompt tokens per coaching turn', () => {
  it('retrieved passages vs the whole matching course', () => {
    const turn: number[] = [];
    const grounding: number[] = [];
    const wholeLocale: number[] = [];
    const wholeFile: number[] = [];
    const wholeCourseTokens: number[] = [];
    let expectedCourseSent = 0;
    for (const { q, locale, course } of questions) {
      const prompt = buildCoachPrompt({ locale, question: q, passages: groundingPassages(index, q, locale, 3), numbers: NUMBERS[locale], history: [] });
      expect(prompt.tokens).toBeLessThanOrEqual(DEFAULT_PROMPT_BUDGET);
      turn.push(prompt.tokens);
      if (prompt.passages.some((p) => p.course === course)) expectedCourseSent += 1;
      const passages = prompt.messages[0].content.slice(prompt.messages[0].content.lastIndexOf('<passages>'));
      grounding.push(countTokens(passages));

      // The alternative: the same request with the whole course (asker's language) in place of the passages.
      const chunks = index.getCourse(course)?.chunks ?? [];
      const localeText = chunks.filter((c) => c.locale === locale).map((c) => `## ${c.section}\n${c.text}`).join('\n\n');
      const file = readFileSync(`prompts/courses/${course}.md`, 'utf8');
      const asCourse = (text: string) =>
        promptTokens([
          { role: 'system', content: [systemPrompt('coach', locale), `<my_numbers>\n${NUMBERS[locale].join('\n')}\n</my_numbers>`, `<passages>\n${text}\n</passages>`].join('\n\n') },
          prompt.messages[prompt.messages.length - 1],
        ]);
      wholeLocale.push(asCourse(localeText));
      wholeFile.push(asCourse(file));
      wholeCourseTokens.push(countTokens(localeText));
    }
    const figures = {
      questions: questions.length,
      medianPromptTokensPerTurn: median(turn),
      maxPromptTokensPerTurn: Math.max(...turn),
      medianPassageTokens: median(grounding),
      medianWholeCourseTokens_askerLocale: median(wholeCourseTokens),
      medianPromptWithWholeCourse_askerLocale: median(wholeLocale),
      medianPromptWithWholeCourseFile_bothLocales: median(wholeFile),
      ratioTurnVsWholeCourseLocale: median(turn) / median(wholeLocale),
      ratioTurnVsWholeCourseFile: median(turn) / median(wholeFile),
      ratioPassagesVsWholeCourseLocale: median(grounding) / median(wholeCourseTokens),
      expectedCourseInPrompt: expectedCourseSent / questions.length,
    };
    console.log('[coaching prompt tokens]', JSON.stringify(figures, null, 2));
    expect(figures.maxPromptTokensPerTurn).toBeLessThanOrEqual(3000);
    // Grounding sent per turn vs the whole matching course in the asker's language (target ≤ 20 %), and
    // the whole turn vs a turn carrying the course document as stored (zh + en).
    expect(figures.ratioPassagesVsWholeCourseLocale).toBeLessThanOrEqual(0.2);
    expect(figures.ratioTurnVsWholeCourseFile).toBeLessThanOrEqual(0.2);
    expect(figures.expectedCourseInPrompt).toBeGreaterThanOrEqual(0.85);
  });
});
