// Result and input types of the goal domain (docs/design.md "Goal domain"). Pure data.
import type {
  CalendarKind,
  Commission,
  DailyActivity,
  FunnelCounts,
  HistoryMonth,
  LocalDate,
  Month,
  RosterEntry,
} from '../types';

export type StepKey =
  | 'commission_needed'
  | 'sales_target'
  | 'rates'
  | 'monthly_counts'
  | 'working_days'
  | 'weeks'
  | 'today';

/** One line of "why this number?": a language-neutral formula with its numbers; channels localize `key`. */
export interface PlanStep {
  key: StepKey;
  /** e.g. "S = C / rate = 9000 / 0.02 = 450000". */
  formula: string;
  values: Record<string, number | string>;
}

export interface Rates {
  connectRate: number;
  closeRate: number;
  avgDealSize: number;
  prospectToDeal: number;
  /** agent: own history only; shrunk: own history shrunk toward the team's; team: team rates only. */
  source: 'agent' | 'shrunk' | 'team';
}

export interface WeekPlan {
  from: LocalDate;
  to: LocalDate;
  workdays: number;
  sales: number;
  deals: number;
  connects: number;
  calls: number;
  prospects: number;
}

export interface PlanInput {
  month: Month;
  incomeTarget: number;
  baseSalary: number;
  commission: Commission;
  /** The agent's own monthly history (any months; the last ≤3 before `month` are used). */
  history: HistoryMonth[];
  /** History of every member of the agent's team, the agent included (may be empty). */
  teamHistory: HistoryMonth[];
  calendar: CalendarKind;
  roster: RosterEntry[];
}

export interface MonthlyPlan {
  month: Month;
  incomeTarget: number;
  baseSalary: number;
  commissionNeeded: number;
  salesTarget: number;
  deals: number;
  connects: number;
  calls: number;
  prospects: number;
  workdays: number;
  workingDays: LocalDate[];
  rates: Rates;
  weeks: WeekPlan[];
  steps: PlanStep[];
}

export interface TodayInput {
  plan: MonthlyPlan;
  /** Today in the agent's time zone. */
  today: LocalDate;
  /** The month's daily activity (any dates; only this month's count). */
  activity: DailyActivity[];
  calendar: CalendarKind;
  roster: RosterEntry[];
}

export interface TodayPlan {
  date: LocalDate;
  isWorkday: boolean;
  /** The next working day after today (may be next month), when today is not one or is the last. */
  nextWorkday: LocalDate | null;
  remainingWorkdays: number;
  achievedBeforeToday: FunnelCounts;
  loggedToday: FunnelCounts;
  remaining: { sales: number; deals: number; connects: number; calls: number; prospects: number };
  callsToday: number;
  connectsToday: number;
  dealsToday: number;
  prospectsToday: number;
  callsLeftToday: number;
  steps: PlanStep[];
}
