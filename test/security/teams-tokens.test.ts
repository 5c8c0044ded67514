// Teams request authenticity through the whole production server (createHttpApp + CloudAdapter + the real
// engine on Redis): Bot Framework tokens with a wrong audience, issuer, expiry, key, algorithm or service
// URL get 401, reach no handler, post nothing to the connector and change nothing in the store (not even
// the conversation reference). A valid token on the same server does all of that.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { messageActivity, mintToken, TENANT } from '../channels/teams/harness';
import { useRedisNamespace } from '../helpers/redis';
import { diffSnapshots, postTeams, settle, snapshot, useFullServer, type FullServer, type NetGuard } from './fullServer';

const ns = useRedisNamespace('lysec-teams');
const fx = useFullServer(ns, [TENANT]);
let redis: Redis;
let server: FullServer;
let guard: NetGuard;
const AGENT_AAD = '00000000-0000-4000-8000-000000000001'; // a1 张伟 in the demo team

beforeAll(async () => {
  ({ server, guard } = fx);
  redis = await ns.connect();
});
beforeEach(() => {
  guard.calls.length = 0;
});

function activity(text = '今天打了85个电话,接通30,成交2单') {
  return messageActivity({
    text,
    timestamp: new Date().toISOString(),
    localTimestamp: undefined,
    from: { id: '29:user-zhang', name: '张伟', aadObjectId: AGENT_AAD },
  });
}

async function expectRejected(token: string | null): Promise<void> {
  const before = await snapshot(redis, ns.namespace);
  const res = await postTeams(server.url, activity(), token);
  expect(res.status).toBe(401);
  await settle(200);
  expect(guard.calls).toEqual([]);
  expect(diffSnapshots(before, await snapshot(redis, ns.namespace))).toEqual([]);
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('Teams tokens through the full server', () => {
  it('accepts a valid token: the reply goes to the connector and the activity is stored', async () => {
    const before = await snapshot(redis, ns.namespace);
    const res = await postTeams(server.url, activity(), mintToken());
    expect(res.status).toBe(200);
    const replies = guard.calls.filter((c) => c.host === 'connector' && (c.body as { type?: string }).type === 'message');
    expect(replies.length).toBeGreaterThan(0);
    expect(diffSnapshots(before, await snapshot(redis, ns.namespace)).length).toBeGreaterThan(0);
    expect(JSON.stringify(server.logs)).not.toContain('85个电话');
  });

  it('rejects a token for another bot (audience)', async () => {
    await expectRejected(mintToken({ audience: '99999999-0000-0000-0000-000000000000' }));
  });

  it('rejects a token from another issuer', async () => {
    await expectRejected(mintToken({ issuer: 'https://sts.windows.net/attacker/' }));
  });

  it('rejects an expired token', async () => {
    await expectRejected(mintToken({ expiresInSeconds: -600 }));
  });

  it('rejects a token signed with a key that is not in the Bot Framework JWKS', async () => {
    await expectRejected(mintToken({ wrongKey: true }));
  });

  it('rejects a token minted for another service URL', async () => {
    await expectRejected(mintToken({ serviceUrl: 'https://attacker.example.com/' }));
  });

  it('rejects an unsigned (alg: none) token, a garbage token and no token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: 'https://api.botframework.com', aud: '11111111-2222-3333-4444-555555555555', exp: now + 600, nbf: now - 60, serviceurl: 'https://smba.trafficmanager.net/amer/' })}.`;
    await expectRejected(unsigned);
    await expectRejected('not.a.jwt');
    await expectRejected(null);
  });
});
