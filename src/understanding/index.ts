// The understanding layer's public surface: understanding a message, the /coach command table, and the
// entity readers (numbers, dates and times, activity, goal, reminders, names, courses) dialogues reuse.
export { Understanding, sharedUnderstanding, THRESHOLDS, type IntentDecider, type IntentRanker, type UnderstandContext } from './understanding';
export type { Ranked } from './model/softmax';
export { COMMANDS, findCommand, type CommandSpec } from './commandTable';
export { mayNameSomeone } from './command';
export { COURSES, matchCourse } from './entities/courses';
export { TEAM_SCOPE } from './entities/scope';
export { chineseToNumber } from './entities/chinese';
export { normalizeWidth, parseAmount, parseCount, parseRate, tokenizeNumbers, type NumberKind, type NumberToken } from './entities/numbers';
export { findDate, findTime, parseDate, parseTime, type Found } from './entities/dates';
export { isCorrection, parseActivity, METRICS, type Metric } from './entities/activity';
export { hasGoal, parseGoal, parseProposedIncome } from './entities/goal';
export { parseNudge } from './entities/nudges';
export { extractSubject, nameArgument } from './entities/subject';
export { findPeople, type Roster, type RosterPerson, type PersonMention, type ScopedRoster } from './entities/roster';
export { TASK_INTENTS, type TaskIntent, type UnderstoodIntent, type RouteArgs, type RouteResult, type RouteContext, type ClarifyOption } from './types';
