// Public surface of the nudges area: schedule (pure), preferences + intent handler, content, the
// BullMQ scheduler and worker, the delivery ledger and the console channel.
export { nudgesFor, nudgesForPerson, sendInstant, effectivePrefs, isLead, isValidTime } from './schedule';
export { loadScheduleInputs, plannedForDate, plannedAround, PREFS_KIND, TEAM_PREFS_KIND, DEAD_KIND } from './planning';
export { nudgesHandler, registerNudges, getPrefs, putPrefs, NUDGES_SERVICE, type NudgeRescheduler } from './preferences';
export { composeNudge } from './content';
export { composeLeadDigest } from './digest';
export { TipLibrary, pickTip, TIP_WINDOW } from './tips';
export { NudgeScheduler, createNudgeQueue, nudgeJobId, nudgeKey, plannerId, NUDGE_QUEUE, DEFAULT_PREFIX, type PlanResult } from './queue';
export { startNudgeWorker, DEFAULT_RATES, type NudgeWorkerHandle, type NudgeWorkerOptions } from './worker';
export { NudgeDelivery, resolveRoute, type DeliveryOutcome, type NudgeChannels, type VerifiableChannel, type RateSpec } from './delivery';
export { RedisDeliveryLedger, MemoryDeliveryLedger, type DeliveryLedger } from './ledger';
export { RedisWorkspaceLimiter, MemoryWorkspaceLimiter, WORKSPACE_429_CHANNELS, type WorkspaceLimiter, type Rate, type SlotRequest, type PenaltyScope } from './rateLimit';
export { ConsoleProactiveChannel } from './consoleChannel';
export * from './types';
export { composeNudges, withSharedReads } from './batch';
