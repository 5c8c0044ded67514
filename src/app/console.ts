// The console channel's two modes: the interactive REPL and the scriptable `--once`.
import type { CliOptions } from './cli';
import { CliError } from './cli';
import { startupFixture } from './data';
import { buildApp } from './bootstrap';
import { createLogger } from '../logger';
import { redisTopology, type Env } from '../config/env';
import { ConsoleSession } from '../channels/console/session';
import { TextRenderer } from '../channels/console/textRenderer';
import { saveReplyFile } from '../channels/console/files';
import { runRepl } from '../channels/console/repl';

async function prepare(options: CliOptions, env: Env) {
  const now = options.now ?? new Date();
  const fixture = await startupFixture(options.data, now, env.DEFAULT_TZ);
  // The console is for people at a terminal and for scripts: only errors are logged unless LOG_LEVEL is set.
  const app = await buildApp(env, { logger: createLogger(process.env.LOG_LEVEL ? env.LOG_LEVEL : 'error') });
  // On a real Redis the demo is seeded only into an empty tenant, so real data is never overwritten.
  const existing = redisTopology(env) && !options.data ? await app.store.listAgents(options.tenant) : [];
  if (existing.length === 0) await app.store.seed(options.tenant, fixture);
  return { app, now };
}

export async function runOnce(options: CliOptions, env: Env): Promise<number> {
  const { app, now } = await prepare(options, env);
  try {
    const userId = options.user!;
    if (!(await app.store.getAgent(options.tenant, userId))) {
      const known = (await app.store.listAgents(options.tenant)).map((agent) => agent.id);
      throw new CliError(`unknown user "${userId}"; known ids: ${known.join(', ') || '(none)'}`);
    }
    const session = new ConsoleSession(app.engine, {
      tenant: options.tenant,
      userId,
      now,
      ...(options.locale ? { locale: options.locale } : {}),
    });
    const reply = await session.send(options.once!);
    if (options.json) {
      process.stdout.write(`${JSON.stringify(reply)}\n`);
    } else {
      const savedAs = await saveReplyFile(reply);
      process.stdout.write(`${new TextRenderer().render(reply, { why: true, savedAs })}\n`);
    }
    return 0;
  } finally {
    await app.store.close();
  }
}

export async function runConsole(options: CliOptions, env: Env): Promise<number> {
  const { app } = await prepare(options, env);
  try {
    const session = new ConsoleSession(app.engine, {
      tenant: options.tenant,
      userId: options.user ?? 'a1',
      ...(options.now ? { now: options.now } : {}),
      ...(options.locale ? { locale: options.locale } : {}),
    });
    await runRepl(session, app.store);
    return 0;
  } finally {
    await app.store.close();
  }
}
