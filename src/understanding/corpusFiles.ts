// Reads the understanding corpora (corpus/intents/*.txt, corpus/courses/*.txt): one example per line,
// `#` comments, and for courses `## <section heading>` lines. Paths are taken from the project root.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** An absolute path under corpus/ (or `name` itself when absolute). */
export function corpusPath(name: string, root = 'corpus'): string {
  return isAbsolute(name) ? name : resolve(PROJECT_ROOT, root, name);
}

export interface Example {
  text: string;
  label: string;
  /** For course questions: the section heading they are filed under. */
  section?: string;
}

const LINE = z.string().trim().min(1).max(500);

function parseFile(path: string, label: string): Example[] {
  const out: Example[] = [];
  let section: string | undefined;
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line.startsWith('## ')) {
      section = line.slice(3).trim();
      continue;
    }
    if (!line || line.startsWith('#')) continue;
    const text = LINE.parse(line);
    out.push(section ? { text, label, section } : { text, label });
  }
  return out;
}

/** Every example of a corpus folder (`intents` or `courses`), or of its held-out split. */
export function loadExamples(kind: 'intents' | 'courses' | 'moves', split: 'train' | 'heldout' = 'train', root?: string): Example[] {
  const dir = split === 'train' ? corpusPath(kind, root) : corpusPath(join(kind, 'heldout'), root);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => parseFile(join(dir, f), f.slice(0, -4)));
}
