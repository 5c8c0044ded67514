// Starts the nudge planner and delivery worker for a process (see src/nudges), behind a small
// interface so the server does not depend on BullMQ details.
import type { ProactiveChannel } from '../channels/channel';
import type { AppContext } from './bootstrap';

export interface NudgeRuntime {
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

export async function startNudges(
  _app: AppContext,
  _channels: { slack?: ProactiveChannel; teams?: ProactiveChannel },
  _options: { worker: boolean },
): Promise<NudgeRuntime> {
  // Wired to src/nudges once it lands; until then the server runs without scheduled nudges.
  return { ready: async () => true, close: async () => {} };
}
