// Plain data types shared by the pure domain modules (goals, quadrant). No I/O, no zod here:
// the edges (fixtures, imports, HTTP) validate with zod and produce these shapes.

/** A date in the agent's local calendar, `YYYY-MM-DD`. */
export type LocalDate = string;
/** A calendar month, `YYYY-MM`. */
export type Month = string;

export type Locale = 'zh-CN' | 'en';
export type Role = 'agent' | 'lead' | 'admin';
export type CalendarKind = 'CN' | 'weekdays';

export interface Tier {
  /** Lower bound of the band, in currency units; the first tier starts at 0. */
  from: number;
  rate: number;
}

export type Commission =
  | { type: 'flat'; rate: number }
  | { type: 'tiered'; mode: 'marginal' | 'whole'; tiers: Tier[] };

/** One full month of an agent's results. */
export interface HistoryMonth {
  agent: string;
  month: Month;
  calls: number;
  connects: number;
  deals: number;
  sales: number;
  prospects: number;
  workdays: number;
}

/** Funnel counts, shared by daily activity and plans. */
export interface FunnelCounts {
  calls: number;
  connects: number;
  deals: number;
  sales: number;
  prospects: number;
}

export interface DailyActivity extends FunnelCounts {
  agent: string;
  date: LocalDate;
}

/** `off: true` removes a working day, `off: false` adds one. */
export interface RosterEntry {
  agent: string;
  date: LocalDate;
  off: boolean;
}

export interface Team {
  id: string;
  name: string;
  leads: string[];
  /** A number (1–5) or `"median"` of the team's axis scores. */
  quadrantThreshold: number | 'median';
}

export interface AgentProfile {
  id: string;
  name: string;
  team: string;
  role: Role;
  locale: Locale;
  tz: string;
  calendar: CalendarKind;
  baseSalary: number;
  commission: Commission;
  slack?: string;
  teams?: string;
  email?: string;
}

export interface MonthlyGoal {
  agent: string;
  month: Month;
  incomeTarget: number;
  /**
   * The month's first target: recorded by the store when a goal for the month is first written and never
   * changed by later writes (a fixture seed states it). Always present on a read (a goal stored before
   * it was kept reads as its current target); ignored on a write. Lowering a target mid-month therefore
   * leaves it as it was (the huddle praises against max(initial, current), docs/lead-toolkit.md).
   */
  initialIncomeTarget?: number;
}

export type DimensionScores = Partial<Record<string, number>>;

export interface Assessment {
  agent: string;
  rater: string;
  date: LocalDate;
  scores: DimensionScores;
}
