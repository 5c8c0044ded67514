// The handlers of the foundation; later layers (lead toolkit, coaching, nudges) register theirs on the engine.
import type { Handler } from '../context';
import type { Intent } from '../reply';
import { callsTodayHandler } from './callsToday';
import { diagnoseHandler } from './diagnose';
import { helpHandler } from './help';
import { logActivityHandler } from './logActivity';
import { planHandler } from './plan';
import { progressHandler } from './progress';
import { setGoalHandler } from './setGoal';
import { suggestTargetHandler } from './suggestTarget';

import { clarifyHandler } from './clarify';

export const defaultHandlers: Partial<Record<Intent, Handler>> = {
  calls_today: callsTodayHandler,
  plan: planHandler,
  set_goal: setGoalHandler,
  suggest_target: suggestTargetHandler,
  progress: progressHandler,
  log_activity: logActivityHandler,
  diagnose: diagnoseHandler,
  help: helpHandler,
  clarify: clarifyHandler,
};
