// `npm run bench` (part 3): understanding one message offline (roster match + intent model + arguments)
// over the held-out corpus lines, and, in a fresh child process, what the layer adds at start-up (load +
// training) and to RSS. Targets (issue 21): p99 ≤ 2 ms, start-up ≤ +1 s, RSS ≤ +30 MB.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseFixture } from '../src/store/fixture';
import { measure, printTable, type Stat } from './stats';

const SELF = fileURLToPath(import.meta.url);

interface ChildFigures {
  loadMs: number;
  trainMs: number;
  rssBeforeMb: number;
  rssAfterMb: number;
}

/** Runs in the child: measures this process before and after the understanding layer exists. */
async function child(): Promise<void> {
  // What every Lingyan process loads anyway (stores, config, handlers): not the understanding's cost.
  await import('zod');
  await import('luxon');
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let started = performance.now();
  const { Understanding } = await import('../src/understanding/understanding');
  const { trainIntentModel } = await import('../src/understanding/model/intentModel');
  const loadMs = performance.now() - started;
  started = performance.now();
  const understanding = new Understanding(trainIntentModel());
  const trainMs = performance.now() - started;
  understanding.offline('今天要打多少个电话', { today: '2026-11-18' });
  global.gc?.();
  const figures: ChildFigures = { loadMs, trainMs, rssBeforeMb: rssBefore / 2 ** 20, rssAfterMb: process.memoryUsage().rss / 2 ** 20 };
  process.stdout.write(JSON.stringify(figures));
}

async function main(): Promise<void> {
  const { sharedUnderstanding } = await import('../src/understanding');
  const { intentExamples } = await import('../src/understanding/model/intentModel');
  const fixture = parseFixture(JSON.parse(readFileSync('fixtures/demo-team.json', 'utf8')));
  const roster = fixture.agents.map((a) => ({ id: a.id, name: a.name, inScope: a.team === 't1' }));
  const understanding = sharedUnderstanding();
  const messages = intentExamples('heldout').map((e) => e.text);
  let i = 0;
  const stats: Stat[] = [
    {
      ...(await measure('understand one message offline (held-out lines, lead roster of 12)', 20_000, () =>
        understanding.offline(messages[i++ % messages.length], { today: '2026-11-18', roster }),
      )),
      target: 'p99 ≤ 2 ms',
    },
  ];
  // A tenant of 2,000 agents: the name index is built once per roster array (as the store's cache hands it).
  const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
  const GIVEN = '伟芳娜敏静丽强磊洋艳勇军杰娟涛明超秀英桂兰平刚辉';
  const tenant = Array.from({ length: 2000 }, (_, n) => ({ id: `p${n}`, name: SURNAMES[n % 20] + GIVEN[(n * 7) % 26] + (n % 3 ? GIVEN[(n * 11) % 26] : ''), inScope: n < 12 }));
  stats.push({
    ...(await measure('understand one message offline (held-out lines, roster of 2,000)', 20_000, () =>
      understanding.offline(messages[i++ % messages.length], { today: '2026-11-18', roster: tenant }),
    )),
    target: 'p99 ≤ 2 ms',
  });
  printTable(`Understanding (Node ${process.version})`, stats);

  // Under Node's defaults, and under start:prod's settings (package.json), which is how operators run it.
  const settings: [string, string[], NodeJS.ProcessEnv][] = [
    ["Node's defaults", [], {}],
    ['start:prod settings', ['--max-semi-space-size=8', '--heap-growing-percent=40'], { MALLOC_ARENA_MAX: '2' }],
  ];
  const rows = settings.map(([label, flags, env]) => {
    const out = execFileSync(process.execPath, ['--expose-gc', ...flags, '--import', 'tsx', SELF, '--child'], { encoding: 'utf8', env: { ...process.env, ...env } });
    const f = JSON.parse(out) as ChildFigures;
    return {
      settings: label,
      'load (ms)': f.loadMs.toFixed(0),
      'train (ms)': f.trainMs.toFixed(0),
      'RSS before → after (MB)': `${f.rssBeforeMb.toFixed(1)} → ${f.rssAfterMb.toFixed(1)}`,
      'RSS added (MB)': (f.rssAfterMb - f.rssBeforeMb).toFixed(1),
      target: 'load + train ≤ 1,000 ms; RSS ≤ +30 MB',
    };
  });
  process.stdout.write('\nUnderstanding at start-up (fresh process each, after GC)\n');
  console.table(rows);
}

if (process.argv.includes('--child')) await child();
else await main();
