// Delivery on real Redis with real BullMQ workers: two workers racing (one send per nudge), a worker
// killed after sending (retried, not resent), rate limits re-delay instead of failing (fake channel and
// the real SlackProactiveChannel against a nock'd 429), dead recipients, graceful shutdown.
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackProactiveChannel } from '../../src/channels/slack/proactive';
import { silentLogger as slackSilent } from '../../src/channels/slack/types';
import type { AgentProfile } from '../../src/domain/types';
import { DEAD_KIND, loadScheduleInputs, plannedForDate } from '../../src/nudges/planning';
import { nudgeJobId } from '../../src/nudges/queue';
import { NUDGE_KINDS } from '../../src/nudges/types';
import { memoryPino, type LogRecord } from '../helpers/memoryLogger';
import type { RedisStore } from '../../src/store/redis';
import { useRedisNamespace } from '../helpers/redis';
import { agent, fixture } from './helpers';
import { CountingChannel, never, waitFor, worker } from './support';

const ns = useRedisNamespace('lynudged');
let store: RedisStore;
const NOW = Date.parse('2026-09-29T01:00:30Z'); // 09:00:30 in Shanghai: the morning nudges are due
const clock = () => NOW;
const started: Array<{ close(): Promise<void> }> = [];
let n = 0;

async function tenant(extraAgents = 0): Promise<string> {
  const name = `d${++n}`;
  const f = fixture();
  f.agents = f.agents.filter((a) => a.tz === 'Asia/Shanghai');
  f.teams = f.teams.filter((team) => team.id === 't1');
  f.history = f.history.filter((h) => f.agents.some((a) => a.id === h.agent));
  f.goals = f.goals.filter((g) => f.agents.some((a) => a.id === g.agent));
  for (let i = 0; i < extraAgents; i++) f.agents.push(agent(`x${i}`, { slack: `UX${i}` }) as AgentProfile);
  await store.seed(name, f);
  return name;
}

function start(queueName: string, channel: CountingChannel | SlackProactiveChannel, extra: Parameters<typeof worker>[1]['delivery'] = {}, more: Partial<Parameters<typeof worker>[1]> = {}) {
  const w = worker(ns.url, {
    store, prefix: ns.namespace, queueName, channels: { slack: channel },
    rates: { slack: { perSecond: 500, burst: 50 } },
    scheduler: { now: clock }, delivery: { now: clock, sendLockMs: 1500, ...extra }, ...more,
  });
  started.push(w);
  return w;
}

async function finished(w: ReturnType<typeof start>, count: number, timeoutMs = 20_000): Promise<void> {
  await waitFor(async () => (await w.scheduler.queue.getJobCounts('completed')).completed >= count, timeoutMs, `${count} completed jobs`);
}

beforeAll(async () => {
  store = await ns.store();
});

afterAll(async () => {
  await Promise.all(started.map((w) => w.close().catch(() => undefined)));
  nock.cleanAll();
});

