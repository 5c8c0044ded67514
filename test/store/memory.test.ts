// Runs the Store contract against MemoryStore, with a fake clock so TTL tests do not wait.
import { describe, expect, it } from 'vitest';
import { createStore, MemoryStore } from '../../src/store/index';
import { runStoreContract } from './contract';

runStoreContract('memory', async () => {
  let now = Date.parse('2025-03-04T09:00:00Z');
  const store = new MemoryStore({ now: () => now });
  return {
    store,
    advance: async (ms) => {
      now += ms;
    },
  };
});

describe('MemoryStore specifics', () => {
  it('is what createStore returns without a Redis URL', async () => {
    const store = await createStore({});
    expect(store).toBeInstanceOf(MemoryStore);
    expect(await store.ping()).toBe(true);
    await store.close();
    expect(await store.ping()).toBe(false);
  });

  it('expires exactly at the TTL on the injected clock', async () => {
    let now = 0;
    const store = new MemoryStore({ now: () => now });
    await store.putSession('t', 'k', 1, 10);
    now = 9_999;
    expect(await store.getSession('t', 'k')).toBe(1);
    now = 10_000;
    expect(await store.getSession('t', 'k')).toBeNull();
  });
});
