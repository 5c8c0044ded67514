// Layer 1: `/coach <sub> [args]` is parsed exactly (the sub-command names the intent; no model).
import { findCommand } from './commandTable';
import { parseActivity } from './entities/activity';
import { findCapacity } from './entities/capacity';
import { findDate } from './entities/dates';
import { hasGoal, parseGoal, parseProposedIncome } from './entities/goal';
import { parseNudge } from './entities/nudges';
import type { PersonMention } from './entities/roster';
import { TEAM_SCOPE } from './entities/scope';
import { nameArgument, extractSubject } from './entities/subject';
import { ABOUT_SOMEONE, DATED, subjectOf } from './arguments';
import type { RouteArgs, RouteContext, RouteResult } from './types';

/** `s` is the text after `/coach`; `mention` the roster's reading of a person in it. */
export function parseCommand(s: string, ctx: RouteContext, text: string, mention?: PersonMention): RouteResult {
  const m = /^(\S+)\s*([\s\S]*)$/.exec(s);
  if (!m) return { intent: 'help', args: {}, text, source: 'command', confidence: 1 };
  const word = m[1];
  const rest = m[2].trim();
  const spec = findCommand(word);
  if (!spec) return { intent: 'unknown', args: { sub: word.slice(0, 40) }, text, source: 'command', confidence: 1 };
  const args: RouteArgs = { sub: spec.sub };
  switch (spec.intent) {
    case 'set_goal': {
      const goal = parseGoal(rest, { bareIsIncome: true });
      if (hasGoal(goal)) args.goal = goal;
      break;
    }
    case 'suggest_target': {
      const proposed = parseProposedIncome(rest);
      if (proposed !== null) args.proposedIncome = proposed;
      break;
    }
    case 'log_activity': {
      const activity = parseActivity(rest, ctx.today, { positional: true });
      if (activity) args.activity = activity;
      break;
    }
    case 'nudges':
      args.nudge = parseNudge(rest, ctx.today);
      break;
    case 'mentors': {
      const capacity = findCapacity(rest, { bare: true });
      if (capacity !== null) args.capacity = capacity;
      break;
    }
    case 'quadrant':
    case 'diagnose':
      if (TEAM_SCOPE.test(rest)) args.teamScope = true;
      break;
    case 'coach':
    case 'roleplay':
    case 'course':
    case 'export':
    case 'import':
      if (rest) args.topic = rest;
      break;
    default:
      break;
  }
  if (DATED.has(spec.intent)) {
    const date = args.activity?.date ?? findDate(rest, ctx.today)?.value;
    if (date) args.date = date;
  }
  if (ABOUT_SOMEONE.has(spec.intent) && rest && !args.teamScope) {
    if (mention) Object.assign(args, subjectOf(rest, mention));
    else {
      const name = nameArgument(rest) ?? extractSubject(rest);
      if (name) args.subjectName = name;
    }
  }
  return { intent: spec.intent, args, text, source: 'command', confidence: 1 };
}

/**
 * False for a `/coach <sub>` whose intent is never about another person (`/coach log 1`): its reading
 * needs no roster, so the engine can skip loading one on the busiest path.
 */
export function mayNameSomeone(text: string, isCommand: boolean): boolean {
  const slash = /^\/coach(?:\s+|$)/i.exec(text);
  if (!isCommand && !slash) return true;
  const word = /^(\S+)/.exec(slash ? text.slice(slash[0].length) : text)?.[1];
  const spec = word ? findCommand(word) : null;
  return spec !== null && ABOUT_SOMEONE.has(spec.intent);
}
