// The figures behind `npm run eval:nlu` and the eval floor test (test/understanding/eval-floor.test.ts): how well Lingyan understands: the intent model on its own held-out split and in
// 5-fold cross-validation, the course ranking on held-out course questions, a candidate comparison
// (softmax regression vs naive Bayes), and the blind sets written by someone who never saw the corpus
// or the code (test/fixtures/understanding/blind). Offline: no LLM.
import { readFileSync } from 'node:fs';
import { getCourseIndex } from '../src/coaching/retrieval';
import { fuseRankings } from '../src/coaching/courseRanking';
import { registerLeadToolkit } from '../src/core/handlers/lead';
import { createEngine } from '../src/core/lingyanEngine';
import type { Inbound } from '../src/core/engine';
import { loadFixtureFile, DEMO_FIXTURE } from '../src/app/data';
import { createStore } from '../src/store';
import type { Locale } from '../src/domain/types';
import { intentExamples, trainIntentModel, INTENT_TRAINING } from '../src/understanding/model/intentModel';
import { courseExamples, trainCourseModel } from '../src/understanding/model/courseModel';
import { featuresOf } from '../src/understanding/model/features';
import { SoftmaxClassifier } from '../src/understanding/model/softmax';
import { Understanding } from '../src/understanding/understanding';
import { accuracy, confusions, crossValidate, perLabel, percent, topK, type Prediction } from '../src/understanding/evaluation';
import type { RosterPerson } from '../src/understanding';
// @ts-expect-error wink's classifier ships no types; used here only as the comparison candidate.
import naiveBayes from 'wink-naive-bayes-text-classifier';

