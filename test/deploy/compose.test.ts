// Deployment files checked without a container engine: docker-compose.yml is parsed with `yaml` and its
// environment cross-checked with .env.example and src/config/env.ts; the Dockerfile's stages, user and
// health check are read as text; and the production bundle (`npm run build`) is built and run once, so
// the image's entry point is known to start and every package it loads is a runtime dependency.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { envSchema } from '../../src/config/env';
import { productionCommand } from '../../scripts/production-command';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string | number> | string[];
  env_file?: string | string[];
  init?: boolean;
  healthcheck?: { disable?: boolean; test?: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };
const services = compose.services;

/** Variable names assigned in .env.example (commented lines are documentation). */
function envExampleNames(): string[] {
  return read('.env.example')
    .split('\n')
    .map((line) => /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(line.trim())?.[1])
    .filter((name): name is string => Boolean(name));
}

/** Every variable the compose file sets in `environment` or interpolates with ${NAME...}. */
function composeEnvNames(): string[] {
  const names = new Set<string>();
  for (const service of Object.values(services)) {
    const env = service.environment;
    if (Array.isArray(env)) env.forEach((entry) => names.add(entry.split('=')[0]));
    else if (env) Object.keys(env).forEach((name) => names.add(name));
  }
  for (const match of read('docker-compose.yml').matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(match[1]);
  return [...names].sort();
}

function schemaKeys(): string[] {
  const shape = (envSchema as unknown as { shape?: Record<string, unknown> }).shape;
  if (!shape) throw new Error('envSchema has no object shape to read keys from');
  return Object.keys(shape).sort();
}

describe('docker-compose.yml', () => {
  it('has the app, a separate nudge worker and Redis 7', () => {
    expect(Object.keys(services).sort()).toEqual(['app', 'redis', 'worker']);
    expect(services.redis.image).toMatch(/^redis:7(\.|$|-)/);
    expect(services.app.build).toBeDefined();
    const workerCommand = ([] as string[]).concat(services.worker.command ?? []).join(' ');
    expect(workerCommand).toMatch(/--worker\b/); // what `npm run worker` runs, without tsx
    expect(workerCommand).toContain('dist/bin/main.js');
  });

  it('runs Redis with AOF (everysec) and noeviction', () => {
    const command = ([] as string[]).concat(services.redis.command ?? []).join(' ');
    expect(command).toMatch(/--appendonly yes\b/);
    expect(command).toMatch(/--appendfsync everysec\b/);
    expect(command).toMatch(/--maxmemory-policy noeviction\b/);
  });

  it('reads .env for both Lingyan services, points them at the compose Redis, and forwards SIGTERM', () => {
    for (const name of ['app', 'worker']) {
      const service = services[name];
      expect(([] as string[]).concat(service.env_file ?? [])).toContain('.env');
      expect((service.environment as Record<string, string>).REDIS_URL).toBe('redis://redis:6379');
      expect(service.init).toBe(true);
      expect(service.depends_on?.redis?.condition).toBe('service_healthy');
    }
  });

  it('names only variables that .env.example documents', () => {
    const documented = new Set(envExampleNames());
    const missing = composeEnvNames().filter((name) => !documented.has(name));
    expect(missing).toEqual([]);
  });
});

describe('.env.example', () => {
  it('documents exactly the variables src/config/env.ts knows', () => {
    const known = schemaKeys();
    const documented = envExampleNames();
    expect(documented.filter((name) => !known.includes(name))).toEqual([]);
    expect(known.filter((name) => !documented.includes(name))).toEqual([]);
    expect(new Set(documented).size).toBe(documented.length);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages: string[][] = [];
  for (const line of instructions) {
    if (/^FROM\s/i.test(line)) stages.push([]);
    stages.at(-1)?.push(line);
  }
  const finalStage = stages.at(-1) ?? [];

  it('is multi-stage on a Node 20 LTS base', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const base = /ARG NODE_IMAGE=(\S+)/.exec(dockerfile)?.[1] ?? '';
    expect(base).toMatch(/^node:20[-.]/);
    for (const stage of stages) expect(stage[0]).toMatch(/^FROM (\$\{NODE_IMAGE\}|node:20)/);
  });

  it('installs production dependencies only in the final stage and runs as non-root `node`', () => {
    expect(finalStage.some((line) => /^RUN .*npm ci\b.*--omit=dev/.test(line))).toBe(true);
    const users = finalStage.filter((line) => /^USER\s/i.test(line));
    expect(users.at(-1)).toMatch(/^USER (node|1000)(:\S+)?$/);
    // nothing after the last USER switches back to root
    const lastUser = finalStage.lastIndexOf(users.at(-1) ?? '');
    expect(finalStage.slice(lastUser).some((line) => /^USER\s+(root|0)\b/.test(line))).toBe(false);
  });

  it('has a HEALTHCHECK on /healthz and starts the bundle', () => {
    const health = finalStage.find((line) => /^HEALTHCHECK\s/.test(line)) ?? '';
    expect(health).toContain('/healthz');
    expect(finalStage.find((line) => /^CMD\s/.test(line))).toContain('dist/bin/main.js');
  });

  it('runs the bundle with the runtime settings of `npm run start:prod` (and compose\'s worker those of worker:prod)', () => {
    const start = productionCommand('start:prod');
    const worker = productionCommand('worker:prod');
    // The measured memory settings (docs/operations.md): they must not drift between the three files.
    expect(start.env).toEqual({ MALLOC_ARENA_MAX: '2' });
    expect(start.nodeFlags).toEqual(expect.arrayContaining(['--max-semi-space-size=8', '--heap-growing-percent=40']));
    expect(worker.env).toEqual(start.env);
    expect(worker.nodeFlags).toEqual(start.nodeFlags);
    const cmd = JSON.parse((finalStage.find((line) => /^CMD\s/.test(line)) ?? 'CMD []').replace(/^CMD\s+/, '')) as string[];
    expect(cmd).toEqual(['node', ...start.nodeFlags, ...start.args]);
    for (const [name, value] of Object.entries(start.env)) {
      expect(finalStage.some((line) => /^ENV\s/.test(line) && new RegExp(`\\b${name}=${value}\\b`).test(line)), `ENV ${name}=${value}`).toBe(true);
    }
    expect(services.worker.command).toEqual(['node', ...worker.nodeFlags, ...worker.args]);
  });

  it('copies only paths that exist and that .dockerignore lets through', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#') && !line.startsWith('!'));
    for (const line of instructions.filter((l) => /^COPY\s/.test(l) && !/--from=/.test(l))) {
      const parts = line.split(/\s+/).slice(1).filter((p) => !p.startsWith('--'));
      for (const source of parts.slice(0, -1)) {
        expect(existsSync(path.join(ROOT, source)), `${source} exists`).toBe(true);
        expect(ignored.includes(source), `${source} is not in .dockerignore`).toBe(false);
      }
    }
    expect(ignored).toContain('.env');
    expect(ignored).toContain('node_modules');
  });
});

describe('production bundle (npm run build)', () => {
  // Same depth as dist/bin/ so `new URL('../../prompts', import.meta.url)` resolves to the project root.
  const outDir = path.join(ROOT, 'dist', `deploy-test-${process.pid}`);
  afterAll(() => rm(outDir, { recursive: true, force: true }));

  it('locates data files only from src/<area>/ files, the depth the bundle mirrors', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir)) {
        const file = path.join(dir, entry);
        if (statSync(file).isDirectory()) walk(file);
        else if (file.endsWith('.ts') && /new URL\(\s*['"]\.\.\//.test(readFileSync(file, 'utf8'))) {
          const depth = path.relative(path.join(ROOT, 'src'), file).split(path.sep).length;
          if (depth !== 2) offenders.push(path.relative(ROOT, file));
        }
      }
    };
    walk(path.join(ROOT, 'src'));
    expect(offenders).toEqual([]);
  });

  it('builds, loads only runtime dependencies, and answers a console question', async () => {
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; dependencies: Record<string, string> };
    const build = pkg.scripts.build;
    // Split into chunks: each platform SDK is imported only by its channel's chunk (see below).
    expect(build).toMatch(/--splitting/);
    expect(build).toMatch(/--outdir=dist\/bin(\s|$)/);
    const outfile = path.join(outDir, 'main.js');
    const metafile = path.join(outDir, 'meta.json');
    const args = build
      .split(/\s+/)
      .slice(1)
      .map((arg) => (arg.startsWith('--outdir=') ? `--outdir=${outDir}` : arg));
    await run(path.join(ROOT, 'node_modules/.bin/esbuild'), [...args, `--metafile=${metafile}`], { cwd: ROOT, timeout: 20_000 });

    // Every external import of the bundle must be installed by `npm ci --omit=dev`.
    const meta = JSON.parse(readFileSync(metafile, 'utf8')) as { outputs: Record<string, { imports: Array<{ path: string; external?: boolean }> }> };
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    const packages = new Set<string>();
    for (const output of Object.values(meta.outputs)) {
      for (const imported of output.imports) {
        if (!imported.external || builtins.has(imported.path) || imported.path.startsWith('node:')) continue;
        const parts = imported.path.split('/');
        packages.add(imported.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
      }
    }
    const notRuntime = [...packages].filter((name) => !(name in pkg.dependencies));
    expect(notRuntime).toEqual([]);

    // What main.js loads before any platform is configured (its static imports, transitively) has
    // neither Bolt nor botbuilder: a Slack-only replica never loads the Teams SDK, and the reverse.
    const staticClosure = new Set<string>();
    const visit = (output: string): void => {
      for (const imported of meta.outputs[output]?.imports ?? []) {
        if ((imported as { kind?: string }).kind === 'dynamic-import') continue;
        if (imported.external) staticClosure.add(imported.path);
        else if (!staticClosure.has(imported.path)) {
          staticClosure.add(imported.path);
          visit(imported.path);
        }
      }
    };
    visit(Object.keys(meta.outputs).find((output) => output.endsWith('/main.js'))!);
    const sdks = [...staticClosure].filter((name) => /^(botbuilder|@slack\/bolt)/.test(name));
    expect(sdks).toEqual([]);

    const { stdout } = await run(
      process.execPath,
      [outfile, '--once', '今天要打多少个电话', '--user', 'a1', '--now', '2026-03-04T09:00:00+08:00', '--data', 'test/fixtures/plan-basic.json', '--json'],
      { cwd: ROOT, timeout: 20_000, env: { PATH: process.env.PATH, LOG_LEVEL: 'silent' } },
    );
    const reply = JSON.parse(stdout) as { intent: string; data: { callsToday: number } };
    expect(reply.intent).toBe('calls_today');
    expect(Number.isInteger(reply.data.callsToday)).toBe(true);
  }, 30_000);
});
