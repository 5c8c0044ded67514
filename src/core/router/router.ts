// route(text, ctx): a Chinese or English message, or a `/coach <sub> [args]` command, to an intent
// with typed arguments. Pure and total: anything it cannot place is 'unknown', it never throws.
import type { RouteArgs, RouteContext, RouteResult } from '../intents';
import type { Intent } from '../reply';
import { parseActivity } from './activity';
import { findDate } from './dates';
import { hasGoal, parseGoal, parseProposedIncome } from './goal';
import * as P from './intents';
import { normalizeWidth } from './numbers';
import { parseNudge } from './nudges';
import { extractSubject, nameArgument } from './subject';

/** Longer messages are routed on their beginning (pasted transcripts must not slow the bot down). */
const MAX_ANALYSED = 2000;
const DATED: ReadonlySet<string> = new Set(['calls_today', 'plan', 'progress', 'huddle', 'team', 'diagnose', 'log_activity', 'suggest_target']);
const ABOUT_SOMEONE: ReadonlySet<string> = new Set(['calls_today', 'plan', 'progress', 'diagnose', 'assess', 'quadrant', 'suggest_target']);

function prepare(text: string): string {
  return normalizeWidth(text.slice(0, MAX_ANALYSED))
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f\u200b-\u200f\u2028\u2029\ufeff]/g, ' ')
    .replace(/^(?:<at>\s*(?:领雁|lingyan)\s*<\/at>|@?领雁|@?lingyan)\s*[,:，：]?\s*/i, '')
    .trim();
}

