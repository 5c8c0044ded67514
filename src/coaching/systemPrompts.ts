// System prompts live in `prompts/system/<name>.md` (a `# zh-CN` and a `# en` part), never in code;
// `{name}` placeholders are filled by the caller.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locale } from '../domain/types';

export const SYSTEM_PROMPTS_DIR = fileURLToPath(new URL('../../prompts/system', import.meta.url));

export type SystemPromptName = 'coach' | 'roleplay-customer' | 'roleplay-score' | 'huddle';

const cache = new Map<string, Record<Locale, string>>();

function parse(markdown: string, source: string): Record<Locale, string> {
  const parts: Partial<Record<Locale, string[]>> = {};
  let current: Locale | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    const h1 = /^#\s+(zh-CN|en)\s*$/i.exec(line);
    if (h1) {
      current = h1[1].toLowerCase() === 'en' ? 'en' : 'zh-CN';
      parts[current] = [];
    } else if (current) {
      parts[current]?.push(line);
    }
  }
  const zh = parts['zh-CN']?.join('\n').trim();
  const en = parts.en?.join('\n').trim();
  if (!zh || !en) throw new Error(`${source}: needs a "# zh-CN" and a "# en" part`);
  return { 'zh-CN': zh, en };
}

/** The prompt in `locale` with `{key}` placeholders replaced (unknown ones are left as they are). */
export function systemPrompt(name: SystemPromptName, locale: Locale, params: Record<string, string> = {}): string {
  let parsed = cache.get(name);
  if (!parsed) {
    const file = `${SYSTEM_PROMPTS_DIR}/${name}.md`;
    parsed = parse(readFileSync(file, 'utf8'), file);
    cache.set(name, parsed);
  }
  return parsed[locale].replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? params[key] : whole));
}
