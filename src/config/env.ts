// Parses the environment once with zod (docs/design.md "Environment"); a wrong value stops start-up with a
// message naming the variable. Secrets are read only from here.
import { z } from 'zod';
import { parseHostPorts, type HostPort, type RedisTopology } from '../store/topology';

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

/** `host:port,host:port,…` (REDIS_SENTINELS, REDIS_CLUSTER_NODES), parsed into a list. */
const hostList = optionalString.transform((value, ctx): HostPort[] | undefined => {
  if (value === undefined) return undefined;
  try {
    return parseHostPorts(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'not a valid IANA time zone (e.g. Asia/Shanghai)');

export const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    REDIS_URL: optionalString.pipe(z.string().url('must be a redis:// or rediss:// URL').optional()),
    /** Sentinel topology: the sentinels' host:port list, and the name they monitor the primary under. */
    REDIS_SENTINELS: hostList,
    REDIS_SENTINEL_NAME: optionalString,
    /** Cluster topology: seed nodes, host:port list. */
    REDIS_CLUSTER_NODES: hostList,
    /** Password of the Redis data nodes, in every topology (not sent to the sentinels themselves). */
    REDIS_PASSWORD: optionalString,
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_BOT_TOKEN: optionalString,
    SLACK_CLIENT_ID: optionalString,
    SLACK_CLIENT_SECRET: optionalString,
    SLACK_STATE_SECRET: optionalString,
    SLACK_APP_TOKEN: optionalString,
    SLACK_API_URL: optionalString.pipe(z.string().url().optional()),
    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    MicrosoftAppTenantId: optionalString,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    /** Comma-separated Teams tenant ids allowed to use the bot (empty: any tenant that installed it). */
    TEAMS_ALLOWED_TENANTS: optionalString.transform((value) => (value ? value.split(',').map((v) => v.trim()).filter(Boolean) : [])),
    /** Public host name of the bot, used only by `npm run package:teams` (validDomains, URLs). */
    BOT_DOMAIN: optionalString,
    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalString.pipe(z.string().url().optional()),
    OPENAI_MODEL: z.string().default('gpt-4o-mini'),
    OPENAI_EMBEDDING_MODEL: optionalString,
    OPENAI_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(8_000),
    LLM_DAILY_TOKEN_BUDGET: z.coerce.number().int().min(0).default(2_000_000),
    DEFAULT_LOCALE: z.enum(['zh-CN', 'en']).default('zh-CN'),
    DEFAULT_TZ: timeZone.default('Asia/Shanghai'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    NUDGE_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
    /**
     * A nudge whose previous attempt died mid-send, on a channel that cannot check whether it arrived
     * (Teams): `resend` (at-least-once, a rare duplicate) or `skip` (at-most-once, a rare missed nudge).
     */
    NUDGE_ON_UNCERTAIN: z.enum(['resend', 'skip']).default('resend'),
    /** Nudge posts per second to one Slack channel or DM (Slack allows about 1). */
    SLACK_POSTS_PER_SECOND: z.coerce.number().positive().max(100).default(1),
    /** Nudge posts per second over a whole Slack workspace (Slack's workspace cap is unpublished; 20: 2,000 DMs in 100 s). */
    SLACK_WORKSPACE_POSTS_PER_SECOND: z.coerce.number().positive().max(1000).default(20),
    /**
     * Milliseconds between SIGTERM and closing the HTTP listener. /readyz answers 503 from the signal on,
     * while requests are still served, so a load balancer probing it stops sending first (0: close at once).
     */
    SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).max(120_000).default(0),
    /** Serve /metrics on this port alone (and not on PORT); unset: /metrics on PORT. */
    METRICS_PORT: optionalString.transform((value) => (value === undefined ? undefined : Number(value))).pipe(z.number().int().min(1).max(65535).optional()),
    /**
     * 32 random bytes, base64 (`openssl rand -base64 32`): Slack OAuth installations' tokens are stored
     * encrypted with it (AES-256-GCM). Unset: stored as they come; tokens stored before it is set stay readable.
     */
    INSTALLATION_ENCRYPTION_KEY: optionalString.pipe(
      z
        .string()
        .refine((value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32, 'must be 32 bytes in base64 (e.g. `openssl rand -base64 32`)')
        .optional(),
    ),
  })
  .superRefine((env, ctx) => {
    // Exactly one Redis topology, or none (in-memory demo).
    const topologies = (['REDIS_URL', 'REDIS_SENTINELS', 'REDIS_CLUSTER_NODES'] as const).filter((name) => env[name] !== undefined);
    if (topologies.length > 1) {
      for (const name of topologies.slice(1)) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `set exactly one Redis topology (REDIS_URL, REDIS_SENTINELS with REDIS_SENTINEL_NAME, or REDIS_CLUSTER_NODES); ${topologies.join(' and ')} are all set`,
        });
      }
    }
    if (env.REDIS_SENTINELS && !env.REDIS_SENTINEL_NAME) {
      ctx.addIssue({ code: 'custom', path: ['REDIS_SENTINEL_NAME'], message: 'required with REDIS_SENTINELS (the name the sentinels monitor the primary under)' });
    }
    if (env.REDIS_SENTINEL_NAME && !env.REDIS_SENTINELS) {
      ctx.addIssue({ code: 'custom', path: ['REDIS_SENTINELS'], message: 'required with REDIS_SENTINEL_NAME (host:port of each sentinel, comma-separated)' });
    }
    if (env.REDIS_PASSWORD && topologies.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['REDIS_PASSWORD'], message: 'set without a Redis topology (REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES)' });
    }
    if (env.REDIS_PASSWORD && env.REDIS_URL && urlHasPassword(env.REDIS_URL)) {
      ctx.addIssue({ code: 'custom', path: ['REDIS_PASSWORD'], message: 'REDIS_URL already carries a password: give it in one place' });
    }
    if (env.METRICS_PORT !== undefined && env.METRICS_PORT === env.PORT) {
      ctx.addIssue({ code: 'custom', path: ['METRICS_PORT'], message: 'must differ from PORT (leave it unset to serve /metrics on PORT)' });
    }
    const slackPlatform = env.SLACK_BOT_TOKEN || env.SLACK_CLIENT_ID || env.SLACK_APP_TOKEN;
    if (slackPlatform && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'required when Slack is configured over HTTP' });
    }
    if (env.SLACK_CLIENT_ID && (!env.SLACK_CLIENT_SECRET || !env.SLACK_STATE_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.SLACK_CLIENT_SECRET ? 'SLACK_STATE_SECRET' : 'SLACK_CLIENT_SECRET'],
        message: 'required with SLACK_CLIENT_ID (OAuth)',
      });
    }
    if (env.MicrosoftAppId && !env.MicrosoftAppPassword && env.MicrosoftAppType !== 'UserAssignedMSI') {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'required with MicrosoftAppId' });
    }
    if (env.MicrosoftAppType === 'SingleTenant' && env.MicrosoftAppId && !env.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'required for SingleTenant' });
    }
  });

