// Process entry point: parses flags and environment, then runs one of the console (REPL or --once),
// the nudge dry run, the HTTP server with the nudge worker, or the worker alone.
import { CliError, HELP, parseCli } from './app/cli';
import { DataFileError } from './app/data';
import { ConfigError, hasSlack, hasTeams, loadEnv } from './config/env';

async function main(argv: string[]): Promise<number> {
  const options = parseCli(argv);
  if (options.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const env = loadEnv();
  if (options.nudgesDryRun) {
    const { runNudgesDryRun } = await import('./app/nudgesDryRun');
    return runNudgesDryRun(options, env);
  }
  if (options.once !== undefined) {
    const { runOnce } = await import('./app/console');
    return runOnce(options, env);
  }
  if (options.worker) {
    const { runWorker } = await import('./app/server');
    return runWorker(options, env);
  }
  if (hasSlack(env) || hasTeams(env)) {
    const { runServer } = await import('./app/server');
    return runServer(options, env);
  }
  const { runConsole } = await import('./app/console');
  return runConsole(options, env);
}

// `npm start --silent -- --once … | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliError || error instanceof ConfigError || error instanceof DataFileError) {
      process.stderr.write(`lingyan: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`lingyan: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
