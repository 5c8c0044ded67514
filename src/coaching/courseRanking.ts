// Which course answers a coaching question: the course model (trained on the questions each section
// carries) and BM25 over the course text, fused by reciprocal rank (and, when configured, embeddings
// as a third list). Measured in `npm run eval:nlu` (docs/understanding.md, "Courses").
import type { Locale } from '../domain/types';
import { trainCourseModel } from '../understanding/model/courseModel';
import type { SoftmaxClassifier } from '../understanding/model/softmax';
import { getCourseIndex, type CourseIndex } from './retrieval';

/** The usual RRF constant: a list's first place is worth 1/61, its tenth 1/70. */
const RRF_K = 60;

export interface RankedCourse {
  course: string;
  score: number;
}

/** Reciprocal-rank fusion of ranked lists of course ids (missing from a list: no share from it). */
export function fuseRankings(lists: readonly (readonly string[])[], weights: readonly number[] = lists.map(() => 1)): RankedCourse[] {
  const scores = new Map<string, number>();
  lists.forEach((list, l) => {
    list.forEach((course, rank) => scores.set(course, (scores.get(course) ?? 0) + (weights[l] ?? 1) / (RRF_K + rank + 1)));
  });
  return [...scores.entries()].map(([course, score]) => ({ course, score })).sort((a, b) => b.score - a.score || a.course.localeCompare(b.course));
}

export class CourseRanker {
  constructor(
    private readonly index: CourseIndex,
    private readonly model: SoftmaxClassifier,
  ) {}

  /** Courses best first for `question`; `extra` lists (embeddings) join the fusion. */
  rank(question: string, locale: Locale, extra: readonly (readonly string[])[] = []): RankedCourse[] {
    const byModel = this.model.rank(question).map((r) => r.label);
    const byText = this.index.rankCourses(question, { locale }).map((r) => r.course);
    return fuseRankings([byModel, byText, ...extra]);
  }
}

let shared: CourseRanker | undefined;

/** The process's ranker over prompts/courses and corpus/courses, built on first use. */
export function getCourseRanker(): CourseRanker {
  shared ??= new CourseRanker(getCourseIndex(), trainCourseModel());
  return shared;
}
