// OAuth (multi-workspace): install redirect, installations in the Store, tokens per workspace, a workspace
// that never installed (logged, nothing posted), and SLACK_API_URL routing Web API calls elsewhere.
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Installation } from '@slack/bolt';
import { INSTALLATION_KIND, StoreInstallationStore } from '../../../src/channels/slack/installation-store';
import { MemoryStore } from '../../../src/store/memory';
import { BOT_USER, eventBody, memoryLogger, settle, startHarness, waitFor, post, type Harness, type LogLine } from './harness';

const OAUTH = { botToken: undefined, clientId: '123.456', clientSecret: 'shh', stateSecret: 'state-secret' };
const GOV = 'https://slack-gov.example';

function installation(team: string, token: string): Installation<'v2', false> {
  return {
    team: { id: team, name: 'Acme' },
    enterprise: undefined,
    user: { id: 'U0ADMIN', token: undefined, scopes: undefined },
    bot: { id: 'B0BOT', userId: BOT_USER, token, scopes: ['chat:write'] },
    isEnterpriseInstall: false,
    authVersion: 'v2',
    appId: 'A0APP',
    tokenType: 'bot',
  };
}

const mention = (channel: string) => ({ type: 'app_mention', user: 'U0LEAD', text: `<@${BOT_USER}> help`, ts: '1.0', channel, event_ts: '1.0' });

describe('Slack over OAuth', () => {
  let h: Harness;
  beforeEach(async () => {
    nock.cleanAll();
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    h = await startHarness({ ...OAUTH, apiUrl: `${GOV}/api` });
  });
  afterEach(async () => {
    await h.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('redirects /slack/install to Slack with the bot scopes', async () => {
    const res = await fetch(`${h.url}/slack/install`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.pathname).toBe('/oauth/v2/authorize');
    expect(location.searchParams.get('client_id')).toBe('123.456');
    expect(location.searchParams.get('scope')?.split(',')).toContain('chat:write');
    expect(location.searchParams.get('state')).toBeTruthy();
  });

  it('logs and posts nothing for a workspace that never installed Lingyan', async () => {
    const res = await post(h, eventBody(mention("C0X"), 'EvNOINSTALL').replaceAll('T0TEAM', 'T0STRANGER'), 'application/json');
    expect(res.status).toBe(200);
    await settle(200);
    expect(h.engine.inbounds).toHaveLength(0);
    expect(nock.pendingMocks()).toEqual([]);
    expect(h.logs.some((l) => l.msg?.includes('never installed'))).toBe(true);
    expect(h.logs.some((l) => l.msg?.includes('without a usable installation'))).toBe(true);
  });

  it("answers an installed workspace with that workspace's token on SLACK_API_URL", async () => {
    await new StoreInstallationStore(h.store, memoryLogger([])).storeInstallation(installation('T0TEAM', 'xoxb-acme'));
    nock(GOV).post('/api/users.info').reply(200, { ok: true, user: { id: 'U0LEAD', locale: 'en-US' } }).persist();
    const posted: string[] = [];
    nock(GOV, { reqheaders: { authorization: 'Bearer xoxb-acme' } })
      .post('/api/chat.postMessage', (body: Record<string, unknown>) => {
        posted.push(String(body.channel));
        return true;
      })
      .reply(200, { ok: true, ts: '2.0' });
    await post(h, eventBody(mention('C0SALES'), 'EvINSTALLED'), 'application/json');
    await waitFor(() => posted.length === 1);
    expect(posted).toEqual(['C0SALES']);
    expect(h.engine.inbounds[0]).toMatchObject({ tenant: 'T0TEAM', locale: 'en-US', text: 'help' });
  });
});

describe('StoreInstallationStore', () => {
  it('stores, fetches and deletes installations per workspace', async () => {
    const logs: LogLine[] = [];
    const store = new MemoryStore();
    const installs = new StoreInstallationStore(store, memoryLogger(logs));
    await installs.storeInstallation(installation('T1', 'xoxb-1'));
    expect(await store.getDoc('T1', INSTALLATION_KIND, 'workspace')).toMatchObject({ bot: { token: 'xoxb-1' } });
    expect(await installs.botToken('T1')).toBe('xoxb-1');
    expect((await installs.fetchInstallation({ teamId: 'T1', isEnterpriseInstall: false, enterpriseId: undefined })).bot?.token).toBe('xoxb-1');
    await installs.deleteInstallation({ teamId: 'T1', isEnterpriseInstall: false, enterpriseId: undefined });
    expect(await installs.botToken('T1')).toBeNull();
    await expect(installs.fetchInstallation({ teamId: 'T2', isEnterpriseInstall: false, enterpriseId: undefined })).rejects.toThrow('no Slack installation');
  });
});
