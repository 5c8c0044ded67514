// Quadrant programme loader: `prompts/programs/<quadrant>.md` (YAML front matter, `## zh-CN` / `## en`
// bodies, each with `### ` sections: goals, this week's actions, one-to-one phrasing, measures).
import { FRONT_MATTER, localeOfHeading } from './markdown';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { QUADRANTS, type PlacedQuadrant } from '../domain/quadrant';
import type { Locale } from '../domain/types';

export const PROGRAMS_DIR = fileURLToPath(new URL('../../prompts/programs', import.meta.url));

/** The four sections every locale must have, in this order. */
export const PROGRAMME_SECTIONS = ['goals', 'actions', 'one_to_one', 'measures'] as const;
export type ProgrammeSectionId = (typeof PROGRAMME_SECTIONS)[number];

export interface ProgrammeSection {
  id: ProgrammeSectionId;
  /** The `### ` heading as written (localized). */
  heading: string;
  body: string;
}

/** One programme in one locale: what handlers render. */
export interface Programme {
  id: PlacedQuadrant;
  locale: Locale;
  /** The lead-facing name (e.g. 脱尾工程). */
  title: string;
  /** A name safe to show the agent themself (tail_off reads as "growth focus"). */
  agentTitle: string;
  /** The locale's Markdown body, without its `## ` language heading. */
  body: string;
  sections: ProgrammeSection[];
}

export interface ProgrammeDoc {
  id: PlacedQuadrant;
  locales: Record<Locale, Programme>;
}

const FrontMatter = z.object({
  id: z.enum(QUADRANTS as [PlacedQuadrant, ...PlacedQuadrant[]]),
  title_zh: z.string().min(1),
  title_en: z.string().min(1),
  agent_title_zh: z.string().min(1).optional(),
  agent_title_en: z.string().min(1).optional(),
});

export class ProgrammeFormatError extends Error {
  constructor(source: string, detail: string) {
    super(`${source}: ${detail}`);
    this.name = 'ProgrammeFormatError';
  }
}


const localeOf = localeOfHeading;

/** Splits a body into `### ` sections, mapped in order onto PROGRAMME_SECTIONS. */
function sectionsOf(body: string, source: string): ProgrammeSection[] {
  const parts = body.split(/^### +/m);
  const sections = parts.slice(1).map((part) => {
    const newline = part.indexOf('\n');
    const heading = (newline < 0 ? part : part.slice(0, newline)).trim();
    return { heading, body: newline < 0 ? '' : part.slice(newline + 1).trim() };
  });
  if (sections.length !== PROGRAMME_SECTIONS.length || sections.some((s) => s.body === '')) {
    throw new ProgrammeFormatError(source, `expected ${PROGRAMME_SECTIONS.length} non-empty "### " sections, found ${sections.length}`);
  }
  return sections.map((s, i) => ({ id: PROGRAMME_SECTIONS[i], ...s }));
}

/** Parses one programme file; `source` only labels errors. */
export function parseProgramme(markdown: string, source = 'programme'): ProgrammeDoc {
  const m = FRONT_MATTER.exec(markdown);
  if (!m) throw new ProgrammeFormatError(source, 'missing YAML front matter (--- ... ---)');
  const parsed = FrontMatter.safeParse(parseYaml(m[1]));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProgrammeFormatError(source, `front matter ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const fm = parsed.data;
  const bodies: Partial<Record<Locale, string>> = {};
  // `## <language>` headings split the file; text before the first one is ignored.
  const blocks = m[2].split(/^## +(.+)$/m);
  for (let i = 1; i < blocks.length; i += 2) {
    const locale = localeOf(blocks[i]);
    if (!locale) throw new ProgrammeFormatError(source, `unknown language heading "## ${blocks[i].trim()}"`);
    if (bodies[locale] !== undefined) throw new ProgrammeFormatError(source, `duplicate "## ${blocks[i].trim()}"`);
    bodies[locale] = blocks[i + 1].trim();
  }
  const make = (locale: Locale, title: string, agentTitle: string | undefined): Programme => {
    const body = bodies[locale];
    if (body === undefined) throw new ProgrammeFormatError(source, `missing "## ${locale}" section`);
    return { id: fm.id, locale, title, agentTitle: agentTitle ?? title, body, sections: sectionsOf(body, `${source} (${locale})`) };
  };
  return {
    id: fm.id,
    locales: {
      'zh-CN': make('zh-CN', fm.title_zh, fm.agent_title_zh),
      en: make('en', fm.title_en, fm.agent_title_en),
    },
  };
}

/** Reads all four programmes from `dir`; a missing or malformed file throws with its name. */
export function loadProgrammes(dir: string = PROGRAMS_DIR): Map<PlacedQuadrant, ProgrammeDoc> {
  const out = new Map<PlacedQuadrant, ProgrammeDoc>();
  for (const id of QUADRANTS) {
    const file = join(dir, `${id}.md`);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new ProgrammeFormatError(file, `cannot read (${(err as Error).message})`);
    }
    const doc = parseProgramme(text, file);
    if (doc.id !== id) throw new ProgrammeFormatError(file, `front matter id "${doc.id}" does not match the file name`);
    out.set(id, doc);
  }
  return out;
}

let cached: Map<PlacedQuadrant, ProgrammeDoc> | undefined;

/** One programme in one locale, from the repository's `prompts/programs` (read once per process). */
export function getProgramme(id: PlacedQuadrant, locale: Locale): Programme {
  cached ??= loadProgrammes();
  return (cached.get(id) as ProgrammeDoc).locales[locale];
}
