// The understanding layer's result types, re-exported for handlers (src/understanding owns them).
export type { ActivityArgs, ClarifyOption, GoalArgs, NudgeArgs, RouteArgs, RouteContext, RouteResult } from '../understanding/types';
