// Public entry point of the pure goal domain (docs/design.md "Goal domain"): plan, today, suggestion, pace,
// diagnosis, and the calendar and commission helpers the handlers need.
export { decompose, validateIncome, validateBaseSalary, MAX_AMOUNT } from './decompose';
export { planToday, sumActivity } from './today';
export { suggestTarget, verdictFor } from './suggest';
export type { SuggestInput, TargetSuggestion, Verdict, KeyResultKey } from './suggest';
export { trackPace, statusFor } from './pace';
export type { Pace, PaceInput, PaceStatus } from './pace';
export { diagnoseFunnel, historySample, COURSES_BY_STAGE, COURSES_BY_SIGNAL, STAGES, FOCUS_THRESHOLD } from './diagnose';
export type { DiagnoseInput, FunnelDiagnosis, FunnelSample, Stage, StageComparison } from './diagnose';
export {
  localDateOf,
  isWorkingDay,
  isCalendarWorkingDay,
  workingDaysInMonth,
  nextWorkingDay,
  addDays,
  isoWeekday,
  monthOf,
  datesOfMonth,
  extendChineseCalendar,
  hasChineseSchedule,
} from './calendar';
export { commissionFor, commissionExact, salesForCommission, solveSales, validateCommission } from './commission';
export type { SalesSolution } from './commission';
export { estimateRates, ratesFor, agentPool, teamPool, recentMonths, pool, K_RATES, K_DEAL_SIZE } from './rates';
export type { Pool, RateEstimate, RateName } from './rates';
export { chain } from './chain';
export type { ChainCounts } from './chain';
export { isoWeeksOfMonth, largestRemainder, splitMoney } from './split';
export type { WeekRange } from './split';
export { ceil, roundCents } from './money';
export type * from './types';
