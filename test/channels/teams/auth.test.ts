// Inbound JWT validation through the real CloudAdapter: only a token signed by a key in the Bot Framework
// JWKS, for this app id, from api.botframework.com, unexpired, for this serviceUrl gets through.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  captureConnector,
  FakeEngine,
  type Harness,
  messageActivity,
  mintToken,
  mockBotFrameworkNetwork,
  releaseNetwork,
  type Sent,
  startHarness,
  TENANT,
} from './harness';

let h: Harness;
let sent: Sent[];

beforeAll(async () => {
  mockBotFrameworkNetwork();
  h = await startHarness(new FakeEngine((inbound) => ({ intent: 'help', locale: 'zh-CN', text: `echo ${inbound.text}`, data: {} })));
  sent = captureConnector();
});
afterAll(async () => {
  await h.close();
  releaseNetwork();
});
beforeEach(() => {
  sent.length = 0;
  h.engine.handled.length = 0;
});

async function expectRejected(token: string | null): Promise<void> {
  const res = await h.post(messageActivity(), token);
  expect(res.status).toBe(401);
  expect(h.engine.handled).toEqual([]);
  expect(sent).toEqual([]);
  expect(await h.store.getDoc(TENANT, 'teams_ref', 'aad-zhang')).toBeNull();
}

describe('POST /api/messages authentication', () => {
  it('rejects a request without Authorization header', async () => {
    await expectRejected(null);
  });

  it('rejects a token with an invalid signature', async () => {
    await expectRejected(mintToken({ wrongKey: true }));
  });

  it('rejects an expired token', async () => {
    await expectRejected(mintToken({ expiresInSeconds: -3600 }));
  });

  it('rejects a token for another app id (audience)', async () => {
    await expectRejected(mintToken({ audience: '99999999-0000-0000-0000-000000000000' }));
  });

  it('rejects a token from another issuer', async () => {
    await expectRejected(mintToken({ issuer: 'https://sts.windows.net/evil/' }));
  });

  it('rejects a token whose serviceurl claim does not match the activity', async () => {
    await expectRejected(mintToken({ serviceUrl: 'https://evil.example.com/' }));
  });

  it('rejects a garbage bearer token', async () => {
    await expectRejected('not-a-jwt');
  });

  it('accepts a valid token, reaches the engine and replies through the connector with an AAD token', async () => {
    const res = await h.post(messageActivity());
    expect(res.status).toBe(200);
    expect(h.engine.handled).toHaveLength(1);
    expect(sent.map((s) => s.body.type)).toEqual(['typing', 'message']);
    expect(sent.every((s) => s.authorization === 'Bearer outgoing-test-token')).toBe(true);
  });
});
