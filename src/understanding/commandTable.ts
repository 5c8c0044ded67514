// The `/coach <sub>` command table: each sub-command, its intent, aliases and help catalogue keys.
import type { TaskIntent } from './types';

export interface CommandSpec {
  /** The canonical sub-command (`/coach today`). */
  sub: string;
  intent: TaskIntent;
  /** Other words accepted in its place. */
  aliases: readonly string[];
  /** Catalogue keys (src/i18n/catalog/router.ts) describing it and showing an example. */
  descriptionKey: string;
  usageKey: string;
}

const spec = (sub: string, intent: TaskIntent, aliases: string[]): CommandSpec => ({
  sub,
  intent,
  aliases,
  descriptionKey: `command.${intent}.description`,
  usageKey: `command.${intent}.usage`,
});

/** Every `/coach <sub>` with its intent, in the order help lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  spec('today', 'calls_today', ['calls', 'calls_today', 'call', '今天', '今日', '电话']),
  spec('plan', 'plan', ['breakdown', 'decompose', '计划', '分解']),
  spec('goal', 'set_goal', ['set_goal', 'target', 'setgoal', '目标']),
  spec('suggest', 'suggest_target', ['suggest_target', 'suggestion', '建议']),
  spec('progress', 'progress', ['pace', 'track', '进度']),
  spec('log', 'log_activity', ['log_activity', 'record', 'add', '记录', '登记']),
  spec('diagnose', 'diagnose', ['diag', 'diagnosis', 'funnel', '诊断']),
  spec('assess', 'assess', ['assessment', 'self-assess', '自评', '测评']),
  spec('quadrant', 'quadrant', ['quadrants', '象限']),
  spec('mentors', 'mentors', ['mentor', 'pairs', 'pairing', '师徒']),
  spec('team', 'team', ['dashboard', '团队']),
  spec('huddle', 'huddle', ['standup', '早会']),
  spec('coach', 'coach', ['ask', 'question', '辅导', '问']),
  spec('roleplay', 'roleplay', ['practice', 'practise', 'role-play', 'rp', '练习', '陪练']),
  spec('course', 'course', ['courses', 'learn', '课程']),
  spec('nudges', 'nudges', ['remind', 'reminders', 'reminder', 'nudge', '提醒']),
  spec('export', 'export', ['download', '导出']),
  spec('import', 'import', ['upload', '导入']),
  spec('help', 'help', ['?', 'h', 'commands', '帮助']),
];

/** The command whose sub or alias is `word` (case-insensitive), or null. */
export function findCommand(word: string): CommandSpec | null {
  const w = word.toLowerCase();
  return COMMANDS.find((c) => c.sub === w || c.aliases.includes(w)) ?? null;
}
