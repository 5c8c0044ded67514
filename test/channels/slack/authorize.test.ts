// Single-workspace mode when Slack's API fails at start-up: no crash (Bolt's own token mode leaves that
// rejection unhandled), the failure is logged, and the next event verifies the token again and is answered.
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { BOT_USER, SLACK, TEAM, commandBody, post, settle, startHarness, usersInfo, waitFor, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('single-workspace authorization', () => {
  it('survives auth.test failing at start, and answers once Slack is back, calling auth.test once more only', async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    usersInfo();
    const authTests: string[] = [];
    nock(SLACK)
      .post('/api/auth.test')
      .times(2) // the start-up call and the first command's retry
      .reply(() => {
        authTests.push('down');
        return [503, 'upstream unavailable'];
      });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      h = await startHarness();
      await settle(300); // the start-up verification has failed by now
      expect(authTests).toEqual(['down']);
      expect(h.logs.some((l) => l.level === 'error' && l.msg === 'slack auth.test failed; the next event tries again')).toBe(true);

      // Slack is still down for the first command: Bolt calls no listener (its reply could not be posted
      // anyway), the failure is logged, the process lives on.
      await post(h, commandBody('today'), 'application/x-www-form-urlencoded');
      await settle(100);
      expect(h.engine.inbounds).toHaveLength(0);
      expect(h.logs.filter((l) => l.msg === 'slack auth.test failed; the next event tries again')).toHaveLength(2);

      // Slack is back: the next command verifies the token and is answered; later ones reuse the result.
      nock(SLACK)
        .post('/api/auth.test')
        .reply(() => {
          authTests.push('up');
          return [200, { ok: true, user_id: BOT_USER, bot_id: 'B0BOT', team_id: TEAM }];
        });
      const responses: unknown[] = [];
      nock('https://hooks.slack.com')
        .post('/commands/T0TEAM/1/abc', (body) => responses.push(body) > 0)
        .reply(200, 'ok')
        .persist();
      expect((await post(h, commandBody('today'), 'application/x-www-form-urlencoded')).status).toBe(200);
      expect((await post(h, commandBody('today'), 'application/x-www-form-urlencoded')).status).toBe(200);
      await waitFor(() => responses.length === 2);
      expect(authTests).toEqual(['down', 'down', 'up']);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
