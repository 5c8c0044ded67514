// What understanding extracts from a message: the intent and its typed arguments.
// Arguments are already normalised (numbers as numbers, dates as YYYY-MM-DD in the user's calendar).
import type { Commission, LocalDate } from '../domain/types';

/** The intents a message can be understood as (each has a corpus file, corpus/intents/<intent>.txt). */
export const TASK_INTENTS = [
  'calls_today', 'plan', 'set_goal', 'suggest_target', 'progress', 'log_activity', 'diagnose', 'assess', 'quadrant',
  'mentors', 'team', 'huddle', 'coach', 'roleplay', 'course', 'nudges', 'export', 'import', 'help',
] as const;
export type TaskIntent = (typeof TASK_INTENTS)[number];
/** A task, or `clarify` when two readings are close. */
export type UnderstoodIntent = TaskIntent | 'clarify';

export interface ActivityArgs {
  calls?: number;
  connects?: number;
  deals?: number;
  sales?: number;
  prospects?: number;
  /** The day the numbers belong to (default today). */
  date?: LocalDate;
  /** "更正/改成/correction": replace the day's figures instead of adding. */
  replace?: boolean;
  /** Said to come on top of what is logged ("又打了20个", "20 more calls"): added without asking. */
  added?: boolean;
  /** "撤销/undo": take back the last log. */
  undo?: boolean;
}

export interface GoalArgs {
  incomeTarget?: number;
  baseSalary?: number;
  commission?: Commission;
  /** A flat rate stated alone ("提成2%"). */
  commissionRate?: number;
}

export interface NudgeArgs {
  action: 'set_time' | 'pause' | 'stop' | 'resume' | 'end_of_day_on' | 'end_of_day_off' | 'status' | 'team_default';
  /** `HH:mm`, 24-hour. */
  time?: string;
  days?: number;
  /** pause: reminders resume ON this local date (the first date no longer skipped), resolved against `today`. */
  until?: LocalDate;
  /** pause: the first skipped date, when the pause starts after today ("明天别提醒", "下周别提醒"). */
  from?: LocalDate;
  /** pause: how it was said, for the reply's wording. */
  snooze?: 'day' | 'rest_of_week' | 'next_week' | 'until';
  /** status: the person asked for something that is already so ("周末别提醒": weekends never get nudges). */
  note?: 'weekends';
}

export interface RouteArgs {
  goal?: GoalArgs;
  activity?: ActivityArgs;
  nudge?: NudgeArgs;
  /** A proposed target for suggest_target, as income. */
  proposedIncome?: number;
  /** For mentors: apprentices per mentor as said ("每人带2个", "2 each"); the handler checks it is usable. */
  capacity?: number;
  /** A date mentioned in the message (今天/明天/下周一/3月5日/next Monday). */
  date?: LocalDate;
  /** Another person named in the message (a lead asking about a member). */
  subjectName?: string;
  /** Free text after the intent keywords (coach question, course name, role-play scenario...). */
  topic?: string;
  /** The `/coach <sub>` subcommand when the message came as a command. */
  sub?: string;
  /** Team-level request ("team quadrant", "团队四象限"). */
  teamScope?: boolean;
  /** A person the roster entity found (id), when the message named one unambiguously. */
  subjectId?: string;
  /** A value that looks like a number or a time but is not one ("1.2.3万", "25点"), as written. */
  malformed?: string;
  /** A count or amount given as a range or an estimate ("30-40个", "三四十个", "30多个") in a write, as written. */
  range?: string;
  /** Why a message was not understood: no words at all, or a language Lingyan does not read. */
  reason?: 'no_words' | 'bare_value' | 'not_understood' | 'language';
  /** For `clarify`: the readings to choose between. */
  options?: ClarifyOption[];
}

/** One reading offered back when two are close: choosing it routes `text` as `intent` with `args`. */
export interface ClarifyOption {
  intent: UnderstoodIntent;
  /** For a person chosen among namesakes. */
  subjectId?: string;
}

export interface RouteResult {
  intent: UnderstoodIntent | 'unknown';
  args: RouteArgs;
  /** The original text, trimmed. */
  text: string;
  /** How the intent was decided, and the model's probability of it (1 for exact commands). */
  source?: 'command' | 'model' | 'llm' | 'default' | 'empty';
  confidence?: number;
}

/** What the router needs to know beyond the text. */
export interface RouteContext {
  /** Today in the user's calendar, to resolve relative dates. */
  today: LocalDate;
  /** True when the text came from `/coach <sub> ...` (the sub is the first word). */
  isCommand?: boolean;
}
