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
  printTable(`Understanding (Node ${process.version})`, stats);

  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', SELF, '--child'], { encoding: 'utf8' });
  const f = JSON.parse(out) as ChildFigures;
  console.table([
    { figure: 'load the layer (import)', value: `${f.loadMs.toFixed(0)} ms`, target: '' },
    { figure: 'train the intent model at start-up', value: `${f.trainMs.toFixed(0)} ms`, target: '≤ 1,000 ms with load' },
    { figure: 'RSS before → after (fresh process, after GC)', value: `${f.rssBeforeMb.toFixed(1)} → ${f.rssAfterMb.toFixed(1)} MB (+${(f.rssAfterMb - f.rssBeforeMb).toFixed(1)} MB)`, target: '≤ +30 MB' },
  ]);
}

if (process.argv.includes('--child')) await child();
else await main();