export async function nluReport() {
  const localeOf = (text: string): Locale => (/\p{Script=Han}/u.test(text) ? 'zh-CN' : 'en');
  const blind = <T>(file: string, set = 'blind'): T[] =>
    readFileSync(new URL(`../test/fixtures/understanding/${set}/${file}`, import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as T);

  // 1. The intent model: train split → held-out split, and cross-validation.
  let started = performance.now();
  const model = trainIntentModel();
  const trainMs = performance.now() - started;
  const understanding = new Understanding(model);
  const heldout = intentExamples('heldout');
  const heldoutModel: Prediction[] = heldout.map((e) => ({ expected: e.label, predicted: model.rank(e.text)[0].label }));
  const heldoutPipeline: Prediction[] = heldout.map((e) => ({ expected: e.label, predicted: understanding.offline(e.text, { today: '2026-11-18' }).intent }));
  const cv = crossValidate(intentExamples(), 5, (training) => {
    const m = SoftmaxClassifier.train(training, featuresOf, INTENT_TRAINING);
    return (text) => m.rank(text)[0].label;
  });

  // 2. The comparison candidate: multinomial naive Bayes (wink) on the same features and split.
  started = performance.now();
  const nb = naiveBayes();
  nb.definePrepTasks([featuresOf]);
  nb.defineConfig({ considerOnlyPresence: true, smoothingFactor: 0.5 });
  for (const e of intentExamples()) nb.learn(e.text, e.label);
  nb.consolidate();
  const nbMs = performance.now() - started;
  const heldoutNb = accuracy(heldout.map((e) => ({ expected: e.label, predicted: nb.predict(e.text) as string })));

  // 3. Courses: held-out course questions, by the course model, by BM25, and fused.
  const index = getCourseIndex();
  const courseModel = trainCourseModel();
  const courseHeld = courseExamples('heldout');
  const rankings = (text: string) => {
    const locale = localeOf(text);
    const byModel = courseModel.rank(text).map((r) => r.label);
    const byText = index.rankCourses(text, { locale }).map((r) => r.course);
    return { byModel, byText, fused: fuseRankings([byModel, byText]).map((r) => r.course) };
  };
  const courseCases = (items: { text: string; course: string }[], pick: 'byModel' | 'byText' | 'fused') =>
    items.map((q) => ({ expected: q.course, ranking: rankings(q.text)[pick] }));
  const heldCourses = courseHeld.map((e) => ({ text: e.text, course: e.label }));

  // 4. Blind sets (never shown to the corpus writers): full offline pipeline with the demo roster.
  interface BlindTask { text: string; intent: string; user: string; args?: Record<string, unknown> }
  interface BlindCoaching { text: string; course: string }
  interface BlindMember { text: string; user: string; intent: string; agent: string | null }
  const fixture = await loadFixtureFile(DEMO_FIXTURE);
  const leadTeams = new Set(fixture.teams.filter((team) => team.leads.includes('l1')).map((team) => team.id));
  const rosterOf = (user: string): RosterPerson[] =>
    fixture.agents.map((a) => ({ id: a.id, name: a.name, inScope: a.id === user || (user === 'l1' && leadTeams.has(a.team)) }));
  // A blind set's task messages and coaching questions through the offline pipeline.
  const blindSet = (set: string) => {
    const tasks = blind<BlindTask>('tasks.jsonl', set);
    const taskRoutes = tasks.map((x) => ({ x, r: understanding.offline(x.text, { today: '2026-11-18', roster: rosterOf(x.user) }) }));
    const taskPredictions: Prediction[] = taskRoutes.map(({ x, r }) => ({ expected: x.intent, predicted: r.intent }));
    const clarified = taskRoutes.filter(({ r }) => r.intent === 'clarify');
    const clarifiedRight = clarified.filter(({ x, r }) => r.args.options?.some((o) => o.intent === x.intent));
    const coaching = blind<BlindCoaching>('coaching.jsonl', set);
    const coachingAsCoach = coaching.filter((q) => understanding.offline(q.text, { today: '2026-11-18', roster: rosterOf('a1') }).intent === 'coach').length;
    return {
      taskPredictions,
      tasks: { n: tasks.length, accuracy: accuracy(taskPredictions), clarified: clarified.length, clarifiedWithRightOption: clarifiedRight.length },
      coaching: {
        n: coaching.length, routedToCoach: coachingAsCoach / coaching.length,
        bm25: { top1: topK(courseCases(coaching, 'byText'), 1), top3: topK(courseCases(coaching, 'byText'), 3) },
        fused: { top1: topK(courseCases(coaching, 'fused'), 1), top3: topK(courseCases(coaching, 'fused'), 3) },
      },
    };
  };
  const { taskPredictions, ...blind1 } = blindSet('blind');
  // Set 3 (session 11): a third writer, who read only the design's intent table and course list.
  const { taskPredictions: taskPredictions3, ...blind3 } = blindSet('blind-3');

  // Named members, end to end through the engine on the demo team: the reply must be about that person.
  const store = await createStore();
  await store.seed('eval', fixture);
  const engine = createEngine({ store, understanding });
  registerLeadToolkit(engine);
  const members = blind<BlindMember>('members.jsonl');
  let membersRight = 0;
  for (const m of members) {
    const inbound: Inbound = {
      tenant: 'eval', user: { platform: 'console', id: m.user }, text: m.text, now: new Date('2026-11-18T09:00:00+08:00'),
      channel: { kind: 'console', conversationId: 'eval' },
    } as Inbound;
    const reply = await engine.handle(inbound);
    const about = (reply.data as { agent?: string }).agent;
    // Someone outside the team (or unknown): no one's numbers may be shown.
    const right = m.agent === null ? about === undefined : about === m.agent;
    if (right) membersRight++;
  }

  return {
    predictions: { heldoutModel, taskPredictions, taskPredictions3 },
    corpus: { train: intentExamples().length, heldout: heldout.length, labels: model.size.labels, features: model.size.features, trainMs: Math.round(trainMs) },
    intent: {
      heldoutModel: accuracy(heldoutModel), heldoutPipeline: accuracy(heldoutPipeline), crossValidated: cv,
      candidates: { softmax: accuracy(heldoutModel), naiveBayes: heldoutNb, naiveBayesTrainMs: Math.round(nbMs) },
    },
    courses: {
      heldout: heldCourses.length,
      model: { top1: topK(courseCases(heldCourses, 'byModel'), 1), top3: topK(courseCases(heldCourses, 'byModel'), 3) },
      bm25: { top1: topK(courseCases(heldCourses, 'byText'), 1), top3: topK(courseCases(heldCourses, 'byText'), 3) },
      fused: { top1: topK(courseCases(heldCourses, 'fused'), 1), top3: topK(courseCases(heldCourses, 'fused'), 3) },
    },
    blind: { ...blind1, members: { n: members.length, right: membersRight } },
    blind3,
  };
}

export type NluFigures = Awaited<ReturnType<typeof nluReport>>;
