// Course names as an entity (the nine courses' titles and common aliases, zh and en), for "what is
// 情绪智慧 about" and the course handler. A lookup list, not intent rules.
/** Course names (zh and en) with their ids, as in docs/design.md. */
export const COURSES: { id: string; names: RegExp }[] = [
  { id: 'customer-communication', names: /客户沟通艺术|客户沟通|\bcustomer communication\b/i },
  { id: 'emotional-intelligence', names: /情绪智慧|情商|情绪管理|\bemotional intelligence\b/i },
  { id: 'objection-handling', names: /异议化解|异议处理课|\bobjection[- ]handling\b/i },
  { id: 'art-of-questioning', names: /提问的艺术|提问艺术|提问技巧|\bart of questioning\b|\bquestioning\b/i },
  { id: 'efficient-communication', names: /沟通达人|高效沟通|\befficient communication\b/i },
  { id: 'mindset', names: /心态领航|\bmindset\b/i },
  { id: 'top-performer-sharing', names: /标杆效应|标杆分享|\btop[- ]performer(?: sharing)?\b/i },
  { id: 'career-planning', names: /寻找灯塔|职业规划|\bcareer planning\b|\bcareer\b/i },
  { id: 'goal-setting', names: /目标设定|目标管理|目标指南|\bgoal[- ]setting\b|\bgoal guide\b/i },
];

/** The course a message names, with the words used, or null. */
export function matchCourse(text: string): { id: string; name: string } | null {
  let best: { id: string; name: string; at: number } | null = null;
  for (const course of COURSES) {
    const m = course.names.exec(text);
    if (m && (best === null || m.index < best.at)) best = { id: course.id, name: m[0], at: m.index };
  }
  return best ? { id: best.id, name: best.name } : null;
}
