// The foundation journey through the engine (router + handlers + memory store), with numbers worked
// by hand from test/fixtures/plan-basic.json (see test/app/once.test.ts for the base computation:
// S = 450000, rates 0.4 / 0.05 / 15000 / 0.25, 22 working days in March 2026, 20 left on the 4th).
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import pino from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/errors';
import { createEngine, type LingyanEngine } from '../../src/core/lingyanEngine';
import type { Reply } from '../../src/core/reply';
import { parseFixture } from '../../src/store/fixture';
import { MemoryStore } from '../../src/store/memory';

const fixture = parseFixture(JSON.parse(readFileSync('test/fixtures/plan-basic.json', 'utf8')));
const NOW = new Date('2026-03-04T09:00:00+08:00');
let store: MemoryStore;
let engine: LingyanEngine;

function say(user: string, text: string, extra: { locale?: string; shared?: boolean } = {}): Promise<Reply> {
  return engine.handle({
    tenant: 'T1',
    user: { platform: 'console', id: user },
    text,
    now: NOW,
    ...(extra.locale ? { locale: extra.locale } : {}),
    channel: { kind: 'console', shared: extra.shared ?? false, conversationId: 'c' },
  });
}

beforeEach(async () => {
  store = new MemoryStore();
  await store.seed('T1', fixture);
  engine = createEngine({ store });
});

describe('progress', () => {
  it('computes pace by hand', async () => {
    // elapsed working days before the 4th: Mar 2, 3 → 2 of 22. expected = 450000 × 2/22 = 40909.09;
    // achieved = 30000 + 15000 = 45000; ratio = 1.1 ≥ 1.05 → ahead; projection = 45000/2 × 22 = 495000.
    const reply = await say('a1', '我的进度怎么样');
    expect(reply.intent).toBe('progress');
    expect(reply.data.status).toBe('ahead');
    expect(reply.data.achieved).toBe(45000);
    expect(reply.data.expected as number).toBeCloseTo(40909.09, 1);
    expect(reply.data.paceRatio as number).toBeCloseTo(1.1, 6);
    expect(reply.data.projection as number).toBeCloseTo(495000, 6);
  });
});

describe('suggest_target', () => {
  it('suggests from history and judges a proposal', async () => {
    // basePerDay = 1,800,000 / 60 = 30000 → base = 30000 × 22 = 660000; the team is only a1 → teamAvg = 660000.
    // base ≥ teamAvg → suggested = 1.05 × 660000 = 693000; stretch = 1.15 × 693000 = 796950.
    // Proposal 20000 income → C = 17000 → S = 850000: > 796950 (1.15×) but ≤ 900900 (1.3×) → stretch.
    const reply = await say('a1', '这个月我定两万合适吗');
    expect(reply.intent).toBe('suggest_target');
    expect(reply.data).toMatchObject({ base: 660000, teamAvg: 660000, suggested: 693000, stretch: 796950, verdict: 'stretch' });
    // Proposal 15000 → S = 600000 < base → too_low.
    const low = await say('a1', 'what target should I set? I was thinking 15000', { locale: 'en' });
    expect(low.data.verdict).toBe('too_low');
  });
});

describe('log_activity', () => {
  it('asks "total or more?" when a log restates figures the day has, adds on "又", and a correction replaces only the named figure', async () => {
    // Today already has 30 calls, 12 connects: "今天打了20个电话,接通8个" could be the day's total or more.
    const asked = await say('a1', '今天打了20个电话,接通8个');
    expect(asked.data).toMatchObject({ awaiting: 'log_mode', saved: false });
    expect(asked.text).toContain('50'); // 30 + 20, the "more on top" reading
    expect((await store.getActivity('T1', 'a1', '2026-03')).find((d) => d.date === '2026-03-04')?.calls).toBe(30);
    // "2" = more on top: +20 calls, +8 connects → 50 / 20; left = 68 − 50 = 18.
    const added = await say('a1', '2');
    expect(added.intent).toBe('log_activity');
    expect(added.data.day).toMatchObject({ calls: 50, connects: 20 });
    // "又" says it is more: added at once (50 + 5 = 55), then taken back to 50 by undo.
    expect((await say('a1', '又打了5个电话')).data.day).toMatchObject({ calls: 55 });
    await say('a1', '撤销刚才的记录');
    const today = await say('a1', '今天要打多少个电话');
    expect(today.data.callsLeftToday).toBe(18);
    // "更正" replaces calls with 40 and keeps connects at 20 (no double count).
    const corrected = await say('a1', '更正:今天打了40个电话');
    expect(corrected.data.day).toMatchObject({ calls: 40, connects: 20 });
    expect((await store.getActivity('T1', 'a1', '2026-03')).find((d) => d.date === '2026-03-04')?.calls).toBe(40);
  });

  it('refuses to log nothing or the future, storing nothing', async () => {
    const nothing = await say('a1', '记录一下');
    expect(nothing.error?.kind ?? 'none').not.toBe('internal');
    const before = await store.getActivity('T1', 'a1', '2026-03');
    // "明天打了50个电话" may also be a plan for tomorrow: the model may ask back first (the write guard);
    // choosing "log it" then meets the future-date refusal. Either way nothing is stored.
    let future = await say('a1', '明天打了50个电话');
    if (future.intent === 'clarify') {
      const options = future.data.options as { intent: string }[];
      future = await say('a1', String(options.findIndex((o) => o.intent === 'log_activity') + 1));
    }
    expect(future.error?.kind).toBe('input');
    expect(await store.getActivity('T1', 'a1', '2026-03')).toEqual(before);
  });
});

