// npm run eval:moves — how well role-play turns are read as moves (src/coaching/roleplayMoves.ts):
// the own held-out split (corpus/moves/heldout), 5-fold cross-validation on the training split, and the
// separately written evaluation set test/fixtures/roleplay/moves-blind.jsonl (multi-label).
// `--json` prints the figures only.
import { movesReport } from './moves-report';

const json = process.argv.includes('--json');
const r = movesReport();
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
if (json) {
  const { misses, ...figures } = r;
  console.log(JSON.stringify(figures, null, 2));
} else {
  console.log(
    [
      `Move model: ${r.train} training turns, ${r.features} features, trained in ${r.trainMs} ms`,
      '',
      '| set | figure |',
      '|---|---|',
      `| own held-out (${r.heldout.n}), model top-1 | ${pct(r.heldout.top1)} |`,
      `| own held-out, the move found by the multi-label reader | ${pct(r.heldout.found)} |`,
      `| 5-fold cross-validation on the training split, top-1 | ${pct(r.crossValidated)} |`,
      `| **evaluation set** (${r.blind.n} turns, ${r.blind.labels} moves), micro recall / precision | **${pct(r.blind.recall)} / ${pct(r.blind.precision)}** |`,
      `| … exact set of moves | ${pct(r.blind.exact)} |`,
      `| … misleading promises found (compliance) | ${r.blind.misleadingFound} / ${r.blind.misleadingN} |`,
      ...(r.second
        ? [
            `| **second evaluation set** (${r.second.n} turns, ${r.second.labels} moves; moves-blind-2.jsonl), micro recall / precision | **${pct(r.second.recall)} / ${pct(r.second.precision)}** |`,
            `| … exact set of moves | ${pct(r.second.exact)} |`,
            `| … misleading promises found | ${r.second.misleadingFound} / ${r.second.misleadingN} |`,
          ]
        : []),
      '',
      'Per move on the evaluation set:',
      '| move | recall | precision | support |',
      '|---|---|---|---|',
      ...r.perMove.map((m) => `| ${m.move} | ${pct(m.recall)} | ${pct(m.precision)} | ${m.support} |`),
      ...(r.second ? ['', 'Per move on the second evaluation set:', '| move | recall | precision | support |', '|---|---|---|---|', ...r.second.perMove.map((m) => `| ${m.move} | ${pct(m.recall)} | ${pct(m.precision)} | ${m.support} |`)] : []),
    ].join('\n'),
  );
  if (process.argv.includes('--misses')) for (const m of r.misses) console.log(m);
}
