// The router's public surface: route(), the /coach command table, and the argument parsers
// (numbers, dates and times, activity, goal, reminders, names) that dialogues reuse.
export { route } from './router';
export { COMMANDS, COURSES, findCommand, matchCourse, type CommandSpec } from './intents';
export { chineseToNumber } from './chinese';
export {
  normalizeWidth,
  parseAmount,
  parseCount,
  parseRate,
  tokenizeNumbers,
  type NumberKind,
  type NumberToken,
} from './numbers';
export { findDate, findTime, parseDate, parseTime, type Found } from './dates';
export { isCorrection, parseActivity, METRICS, type Metric } from './activity';
export { hasGoal, parseGoal, parseProposedIncome } from './goal';
export { parseNudge } from './nudges';
export { extractSubject, nameArgument } from './subject';
