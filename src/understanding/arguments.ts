// Entity glue: once the intent is known, which entities of the message become its arguments (which
// number is calls or sales, which date, which person, which reminder action). No intent is decided here.
import { parseActivity } from './entities/activity';
import { findCapacity } from './entities/capacity';
import { matchCourse } from './entities/courses';
import { findDate } from './entities/dates';
import { hasGoal, parseGoal, parseProposedIncome } from './entities/goal';
import { findMalformed } from './entities/malformed';
import { findRange } from './entities/ranges';
import { parseNudge } from './entities/nudges';
import { TEAM_SCOPE } from './entities/scope';
import { extractSubject } from './entities/subject';
import type { PersonMention } from './entities/roster';
import type { RouteArgs, RouteContext, TaskIntent } from './types';

/** Intents whose answer depends on a date named in the message. */
export const DATED: ReadonlySet<string> = new Set(['calls_today', 'plan', 'progress', 'huddle', 'team', 'diagnose', 'log_activity', 'suggest_target']);
/** Intents that may be about someone other than the asker. */
export const ABOUT_SOMEONE: ReadonlySet<string> = new Set(['calls_today', 'plan', 'progress', 'diagnose', 'assess', 'quadrant', 'suggest_target']);
const TEAM_SCOPED: ReadonlySet<string> = new Set(['quadrant', 'diagnose']);
const FREE_TEXT: ReadonlySet<string> = new Set(['coach', 'roleplay', 'course', 'export', 'import']);
const POSITIONAL_LOG = /^\s*(?:log|记录|登记)\b/i;
/** Taking back the last log (the intent is already log_activity; this only says which action). */
const UNDO = /撤销|撤回|取消(?:刚才|上一条|上次)?的?(?:记录|登记)|刚才(?:的)?(?:记录|登记)?(?:记错了|不算)|\bundo\b|\brevert\b|\btake (?:it|that) back\b|\bdelete (?:my )?last (?:log|entry)\b/i;
/** Intents whose numbers or times are saved: a malformed value stops them before anything is read. */
const READS_VALUES: ReadonlySet<string> = new Set(['set_goal', 'log_activity', 'nudges', 'suggest_target']);
/** Intents whose counts or amounts are saved or judged: a range or an estimate asks for the exact figure. */
const NEEDS_ONE_FIGURE: ReadonlySet<string> = new Set(['set_goal', 'log_activity', 'suggest_target']);

/** The arguments of `intent` found in the prepared text `s`; `mention` is the roster's reading of a person. */
export function argumentsFor(intent: TaskIntent, s: string, ctx: RouteContext, mention?: PersonMention): RouteArgs {
  const args: RouteArgs = {};
  if (READS_VALUES.has(intent)) {
    const malformed = findMalformed(s);
    if (malformed) return { malformed };
  }
  if (NEEDS_ONE_FIGURE.has(intent) && !UNDO.test(s)) {
    const range = findRange(s);
    if (range) return { range };
  }
  switch (intent) {
    case 'log_activity': {
      if (UNDO.test(s)) {
        args.activity = { undo: true };
        break;
      }
      const activity = parseActivity(s, ctx.today, { positional: POSITIONAL_LOG.test(s) });
      if (activity) args.activity = activity;
      break;
    }
    case 'set_goal': {
      // The intent is known: a lone amount in a set_goal message ("lock in 16k") is the income target.
      const stated = parseGoal(s);
      const goal = hasGoal(stated) ? stated : parseGoal(s, { bareIsIncome: true });
      if (hasGoal(goal)) args.goal = goal;
      break;
    }
    case 'suggest_target': {
      const proposed = parseGoal(s).incomeTarget ?? parseProposedIncome(s);
      if (proposed !== null && proposed !== undefined) args.proposedIncome = proposed;
      break;
    }
    case 'nudges':
      args.nudge = parseNudge(s, ctx.today);
      break;
    case 'mentors': {
      const capacity = findCapacity(s);
      if (capacity !== null) args.capacity = capacity;
      break;
    }
    default:
      break;
  }
  if (FREE_TEXT.has(intent) && s) args.topic = intent === 'course' ? (matchCourse(s)?.name ?? s) : s;
  if (TEAM_SCOPED.has(intent) && TEAM_SCOPE.test(s) && !mention) args.teamScope = true;
  if (DATED.has(intent)) {
    const date = args.activity?.date ?? findDate(s, ctx.today)?.value;
    if (date) args.date = date;
  }
  if (ABOUT_SOMEONE.has(intent) && !args.teamScope) Object.assign(args, subjectOf(s, mention));
  return args;
}

/** A roster match names the person exactly (by id when it is one of the asker's own people); else a name-like phrase. */
export function subjectOf(s: string, mention?: PersonMention): Pick<RouteArgs, 'subjectName' | 'subjectId'> {
  if (mention && mention.people.length === 1) {
    const person = mention.people[0];
    return person.inScope ? { subjectName: person.id, subjectId: person.id } : { subjectName: person.name };
  }
  const name = extractSubject(s);
  return name ? { subjectName: name } : {};
}
