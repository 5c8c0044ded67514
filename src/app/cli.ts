// Command-line flags (docs/design.md "Command line"), parsed strictly: an unknown flag or a bad value
// is an error with a clear message and a non-zero exit.
import { parseArgs } from 'node:util';

export const HELP = `Lingyan (领雁) — coaching assistant for contact-centre and telesales teams

Usage:
  npm start                                  interactive console (no Slack/Teams credentials set),
                                             or the HTTP server + nudge worker when they are set
  npm start --silent -- --once "<text>" --user <id> [--now <ISO-8601 with offset>]
                       [--data <fixture.json>] [--locale zh-CN|en] [--tenant <id>] [--json]
                                             answer one message and exit
  npm start --silent -- --nudges-dry-run <YYYY-MM-DD> [--data <fixture.json>] [--json]
                                             list the nudges that date would send
  npm start --silent -- --nudges <YYYY-MM-DD> [--data <fixture.json>] [--locale zh-CN|en]
                                             print each nudge of that date as it would be sent
  npm run worker                             only the nudge worker (needs Redis: REDIS_URL,
                                             REDIS_SENTINELS or REDIS_CLUSTER_NODES)

Flags:
  --once <text>        the message to answer
  --user <id>          the agent or lead id from the data (required with --once)
  --now <iso>          the instant to answer at, e.g. 2026-03-04T09:00:00+08:00 (default: now)
  --data <file>        a fixture JSON file that replaces the demo data
  --locale <l>         zh-CN or en (default: the user's profile)
  --tenant <id>        tenant to seed/read (default: console)
  --json               print the Reply as one JSON object on stdout (logs go to stderr)
  --nudges-dry-run <d> the nudges that date would send
  --nudges <d>         simulation: print each nudge of that date as it would be sent
  --worker             run only the nudge worker
  --help               this text

Environment: see .env.example (PORT, REDIS_URL | REDIS_SENTINELS + REDIS_SENTINEL_NAME | REDIS_CLUSTER_NODES,
REDIS_PASSWORD, SLACK_*, MicrosoftApp*, OPENAI_*, DEFAULT_LOCALE, DEFAULT_TZ, LOG_LEVEL).`;

export interface CliOptions {
  once?: string;
  user?: string;
  now?: Date;
  data?: string;
  locale?: 'zh-CN' | 'en';
  tenant: string;
  json: boolean;
  nudgesDryRun?: string;
  /** With nudgesDryRun: print the composed messages (console simulation). */
  nudgesSimulate?: boolean;
  worker: boolean;
  help: boolean;
}

export class CliError extends Error {}

export function parseCli(argv: string[]): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        once: { type: 'string' },
        user: { type: 'string' },
        now: { type: 'string' },
        data: { type: 'string' },
        locale: { type: 'string' },
        tenant: { type: 'string', default: 'console' },
        json: { type: 'boolean', default: false },
        'nudges-dry-run': { type: 'string' },
        nudges: { type: 'string' },
        worker: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\nRun with --help for usage.`);
  }
  const options: CliOptions = { tenant: values.tenant ?? 'console', json: values.json ?? false, worker: values.worker ?? false, help: values.help ?? false };
  if (values.once !== undefined) {
    if (!values.once.trim()) throw new CliError('--once needs the text of a message');
    options.once = values.once;
    if (!values.user) throw new CliError('--once needs --user <id> (an agent or lead id from the data)');
  }
  if (values.user !== undefined) options.user = values.user;
  if (values.now !== undefined) {
    // An offset is required so the answer never depends on the machine's time zone.
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(values.now)) {
      throw new CliError(`--now must be ISO-8601 with an offset, e.g. 2026-03-04T09:00:00+08:00 (got "${values.now}")`);
    }
    const now = new Date(values.now);
    if (Number.isNaN(now.getTime())) throw new CliError(`--now is not a valid date: "${values.now}"`);
    options.now = now;
  }
  if (values.data !== undefined) options.data = values.data;
  if (values.locale !== undefined) {
    if (values.locale !== 'zh-CN' && values.locale !== 'en') throw new CliError(`--locale must be zh-CN or en (got "${values.locale}")`);
    options.locale = values.locale;
  }
  if (values['nudges-dry-run'] !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values['nudges-dry-run'])) throw new CliError('--nudges-dry-run needs a date YYYY-MM-DD');
    options.nudgesDryRun = values['nudges-dry-run'];
  }
  if (values.nudges !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.nudges)) throw new CliError('--nudges needs a date YYYY-MM-DD');
    options.nudgesDryRun = values.nudges;
    options.nudgesSimulate = true;
  }
  return options;
}
