// Course corpus loader: `prompts/courses/*.md` (YAML front matter + `# zh-CN` / `# en` bodies)
// parsed into per-section chunks, the unit that retrieval indexes and the coach cites.
import { FRONT_MATTER, localeOfHeading } from './markdown';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Locale } from '../domain/types';

export interface CourseChunk {
  /** Stable id: `<course>#<locale>#<ordinal>`. */
  id: string;
  course: string;
  /** The course title in this chunk's locale. */
  courseTitle: string;
  /** The `## ` heading text, as cited. */
  section: string;
  locale: Locale;
  text: string;
  /** Position among this course's sections in this locale; the two locales run parallel. */
  ordinal: number;
}

export interface Course {
  id: string;
  title: Record<Locale, string>;
  tags: string[];
  stages: string[];
  quadrants: string[];
  chunks: CourseChunk[];
}

const stringList = z.array(z.union([z.string(), z.number()]).transform(String)).default([]);

const FrontMatter = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'course id must be kebab-case'),
  title_zh: z.string().min(1),
  title_en: z.string().min(1),
  tags: stringList,
  stages: stringList,
  quadrants: stringList,
});

export class CourseFormatError extends Error {
  constructor(source: string, detail: string) {
    super(`${source}: ${detail}`);
    this.name = 'CourseFormatError';
  }
}


const localeOf = localeOfHeading;

/** Parses one course file; `source` only labels errors. */
export function parseCourse(markdown: string, source = 'course'): Course {
  const m = FRONT_MATTER.exec(markdown);
  if (!m) throw new CourseFormatError(source, 'missing YAML front matter (--- ... ---)');
  const parsed = FrontMatter.safeParse(parseYaml(m[1]));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CourseFormatError(source, `front matter ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const fm = parsed.data;
  const title: Record<Locale, string> = { 'zh-CN': fm.title_zh, en: fm.title_en };
  const chunks: CourseChunk[] = [];
  const ordinals: Record<Locale, number> = { 'zh-CN': 0, en: 0 };

  let locale: Locale | undefined;
  let section: string | undefined;
  let lines: string[] = [];
  const flush = () => {
    const text = lines.join('\n').trim();
    if (locale && section !== undefined && text) {
      const ordinal = ordinals[locale]++;
      chunks.push({ id: `${fm.id}#${locale}#${ordinal}`, course: fm.id, courseTitle: title[locale], section, locale, text, ordinal });
    }
    lines = [];
  };

  let inFence = false;
  for (const line of m[2].split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const h1 = inFence ? null : /^#\s+(.+?)\s*#*\s*$/.exec(line);
    const h2 = inFence ? null : /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (h1) {
      flush();
      const next = localeOf(h1[1]);
      if (!next) throw new CourseFormatError(source, `unknown language heading "# ${h1[1]}" (use # zh-CN or # en)`);
      locale = next;
      section = undefined;
    } else if (h2) {
      flush();
      section = h2[1];
    } else {
      lines.push(line);
    }
  }
  flush();

  for (const loc of ['zh-CN', 'en'] as const) {
    if (!chunks.some((c) => c.locale === loc)) throw new CourseFormatError(source, `no "## " sections under # ${loc}`);
  }
  return { id: fm.id, title, tags: fm.tags, stages: fm.stages, quadrants: fm.quadrants, chunks };
}

/** Loads every `*.md` in `dir`, sorted by file name; duplicate ids are an error. */
export function loadCourses(dir: string): Course[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.md') && !f.startsWith('_') && f.toLowerCase() !== 'readme.md')
    .sort();
  const courses: Course[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const course = parseCourse(readFileSync(join(dir, file), 'utf8'), file);
    if (seen.has(course.id)) throw new CourseFormatError(file, `duplicate course id "${course.id}"`);
    seen.add(course.id);
    courses.push(course);
  }
  return courses;
}
