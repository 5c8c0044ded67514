// Held-out question set → expected course: top-3 hit rate of the real course corpus (target ≥ 90%).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/domain/types';
import { getCourseIndex } from '../../src/coaching/retrieval';

interface Question {
  q: string;
  locale: Locale;
  course: string;
}

const questions = JSON.parse(
  readFileSync(new URL('../fixtures/retrieval-questions.json', import.meta.url), 'utf8'),
) as Question[];

const COURSE_IDS = [
  'customer-communication',
  'emotional-intelligence',
  'objection-handling',
  'art-of-questioning',
  'efficient-communication',
  'mindset',
  'top-performer-sharing',
  'career-planning',
  'goal-setting',
];

describe('retrieval hit rate', () => {
  const index = getCourseIndex();

  it('loads all nine courses in both languages', () => {
    expect(index.courseIds().sort()).toEqual([...COURSE_IDS].sort());
    for (const id of COURSE_IDS) {
      const chunks = index.getCourse(id)?.chunks ?? [];
      expect(chunks.some((c) => c.locale === 'zh-CN') && chunks.some((c) => c.locale === 'en')).toBe(true);
    }
  });

  it('puts the expected course in the top 3 passages for ≥ 90% of questions', () => {
    expect(questions.length).toBeGreaterThanOrEqual(40);
    const misses: string[] = [];
    let passageHits = 0;
    let courseHits = 0;
    let top1 = 0;
    for (const { q, locale, course } of questions) {
      const hits = index.search(q, { locale, limit: 3 });
      if (hits.some((h) => h.course === course)) passageHits++;
      else misses.push(`[${locale}] ${q} → expected ${course}, got ${hits.map((h) => h.course).join(', ') || 'nothing'}`);
      if (hits[0]?.course === course) top1++;
      if (index.rankCourses(q, { limit: 3 }).some((r) => r.course === course)) courseHits++;
      // Passages come back in the asker's language.
      expect(hits.every((h) => h.locale === locale)).toBe(true);
    }
    const pct = (n: number) => `${((100 * n) / questions.length).toFixed(1)}%`;
    console.log(
      `retrieval: top-3 passage hit rate ${passageHits}/${questions.length} (${pct(passageHits)}), ` +
        `top-1 ${pct(top1)}, top-3 course ranking ${pct(courseHits)}` +
        (misses.length ? `\nmisses:\n  ${misses.join('\n  ')}` : ''),
    );
    expect(passageHits / questions.length).toBeGreaterThanOrEqual(0.9);
  });
});

describe('the design\'s own examples', () => {
  it('finds objection handling for "I\'ll think about it" and 利率太高', () => {
    const index = getCourseIndex();
    expect(index.search('how do I handle "I\'ll think about it"', { locale: 'en', limit: 3 }).map((h) => h.course)).toContain('objection-handling');
    expect(index.search('客户说利率太高怎么办', { locale: 'zh-CN', limit: 3 }).map((h) => h.course)).toContain('objection-handling');
  });
});
