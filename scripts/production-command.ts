// The production start commands (`npm run start:prod` / `worker:prod` in package.json) split into their
// environment, Node flags and arguments. package.json is the one place they are written: the Dockerfile
// and docker-compose.yml must match it (test/deploy/compose.test.ts), and bench:load runs Lingyan with it.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface ProductionCommand {
  /** Variables set before `node` (e.g. MALLOC_ARENA_MAX=2). */
  env: Record<string, string>;
  /** Flags given to `node` before the script. */
  nodeFlags: string[];
  /** The script and its arguments. */
  args: string[];
}

export function productionCommand(script: 'start:prod' | 'worker:prod', root = path.resolve(import.meta.dirname, '..')): ProductionCommand {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = pkg.scripts[script].trim().split(/\s+/);
  const env: Record<string, string> = {};
  let at = 0;
  for (; at < words.length && /^[A-Z_][A-Z0-9_]*=/.test(words[at]); at++) {
    const [name, ...value] = words[at].split('=');
    env[name] = value.join('=');
  }
  if (words[at] !== 'node') throw new Error(`package.json ${script} must run node (found ${words[at]})`);
  at++;
  const nodeFlags: string[] = [];
  for (; at < words.length && words[at].startsWith('--'); at++) nodeFlags.push(words[at]);
  return { env, nodeFlags, args: words.slice(at) };
}
