// Clarify over Slack HTTP with the real engine on Redis: a DM whose two readings are close is answered
// with one button per reading; clicking one (block_actions, signed) continues the original message as
// the chosen reading, posted where the buttons were.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startupFixture } from '../../../src/app/data';
import { createEngine } from '../../../src/core/lingyanEngine';
import type { RedisStore } from '../../../src/store/redis';
import { PLAN_OR_PROGRESS } from '../../helpers/fixedUnderstanding';
import { useRedisNamespace } from '../../helpers/redis';
import { blockActionBody, dmEvent, netGuard, postSlack, SLACK_HOOKS, signSlack, slashCommand, startFullServer, waitFor, type FullServer, type NetGuard } from '../../security/fullServer';
import { testClock } from '../../helpers/testClock';

const ns = useRedisNamespace('lyclarify');
const TENANT = 'T0DEMO';
const ZHANG = 'U0DEMO0001'; // 张伟 a1
let store: RedisStore;
let guard: NetGuard;
let server: FullServer;

beforeAll(async () => {
  store = await ns.store();
  // The server reads the real clock for Slack requests: the demo data is moved into the current month.
  await store.seed(TENANT, await startupFixture(undefined, testClock(), 'Asia/Shanghai'));
  guard = netGuard();
  server = await startFullServer({ store, engine: createEngine({ store, understanding: PLAN_OR_PROGRESS }) });
});

afterAll(async () => {
  await server.close();
  guard.restore();
});

type Element = { type: string; action_id?: string; value?: string };
type Block = { type: string; elements?: Element[] };

const click = (actionId: string, value: string, responsePath: string): string =>
  blockActionBody({ tenant: TENANT, user: ZHANG, actionId, value, responsePath, channel: 'D0DM', ephemeral: false });

describe('clarify over Slack HTTP', () => {
  it('offers one button per reading; a click answers the original message as the chosen one', async () => {
    const event = dmEvent('这个月怎么样', { eventId: 'Ev-clarify-1', ts: '100.1' });
    expect((await postSlack(server.url, event, signSlack(event), 'application/json')).status).toBe(200);
    await waitFor(() => guard.calls.some((c) => c.path === 'chat.postMessage' && JSON.stringify(c.body).includes('clarify_')));
    const ask = guard.calls.find((c) => c.path === 'chat.postMessage' && JSON.stringify(c.body).includes('clarify_'))!.body as { blocks: Block[] | string };
    // The Web API client sends blocks form-encoded, as a JSON string.
    const blocks: Block[] = typeof ask.blocks === 'string' ? (JSON.parse(ask.blocks) as Block[]) : ask.blocks;
    const buttons = blocks.flatMap((b) => b.elements ?? []).filter((e) => e.action_id?.startsWith('act:clarify_'));
    expect(buttons.map((b) => b.action_id)).toEqual(['act:clarify_1', 'act:clarify_2']);
    const progress = buttons[1];
    const body = click(progress.action_id!, progress.value!, '/actions/clarify/1');
    expect((await postSlack(server.url, body, signSlack(body))).status).toBe(200);
    await waitFor(() => guard.calls.some((c) => c.host === 'hooks.slack.com' && c.path === '/actions/clarify/1'));
    const answer = guard.calls.find((c) => c.host === 'hooks.slack.com' && c.path === '/actions/clarify/1')!.body as { text: string };
    expect(JSON.stringify(answer)).not.toContain('clarify_');
    // It is the progress answer: the same text `/coach progress` gives the same person now (whatever today is).
    const direct = slashCommand('progress', { team: TENANT, user: ZHANG, responseUrl: `${SLACK_HOOKS}/commands/clarify/2` });
    expect((await postSlack(server.url, direct, signSlack(direct))).status).toBe(200);
    await waitFor(() => guard.calls.some((c) => c.host === 'hooks.slack.com' && c.path === '/commands/clarify/2'));
    const expected = guard.calls.find((c) => c.path === '/commands/clarify/2')!.body as { text: string };
    expect(answer.text.split('\n')[0]).toBe(expected.text.split('\n')[0]);
  });
});
