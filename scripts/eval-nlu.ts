// npm run eval:nlu — prints the understanding report (scripts/nlu-report.ts) as Markdown tables;
// `--json` prints the figures only.
import { confusionMatrix, confusions, perLabel, percent } from '../src/understanding/evaluation';
import { nluReport } from './nlu-report';

const json = process.argv.includes('--json');
const { predictions, ...figures } = await nluReport();
const { heldoutModel, taskPredictions, taskPredictions3 } = predictions;
const say = (...lines: string[]): void => console.log(lines.join('\n'));

if (json) {
  console.log(JSON.stringify(figures, null, 2));
} else {
  const f = figures;
  say(
    `Intent model: ${f.corpus.train} training examples, ${f.corpus.labels} intents, ${f.corpus.features} features, trained in ${f.corpus.trainMs} ms`,
    '',
    '| set | figure |',
    '|---|---|',
    `| own held-out (${f.corpus.heldout}), model top-1 | ${percent(f.intent.heldoutModel)} |`,
    `| own held-out, full offline pipeline (clarify counts as a miss) | ${percent(f.intent.heldoutPipeline)} |`,
    `| 5-fold cross-validation on the training split | ${percent(f.intent.crossValidated)} |`,
    `| candidate: naive Bayes (wink), own held-out | ${percent(f.intent.candidates.naiveBayes)} (trained in ${f.intent.candidates.naiveBayesTrainMs} ms) |`,
    `| course questions held out (${f.courses.heldout}): model top-1 / top-3 | ${percent(f.courses.model.top1)} / ${percent(f.courses.model.top3)} |`,
    `| … BM25 alone top-1 / top-3 | ${percent(f.courses.bm25.top1)} / ${percent(f.courses.bm25.top3)} |`,
    `| … fused (RRF) top-1 / top-3 | ${percent(f.courses.fused.top1)} / ${percent(f.courses.fused.top3)} |`,
    `| **blind tasks** (${f.blind.tasks.n}), right intent | **${percent(f.blind.tasks.accuracy)}** (${f.blind.tasks.clarified} asked back, ${f.blind.tasks.clarifiedWithRightOption} of them offering the right one) |`,
    `| **blind coaching** (${f.blind.coaching.n}), routed to coach | ${percent(f.blind.coaching.routedToCoach)} |`,
    `| … right course top-1 / top-3, BM25 alone | ${percent(f.blind.coaching.bm25.top1)} / ${percent(f.blind.coaching.bm25.top3)} |`,
    `| … right course top-1 / **top-3**, fused | ${percent(f.blind.coaching.fused.top1)} / **${percent(f.blind.coaching.fused.top3)}** |`,
    `| **blind named members** (${f.blind.members.n}), reply about the right person or not found | **${f.blind.members.right} / ${f.blind.members.n}** |`,
    `| **blind set 3, tasks** (${f.blind3.tasks.n}), right intent | **${percent(f.blind3.tasks.accuracy)}** (${f.blind3.tasks.clarified} asked back, ${f.blind3.tasks.clarifiedWithRightOption} of them offering the right one) |`,
    `| **blind set 3, coaching** (${f.blind3.coaching.n}), routed to coach | ${percent(f.blind3.coaching.routedToCoach)} |`,
    `| … right course top-1 / **top-3**, fused | ${percent(f.blind3.coaching.fused.top1)} / **${percent(f.blind3.coaching.fused.top3)}** |`,
    '',
    'Per intent on the own held-out split (model top-1):',
    '| intent | precision | recall | support |',
    '|---|---|---|---|',
    ...perLabel(heldoutModel).map((s) => `| ${s.label} | ${percent(s.precision)} | ${percent(s.recall)} | ${s.support} |`),
    '',
    'Confusion matrix, own held-out split (model top-1):',
    ...confusionMatrix(heldoutModel),
    '',
    `Confusions, own held-out: ${confusions(heldoutModel).map(([k, n]) => `${k} ×${n}`).join(', ') || 'none'}`,
    `Confusions, blind tasks: ${confusions(taskPredictions).map(([k, n]) => `${k} ×${n}`).join(', ') || 'none'}`,
    `Confusions, blind set 3 tasks: ${confusions(taskPredictions3).map(([k, n]) => `${k} ×${n}`).join(', ') || 'none'}`,
  );
}
