// Configuration is parsed once; a wrong value stops start-up with a message naming the variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, hasSlack, hasTeams, loadEnv, redisTopology } from '../../src/config/env';

describe('loadEnv', () => {
  it('gives the documented defaults with an empty environment', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ PORT: 3000, DEFAULT_LOCALE: 'zh-CN', DEFAULT_TZ: 'Asia/Shanghai', MicrosoftAppType: 'MultiTenant', NUDGE_ON_UNCERTAIN: 'resend' });
    expect(env.REDIS_URL).toBeUndefined();
    expect(hasSlack(env) || hasTeams(env)).toBe(false);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ DEFAULT_TZ: 'Mars/Olympus' }, 'DEFAULT_TZ'],
    [{ DEFAULT_LOCALE: 'fr' }, 'DEFAULT_LOCALE'],
    [{ NUDGE_ON_UNCERTAIN: 'twice' }, 'NUDGE_ON_UNCERTAIN'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_SIGNING_SECRET'],
    [{ SLACK_CLIENT_ID: 'id', SLACK_CLIENT_SECRET: 's' }, 'SLACK_STATE_SECRET'],
    [{ MicrosoftAppId: 'app' }, 'MicrosoftAppPassword'],
    [{ MicrosoftAppId: 'app', MicrosoftAppPassword: 'p', MicrosoftAppType: 'SingleTenant' }, 'MicrosoftAppTenantId'],
  ])('names the bad variable: %j', (source, name) => {
    expect(() => loadEnv(source)).toThrow(ConfigError);
    expect(() => loadEnv(source)).toThrow(new RegExp(name));
  });

  it('treats blank values as unset and splits the Teams allow-list', () => {
    const env = loadEnv({ SLACK_BOT_TOKEN: '  ', TEAMS_ALLOWED_TENANTS: 'a, b ,,c' });
    expect(env.SLACK_BOT_TOKEN).toBeUndefined();
    expect(env.TEAMS_ALLOWED_TENANTS).toEqual(['a', 'b', 'c']);
  });
});

describe('Redis topologies (docs/design.md "Environment")', () => {
  it('reads one node, Sentinel or Cluster, with REDIS_PASSWORD for the data nodes', () => {
    expect(redisTopology(loadEnv({}))).toBeUndefined();
    expect(redisTopology(loadEnv({ REDIS_URL: 'redis://10.0.0.5:6379/2' }))).toEqual({ kind: 'single', url: 'redis://10.0.0.5:6379/2' });
    expect(redisTopology(loadEnv({ REDIS_URL: 'rediss://cache.example.com:6380', REDIS_PASSWORD: 's3cret' }))).toEqual({
      kind: 'single', url: 'rediss://cache.example.com:6380', password: 's3cret',
    });
    expect(redisTopology(loadEnv({ REDIS_SENTINELS: '10.0.0.11:26379, 10.0.0.12:26379,[fd00::13]:26379,', REDIS_SENTINEL_NAME: 'mymaster', REDIS_PASSWORD: 'p' }))).toEqual({
      kind: 'sentinel',
      sentinels: [{ host: '10.0.0.11', port: 26379 }, { host: '10.0.0.12', port: 26379 }, { host: 'fd00::13', port: 26379 }],
      name: 'mymaster',
      password: 'p',
    });
    expect(redisTopology(loadEnv({ REDIS_CLUSTER_NODES: 'redis-0.redis:6379,redis-1.redis:6379' }))).toEqual({
      kind: 'cluster', nodes: [{ host: 'redis-0.redis', port: 6379 }, { host: 'redis-1.redis', port: 6379 }],
    });
    // Blank values are unset, as everywhere: .env.example lists all of them.
    expect(redisTopology(loadEnv({ REDIS_URL: 'redis://r:6379', REDIS_SENTINELS: '', REDIS_SENTINEL_NAME: ' ', REDIS_CLUSTER_NODES: '' }))?.kind).toBe('single');
  });

  it.each([
    [{ REDIS_URL: 'redis://r:6379', REDIS_CLUSTER_NODES: 'c:6379' }, /REDIS_CLUSTER_NODES: set exactly one Redis topology/],
    [{ REDIS_URL: 'redis://r:6379', REDIS_SENTINELS: 's:26379', REDIS_SENTINEL_NAME: 'm' }, /REDIS_SENTINELS: set exactly one Redis topology/],
    [{ REDIS_SENTINELS: 's:26379', REDIS_SENTINEL_NAME: 'm', REDIS_CLUSTER_NODES: 'c:6379' }, /REDIS_CLUSTER_NODES: set exactly one/],
    [{ REDIS_SENTINELS: 's:26379' }, /REDIS_SENTINEL_NAME: required with REDIS_SENTINELS/],
    [{ REDIS_SENTINEL_NAME: 'mymaster' }, /REDIS_SENTINELS: required with REDIS_SENTINEL_NAME/],
    [{ REDIS_SENTINELS: 's', REDIS_SENTINEL_NAME: 'm' }, /REDIS_SENTINELS: "s" is not host:port/],
    [{ REDIS_CLUSTER_NODES: 'c:6379,c:99999' }, /REDIS_CLUSTER_NODES: "c:99999" is not host:port/],
    [{ REDIS_CLUSTER_NODES: ',' }, /REDIS_CLUSTER_NODES: expected host:port/],
    [{ REDIS_PASSWORD: 'p' }, /REDIS_PASSWORD: set without a Redis topology/],
    [{ REDIS_URL: 'redis://:inurl@r:6379', REDIS_PASSWORD: 'p' }, /REDIS_PASSWORD: REDIS_URL already carries a password/],
  ])('refuses a wrong combination with a clear message: %j', (source, message) => {
    expect(() => loadEnv(source)).toThrow(ConfigError);
    expect(() => loadEnv(source)).toThrow(message);
  });
});
