// Redis memory for README "Settings that matter" (sizing): 50 agents with a year of daily activity (every
// Monday–Friday of 2025, all five counters), a year of monthly history and goals, measured with
// MEMORY USAGE over every key of the namespace and scaled to 2,000 agents; and the stored copy a nudge keeps
// for its "why" button (two days), measured on real morning nudges of the demo team.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rememberForWhy } from '../../src/channels/slack/deliver';
import { silentLogger } from '../../src/channels/slack/types';
import type { AgentProfile } from '../../src/domain/types';
import { composeNudge } from '../../src/nudges/content';
import { TipLibrary } from '../../src/nudges/tips';
import { parseFixture, type Fixture } from '../../src/store/fixture';
import { useRedisNamespace } from '../helpers/redis';

const ns = useRedisNamespace('lymem');
const AGENTS = 50;
const MB = 1024 * 1024;

async function namespaceBytes(match: string): Promise<number> {
  const redis = await ns.connect();
  let total = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) total += Number(await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
  } while (cursor !== '0');
  return total;
}

function yearOfActivity(): Fixture {
  const agents = Array.from({ length: AGENTS }, (_, i) => ({
    id: `a${i}`, name: `Agent ${i}`, team: `t${Math.floor(i / 10)}`, role: 'agent' as const, locale: 'zh-CN' as const,
    tz: 'Asia/Shanghai', calendar: 'CN' as const, baseSalary: 3000, commission: { type: 'flat' as const, rate: 0.02 }, slack: `U${i}`,
  }));
  const teams = Array.from({ length: AGENTS / 10 }, (_, i) => ({ id: `t${i}`, name: `Team ${i}`, leads: [], quadrantThreshold: 3.5 }));
  const days: string[] = [];
  for (let d = new Date(Date.UTC(2025, 0, 1)); d.getUTCFullYear() === 2025; d.setUTCDate(d.getUTCDate() + 1)) {
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) days.push(d.toISOString().slice(0, 10));
  }
  const months = Array.from({ length: 12 }, (_, m) => `2025-${String(m + 1).padStart(2, '0')}`);
  return parseFixture({
    teams,
    agents,
    history: agents.flatMap((a) => months.map((month) => ({ agent: a.id, month, calls: 1800, connects: 720, deals: 36, sales: 540000, prospects: 120, workdays: 21 }))),
    goals: agents.flatMap((a) => months.map((month) => ({ agent: a.id, month, incomeTarget: 12000 }))),
    activity: agents.flatMap((a, i) => days.map((date, j) => ({ agent: a.id, date, calls: 80 + ((i + j) % 20), connects: 30 + (j % 9), deals: j % 4, sales: 15000 * (j % 4), prospects: j % 7 }))),
    rosters: [],
    assessments: [],
  });
}

describe('Redis memory', () => {
  it('a year of daily activity for 2,000 agents is under 100 MB (≈ 70 MB)', async () => {
    const store = await ns.store();
    const fixture = yearOfActivity();
    await store.seed('T0MEM', fixture);
    const bytes = await namespaceBytes(`${ns.namespace}:*`);
    const per2000 = (bytes / AGENTS) * 2000;
    console.log(`[redis memory] ${fixture.activity.length} activity days of ${AGENTS} agents: ${(bytes / MB).toFixed(2)} MB; scaled to 2,000 agents: ${(per2000 / MB).toFixed(1)} MB`);
    expect(per2000).toBeLessThan(100 * MB);
  });

  it("a nudge's stored copy for its why button takes about 5 KB", async () => {
    const store = await ns.store();
    const demo = parseFixture(JSON.parse(readFileSync('fixtures/demo-team.json', 'utf8')));
    await store.seed('T0WHY', demo);
    const tips = TipLibrary.load('prompts/courses', () => undefined);
    const month = demo.goals[0]?.month ?? '2026-03';
    const sizes: number[] = [];
    const lengths: number[] = [];
    const redis = await ns.connect();
    for (const date of [`${month}-02`, `${month}-10`, `${month}-20`]) {
      for (const person of demo.agents.filter((a) => a.role === 'agent') as AgentProfile[]) {
        const reply = await composeNudge({ store, tips }, 'T0WHY', person, 'agent_morning', date);
        const key = await rememberForWhy(store, 'T0WHY', reply, silentLogger);
        if (!key) continue;
        const [stored] = await redis.keys(`${ns.namespace}:*${key}*`);
        sizes.push(Number(await redis.call('MEMORY', 'USAGE', stored, 'SAMPLES', '0')));
        lengths.push(Buffer.byteLength((await redis.get(stored)) ?? ''));
      }
    }
    console.log(`[redis memory] why copies of ${sizes.length} morning nudges: ${Math.min(...lengths)}–${Math.max(...lengths)} bytes of JSON, ${Math.min(...sizes)}–${Math.max(...sizes)} bytes in Redis`);
    expect(sizes.length).toBeGreaterThan(0);
    // 2,000 agents, one copy per day, kept two days: 4,000 copies.
    expect((Math.max(...sizes) * 4000) / MB).toBeLessThan(25);
  });
});
