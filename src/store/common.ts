// Rules both Store implementations share (input checks, ordering, number handling), so the memory
// and Redis stores cannot drift apart on semantics the contract suite does not happen to probe.
import type { Assessment, DailyActivity, FunnelCounts, HistoryMonth, MonthlyGoal } from '../domain/types';
import type { Store } from './store';
import { METRICS, type Metric } from './keys';

/** Redis EX takes a positive whole number of seconds; the memory store enforces the same. */
export function checkTtl(ttlSeconds: number): void {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new RangeError(`ttlSeconds must be a positive whole number, got ${ttlSeconds}`);
  }
}

/** Metrics that are whole counts (HINCRBY); `sales` is money (HINCRBYFLOAT). */
export function isIntegerMetric(metric: Metric): boolean {
  return metric !== 'sales';
}

/**
 * The metrics present in a delta, checked before anything is written: counts must be integers and
 * every value finite, otherwise Redis would reject half a MULTI and the memory store would accept it.
 */
export function deltaEntries(delta: Partial<FunnelCounts>): Array<[Metric, number]> {
  const entries: Array<[Metric, number]> = [];
  for (const metric of METRICS) {
    const value = delta[metric];
    if (value === undefined) continue;
    if (!Number.isFinite(value)) throw new RangeError(`activity ${metric} must be a finite number, got ${value}`);
    if (isIntegerMetric(metric) && !Number.isInteger(value)) {
      throw new RangeError(`activity ${metric} must be a whole number, got ${value}`);
    }
    entries.push([metric, value]);
  }
  return entries;
}

/**
 * Adds money the way Redis HINCRBYFLOAT does (decimal-looking results: 0.1 + 0.2 = 0.3), so both
 * stores return identical sums.
 */
export function addMoney(a: number, b: number): number {
  return Number((a + b).toPrecision(15));
}

/**
 * How long a write receipt is kept: a platform redelivers within minutes and a request checks its own
 * outcome within seconds; a day leaves room for a retry after an outage without keeping receipts forever.
 */
export const WRITE_RECEIPT_TTL_SECONDS = 24 * 3600;

/** A receipt as both stores keep it: agent, date and the day's five counts after the write. */
export function encodeReceipt(day: DailyActivity): string {
  return `${day.agent}\t${day.date}\t${METRICS.map((metric) => day[metric]).join(',')}`;
}

export function decodeReceipt(receipt: string): DailyActivity {
  const [agent = '', date = '', counts = ''] = receipt.split('\t');
  const values = counts.split(',').map(Number);
  const day = emptyDay(agent, date);
  METRICS.forEach((metric, i) => {
    day[metric] = values[i] ?? 0;
  });
  return day;
}

export function emptyDay(agent: string, date: string): DailyActivity {
  return { agent, date, calls: 0, connects: 0, deals: 0, sales: 0, prospects: 0 };
}

/** `YYYY-MM` of a `YYYY-MM-DD`; rejects anything else so keys cannot be built from garbage. */
export function monthOf(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`expected a YYYY-MM-DD date, got "${date}"`);
  return date.slice(0, 7);
}

/** Oldest first by date; assessments of the same date keep the order they were added in (stable sort). */
export function sortAssessments(list: Assessment[]): Assessment[] {
  return [...list].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export function byKey<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
}

/** Round-trips through JSON so callers never share mutable objects with the store (as with Redis). */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Freezes a value and everything inside it. Reference data (profiles, teams, history, rosters) comes
 * back frozen from both stores: RedisStore shares it between callers (ReferenceCache), and MemoryStore
 * freezes it too so a handler that mutates it fails in unit tests, not only against Redis.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The months of history of a team's current members, agents by id (how both stores answer getTeamHistory). */
export async function collectTeamHistory(store: Pick<Store, 'listAgents' | 'getHistory'>, tenant: string, teamId: string): Promise<HistoryMonth[]> {
  const members = await store.listAgents(tenant, teamId);
  const histories = await Promise.all(members.map((member) => store.getHistory(tenant, member.id)));
  return histories.flat();
}

/** What both stores keep of a goal write: `initialIncomeTarget` is the store's own record, never the caller's. */
export function storedGoal(goal: MonthlyGoal): MonthlyGoal {
  return { agent: goal.agent, month: goal.month, incomeTarget: goal.incomeTarget };
}

/** A goal as both stores read it: with the month's first target (its current one when none was recorded). */
export function goalWithInitial(goal: MonthlyGoal | null, initial: number | null): MonthlyGoal | null {
  if (!goal) return null;
  return { ...storedGoal(goal), initialIncomeTarget: initial ?? goal.incomeTarget };
}