describe('exactly one send per nudge', () => {
  it('two workers (and two planners) racing for the same jobs send each nudge once', async () => {
    const t = await tenant(20);
    const channel = new CountingChannel(async () => {
      await new Promise((r) => setTimeout(r, 5));
      return { status: 'sent' };
    });
    const w1 = start('race', channel);
    const w2 = start('race', channel);
    await Promise.all([w1.scheduler.planDate(t, '2026-09-29'), w2.scheduler.planDate(t, '2026-09-29')]);
    await finished(w1, 23);
    expect(channel.total()).toBe(23); // 22 agents and the lead l1, all with Slack ids
    expect([...channel.sends.values()].every((c) => c === 1)).toBe(true);
    expect(channel.sends.get('UL1')).toBe(1);
  });

  it('a worker killed after sending (before the job is acked) is retried and the message is not resent', async () => {
    const t = await tenant();
    const channel = new CountingChannel();
    let crashed = false;
    const victim = start('crash1', channel, {
      hooks: {
        afterCommit: async () => {
          if (crashed) return;
          crashed = true;
          return never(); // the process "dies" here: sent and recorded, job never acked
        },
      },
    }, { concurrency: 1 });
    await victim.scheduler.planDate(t, '2026-09-29');
    await waitFor(() => crashed, 10_000, 'the crash');
    await victim.kill();
    const survivor = start('crash1', channel);
    await finished(survivor, 3);
    expect(channel.total()).toBe(3); // l1, a1, a2 — each once
    const job = await survivor.scheduler.queue.getJob(nudgeJobId(t, 'l1', '2026-09-29', 'lead_digest'));
    expect(await job?.getState()).toBe('completed');
  });

  it('a crash between the platform accepting and the sent marker: a verifying channel prevents the resend', async () => {
    const t = await tenant();
    const channel = new CountingChannel();
    let crashed = false;
    const victim = start('crash2', channel, {
      hooks: {
        afterSend: async () => {
          if (crashed) return;
          crashed = true;
          return never();
        },
      },
    }, { concurrency: 1 });
    await victim.scheduler.planDate(t, '2026-09-29');
    await waitFor(() => crashed, 10_000, 'the crash');
    await victim.kill();
    const survivor = start('crash2', channel);
    await finished(survivor, 3);
    expect(channel.total()).toBe(3);
    expect([...channel.sends.values()]).toEqual([1, 1, 1]);
  });

  it('the real SlackProactiveChannel: after that crash the DM history (nudge metadata) shows the nudge arrived; no resend', async () => {
    const t = await tenant();
    // A tiny Slack: one DM per user, whose history holds what was posted with its metadata.
    const dms = new Map<string, Array<{ ts: string; text: string; metadata?: unknown }>>();
    const historyReads: string[] = [];
    const field = (body: unknown, name: string): string | undefined =>
      typeof body === 'string' ? (new URLSearchParams(body).get(name) ?? undefined) : ((body as Record<string, string | undefined>)[name] ?? undefined);
    const scope = nock('https://slack.test')
      .persist()
      .post('/api/conversations.open')
      .reply(200, (_uri, body) => ({ ok: true, channel: { id: `D-${field(body, 'users')}` } }))
      .post('/api/chat.postMessage')
      .reply(200, (_uri, body) => {
        const channelId = field(body, 'channel') ?? '';
        const metadata = field(body, 'metadata');
        const messages = dms.get(channelId) ?? [];
        messages.unshift({ ts: `${messages.length + 1}.0001`, text: field(body, 'text') ?? '', ...(metadata ? { metadata: JSON.parse(metadata) as unknown } : {}) });
        dms.set(channelId, messages);
        return { ok: true, channel: channelId, ts: messages[0].ts };
      })
      .post('/api/conversations.history')
      .reply(200, (_uri, body) => {
        historyReads.push(`${field(body, 'channel')} metadata=${field(body, 'include_all_metadata')}`);
        return { ok: true, messages: dms.get(field(body, 'channel') ?? '') ?? [], has_more: false };
      });
    const slack = () => new SlackProactiveChannel({ tokenFor: async () => 'xoxb-test', logger: slackSilent, apiUrl: 'https://slack.test/api/', minIntervalMs: 0 });
    let crashed = false;
    const victim = start('crash2slack', slack(), {
      hooks: { afterSend: async () => (crashed ? undefined : ((crashed = true), never())) },
    }, { concurrency: 1 });
    await victim.scheduler.planDate(t, '2026-09-29');
    await waitFor(() => crashed, 10_000, 'the crash');
    await victim.kill();
    const survivor = start('crash2slack', slack());
    await finished(survivor, 3);
    // Three people (l1, a1, a2), one nudge each, each DM holds exactly one message.
    expect([...dms.keys()].sort()).toEqual(['D-UA1', 'D-UA2', 'D-UL1']);
    expect([...dms.values()].map((messages) => messages.length)).toEqual([1, 1, 1]);
    // Only the interrupted nudge was checked, in the DM it went to.
    expect(historyReads).toHaveLength(1);
    expect(historyReads[0]).toMatch(/^D-U(A1|A2|L1) metadata=true$/);
    scope.persist(false);
    nock.cleanAll();
  });

  /** A worker on a channel that cannot verify, killed right after its first send (before the sent marker). */
  async function killAfterFirstSend(queueName: string, delivery: Parameters<typeof start>[2] = {}) {
    const t = await tenant();
    const channel = new CountingChannel();
    channel.verifiable = false;
    let crashed = false;
    const victim = start(queueName, channel, {
      ...delivery,
      hooks: { afterSend: async () => (crashed ? undefined : ((crashed = true), never())) },
    }, { concurrency: 1 });
    await victim.scheduler.planDate(t, '2026-09-29');
    await waitFor(() => crashed, 10_000, 'the crash');
    await victim.kill();
    return { t, channel };
  }

  it('…and without verification the documented at-least-once fallback resends exactly that one nudge', async () => {
    const { channel } = await killAfterFirstSend('crash3');
    const survivor = start('crash3', channel);
    await finished(survivor, 3);
    expect(channel.total()).toBe(4);
  });

  it('…and with onUncertain "skip" (NUDGE_ON_UNCERTAIN=skip) the interrupted nudge is not sent again, and a warning names the job', async () => {
    const { t, channel } = await killAfterFirstSend('crash4', { onUncertain: 'skip' });
    const interrupted = channel.calls[0].user;
    const logs: LogRecord[] = [];
    const survivor = start('crash4', channel, { onUncertain: 'skip' }, { logger: memoryPino(logs) });
    await finished(survivor, 3);
    // Three people, one nudge each: the victim's one send, then the survivor's two. Not four.
    expect(channel.total()).toBe(3);
    expect(channel.calls.filter((call) => call.user === interrupted)).toHaveLength(1);
    const warned = logs.filter((line) => line.msg === 'nudges: an earlier attempt died mid-send and the channel cannot tell whether it arrived');
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({ tenant: t, policy: 'skip', channel: 'slack' });
  });
});

