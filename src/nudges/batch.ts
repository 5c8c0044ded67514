// Composing many nudges at once (the morning run, simulations, the benchmark): team-level reads
// (team, members, histories) are shared across a batch instead of repeated for every member.
import type { Reply } from '../core/reply';
import type { AgentProfile, LocalDate } from '../domain/types';
import type { Store } from '../store/store';
import { composeNudge, type ComposeDeps } from './content';
import type { NudgeKind } from './types';

const SHARED_READS = new Set(['listAgents', 'getHistory', 'getTeam', 'listTeams']);

/** A view of `store` whose team-level reads are memoized for its lifetime; writes pass through. */
export function withSharedReads(store: Store): Store {
  const cache = new Map<string, Promise<unknown>>();
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const fn = value as (...args: unknown[]) => unknown;
      if (!SHARED_READS.has(String(prop))) return fn.bind(target);
      return (...args: unknown[]) => {
        const key = `${String(prop)}\u0000${JSON.stringify(args)}`;
        let hit = cache.get(key);
        if (!hit) {
          hit = Promise.resolve(fn.apply(target, args));
          cache.set(key, hit);
        }
        return hit;
      };
    },
  });
}

export interface BatchItem {
  person: AgentProfile;
  kind: NudgeKind;
  date: LocalDate;
}

/** Composes every item (in order), `concurrency` at a time, sharing team reads. */
export async function composeNudges(deps: ComposeDeps, tenant: string, items: readonly BatchItem[], concurrency = 200): Promise<Reply[]> {
  const shared = { ...deps, store: withSharedReads(deps.store) };
  const out: Reply[] = new Array(items.length);
  for (let i = 0; i < items.length; i += concurrency) {
    const slice = items.slice(i, i + concurrency);
    const replies = await Promise.all(slice.map((item) => composeNudge(shared, tenant, item.person, item.kind, item.date)));
    replies.forEach((reply, k) => (out[i + k] = reply));
  }
  return out;
}
