// A multinomial logistic-regression text classifier over sparse string features, trained by
// deterministic AdaGrad (fixed example order per epoch from a seeded shuffle): the same corpus always
// gives the same model. Chosen over naive Bayes by measurement (docs/understanding.md).

export interface Ranked {
  label: string;
  p: number;
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
  /** 0: every example counts once; 1: every label weighs the same in total (large labels are scaled down). */
  balance?: number;
}

type Featurizer = (text: string) => string[];

const SKIP_GRADIENT = 1e-3;

/** xorshift32: a tiny seeded generator so training order is reproducible. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

export class SoftmaxClassifier {
  private constructor(
    readonly labels: readonly string[],
    private readonly vocabulary: Map<string, number>,
    /** Row-major [feature][label] weights; the last row is the bias. */
    private readonly weights: Float32Array,
    private readonly featurize: Featurizer,
  ) {}

  static train(examples: readonly { text: string; label: string }[], featurize: Featurizer, options: TrainOptions = {}): SoftmaxClassifier {
    const { epochs = 30, learningRate = 0.5, l2 = 1e-5, seed = 20261206, balance = 0.5 } = options;
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    const labelIndex = new Map(labels.map((l, i) => [l, i]));
    // One pass: each example's features become ids as they are read (every feature seen counts, so no
    // counting pass is needed), and the strings of an example are garbage as soon as it is encoded:
    // training then grows the heap by less (bench/understanding.ts).
    const vocabulary = new Map<string, number>();
    const encoded = examples.map((e) => {
      const row = featurize(e.text);
      for (const f of row) if (!vocabulary.has(f)) vocabulary.set(f, vocabulary.size);
      return sparse(row, vocabulary);
    });
    const k = labels.length;
    const bias = vocabulary.size;
    const weights = new Float32Array((vocabulary.size + 1) * k);
    const squared = new Float32Array(weights.length).fill(1e-8);
    const targets = examples.map((e) => labelIndex.get(e.label) as number);
    const perLabel = labels.map((l) => examples.filter((e) => e.label === l).length);
    const mean = examples.length / labels.length;
    const weightOf = targets.map((c) => Math.pow(mean / perLabel[c], balance));
    const order = encoded.map((_, i) => i);
    const next = rng(seed);
    const scores = new Float64Array(k);
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const swap = order[i];
        order[i] = order[j];
        order[j] = swap;
      }
      for (const n of order) {
        const { ids, values } = encoded[n];
        probabilities(weights, ids, values, bias, k, scores);
        for (let c = 0; c < k; c++) {
          const gradient = (scores[c] - (c === targets[n] ? 1 : 0)) * weightOf[n];
          // Labels the example already scores near 0 for (or near 1 for its own) would barely move:
          // skipping them makes training ≈ 3× faster with the same held-out accuracy.
          if (gradient < SKIP_GRADIENT && gradient > -SKIP_GRADIENT) continue;
          for (let f = 0; f <= ids.length; f++) {
            const id = f < ids.length ? ids[f] : bias;
            const x = f < ids.length ? values[f] : 1;
            const w = id * k + c;
            const g = gradient * x + l2 * weights[w];
            squared[w] += g * g;
            weights[w] -= (learningRate * g) / Math.sqrt(squared[w]);
          }
        }
      }
    }
    return new SoftmaxClassifier(labels, vocabulary, weights, featurize);
  }

  /** Every label with its probability, best first (ties by label). */
  rank(text: string): Ranked[] {
    const { ids, values } = sparse(this.featurize(text), this.vocabulary);
    const k = this.labels.length;
    const scores = new Float64Array(k);
    probabilities(this.weights, ids, values, this.vocabulary.size, k, scores);
    return this.labels
      .map((label, i) => ({ label, p: scores[i] }))
      .sort((a, b) => b.p - a.p || (a.label < b.label ? -1 : 1));
  }

  /** True when the text has at least one feature the model knows (else its answer is only the prior). */
  knows(text: string): boolean {
    return this.featurize(text).some((f) => this.vocabulary.has(f));
  }

  get size(): { features: number; labels: number } {
    return { features: this.vocabulary.size, labels: this.labels.length };
  }
}

/** Known features with log-scaled counts, L2-normalised so long messages do not shout. */
function sparse(row: readonly string[], vocabulary: Map<string, number>): { ids: Int32Array; values: Float32Array } {
  const counts = new Map<number, number>();
  for (const f of row) {
    const id = vocabulary.get(f);
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const ids = Int32Array.from(counts.keys());
  // Repeats count a little (at most twice), so a run of one character cannot drown the rest.
  const values = Float32Array.from(ids, (id) => 1 + Math.log(Math.min(2, counts.get(id) as number)));
  const norm = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0)) || 1;
  return { ids, values: values.map((v) => v / norm) };
}

function probabilities(weights: Float32Array, ids: Int32Array, values: Float32Array, bias: number, k: number, out: Float64Array): void {
  let max = -Infinity;
  for (let c = 0; c < k; c++) {
    let z = weights[bias * k + c];
    for (let f = 0; f < ids.length; f++) z += weights[ids[f] * k + c] * values[f];
    out[c] = z;
    if (z > max) max = z;
  }
  let sum = 0;
  for (let c = 0; c < k; c++) {
    out[c] = Math.exp(out[c] - max);
    sum += out[c];
  }
  for (let c = 0; c < k; c++) out[c] /= sum;
}
