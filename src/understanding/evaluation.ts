// Scoring helpers for `npm run eval:nlu` and the eval floor test: accuracy, per-label precision and
// recall, a confusion matrix, top-k hit rates and k-fold cross-validation. Pure; no I/O.
import type { Example } from './corpusFiles';

export interface Prediction {
  expected: string;
  predicted: string;
}

export interface LabelScore {
  label: string;
  precision: number;
  recall: number;
  support: number;
}

export function accuracy(predictions: readonly Prediction[]): number {
  if (predictions.length === 0) return 0;
  return predictions.filter((p) => p.expected === p.predicted).length / predictions.length;
}

export function perLabel(predictions: readonly Prediction[]): LabelScore[] {
  const labels = [...new Set(predictions.flatMap((p) => [p.expected, p.predicted]))].sort();
  return labels.map((label) => {
    const truePositive = predictions.filter((p) => p.expected === label && p.predicted === label).length;
    const predicted = predictions.filter((p) => p.predicted === label).length;
    const support = predictions.filter((p) => p.expected === label).length;
    return { label, precision: predicted ? truePositive / predicted : 0, recall: support ? truePositive / support : 0, support };
  });
}

/** Off-diagonal cells only ("expected → predicted": count), largest first. */
export function confusions(predictions: readonly Prediction[]): [string, number][] {
  const cells = new Map<string, number>();
  for (const p of predictions) {
    if (p.expected === p.predicted) continue;
    const key = `${p.expected} → ${p.predicted}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  return [...cells.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The share of cases whose expected label is among the first `k` of its ranking. */
export function topK(cases: readonly { expected: string; ranking: readonly string[] }[], k: number): number {
  if (cases.length === 0) return 0;
  return cases.filter((c) => c.ranking.slice(0, k).includes(c.expected)).length / cases.length;
}

/** k-fold cross-validation (fold = index mod k, so it is deterministic): the pooled accuracy. */
export function crossValidate(examples: readonly Example[], folds: number, train: (training: Example[]) => (text: string) => string): number {
  const predictions: Prediction[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const predict = train(examples.filter((_, i) => i % folds !== fold));
    for (const e of examples.filter((_, i) => i % folds === fold)) predictions.push({ expected: e.label, predicted: predict(e.text) });
  }
  return accuracy(predictions);
}

/** A confusion matrix as Markdown: rows expected, columns predicted, labels shortened to `width`. */
export function confusionMatrix(predictions: readonly Prediction[], width = 5): string[] {
  const labels = [...new Set(predictions.flatMap((p) => [p.expected, p.predicted]))].sort();
  const short = (l: string) => l.slice(0, width);
  const cell = (e: string, p: string) => predictions.filter((x) => x.expected === e && x.predicted === p).length;
  return [
    `| expected ↓ predicted → | ${labels.map(short).join(' | ')} |`,
    `|---|${labels.map(() => '---:').join('|')}|`,
    ...labels.map((e) => `| ${e} | ${labels.map((p) => cell(e, p) || '·').join(' | ')} |`),
  ];
}

export const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;
