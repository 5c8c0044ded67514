// The course model: which course answers a coaching question, trained on the questions each course
// section carries (corpus/courses), used with BM25 over the course text (fusion in courseRanking.ts).
import { loadExamples, type Example } from '../corpusFiles';
import { featuresOf } from './features';
import { SoftmaxClassifier, type TrainOptions } from './softmax';

export const COURSE_TRAINING: TrainOptions = { epochs: 10, balance: 0.5, learningRate: 0.5, l2: 1e-5 };

export function courseExamples(split: 'train' | 'heldout' = 'train', root?: string): Example[] {
  return loadExamples('courses', split, root);
}

export function trainCourseModel(examples: readonly Example[] = courseExamples(), options: TrainOptions = COURSE_TRAINING): SoftmaxClassifier {
  return SoftmaxClassifier.train(examples, featuresOf, options);
}
