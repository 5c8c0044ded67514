// Tokens of stored Slack installations encrypted at rest (INSTALLATION_ENCRYPTION_KEY, AES-256-GCM): the
// cipher itself, the installation store with and without a key, plaintext installs stored before a key was
// set, and a key that is missing or wrong (a configuration fault: the nudge is retried, the workspace is not
// paused).
import { randomBytes } from 'node:crypto';
import type { Installation } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { INSTALLATION_KIND, StoreInstallationStore } from '../../../src/channels/slack/installation-store';
import { SlackProactiveChannel } from '../../../src/channels/slack/proactive';
import { TokenCipher, TokenDecryptionError } from '../../../src/channels/slack/token-cipher';
import { silentLogger } from '../../../src/channels/slack/types';
import { MemoryStore } from '../../../src/store/memory';
import { memoryLogger, type LogLine } from './harness';

const key = () => randomBytes(32).toString('base64');

function installation(team: string, token: string): Installation<'v2', false> {
  return {
    team: { id: team, name: 'Acme' },
    enterprise: undefined,
    user: { id: 'U0ADMIN', token: 'xoxp-admin-secret', scopes: undefined },
    bot: { id: 'B0BOT', userId: 'UBOT', token, scopes: ['chat:write'] },
    isEnterpriseInstall: false,
    authVersion: 'v2',
    appId: 'A0APP',
    tokenType: 'bot',
  };
}
const query = (teamId: string) => ({ teamId, isEnterpriseInstall: false, enterpriseId: undefined });

describe('TokenCipher', () => {
  it('round-trips, with a fresh IV each time', () => {
    const cipher = new TokenCipher(key());
    const a = cipher.encrypt('xoxb-123', 'ctx');
    const b = cipher.encrypt('xoxb-123', 'ctx');
    expect(a).toMatch(/^lyenc:v1:[0-9a-f]{8}:/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('xoxb');
    expect(cipher.decrypt(a, 'ctx')).toBe('xoxb-123');
    expect(cipher.decrypt(b, 'ctx')).toBe('xoxb-123');
  });

  it('refuses another context, another key, and altered bytes; passes plaintext through', () => {
    const cipher = new TokenCipher(key());
    const sealed = cipher.encrypt('xoxb-123', 'slack_installation:T1:bot.token');
    expect(() => cipher.decrypt(sealed, 'slack_installation:T2:bot.token')).toThrow(TokenDecryptionError);
    expect(() => new TokenCipher(key()).decrypt(sealed, 'slack_installation:T1:bot.token')).toThrow(/another key/);
    const parts = sealed.split(':');
    const body = Buffer.from(parts[5], 'base64url');
    body[0] ^= 1;
    parts[5] = body.toString('base64url');
    expect(() => cipher.decrypt(parts.join(':'), 'slack_installation:T1:bot.token')).toThrow(/failed authentication/);
    expect(() => cipher.decrypt('lyenc:v1:abc', 'x')).toThrow(/malformed/);
    expect(cipher.decrypt('xoxb-plain', 'x')).toBe('xoxb-plain');
    expect(() => new TokenCipher(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});

describe('StoreInstallationStore with INSTALLATION_ENCRYPTION_KEY', () => {
  it('stores bot and user tokens encrypted and reads them back', async () => {
    const store = new MemoryStore();
    const installs = new StoreInstallationStore(store, silentLogger, { cipher: new TokenCipher(key()) });
    await installs.storeInstallation(installation('T1', 'xoxb-secret-1'));
    const raw = JSON.stringify(await store.getDoc('T1', INSTALLATION_KIND, 'workspace'));
    expect(raw).not.toContain('xoxb-secret-1');
    expect(raw).not.toContain('xoxp-admin-secret');
    expect(raw).toContain('"id":"B0BOT"'); // everything else as Slack returned it
    expect(await installs.botToken('T1')).toBe('xoxb-secret-1');
    const fetched = await installs.fetchInstallation(query('T1'));
    expect(fetched.bot?.token).toBe('xoxb-secret-1');
    expect(fetched.user.token).toBe('xoxp-admin-secret');
  });

  it('still reads an installation stored in plaintext before the key was set', async () => {
    const store = new MemoryStore();
    await new StoreInstallationStore(store, silentLogger).storeInstallation(installation('T1', 'xoxb-legacy'));
    const installs = new StoreInstallationStore(store, silentLogger, { cipher: new TokenCipher(key()) });
    expect(await installs.botToken('T1')).toBe('xoxb-legacy');
    // The next install (a reinstall) stores it encrypted.
    await installs.storeInstallation(installation('T1', 'xoxb-reinstalled'));
    expect(JSON.stringify(await store.getDoc('T1', INSTALLATION_KIND, 'workspace'))).not.toContain('xoxb-reinstalled');
    expect(await installs.botToken('T1')).toBe('xoxb-reinstalled');
  });

  it('does not decrypt a document copied to another workspace', async () => {
    const store = new MemoryStore();
    const installs = new StoreInstallationStore(store, silentLogger, { cipher: new TokenCipher(key()) });
    await installs.storeInstallation(installation('T1', 'xoxb-t1'));
    await store.putDoc('T2', INSTALLATION_KIND, 'workspace', await store.getDoc('T1', INSTALLATION_KIND, 'workspace'));
    await expect(installs.botToken('T2')).rejects.toThrow(TokenDecryptionError);
  });

  it('without the key (or with another one) an encrypted install is a logged fault: the nudge is retried, nothing is paused', async () => {
    const store = new MemoryStore();
    await new StoreInstallationStore(store, silentLogger, { cipher: new TokenCipher(key()) }).storeInstallation(installation('T1', 'xoxb-t1'));
    const logs: LogLine[] = [];
    const keyless = new StoreInstallationStore(store, memoryLogger(logs));
    await expect(keyless.fetchInstallation(query('T1'))).rejects.toThrow(/INSTALLATION_ENCRYPTION_KEY is not set/);
    await expect(new StoreInstallationStore(store, silentLogger, { cipher: new TokenCipher(key()) }).botToken('T1')).rejects.toThrow(/another key/);
    expect(logs.some((l) => l.level === 'error' && l.msg === 'slack installation cannot be read')).toBe(true);
    const proactive = new SlackProactiveChannel({ tokenFor: (tenant) => keyless.botToken(tenant), logger: silentLogger });
    const result = await proactive.sendToUser({ tenant: 'T1', platformUserId: 'UA1' }, { intent: 'help', locale: 'en', text: 'hi', data: {} });
    expect(result).toEqual({ status: 'failed', reason: 'token_lookup', retryable: true });
  });
});
