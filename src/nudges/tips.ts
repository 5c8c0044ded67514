// One coaching tip per morning nudge: a technique section of the course that trains the agent's weakest
// stage, rotating so no tip repeats within 10 working days (recent tip ids live in the Store).
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCourses, type Course, type CourseChunk } from '../coaching/corpus';
import type { LocalDate, Locale } from '../domain/types';
import type { Store } from '../store/store';

export const TIPS_KIND = 'nudge_tips';
/** Working days within which a tip is not repeated (one morning nudge per working day). */
export const TIP_WINDOW = 10;
const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TECHNIQUE = /^(技巧\s*[0-9一二三四五六七八九十]+|technique\s*\d+)/i;

export interface Tip {
  /** Locale-neutral id `<course>#<ordinal>` (the two locales of a course run parallel). */
  id: string;
  course: string;
  courseTitle: string;
  section: string;
  /** A short excerpt for the nudge. */
  text: string;
}

interface TipHistory {
  agent: string;
  recent: Array<{ id: string; date: LocalDate }>;
}

/** The first paragraph of a section, cut at a sentence end near `max` characters. */
export function excerpt(text: string, max: number): string {
  const para = text.split(/\n\s*\n|\n(?=[-*] )/)[0].replace(/\s+/g, ' ').trim();
  if (para.length <= max) return para;
  const cut = para.slice(0, max);
  const end = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('!'), cut.lastIndexOf('. '), cut.lastIndexOf(';'));
  return end > max / 3 ? cut.slice(0, end + 1).trim() : `${cut.trimEnd()}…`;
}

export class TipLibrary {
  private readonly byCourse = new Map<string, Course>();

  constructor(courses: readonly Course[]) {
    for (const course of courses) this.byCourse.set(course.id, course);
  }

  /** Loads `prompts/courses` (or `dir`); a missing or unreadable corpus gives an empty library, never an error. */
  static load(dir = 'prompts/courses', onError?: (error: unknown) => void): TipLibrary {
    const path = isAbsolute(dir) ? dir : resolve(PROJECT_ROOT, dir);
    if (!existsSync(path)) return new TipLibrary([]);
    try {
      return new TipLibrary(loadCourses(path));
    } catch (error) {
      onError?.(error);
      return new TipLibrary([]);
    }
  }

  get size(): number {
    return this.byCourse.size;
  }

  courseTitle(courseId: string, locale: Locale): string | null {
    return this.byCourse.get(courseId)?.title[locale] ?? null;
  }

  /** Technique sections of a course in one locale (all sections but the first when none is labelled). */
  techniques(courseId: string, locale: Locale): CourseChunk[] {
    const chunks = this.byCourse.get(courseId)?.chunks.filter((c) => c.locale === locale) ?? [];
    const labelled = chunks.filter((c) => TECHNIQUE.test(c.section));
    return labelled.length > 0 ? labelled : chunks.slice(1);
  }

  /** Tip ids in preference order: the given courses first, then every other course. */
  candidates(courses: readonly string[]): string[] {
    const order = [...courses.filter((c) => this.byCourse.has(c)), ...[...this.byCourse.keys()].filter((c) => !courses.includes(c) && c !== 'goal-setting')];
    return order.flatMap((course) => this.techniques(course, 'zh-CN').map((chunk) => `${course}#${chunk.ordinal}`));
  }

  tip(id: string, locale: Locale): Tip | null {
    const [course, ordinal] = id.split('#');
    const chunk = this.byCourse.get(course)?.chunks.find((c) => c.locale === locale && c.ordinal === Number(ordinal));
    if (!chunk) return null;
    return {
      id,
      course,
      courseTitle: chunk.courseTitle,
      section: chunk.section,
      text: excerpt(chunk.text, locale === 'zh-CN' ? 120 : 260),
    };
  }
}

/**
 * Today's tip for an agent: the first candidate not used in the last TIP_WINDOW nudges, recorded in the
 * Store. Asking again for the same date returns the same tip (retries compose identical messages).
 */
export async function pickTip(
  store: Store,
  tenant: string,
  agentId: string,
  date: LocalDate,
  courses: readonly string[],
  locale: Locale,
  library: TipLibrary,
): Promise<Tip | null> {
  const candidates = library.candidates(courses);
  if (candidates.length === 0) return null;
  const history = (await store.getDoc<TipHistory>(tenant, TIPS_KIND, agentId)) ?? { agent: agentId, recent: [] };
  const already = history.recent.find((entry) => entry.date === date);
  if (already) return library.tip(already.id, locale);
  const recent = history.recent.filter((entry) => entry.date < date).slice(-TIP_WINDOW);
  const used = new Set(recent.map((entry) => entry.id));
  // In the preferred courses first; if they are exhausted, the least recently used of all.
  const id =
    candidates.find((c) => !used.has(c)) ??
    candidates.reduce((best, c) => (recent.findIndex((e) => e.id === c) < recent.findIndex((e) => e.id === best) ? c : best));
  const next = [...history.recent.filter((entry) => entry.date !== date), { id, date }].sort((a, b) => a.date.localeCompare(b.date)).slice(-30);
  await store.putDoc<TipHistory>(tenant, TIPS_KIND, agentId, { agent: agentId, recent: next });
  return library.tip(id, locale);
}
