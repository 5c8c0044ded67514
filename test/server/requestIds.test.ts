// Request ids through the whole production server (createHttpApp + Lingyan's Bolt app + Teams CloudAdapter,
// real engine on Redis): the id the HTTP server mints or accepts is the one on the access line and on the
// channel's reply line, so an operator can follow one message through the log.
import { beforeEach, describe, expect, it } from 'vitest';
import { TENANT as TEAMS_TENANT, messageActivity, mintToken } from '../channels/teams/harness';
import { useRedisNamespace } from '../helpers/redis';
import { signSlack, slashCommand, useFullServer, waitFor, type LogRecord } from '../security/fullServer';

const SLACK_TENANT = 'T0DEMO';
const fx = useFullServer(useRedisNamespace('lytest-requestids'), [SLACK_TENANT, TEAMS_TENANT]);

beforeEach(() => {
  fx.server.logs.length = 0;
});

const line = (msg: string): LogRecord | undefined => fx.server.logs.find((l) => l.msg === msg);

/** A Teams activity from a seeded agent, sent now through the whole server behind a load balancer's id. */
function postTeams(overrides: Record<string, unknown>, requestId: string): Promise<Response> {
  const activity = messageActivity({
    timestamp: new Date().toISOString(),
    localTimestamp: undefined,
    from: { id: '29:user-zhang', name: '张伟', aadObjectId: '00000000-0000-4000-8000-000000000001' },
    ...overrides,
  });
  return fetch(`${fx.server.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${mintToken()}`, 'x-request-id': requestId },
    body: JSON.stringify(activity),
  });
}

describe('request ids', () => {
  it('Slack: the minted id is on the response, the access line and the reply line', async () => {
    const raw = slashCommand('today', { team: SLACK_TENANT, user: 'U0DEMO0001' });
    const res = await fetch(`${fx.server.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlack(raw) }, body: raw });
    expect(res.status).toBe(200);
    const id = res.headers.get('x-request-id');
    expect(id).toBeTruthy();
    await waitFor(() => line('slack reply') !== undefined);
    expect(line('http request')).toMatchObject({ requestId: id, path: '/slack/events', status: 200 });
    expect(line('slack reply')).toMatchObject({ requestId: id, tenant: SLACK_TENANT, intent: 'calls_today' });
  });

  it("Teams: the load balancer's id is on the access line and the reply line", async () => {
    const res = await postTeams({ text: '今天要打多少个电话' }, 'lb-teams-1');
    expect(res.status).toBe(200);
    await waitFor(() => line('teams reply') !== undefined);
    expect(line('http request')).toMatchObject({ requestId: 'lb-teams-1', path: '/api/messages' });
    expect(line('teams reply')).toMatchObject({ requestId: 'lb-teams-1', tenant: TEAMS_TENANT, intent: 'calls_today' });
  });

  it('Teams: a card button answered after the invoke keeps the id on its reply line', async () => {
    const res = await postTeams(
      {
        type: 'invoke',
        name: 'adaptiveCard/action',
        text: undefined,
        value: { action: { type: 'Action.Execute', verb: 'act:plan', data: { text: '/coach plan' } }, trigger: 'manual' },
      },
      'lb-teams-card-1',
    );
    expect(res.status).toBe(200);
    await waitFor(() => line('teams reply') !== undefined);
    expect(line('teams reply')).toMatchObject({ requestId: 'lb-teams-card-1', via: 'card', tenant: TEAMS_TENANT, intent: 'plan' });
  });
});
