// The operating variables of issue 24: SHUTDOWN_DELAY_MS, METRICS_PORT and INSTALLATION_ENCRYPTION_KEY
// (defaults, and a wrong value stops start-up naming the variable).
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv } from '../../src/config/env';

const problems = (source: Record<string, string>): string[] => {
  try {
    loadEnv(source);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};

describe('operating variables', () => {
  it('default to closing at once, /metrics on PORT and tokens stored as they come', () => {
    const env = loadEnv({});
    expect(env.SHUTDOWN_DELAY_MS).toBe(0);
    expect(env.METRICS_PORT).toBeUndefined();
    expect(env.INSTALLATION_ENCRYPTION_KEY).toBeUndefined();
    expect(loadEnv({ METRICS_PORT: '', INSTALLATION_ENCRYPTION_KEY: ' ' }).METRICS_PORT).toBeUndefined();
  });

  it('parse valid values', () => {
    const keyValue = randomBytes(32).toString('base64');
    const env = loadEnv({ SHUTDOWN_DELAY_MS: '5000', METRICS_PORT: '9464', INSTALLATION_ENCRYPTION_KEY: keyValue });
    expect(env).toMatchObject({ SHUTDOWN_DELAY_MS: 5000, METRICS_PORT: 9464, INSTALLATION_ENCRYPTION_KEY: keyValue });
  });

  it('name the variable when a value is wrong', () => {
    expect(problems({ SHUTDOWN_DELAY_MS: '-1' })[0]).toMatch(/^SHUTDOWN_DELAY_MS:/);
    expect(problems({ METRICS_PORT: 'abc' })[0]).toMatch(/^METRICS_PORT:/);
    expect(problems({ METRICS_PORT: '3000' })).toEqual(['METRICS_PORT: must differ from PORT (leave it unset to serve /metrics on PORT)']);
    expect(problems({ INSTALLATION_ENCRYPTION_KEY: randomBytes(16).toString('base64') })[0]).toMatch(/^INSTALLATION_ENCRYPTION_KEY: must be 32 bytes/);
    expect(problems({ INSTALLATION_ENCRYPTION_KEY: 'not base64 at all!!' })[0]).toMatch(/^INSTALLATION_ENCRYPTION_KEY:/);
  });
});
