// ReferenceCache on its own: one load per revision, one shared revision read for concurrent callers,
// failures not remembered, local invalidation, the tenant bound, frozen values.
import { describe, expect, it } from 'vitest';
import { ReferenceCache } from '../../src/store/referenceCache';

function revisions(initial: string | null = 'r1') {
  const state = { revision: initial, reads: 0 };
  const read = async (_tenant: string) => {
    state.reads++;
    await Promise.resolve();
    return state.revision;
  };
  return { state, read };
}

/** Lets the event-loop turn end: the next message reads the revision again. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('ReferenceCache', () => {
  it('loads a key once per revision and again after the revision changes', async () => {
    const { state, read } = revisions();
    const cache = new ReferenceCache(read);
    let loads = 0;
    const load = async () => ({ n: ++loads });
    expect(await cache.get('T1', 'agent:a1', load)).toEqual({ n: 1 });
    expect(await cache.get('T1', 'agent:a1', load)).toEqual({ n: 1 });
    state.revision = 'r2'; // another replica wrote
    await nextTurn();
    expect(await cache.get('T1', 'agent:a1', load)).toEqual({ n: 2 });
    expect(loads).toBe(2);
  });

  it('keeps tenants apart', async () => {
    const { read } = revisions();
    const cache = new ReferenceCache(read);
    expect(await cache.get('T1', 'k', async () => 'one')).toBe('one');
    expect(await cache.get('T2', 'k', async () => 'two')).toBe('two');
    expect(await cache.get('T1', 'k', async () => 'never')).toBe('one');
  });

  it('shares one revision read among concurrent callers and one load per key', async () => {
    const { state, read } = revisions();
    const cache = new ReferenceCache(read);
    let loads = 0;
    const load = async () => ++loads;
    const values = await Promise.all([cache.get('T1', 'k', load), cache.get('T1', 'k', load), cache.get('T1', 'k', load)]);
    // 3 callers in the same tick: 1 revision read, 1 load, everyone gets its value.
    expect(values).toEqual([1, 1, 1]);
    expect(state.reads).toBe(1);
    await cache.get('T1', 'k', load);
    expect(state.reads).toBe(1); // later in the same turn: the answer is reused
    await nextTurn();
    await cache.get('T1', 'k', load);
    expect(state.reads).toBe(2); // a later message reads the revision again
  });

  it('does not remember a failed load', async () => {
    const { read } = revisions();
    const cache = new ReferenceCache(read);
    await expect(cache.get('T1', 'k', async () => Promise.reject(new Error('redis down')))).rejects.toThrow('redis down');
    expect(await cache.get('T1', 'k', async () => 'back')).toBe('back');
  });

  it('fails when the revision cannot be read, and recovers', async () => {
    const state = { fail: true };
    const cache = new ReferenceCache(async () => {
      if (state.fail) throw new Error('redis down');
      return 'r1';
    });
    await expect(cache.get('T1', 'k', async () => 'value')).rejects.toThrow('redis down');
    state.fail = false;
    expect(await cache.get('T1', 'k', async () => 'value')).toBe('value');
  });

  it('invalidate drops the tenant even when the revision read still answers the old token', async () => {
    const { read } = revisions();
    const cache = new ReferenceCache(read);
    await cache.get('T1', 'k', async () => 'old');
    cache.invalidate('T1');
    expect(await cache.get('T1', 'k', async () => 'new')).toBe('new');
  });

  it('keeps at most maxTenants, dropping the least recently used', async () => {
    const { read } = revisions();
    const cache = new ReferenceCache(read, { maxTenants: 2 });
    await cache.get('T1', 'k', async () => 'T1 first');
    await cache.get('T2', 'k', async () => 'T2 first');
    await cache.get('T1', 'k', async () => 'unused'); // T1 is now the most recent
    await cache.get('T3', 'k', async () => 'T3 first'); // evicts T2
    expect(await cache.get('T1', 'k', async () => 'T1 again')).toBe('T1 first');
    expect(await cache.get('T2', 'k', async () => 'T2 again')).toBe('T2 again');
  });

  it('reloads after maxAgeMs even when the revision did not change (writes that bypassed the store)', async () => {
    const { read } = revisions();
    let clock = 0;
    const cache = new ReferenceCache(read, { maxAgeMs: 60_000, now: () => clock });
    expect(await cache.get('T1', 'k', async () => 'first')).toBe('first');
    clock = 59_999;
    await nextTurn();
    expect(await cache.get('T1', 'k', async () => 'second')).toBe('first');
    clock = 60_000;
    await nextTurn();
    expect(await cache.get('T1', 'k', async () => 'third')).toBe('third');
  });

  it('returns deep-frozen values', async () => {
    const { read } = revisions();
    const cache = new ReferenceCache(read);
    const value = await cache.get('T1', 'k', async () => ({ months: [{ calls: 1 }] }));
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value.months)).toBe(true);
    expect(Object.isFrozen(value.months[0])).toBe(true);
  });
});
