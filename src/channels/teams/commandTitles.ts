// The command titles of the Teams app manifest (English subs and their Chinese aliases). Teams sends a picked
// command as its bare title; such a message is routed like `/coach <title>` (the router knows every one).

export const COMMAND_TITLES: ReadonlySet<string> = new Set([
  'today', 'plan', 'goal', 'log', 'progress', 'suggest', 'diagnose', 'assess', 'roleplay', 'help',
  'huddle', 'team', 'quadrant', 'mentors', 'coach', 'course', 'nudges', 'export',
  '今天', '计划', '目标', '记录', '进度', '建议', '诊断', '自评', '陪练', '帮助',
  '早会', '团队', '象限', '师徒', '辅导', '课程', '提醒', '导出',
]);

/** True when the whole message is a manifest command title (case-insensitive). */
export function isCommandTitle(text: string): boolean {
  return COMMAND_TITLES.has(text.trim().toLowerCase());
}