describe('rate limits and dead recipients', () => {
  it('rate_limited re-delays the job by Retry-After (not a failure, no attempt used), then sends once', async () => {
    const t = await tenant();
    const channel = new CountingChannel((user, call) => (call === 1 ? { status: 'rate_limited', retryAfterMs: 800 } : { status: 'sent' }));
    const w = start('rl', channel, {}, { concurrency: 1 });
    await w.scheduler.planDate(t, '2026-09-29');
    await waitFor(() => channel.calls.length >= 1, 10_000, 'first call');
    const first = channel.calls[0];
    const id = nudgeJobId(t, (await store.findAgentByPlatformId(t, 'slack', first.user))!.id, '2026-09-29', 'lead_digest');
    await waitFor(async () => (await w.scheduler.queue.getJob(id).then((j) => j?.getState())) === 'delayed', 5_000, 'delayed');
    await finished(w, 3);
    expect(channel.total()).toBe(3);
    const retried = channel.calls.filter((c) => c.user === first.user);
    expect(retried).toHaveLength(2);
    expect(retried[1].at - retried[0].at).toBeGreaterThanOrEqual(750);
    const job = await w.scheduler.queue.getJob(id);
    expect(job?.attemptsMade).toBe(1); // the completing run only: the deferral used no attempt
    expect(job?.failedReason).toBeFalsy();
    expect(await w.scheduler.queue.getJobCounts('failed')).toEqual({ failed: 0 });
  });

  it('the real SlackProactiveChannel: a nock’d 429 Retry-After re-delays the job, then the DM is posted once', async () => {
    const t = await tenant();
    const api = 'https://slack.test/api/';
    const posts: string[] = [];
    const scope = nock('https://slack.test')
      .persist()
      .post('/api/conversations.open')
      .reply(200, (_uri, body) => ({ ok: true, channel: { id: `D-${String((body as { users?: string }).users ?? new URLSearchParams(String(body)).get('users'))}` } }));
    let limited = false;
    nock('https://slack.test')
      .persist()
      .post('/api/chat.postMessage')
      .reply((_uri, body) => {
        const channelId = typeof body === 'string' ? new URLSearchParams(body).get('channel') : (body as { channel: string }).channel;
        if (!limited) {
          limited = true;
          return [429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '1' }];
        }
        posts.push(String(channelId));
        return [200, { ok: true, channel: channelId, ts: `${posts.length}.0001` }];
      });
    const slack = new SlackProactiveChannel({ tokenFor: async () => 'xoxb-test', logger: slackSilent, apiUrl: api, minIntervalMs: 0 });
    const w = start('slack429', slack as unknown as CountingChannel, {}, { concurrency: 1 });
    const started429 = Date.now();
    await w.scheduler.planDate(t, '2026-09-29');
    await finished(w, 3);
    expect(limited).toBe(true);
    expect(posts.sort()).toEqual(['D-UA1', 'D-UA2', 'D-UL1']);
    expect(Date.now() - started429).toBeGreaterThanOrEqual(1000);
    expect(await w.scheduler.queue.getJobCounts('failed')).toEqual({ failed: 0 });
    scope.persist(false);
    nock.cleanAll();
  });

  it('a dead recipient is marked and skipped from then on', async () => {
    const t = await tenant();
    const channel = new CountingChannel((user) => (user === 'UA2' ? { status: 'dead', reason: 'user_not_found' } : { status: 'sent' }));
    const logs: LogRecord[] = [];
    const w = start('dead', channel, {}, { logger: memoryPino(logs) });
    await w.scheduler.planDate(t, '2026-09-29');
    await finished(w, 3);
    expect(await store.getDoc(t, DEAD_KIND, 'a2')).toMatchObject({ agent: 'a2', reason: 'user_not_found', channel: 'slack' });
    // The operator can find the job behind the line (nudges have no HTTP request id).
    const dead = logs.filter((line) => line.msg === 'nudges: recipient marked dead');
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ tenant: t, channel: 'slack', reason: 'user_not_found' });
    expect(NUDGE_KINDS.map((kind) => nudgeJobId(t, 'a2', '2026-09-29', kind))).toContain(dead[0].jobId);
    expect(plannedForDate(await loadScheduleInputs(store, t), '2026-09-30').map((p) => p.user)).not.toContain('a2');
    expect(channel.total()).toBe(2);
  });
});

describe('operations', () => {
  it('graceful close lets the active job finish', async () => {
    const t = await tenant();
    let active = false;
    const channel = new CountingChannel(async () => {
      active = true;
      await new Promise((r) => setTimeout(r, 400));
      return { status: 'sent' };
    });
    const w = start('graceful', channel, {}, { concurrency: 1 });
    await w.scheduler.planDate(t, '2026-09-29');
    await waitFor(() => active, 10_000, 'an active job');
    await w.close();
    expect(channel.total()).toBe(1);
    const fresh = start('graceful', new CountingChannel());
    const counts = await fresh.scheduler.queue.getJobCounts('completed', 'active');
    expect(counts).toEqual({ completed: 1, active: 0 });
  });
});
