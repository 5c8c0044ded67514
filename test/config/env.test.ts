// Configuration is parsed once; a wrong value stops start-up with a message naming the variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, hasSlack, hasTeams, loadEnv } from '../../src/config/env';

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
