// The one persistence interface. Two implementations (RedisStore, MemoryStore) pass the same
// contract suite (test/store/contract.ts). Every method is scoped by tenant (a Slack team id or Teams tenant id).
import type {
  AgentProfile,
  Assessment,
  DailyActivity,
  FunnelCounts,
  HistoryMonth,
  LocalDate,
  Month,
  MonthlyGoal,
  RosterEntry,
  Team,
} from '../domain/types';
import type { Fixture } from './fixture';

export type Platform = 'slack' | 'teams';

/**
 * Reference data (profiles, teams, history, rosters) is returned deep-frozen: the Redis store shares it
 * between callers from a per-process cache. Copy before changing; other results are the caller's own.
 */
export interface Store {
  // People and teams
  getAgent(tenant: string, agentId: string): Promise<AgentProfile | null>;
  /** Looks up a profile by its Slack/Teams identity or e-mail. */
  findAgentByPlatformId(tenant: string, platform: Platform | 'email', platformId: string): Promise<AgentProfile | null>;
  putAgent(tenant: string, agent: AgentProfile): Promise<void>;
  /** All agents of the tenant, or of one team. Sorted by id. */
  listAgents(tenant: string, teamId?: string): Promise<AgentProfile[]>;
  getTeam(tenant: string, teamId: string): Promise<Team | null>;
  putTeam(tenant: string, team: Team): Promise<void>;
  listTeams(tenant: string): Promise<Team[]>;

  // Monthly history, goals, daily activity, roster, assessments
  /** An agent's monthly history, sorted by month ascending. */
  getHistory(tenant: string, agentId: string): Promise<HistoryMonth[]>;
  /** Every month of history of the team's current members (agents sorted by id, months ascending). */
  getTeamHistory(tenant: string, teamId: string): Promise<HistoryMonth[]>;
  /** Inserts or replaces the given months (keyed by agent+month). */
  putHistory(tenant: string, entries: HistoryMonth[]): Promise<void>;
  getGoal(tenant: string, agentId: string, month: Month): Promise<MonthlyGoal | null>;
  putGoal(tenant: string, goal: MonthlyGoal): Promise<void>;
  /** Daily activity of one month, sorted by date. */
  getActivity(tenant: string, agentId: string, month: Month): Promise<DailyActivity[]>;
  /**
   * Atomically adds `delta` to the day's counts (`mode: 'add'`) or replaces the day's counts
   * with it (`mode: 'replace'`, for corrections: only the metrics present in `delta` are replaced,
   * the others keep their value). Counts must be whole numbers. Returns the day's counts after the write.
   * With `writeId` (the platform's id of the message that caused the write) the write also leaves a
   * receipt in the same atomic step, and a second write with the same id changes nothing and returns
   * the counts the first one left: a redelivered or resent request never counts twice.
   */
  recordActivity(
    tenant: string,
    agentId: string,
    date: LocalDate,
    delta: Partial<FunnelCounts>,
    mode: 'add' | 'replace',
    writeId?: string,
  ): Promise<DailyActivity>;
  /**
   * The day's counts the write with `writeId` left, or null when no write with that id landed (receipts
   * are kept for WRITE_RECEIPT_TTL_SECONDS). Lets a request whose connection dropped tell whether it saved.
   */
  writeReceipt(tenant: string, writeId: string): Promise<DailyActivity | null>;
  getRoster(tenant: string, agentId: string): Promise<RosterEntry[]>;
  putRoster(tenant: string, entries: RosterEntry[]): Promise<void>;
  addAssessment(tenant: string, assessment: Assessment): Promise<void>;
  /** Assessments of one agent, oldest first. */
  listAssessments(tenant: string, agentId: string): Promise<Assessment[]>;

  // Conversation sessions (multi-turn dialogues), expiring
  getSession<T>(tenant: string, key: string): Promise<T | null>;
  putSession<T>(tenant: string, key: string, value: T, ttlSeconds: number): Promise<void>;
  deleteSession(tenant: string, key: string): Promise<void>;

  /**
   * Idempotency marker: returns true the first time `key` is claimed within `ttlSeconds`, false after
   * (Slack event retries, nudge sends).
   */
  claimOnce(tenant: string, key: string, ttlSeconds: number): Promise<boolean>;

  /** Generic small JSON documents for channel state (Teams conversation refs, Slack installs, preferences). */
  getDoc<T>(tenant: string, kind: string, id: string): Promise<T | null>;
  putDoc<T>(tenant: string, kind: string, id: string, value: T): Promise<void>;
  deleteDoc(tenant: string, kind: string, id: string): Promise<void>;
  listDocs<T>(tenant: string, kind: string): Promise<T[]>;

  /** Atomically increments a counter that expires (token budgets, rate windows). Returns the new value. */
  incrementCounter(tenant: string, key: string, by: number, ttlSeconds: number): Promise<number>;

  /** Loads a whole fixture into the tenant. Validated before anything is written. */
  seed(tenant: string, fixture: Fixture): Promise<void>;

  /** True when the backing service answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
