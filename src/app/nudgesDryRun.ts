// `--nudges-dry-run <YYYY-MM-DD>`: the nudges that date would send (who, what, when), computed from
// --data (or the demo) on the in-memory store, without Redis, BullMQ or any platform.
import { TextRenderer } from '../channels/console/textRenderer';
import type { Env } from '../config/env';
import { composeNudge } from '../nudges/content';
import { TipLibrary } from '../nudges/tips';
import { loadScheduleInputs, plannedForDate } from '../nudges/planning';
import { MemoryStore } from '../store/memory';
import type { CliOptions } from './cli';
import { startupFixture } from './data';

export async function runNudgesDryRun(options: CliOptions, env: Env): Promise<number> {
  const date = options.nudgesDryRun;
  if (!date) throw new Error('runNudgesDryRun needs options.nudgesDryRun');
  const fixture = await startupFixture(options.data, new Date(`${date}T12:00:00Z`), env.DEFAULT_TZ);
  const store = new MemoryStore();
  await store.seed(options.tenant, fixture);
  const planned = plannedForDate(await loadScheduleInputs(store, options.tenant), date);
  const rows = planned.map(({ user, kind, at }) => ({ user, kind, at }));
  if (options.json) {
    process.stdout.write(`${JSON.stringify(rows)}\n`);
    return 0;
  }
  if (options.nudgesSimulate) {
    // Simulation: each nudge composed exactly as the worker would send it, printed instead of sent.
    const deps = { store, tips: TipLibrary.load() };
    const renderer = new TextRenderer();
    for (const row of planned) {
      const person = await store.getAgent(options.tenant, row.user);
      if (!person) continue;
      const reply = await composeNudge(deps, options.tenant, person, row.kind, date);
      process.stdout.write(`──── ${row.at} → ${person.name} (${person.id}) · ${row.kind}\n${renderer.render(reply)}\n\n`);
    }
    if (planned.length === 0) process.stdout.write(`No nudges on ${date}.\n`);
    return 0;
  }
  const names = new Map(fixture.agents.map((a) => [a.id, a]));
  const table = rows.map((row) => {
    const person = names.get(row.user);
    const local = person ? new Date(row.at).toLocaleString('sv-SE', { timeZone: person.tz }).slice(0, 16) : '';
    return [row.at, `${local} ${person?.tz ?? ''}`.trim(), row.user, person?.name ?? '', row.kind];
  });
  const header = ['at (UTC)', 'local', 'user', 'name', 'kind'];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const out = [`Nudges for ${date} (${rows.length}):`, line(header), line(widths.map((w) => '-'.repeat(w))), ...table.map(line)];
  if (rows.length === 0) out.push('(none: not a working day for anyone, or everyone paused)');
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