/** Text left once the intent's trigger words and filler are removed, or undefined when nothing is left. */
function residual(s: string, ...remove: RegExp[]): string | undefined {
  let r = s;
  for (const re of remove) r = r.replace(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`), ' ');
  r = r
    .replace(/^(?:[\s,.;:!?、。"'“”‘’()（）【】\-]|吧|啊|呀|呗|吗|了|的|一下|一个|一段|一门|一节|我们|咱们|我想|我要|想|来|给我|帮我|陪我|请|和我|跟我|关于|有没有|有关|\blet'?s\b|\blet us\b|\bcan we\b|\bi want to\b|\bplease\b|\bwith me\b|\bdo\b|\ba\b|\ban\b|\bthe\b|\bsome\b|\bon\b|\babout\b)+/gi, '')
    .replace(/(?:[\s,.;:!?、。"'“”‘’()（）【】\-]|吧|啊|呀|呗|吗|了|的|一下|\bplease\b|\bwith me\b)+$/gi, '')
    .trim();
  return r.length > 0 ? r : undefined;
}

interface Draft {
  intent: Intent | 'unknown';
  args: RouteArgs;
}

function naturalLanguage(s: string, ctx: RouteContext): Draft {
  const lower = s.toLowerCase();
  if (s.length === 0) return { intent: 'unknown', args: {} };
  if (P.HELP.test(s)) return { intent: 'help', args: {} };
  if (P.EXPORT.test(s)) return { intent: 'export', args: { topic: residual(s, P.EXPORT) } };
  if (P.IMPORT.test(s)) {
    // A file path is kept whole: "import" inside it (e.g. /tmp/x-import/a.csv) is not the keyword.
    const path = /(?:^|\s)((?:\.{0,2}\/|[A-Za-z]:\\)\S+|\S+\.(?:csv|xlsx))(?=\s|$)/i.exec(s)?.[1];
    return { intent: 'import', args: { topic: path ?? residual(s, P.IMPORT) } };
  }
  if (P.NUDGES.test(s) && !P.COACH.test(s.replace(P.NUDGES, ''))) return { intent: 'nudges', args: { nudge: parseNudge(s, ctx.today) } };
  if (P.ROLEPLAY.test(s) && !P.COURSE.test(s.replace(P.ROLEPLAY, ''))) return { intent: 'roleplay', args: { topic: residual(s, P.ROLEPLAY) } };

  const activity = parseActivity(s, ctx.today, { positional: /^\s*(?:log|记录|登记)\b/i.test(s) });
  const goal = parseGoal(s);
  const question = P.QUESTION.test(s);
  const intends = P.FUTURE.test(s) && !P.PAST.test(s);
  if (activity && !question && !intends && !hasGoal(goal)) return { intent: 'log_activity', args: { activity } };

  if (P.SUGGEST.test(s) && (P.TARGET_WORD.test(s) || hasGoal(goal))) {
    const proposedIncome = goal.incomeTarget ?? parseProposedIncome(s);
    return { intent: 'suggest_target', args: proposedIncome !== null && proposedIncome !== undefined ? { proposedIncome } : {} };
  }
  if (hasGoal(goal) && !/多少|几个|\bhow (?:many|much)\b/i.test(s)) return { intent: 'set_goal', args: { goal } };
  if (P.SET_GOAL.test(s)) return { intent: 'set_goal', args: { goal } };

  if (P.HUDDLE.test(s)) return { intent: 'huddle', args: {} };
  if (P.CALLS_TODAY.test(s) && !P.TEAM.test(s)) return { intent: 'calls_today', args: {} };
  if (P.QUADRANT.test(s)) return { intent: 'quadrant', args: P.TEAM_SCOPE.test(s) ? { teamScope: true } : {} };
  if (P.MENTORS.test(s)) return { intent: 'mentors', args: {} };
  if (P.ASSESS.test(s)) return { intent: 'assess', args: {} };
  if (P.TEAM.test(s) && !P.COACH.test(s)) return { intent: 'team', args: {} };
  if (P.PLAN.test(s)) return { intent: 'plan', args: {} };
  if (P.PROGRESS.test(s)) return { intent: 'progress', args: {} };
  if (P.DIAGNOSE.test(s) && !/客户/.test(s)) return { intent: 'diagnose', args: {} };

  const course = P.matchCourse(s);
  if (P.COURSE.test(s) || (course && (P.COURSE_ASK.test(s) || s.length <= course.name.length + 2))) {
    return { intent: 'course', args: { topic: course?.name ?? residual(s, P.COURSE, P.COURSE_FILLER) } };
  }
  if (P.COACH.test(s) || /["“”「」『』]/.test(s)) return { intent: 'coach', args: { topic: s } };
  if (activity) return { intent: 'log_activity', args: { activity } };
  if (P.LOG.test(s)) return { intent: 'log_activity', args: {} };
  if (lower.includes('?') && /客户|customer|client/.test(lower)) return { intent: 'coach', args: { topic: s } };
  return { intent: 'unknown', args: {} };
}

function command(s: string, ctx: RouteContext): Draft {
  const m = /^(\S+)\s*([\s\S]*)$/.exec(s);
  if (!m) return { intent: 'help', args: {} };
  const word = m[1];
  const rest = m[2].trim();
  const spec = P.findCommand(word);
  if (!spec) return { intent: 'unknown', args: { sub: word.slice(0, 40) } };
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
    case 'quadrant':
    case 'diagnose':
      if (P.TEAM_SCOPE.test(rest)) args.teamScope = true;
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
    const name = nameArgument(rest) ?? extractSubject(rest);
    if (name) args.subjectName = name;
  }
  return { intent: spec.intent, args };
}

/** Routes one message. `ctx.today` resolves relative dates; `ctx.isCommand` marks `/coach <sub> ...`. */
export function route(text: string, ctx: RouteContext): RouteResult {
  const original = typeof text === 'string' ? text.trim() : '';
  try {
    let s = prepare(original);
    let isCommand = ctx.isCommand === true;
    const slash = /^\/coach(?:\s+|$)/i.exec(s);
    if (slash) {
      s = s.slice(slash[0].length).trim();
      isCommand = true;
    }
    if (isCommand && s.length === 0) return { intent: 'help', args: {}, text: original };
    const draft = isCommand ? command(s, ctx) : naturalLanguage(s, ctx);
    const args = draft.args;
    for (const key of Object.keys(args) as (keyof RouteArgs)[]) if (args[key] === undefined) delete args[key];
    if (!isCommand && DATED.has(draft.intent)) {
      const date = args.activity?.date ?? findDate(s, ctx.today)?.value;
      if (date) args.date = date;
    }
    if (!isCommand && ABOUT_SOMEONE.has(draft.intent) && !args.teamScope) {
      const name = extractSubject(s);
      if (name) args.subjectName = name;
    }
    return { intent: draft.intent, args, text: original };
  } catch {
    return { intent: 'unknown', args: {}, text: original };
  }
}
