// Shared reading of the Markdown content files (courses, programmes): YAML front matter and the
// language headings (`# zh-CN` / `# en`) authors write.
import type { Locale } from '../domain/types';

export const FRONT_MATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/** The locale a level-1 heading names, or undefined when it is not a language heading. */
export function localeOfHeading(heading: string): Locale | undefined {
  const h = heading.trim().toLowerCase();
  if (h === 'zh-cn' || h === 'zh' || h === '中文') return 'zh-CN';
  if (h === 'en' || h === 'english') return 'en';
  return undefined;
}
