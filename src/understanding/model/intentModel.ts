// Layer 3: the intent model, trained at start-up from corpus/intents (plus every course question as a
// `coach` example: a coaching question is the coach's by definition). Deterministic; ≈ 0.5 s on 2 cores (bench/understanding.ts).
import { loadExamples, type Example } from '../corpusFiles';
import { TASK_INTENTS } from '../types';
import { featuresOf } from './features';
import { SoftmaxClassifier, type TrainOptions } from './softmax';

/** Chosen on cross-validation of the training split (docs/understanding.md, "Model"). */
export const INTENT_TRAINING: TrainOptions = { epochs: 10, balance: 1, learningRate: 0.5, l2: 1e-5 };

export function intentExamples(split: 'train' | 'heldout' = 'train', root?: string): Example[] {
  return [...loadExamples('intents', split, root), ...loadExamples('courses', split, root).map((e) => ({ text: e.text, label: 'coach' }))];
}

export function trainIntentModel(examples: readonly Example[] = intentExamples(), options: TrainOptions = INTENT_TRAINING): SoftmaxClassifier {
  const known = new Set<string>(TASK_INTENTS);
  const unknown = examples.find((e) => !known.has(e.label));
  if (unknown) throw new Error(`corpus file for unknown intent "${unknown.label}"`);
  return SoftmaxClassifier.train(examples, featuresOf, options);
}
