// "Why this number?" end to end: Lingyan's whole HTTP server with the real engine on Redis and the demo
// team. The button on a `/coach today` answer carries the question; a click asks it again and replaces
// the card with one whose numbers and steps agree, as of the data now; nothing is stored per answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startupFixture } from '../../../src/app/data';
import type { RedisStore } from '../../../src/store/redis';
import { useRedisNamespace } from '../../helpers/redis';
import { blockActionBody, netGuard, postSlack, SLACK_HOOKS, signSlack, slashCommand, startFullServer, waitFor, type FullServer, type NetGuard } from '../../security/fullServer';
import { testClock } from '../../helpers/testClock';

const ns = useRedisNamespace('lywhy');
const TENANT = 'T0DEMO';
/** The demo data as of 2026-03-04, for answers pinned to that day. */
const PINNED = 'T0MARCH';
const ZHANG = 'U0DEMO0001'; // 张伟 a1, agent in t1
const LI = 'U0DEMO0002'; // another agent of t1
let store: RedisStore;
let guard: NetGuard;
let server: FullServer;

beforeAll(async () => {
  store = await ns.store();
  await store.seed(TENANT, await startupFixture(undefined, testClock(), 'Asia/Shanghai'));
  await store.seed(PINNED, await startupFixture(undefined, new Date('2026-03-04T09:00:00+08:00'), 'Asia/Shanghai'));
  guard = netGuard();
  server = await startFullServer({ store });
});

afterAll(async () => {
  await server.close();
  guard.restore();
});

type Block = { type: string; elements?: Array<{ action_id: string; value: string }> };

/** The next body posted to a response_url path, after `count` calls to it. */
async function hook(path: string, count: number): Promise<{ replace_original?: boolean; response_type?: string; text: string; blocks?: Block[] }> {
  await waitFor(() => guard.calls.filter((c) => c.host === 'hooks.slack.com' && c.path === path).length > count);
  return guard.calls.filter((c) => c.host === 'hooks.slack.com' && c.path === path)[count].body as never;
}

/** Calls logged today, from the answer's "已打 N 个". */
function callsLogged(body: unknown): number {
  return Number(/已打 ([\d,]+) 个/.exec(JSON.stringify(body))?.[1].replace(/,/g, ''));
}

function whyClick(user: string, value: string, responsePath: string, tenant = TENANT): string {
  return blockActionBody({ tenant, user, actionId: 'why', value, responsePath });
}

describe('"why this number?" over Slack HTTP', () => {
  it('an answer to `/coach today` carries the question and when it was asked, and nothing is stored', async () => {
    const redis = await ns.connect();
    const sessionsBefore = await redis.keys(`${ns.namespace}:*:session:*`);
    const before = testClock().getTime();
    const asked = slashCommand('today', { team: TENANT, user: ZHANG, responseUrl: `${SLACK_HOOKS}/commands/why/1` });
    expect((await postSlack(server.url, asked, signSlack(asked))).status).toBe(200);
    const answer = await hook('/commands/why/1', 0);
    const value = JSON.parse(answer.blocks!.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'why')!.value) as { at: number };
    expect(value).toEqual({ q: 'today', c: 1, at: value.at });
    expect(value.at).toBeGreaterThanOrEqual(before);
    expect(value.at).toBeLessThanOrEqual(testClock().getTime());
    // Nothing per answer for the button: the one key the engine keeps per person (`last_why:<agent>`, for a
    // typed 为什么, src/core/whyFollowUp.ts) is not the button's and is overwritten, never accumulated.
    const perAnswer = (keys: string[]) => keys.filter((key) => !key.includes(':session:last_why:'));
    expect(perAnswer(await redis.keys(`${ns.namespace}:*:session:*`))).toEqual(perAnswer(sessionsBefore));
  });

  it('a click asks again at the first instant: the card is replaced, and it counts the calls logged since', async () => {
    // Asked on Wednesday 2026-03-04 at 09:00 in Shanghai (a working day), in a workspace seeded for it.
    const at = Date.parse('2026-03-04T09:00:00+08:00');
    const value = JSON.stringify({ q: 'today', c: 1, at });
    const first = whyClick(ZHANG, value, '/actions/why/2', PINNED);
    expect((await postSlack(server.url, first, signSlack(first))).status).toBe(200);
    const expanded = await hook('/actions/why/2', 0);
    expect(expanded.replace_original).toBe(true);
    expect(JSON.stringify(expanded.blocks)).toContain('计算过程');
    expect(JSON.stringify(expanded.blocks)).toContain('3月4日');
    expect(JSON.stringify(expanded.blocks)).not.toContain('"action_id":"why"');
    const loggedBefore = callsLogged(expanded);
    expect(loggedBefore).toBeGreaterThanOrEqual(0);
    // An agent reads the plain sentences (issue 25): today's calls, and what is left once some are logged.
    expect(JSON.stringify(expanded.blocks)).toContain('→ 今天要打 ');
    if (loggedBefore > 0) expect(JSON.stringify(expanded.blocks)).toContain(`今天已经打了 ${loggedBefore} 个`);
    expect(JSON.stringify(expanded.blocks)).not.toContain('ceil(');

    // 张伟 logs 10 more calls on that day; the same button, clicked again, counts them in card and steps.
    await store.recordActivity(PINNED, 'a1', '2026-03-04', { calls: 10 }, 'add');
    const second = whyClick(ZHANG, value, '/actions/why/3', PINNED);
    expect((await postSlack(server.url, second, signSlack(second))).status).toBe(200);
    const again = await hook('/actions/why/3', 0);
    expect(callsLogged(again)).toBe(loggedBefore + 10);
    expect(JSON.stringify(again.blocks)).toContain(`今天已经打了 ${loggedBefore + 10} 个`);
  });

  it("asks again as the person who clicked: another agent's question about 张伟 is refused, the card is left alone", async () => {
    const value = JSON.stringify({ q: '张伟今天要打多少个电话', at: testClock().getTime() });
    const click = whyClick(LI, value, '/actions/why/4');
    expect((await postSlack(server.url, click, signSlack(click))).status).toBe(200);
    const shown = await hook('/actions/why/4', 0);
    expect(shown.replace_original).toBe(false);
    expect(shown.response_type).toBe('ephemeral');
    expect(JSON.stringify(shown)).not.toContain('计算过程');
    expect(Number.isNaN(callsLogged(shown))).toBe(true);
  });
});
