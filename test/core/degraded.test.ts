// With the store unreachable, stateful questions get a friendly "try again" (nothing half-written)
// and stateless ones (help) are still answered.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/core/lingyanEngine';
import { UpstreamError } from '../../src/errors';
import { MemoryStore } from '../../src/store/memory';
import type { Store } from '../../src/store/store';

function unreachableStore(): Store {
  const base = new MemoryStore();
  return new Proxy(base, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'close') return value;
      return async () => {
        throw new UpstreamError('redis', 'error.upstream.redis', { cause: new Error('ECONNREFUSED') });
      };
    },
  });
}

const inbound = (text: string) => ({
  tenant: 'T', user: { platform: 'slack' as const, id: 'U1' }, text, now: new Date('2026-03-04T09:00:00+08:00'), locale: 'zh-CN',
  channel: { kind: 'slack' as const, shared: false, conversationId: 'D1' },
});

describe('engine with the store down', () => {
  const engine = createEngine({ store: unreachableStore() });

  it('answers help for a guest', async () => {
    const reply = await engine.handle(inbound('帮助'));
    expect(reply.intent).toBe('help');
    expect(reply.error).toBeUndefined();
  });

  it('says what it cannot do, localized, without a stack trace', async () => {
    const reply = await engine.handle(inbound('今天要打多少个电话'));
    expect(reply.error?.kind).toBe('upstream');
    expect(reply.text).toContain('数据服务暂时连不上');
    expect(reply.text).not.toMatch(/ECONNREFUSED|at .*\.ts/);
  });
});
