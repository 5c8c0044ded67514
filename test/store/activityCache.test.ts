// ActivityCache alone: hits only at the same revision, ages out, evicts the least recently read month.
import { describe, expect, it } from 'vitest';
import { ActivityCache } from '../../src/store/activityCache';
import type { DailyActivity } from '../../src/domain/types';

const day = (date: string, calls: number): DailyActivity => ({ agent: 'a1', date, calls, connects: 0, deals: 0, sales: 0, prospects: 0 });

describe('ActivityCache', () => {
  it('hits only for the revision the days were parsed at', () => {
    const cache = new ActivityCache();
    const days = [day('2026-11-02', 40)];
    cache.set('k', 'r1', days);
    expect(cache.get('k', 'r1')).toBe(days);
    expect(cache.get('k', 'r2')).toBeUndefined();
    // The stale entry was dropped, so going back to r1 (impossible for a random token) cannot hit either.
    expect(cache.get('k', 'r1')).toBeUndefined();
  });

  it('never hits for a hash without a revision (written before the field existed, or deleted)', () => {
    const cache = new ActivityCache();
    cache.set('k', 'r1', [day('2026-11-02', 1)]);
    expect(cache.get('k', null)).toBeUndefined();
  });

  it('rereads after maxAgeMs even when the revision is unchanged', () => {
    let now = 1_000;
    const cache = new ActivityCache({ maxAgeMs: 60_000, now: () => now });
    cache.set('k', 'r1', [day('2026-11-02', 1)]);
    now += 60_000;
    expect(cache.get('k', 'r1')).toBeDefined();
    now += 1;
    expect(cache.get('k', 'r1')).toBeUndefined();
  });

  it('drops the least recently read month past maxEntries', () => {
    const cache = new ActivityCache({ maxEntries: 2 });
    cache.set('a', 'r', []);
    cache.set('b', 'r', []);
    cache.get('a', 'r'); // a is now the most recent, so b goes first
    cache.set('c', 'r', []);
    expect(cache.size).toBe(2);
    expect(cache.get('b', 'r')).toBeUndefined();
    expect(cache.get('a', 'r')).toBeDefined();
    expect(cache.get('c', 'r')).toBeDefined();
  });
});
