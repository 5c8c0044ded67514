// `npm run bench`: decompose for a typical agent, and a full console calls_today round trip
// (engine + router + store + handler) on the memory store and on a real Redis it starts itself.
import { readFileSync } from 'node:fs';
import { ConsoleSession } from '../src/channels/console/session';
import { createEngine } from '../src/core/lingyanEngine';
import { decompose } from '../src/domain/goals';
import { parseFixture } from '../src/store/fixture';
import { createStore } from '../src/store';
import type { Store } from '../src/store/store';
import { startRedisServer } from '../test/setup/redis-server';
import { measure, printTable, type Stat } from './stats';

const fixture = parseFixture(JSON.parse(readFileSync('fixtures/demo-team.json', 'utf8')));
const agent = fixture.agents.find((a) => a.id === 'a2')!; // tiered commission, 3 months of history
const teamHistory = fixture.history.filter((h) => fixture.agents.find((a) => a.id === h.agent)?.team === agent.team);
const now = new Date('2026-11-18T09:00:00+08:00');

async function roundTrip(store: Store, label: string, runs: number): Promise<Stat> {
  await store.seed('bench', fixture);
  const session = new ConsoleSession(createEngine({ store }), { tenant: 'bench', userId: 'a2', now });
  const check = await session.send('今天要打多少个电话');
  if (check.intent !== 'calls_today' || check.error) throw new Error(`bench setup failed: ${check.text}`);
  return measure(`console calls_today round trip (${label})`, runs, () => session.send('今天要打多少个电话'));
}

async function main(): Promise<void> {
  const stats: Stat[] = [];
  const input = {
    month: '2026-11',
    incomeTarget: 13000,
    baseSalary: agent.baseSalary,
    commission: agent.commission,
    history: fixture.history.filter((h) => h.agent === agent.id),
    teamHistory,
    calendar: agent.calendar,
    roster: fixture.rosters.filter((r) => r.agent === agent.id),
  };
  stats.push({ ...(await measure('decompose (typical agent)', 20_000, () => decompose(input))), target: 'median < 50 µs' });

  const memory = await createStore();
  stats.push(await roundTrip(memory, 'memory store', 3000));
  await memory.close();

  const external = process.env.REDIS_URL;
  const server = external ? null : await startRedisServer();
  const redis = await createStore({ redisUrl: external ?? server!.url, namespace: `bench${process.pid}` });
  try {
    stats.push({ ...(await roundTrip(redis, 'Redis', 2000)), target: 'median < 5 ms' });
  } finally {
    await redis.close();
    await server?.stop();
  }
  printTable('Lingyan benchmarks (Node ' + process.version + ')', stats);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
