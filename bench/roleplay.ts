// Part of `npm run bench`: one offline role-play turn through the engine on the memory store (the agent's
// line read as moves, the customer's state machine, the dialogue saved; when the call ends, the score
// with its evidence and the history write). Target (issue 22): p99 ≤ 20 ms. The move model is trained
// once before timing (≈ 0.5 s at start-up, like the intent model).
import { registerCoaching } from '../src/coaching/register';
import { moveModel } from '../src/coaching/roleplayMoves';
import { createEngine } from '../src/core/lingyanEngine';
import { silentLogger } from '../src/logger';
import { MemoryStore } from '../src/store/memory';
import { coachingFixture, NOW } from '../test/coaching/coaching-fixture';
import { printTable, type Stat } from './stats';

const LINES: Array<[string, 'zh-CN' | 'en']> = [
  ['我理解您在意成本,换成是我也会比较。您这笔钱主要打算用在哪里呢?', 'zh-CN'],
  ['这笔贷款年化利率是7.2%,借8万分12期,每月还6900元左右,总利息大约3000元,以合同为准。', 'zh-CN'],
  ['您可以比较后再决定,不着急。我明天下午三点再打给您,可以吗?', 'zh-CN'],
  ['今天不办明天就没这个利率了,赶紧定吧。', 'zh-CN'],
  ['What are you hoping to use the money for?', 'en'],
  ['The APR is 7.2%, about 6,900 a month and roughly 3,000 in interest in total.', 'en'],
  ['Totally up to you, no rush. Can I call you back tomorrow at 3pm?', 'en'],
  ['By the way, did you watch the match last night?', 'en'],
];
const STARTS: Record<'zh-CN' | 'en', string> = { 'zh-CN': '来练一下利率太高', en: "let's role-play an angry annual fee complaint" };

async function main(): Promise<void> {
  const t0 = performance.now();
  moveModel();
  const trainMs = performance.now() - t0;
  const store = new MemoryStore();
  await store.seed('bench', coachingFixture());
  const engine = createEngine({ store });
  registerCoaching(engine, { llm: null, logger: silentLogger });
  const say = (text: string, locale: string) =>
    engine.handle({ tenant: 'bench', user: { platform: 'console', id: 'a1' }, text, now: NOW, locale, channel: { kind: 'console', shared: false, conversationId: 'c' } });

  const runs = 5_000;
  const samples = new Float64Array(runs);
  const turnOnly: number[] = [];
  // CPU time of the same turns (user + system): what the turn costs, apart from waiting for a core on a
  // shared machine (the wall-clock tail there is mostly the scheduler).
  const cpu: number[] = [];
  const scoring: number[] = [];
  let open = false;
  let locale: 'zh-CN' | 'en' = 'zh-CN';
  for (let i = -200; i < runs; i++) {
    const [line, lineLocale] = LINES[(i + 200) % LINES.length];
    if (open && lineLocale !== locale) {
      // Close the open session first: inside a role-play every message is an agent line.
      await say(locale === 'zh-CN' ? '结束' : 'end', locale);
      open = false;
    }
    if (!open) {
      locale = lineLocale;
      await say(STARTS[locale], locale);
      open = true;
    }
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    const reply = await say(line, locale);
    const us = Number(process.hrtime.bigint() - start) / 1000;
    const used = process.cpuUsage(cpuStart);
    if (reply.intent !== 'roleplay') throw new Error(`bench: not a role-play turn: ${reply.text}`);
    if (reply.data.ended === true) {
      open = false;
    }
    if (i >= 0) {
      samples[i] = us;
      cpu.push(used.user + used.system);
      (reply.data.ended === true ? scoring : turnOnly).push(us);
    }
  }
  samples.sort();
  const stat: Stat = {
    name: `role-play turn offline (moves + customer + store; ${scoring.length} calls scored)`,
    runs,
    medianUs: samples[Math.floor(runs / 2)]!,
    p99Us: samples[Math.floor(runs * 0.99)]!,
    target: 'p99 ≤ 20 ms',
  };
  const part = (name: string, xs: number[]): Stat => {
    xs.sort((a, b) => a - b);
    return { name, runs: xs.length, medianUs: xs[Math.floor(xs.length / 2)] ?? 0, p99Us: xs[Math.floor(xs.length * 0.99)] ?? 0 };
  };
  printTable(`Role-play (move model trained in ${trainMs.toFixed(0)} ms)`, [
    stat,
    part('… of which the customer answered', turnOnly),
    part('… of which the call ended and was scored', scoring),
    part('role-play turn offline, CPU time (user + system)', cpu),
  ]);
  const load = (await import('node:os')).loadavg()[0];
  process.stdout.write(`load average while measuring: ${load.toFixed(1)} on ${(await import('node:os')).cpus().length} cores\n`);
}

await main();
