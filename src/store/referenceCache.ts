// Per-process cache of a tenant's reference data (profiles, teams, monthly history, rosters): read on
// every message (a plan pools the whole team's history), written only by imports, seeds and profile
// edits. Validity is a revision token that every such write replaces in the same MULTI, so a replica
// serves nothing older than the last write any replica committed (see docs/decisions.md).
import { deepFreeze } from './common';

/**
 * How the cache learns the tenant's current revision: one GET, shared by the callers that ask while it
 * is in flight and until the end of the event-loop turn in which it answered.
 */
export type RevisionReader = (tenant: string) => Promise<string | null>;

interface TenantEntries {
  revision: string | null;
  values: Map<string, Promise<unknown>>;
  /** Clock time the entries were started; they are dropped after maxAgeMs whatever the revision. */
  since: number;
}

export interface ReferenceCacheOptions {
  /** Tenants kept at once; the least recently validated is dropped past this (default 1,000). */
  maxTenants?: number;
  /**
   * Entries are reloaded after this long even if the revision did not change (default 60 s): a safety
   * net for writes that bypass the store (a replica of an older version during a rolling upgrade, a
   * hand edit in redis-cli).
   */
  maxAgeMs?: number;
  now?: () => number;
}

export class ReferenceCache {
  private readonly tenants = new Map<string, TenantEntries>();
  private readonly inFlight = new Map<string, Promise<string | null>>();
  private readonly maxTenants: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly readRevision: RevisionReader,
    options: ReferenceCacheOptions = {},
  ) {
    this.maxTenants = options.maxTenants ?? 1_000;
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * The cached value of `key` for the tenant's current revision, loading it with `load` on a miss.
   * Values are deep-frozen: they are shared by every caller until the next write.
   */
  async get<T>(tenant: string, key: string, load: () => Promise<T>): Promise<T> {
    const entries = await this.current(tenant);
    let value = entries.values.get(key) as Promise<T> | undefined;
    if (!value) {
      value = load().then(deepFreeze);
      entries.values.set(key, value);
      // A failed load (Redis down) must not be remembered.
      value.catch(() => {
        if (entries.values.get(key) === value) entries.values.delete(key);
      });
    }
    return value;
  }

  /** Drops the tenant's entries at once (this replica just wrote; the others see the new revision). */
  invalidate(tenant: string): void {
    this.tenants.delete(tenant);
    // A revision read sent before the write may still answer with the old token: do not share it.
    this.inFlight.delete(tenant);
  }

  private async current(tenant: string): Promise<TenantEntries> {
    const revision = await this.revisionOf(tenant);
    let entries = this.tenants.get(tenant);
    if (entries && entries.revision === revision && this.now() - entries.since < this.maxAgeMs) {
      // Map order doubles as recency for eviction.
      this.tenants.delete(tenant);
      this.tenants.set(tenant, entries);
      return entries;
    }
    // Loads that start after the revision was read see at least that revision's data, so entries
    // filled from here on are never older than the revision they are filed under.
    entries = { revision, values: new Map(), since: this.now() };
    this.tenants.delete(tenant);
    this.tenants.set(tenant, entries);
    if (this.tenants.size > this.maxTenants) this.tenants.delete(this.tenants.keys().next().value as string);
    return entries;
  }

  private revisionOf(tenant: string): Promise<string | null> {
    let pending = this.inFlight.get(tenant);
    if (!pending) {
      // The answer also serves the rest of this event-loop turn (one message's later reads resume in it).
      // A failed read is forgotten at once, so the next caller tries again.
      const forget = () => {
        if (this.inFlight.get(tenant) === read) this.inFlight.delete(tenant);
      };
      const read = this.readRevision(tenant);
      read.then(() => setImmediate(forget), forget);
      pending = read;
      this.inFlight.set(tenant, read);
    }
    return pending;
  }
}