describe('set_goal', () => {
  it('sets the income target in one message and the plan follows', async () => {
    // 15000 − 3000 = 12000 → S = 600000; remaining = 600000 − 45000 = 555000 → deals 37,
    // connects ceil(37/0.05) = 740, calls ceil(740/0.4) = 1850 → today ceil(1850/20) = ceil(92.5) = 93.
    const set = await say('a1', '这个月我想拿一万五');
    expect(set.intent).toBe('set_goal');
    expect((await store.getGoal('T1', 'a1', '2026-03'))?.incomeTarget).toBe(15000);
    const today = await say('a1', '今天要打多少个电话');
    expect(today.data.callsToday).toBe(93);
  });

  it('runs a short dialogue that remembers where it was', async () => {
    const first = await say('a1', '设定目标');
    expect(first.data.awaiting).toBe('income');
    expect((await say('a1', '1.5万')).data.awaiting).toBe('base');
    expect((await say('a1', '跳过')).data.awaiting).toBe('commission');
    const done = await say('a1', '3%');
    expect(done.intent).toBe('set_goal');
    // C = 15000 − 3000 = 12000 at 3% → S = 400000.
    expect(done.data).toMatchObject({ incomeTarget: 15000, baseSalary: 3000, commission: { type: 'flat', rate: 0.03 } });
    expect((done.data.plan as { salesTarget: number }).salesTarget).toBe(400000);
  });

  it('a different question in the middle of the dialogue is answered and ends it', async () => {
    expect((await say('a1', '设定目标')).data.awaiting).toBe('income');
    // Today's calls with the stored 12000 goal: S = (12000 − 3000) / 2% = 450000; remaining = 450000 − 45000
    // = 405000 → deals ceil(405000/15000) = 27, connects ceil(27/0.05) = 540, calls ceil(540/0.4) = 1350,
    // today ceil(1350/20) = ceil(67.5) = 68.
    const today = await say('a1', '今天要打多少个电话');
    expect(today.intent).toBe('calls_today');
    expect(today.data.callsToday).toBe(68);
    // The dialogue is over: a bare amount is no longer read as the income answer.
    expect((await say('a1', '1.5万')).intent).not.toBe('set_goal');
    expect((await store.getGoal('T1', 'a1', '2026-03'))?.incomeTarget).toBe(12000);
  });

  it('rejects impossible targets and rates without storing anything', async () => {
    for (const text of ['这个月我想拿0', 'set my income target to -5', '这个月我想拿一万二,提成0%', 'set my income target to 1e15']) {
      const reply = await say('a1', text);
      expect(reply.error?.kind, text).toBe('input');
    }
    expect((await store.getGoal('T1', 'a1', '2026-03'))?.incomeTarget).toBe(12000);
    expect((await store.getAgent('T1', 'a1'))?.commission).toEqual({ type: 'flat', rate: 0.02 });
  });
});

