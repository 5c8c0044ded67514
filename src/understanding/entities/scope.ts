// Scope words: a request about the whole team ("团队四象限", "team quadrant") rather than one person.
export const TEAM_SCOPE = /团队|全组|组员|全员|大家|所有人|我的组|本组|小组|全体|\bteam\b|\bsquad\b|\beveryone\b|\bmy agents\b|\ball agents\b|\bwhole group\b/i;
