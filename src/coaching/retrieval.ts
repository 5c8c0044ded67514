// BM25F retrieval over course sections (wink-bm25-text-search; ICU word segmentation + Porter2 tokens).
// All locales are searched together; hits are then shown in the asker's locale.
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import bm25 from 'wink-bm25-text-search';
import type { Bm25Engine } from 'wink-bm25-text-search';
import type { Locale } from '../domain/types';
import { loadCourses, type Course, type CourseChunk } from './corpus';
import { expandQuery, tokenize } from './tokenize';

export interface SearchOptions {
  /** The asker's locale: passages are returned in it (a hit in the other language maps to its parallel section). */
  locale?: Locale;
  /** Passages to return (default 5). */
  limit?: number;
  /** Restrict to these course ids. */
  courses?: string[];
}

export interface SearchHit {
  course: string;
  section: string;
  locale: Locale;
  text: string;
  score: number;
  /** Course title in the passage's locale. */
  title: string;
}

export interface CourseRank {
  course: string;
  score: number;
  title: string;
}

// Course titles and tags describe the whole course in both languages, so a section is found
// by what its course is about as well as by its own words; headings name the technique.
const FIELD_WEIGHTS = { about: 2, heading: 3, body: 1 };
// A hit in the other language is slightly weaker evidence for the parallel passage.
const CROSS_LOCALE_FACTOR = 0.9;

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export class CourseIndex {
  private readonly engine: Bm25Engine;
  private readonly chunks = new Map<string, CourseChunk>();
  private readonly byCourse = new Map<string, Course>();

  private constructor(courses: Course[]) {
    this.engine = bm25();
    this.engine.defineConfig({ fldWeights: FIELD_WEIGHTS, bm25Params: { k1: 1.2, b: 0.75, k: 1 }, ovFldNames: ['course'] });
    this.engine.definePrepTasks([tokenize]);
    for (const course of courses) {
      this.byCourse.set(course.id, course);
      const about = [course.title['zh-CN'], course.title.en, ...course.tags].join(' ');
      for (const chunk of course.chunks) {
        this.chunks.set(chunk.id, chunk);
        this.engine.addDoc({ about, heading: chunk.section, body: chunk.text, course: course.id }, chunk.id);
      }
    }
    // wink refuses to consolidate fewer than three documents; empty padding changes no score.
    for (let i = this.chunks.size; i < 3; i++) this.engine.addDoc({ about: '', heading: '', body: '', course: '' }, `__pad${i}`);
    this.engine.consolidate();
  }

  static fromCourses(courses: Course[]): CourseIndex {
    return new CourseIndex(courses);
  }

  /** Loads `dir` (relative paths are taken from the project root, not the working directory). */
  static load(dir = 'prompts/courses'): CourseIndex {
    return new CourseIndex(loadCourses(isAbsolute(dir) ? dir : resolve(PROJECT_ROOT, dir)));
  }

  courseIds(): string[] {
    return [...this.byCourse.keys()];
  }

  getCourse(id: string): Course | undefined {
    return this.byCourse.get(id);
  }

  /** Best passages for `query`, in `opts.locale` when given, best first. */
  search(query: string, opts: SearchOptions = {}): SearchHit[] {
    const limit = Math.max(1, opts.limit ?? 5);
    const scored = this.score(query, opts.courses);
    const best = new Map<string, number>();
    for (const [id, score] of scored) {
      const chunk = this.chunks.get(id);
      if (!chunk) continue;
      const target = opts.locale && chunk.locale !== opts.locale ? this.parallel(chunk, opts.locale) : chunk;
      if (!target) continue;
      const s = target === chunk ? score : score * CROSS_LOCALE_FACTOR;
      if (s > (best.get(target.id) ?? 0)) best.set(target.id, s);
    }
    return [...best.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([id, score]) => {
        const c = this.chunks.get(id) as CourseChunk;
        return { course: c.course, section: c.section, locale: c.locale, text: c.text, score, title: c.courseTitle };
      });
  }

  /**
   * Courses ranked for `query`: a course's score is its best passage plus a share of its
   * next two, so a course that answers from several angles beats one lucky paragraph.
   */
  rankCourses(query: string, opts: SearchOptions = {}): CourseRank[] {
    const perCourse = new Map<string, number[]>();
    for (const [id, score] of this.score(query, opts.courses)) {
      const chunk = this.chunks.get(id);
      if (!chunk) continue;
      const list = perCourse.get(chunk.course) ?? [];
      list.push(score);
      perCourse.set(chunk.course, list);
    }
    const locale = opts.locale ?? 'zh-CN';
    return [...perCourse.entries()]
      .map(([course, scores]) => {
        const [a = 0, b = 0, c = 0] = scores.sort((x, y) => y - x);
        const title = this.byCourse.get(course)?.title[locale] ?? course;
        return { course, score: a + 0.3 * b + 0.15 * c, title };
      })
      .sort((x, y) => y.score - x.score || x.course.localeCompare(y.course))
      .slice(0, Math.max(1, opts.limit ?? this.byCourse.size));
  }

  private score(query: string, courses?: string[]): Array<[string, number]> {
    if (tokenize(query).length === 0) return [];
    const allowed = courses ? new Set(courses) : undefined;
    const filter = allowed ? (fields: Record<string, string>) => allowed.has(fields.course) : undefined;
    return this.engine.search(expandQuery(query), this.chunks.size + 3, filter).filter(([id, s]) => this.chunks.has(id) && s > 0);
  }

  /** The same-position section of `chunk`'s course in `locale` (or its first section). */
  private parallel(chunk: CourseChunk, locale: Locale): CourseChunk | undefined {
    return (
      this.chunks.get(`${chunk.course}#${locale}#${chunk.ordinal}`) ?? this.chunks.get(`${chunk.course}#${locale}#0`)
    );
  }
}

let cached: CourseIndex | undefined;

/** The index over `prompts/courses`, built once per process. */
export function getCourseIndex(): CourseIndex {
  cached ??= CourseIndex.load();
  return cached;
}
