// Shared set-up for engine tests that talk as a console user: a memory store seeded from a fixture file,
// and a `say` bound to an engine, a tenant and an instant.
import { readFileSync } from 'node:fs';
import type { LingyanEngine } from '../../src/core/lingyanEngine';
import type { Reply } from '../../src/core/reply';
import { parseFixture } from '../../src/store/fixture';
import { MemoryStore } from '../../src/store/memory';

export async function seededStore(fixturePath: string, tenant = 'T1'): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.seed(tenant, parseFixture(JSON.parse(readFileSync(fixturePath, 'utf8'))));
  return store;
}

/** `say(user, text, locale?)` as a console user of `tenant` at `now`. */
export function consoleSay(engine: () => LingyanEngine, now: Date, tenant = 'T1') {
  return (user: string, text: string, locale?: string): Promise<Reply> =>
    engine().handle({
      tenant,
      user: { platform: 'console', id: user },
      text,
      now,
      ...(locale ? { locale } : {}),
      channel: { kind: 'console', shared: false, conversationId: 'c' },
    });
}
