// Per-process cache of parsed activity months (one agent's month hash, read on every "how many calls
// today?"). Validity is the hash's own revision field, which every write replaces in the same MULTI:
// a hit costs one HGET instead of an HGETALL of ~150 fields, and no replica serves a month older than
// the last write any replica committed (docs/decisions.md, "Resilience").
import type { DailyActivity } from '../domain/types';

/** Field of every activity hash that holds its revision token (no metric field lacks a colon). */
export const ACTIVITY_REVISION_FIELD = 'rev';

interface Entry {
  revision: string;
  days: readonly DailyActivity[];
  /** Clock time the entry was stored; dropped after maxAgeMs whatever the revision. */
  since: number;
}

export interface ActivityCacheOptions {
  /** Months kept at once; the least recently used is dropped past this (default 10,000). */
  maxEntries?: number;
  /**
   * Entries are reread after this long even if the revision is unchanged (default 60 s): a safety net
   * for writes that bypass the store (a hand edit in redis-cli, an older replica during an upgrade).
   */
  maxAgeMs?: number;
  now?: () => number;
}

export class ActivityCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(options: ActivityCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** The cached days of `key` when they were parsed at `revision` (null, a hash without one, never hits). */
  get(key: string, revision: string | null): readonly DailyActivity[] | undefined {
    if (revision === null) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.revision !== revision || this.now() - entry.since > this.maxAgeMs) {
      this.entries.delete(key);
      return undefined;
    }
    // Re-insert: Map order is the eviction order, so this keeps recently read months.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.days;
  }

  /** Remembers `days` (frozen by the caller) as the content of `key` at `revision`. */
  set(key: string, revision: string, days: readonly DailyActivity[]): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { revision, days, since: this.now() });
  }

  get size(): number {
    return this.entries.size;
  }
}