describe('access and fallbacks', () => {
  it('an agent cannot read another agent; a lead can read their team', async () => {
    const denied = await say('a1', 'Emma的进度怎么样');
    expect(denied.error?.kind).toBe('not_allowed');
    const allowed = await say('l1', '张三的进度怎么样');
    expect(allowed.intent).toBe('progress');
    expect(allowed.data.agent).toBe('a1');
  });

  it('unknown text gets help, never silence, in the user locale', async () => {
    const zh = await say('a1', 'asdf qwer');
    expect(zh.intent).toBe('help');
    expect(zh.text.length).toBeGreaterThan(50);
    const en = await say('e1', 'blah blah');
    expect(en.locale).toBe('en');
    expect(en.text).toMatch(/calls/i);
  });

  it('an unknown platform user gets onboarding', async () => {
    const reply = await engine.handle({
      tenant: 'T1', user: { platform: 'slack', id: 'U404' }, text: 'hi', now: NOW,
      channel: { kind: 'slack', shared: false, conversationId: 'D1' },
    });
    expect(reply.intent).toBe('onboarding');
  });

  it('a tenant never sees another tenant', async () => {
    const reply = await engine.handle({
      tenant: 'T2', user: { platform: 'slack', id: 'U0A1' }, text: '今天要打多少个电话', now: NOW,
      channel: { kind: 'slack', shared: false, conversationId: 'D1' },
    });
    expect(reply.intent).toBe('onboarding');
  });
});

describe('import with an attachment', () => {
  it('imports a roster file sent with the message, for a lead only', async () => {
    const { registerLeadToolkit } = await import('../../src/core/handlers/lead');
    registerLeadToolkit(engine);
    const attachment = { filename: 'roster.csv', bytes: Buffer.from('agent,date,off\na1,2026-03-05,true\n') };
    const base = { tenant: 'T1', now: NOW, channel: { kind: 'slack' as const, shared: false, conversationId: 'D' }, isCommand: true, attachment };
    const denied = await engine.handle({ ...base, user: { platform: 'slack', id: 'U0A1' }, text: '/coach import' });
    expect(denied.error?.kind).toBe('not_allowed');
    expect(await store.getRoster('T1', 'a1')).toEqual([]);
    await store.putAgent('T1', { ...(await store.getAgent('T1', 'l1'))!, slack: 'U0L1' });
    const done = await engine.handle({ ...base, user: { platform: 'slack', id: 'U0L1' }, text: '/coach import' });
    expect(done.error).toBeUndefined();
    expect(await store.getRoster('T1', 'a1')).toEqual([{ agent: 'a1', date: '2026-03-05', off: true }]);
  });
});

describe('the design document\'s own fixture example', () => {
  it('answers calls_today and progress exactly', async () => {
    // March 2026: 22 weekdays, roster day off on the 5th → 21 working days; on the 4th, 2 have passed, 19 remain.
    // One month of history: 720/1800 = 0.4, 36/720 = 0.05, 540000/36 = 15000, 36/120 = 0.3 (team = agent).
    // S = 9000 / 0.02 = 450000; before today 30000 → remaining 420000 → deals 28, connects 560, calls 1400.
    // callsToday = ceil(1400 / 19) = ceil(73.68) = 74. Pace: expected = 450000 × 2/21 = 42857.142…; 30000 / that = 0.7 → at_risk.
    const design = parseFixture(JSON.parse(readFileSync('test/fixtures/design-example.json', 'utf8')));
    const own = new MemoryStore();
    await own.seed('D', design);
    const e = createEngine({ store: own });
    const ask = (text: string) =>
      e.handle({ tenant: 'D', user: { platform: 'console', id: 'a1' }, text, now: NOW, channel: { kind: 'console', shared: false, conversationId: 'c' } });
    const today = await ask('今天要打多少个电话');
    expect(today.data).toMatchObject({ callsToday: 74, remainingWorkdays: 19 });
    const pace = await ask('我的进度怎么样');
    expect(pace.data.status).toBe('at_risk');
    expect(pace.data.paceRatio as number).toBeCloseTo(0.7, 12);
    expect(pace.data.expected).toBe(42857.14);
  });
});

describe('error log lines', () => {
  it('say which tenant and request they belong to, and carry no message text', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const text of chunk.toString().split('\n')) if (text.trim()) lines.push(JSON.parse(text) as Record<string, unknown>);
        done();
      },
    });
    const logged = createEngine({ store, logger: pino({ level: 'info' }, sink) });
    logged.register('calls_today', async () => {
      throw new UpstreamError('redis', 'error.upstream', { cause: new Error('connection reset') });
    });
    const reply = await logged.handle({
      tenant: 'T1',
      user: { platform: 'console', id: 'a1' },
      text: '今天要打多少个电话',
      now: NOW,
      channel: { kind: 'console', shared: false, conversationId: 'c' },
      requestId: 'req-engine-1',
    });
    expect(reply.error?.kind).toBe('upstream');
    const line = lines.find((l) => l.msg === 'upstream failure');
    expect(line).toMatchObject({ tenant: 'T1', requestId: 'req-engine-1', intent: 'calls_today', service: 'redis' });
    expect(JSON.stringify(lines)).not.toContain('今天要打多少个电话');
  });
});