export type Env = z.infer<typeof envSchema>;

function urlHasPassword(url: string): boolean {
  try {
    return new URL(url).password !== '';
  } catch {
    return false;
  }
}

/** The configured Redis topology (validated by envSchema: at most one), or undefined: in-memory store. */
export function redisTopology(env: Env): RedisTopology | undefined {
  const password = env.REDIS_PASSWORD ? { password: env.REDIS_PASSWORD } : {};
  if (env.REDIS_URL) return { kind: 'single', url: env.REDIS_URL, ...password };
  if (env.REDIS_SENTINELS && env.REDIS_SENTINEL_NAME) return { kind: 'sentinel', sentinels: env.REDIS_SENTINELS, name: env.REDIS_SENTINEL_NAME, ...password };
  if (env.REDIS_CLUSTER_NODES) return { kind: 'cluster', nodes: env.REDIS_CLUSTER_NODES, ...password };
  return undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses `source` (default process.env); throws ConfigError naming each bad variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
}

export function hasSlack(env: Env): boolean {
  return Boolean(env.SLACK_BOT_TOKEN || env.SLACK_CLIENT_ID || env.SLACK_APP_TOKEN);
}

export function hasTeams(env: Env): boolean {
  return Boolean(env.MicrosoftAppId);
}
