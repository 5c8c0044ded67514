// A morning nudge shows money the one way replies do (issue 25): the pace line once read "137,391.3".
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/domain/goals/money';
import { composeNudge } from '../../src/nudges/content';
import { TipLibrary } from '../../src/nudges/tips';
import { MemoryStore } from '../../src/store/memory';
import { fixture } from './helpers';

describe('money in nudges', () => {
  it('the pace line shows whole, grouped amounts even when the expected sales have cents', async () => {
    const store = new MemoryStore();
    await store.seed('t', fixture());
    // Two working days done: 15,000 + 12,345.67 achieved; expected = 450,000 × 2 / (September's working days), not whole.
    await store.recordActivity('t', 'a1', '2026-09-01', { calls: 70, connects: 28, deals: 1, sales: 15000, prospects: 4 }, 'add');
    await store.recordActivity('t', 'a1', '2026-09-02', { calls: 60, connects: 20, deals: 1, sales: 12345.67, prospects: 2 }, 'add');
    const a1 = (await store.getAgent('t', 'a1'))!;
    const reply = await composeNudge({ store, tips: TipLibrary.load() }, 't', a1, 'agent_morning', '2026-09-03');
    const pace = reply.data.pace as { achieved: number; expected: number };
    expect(Number.isInteger(pace.expected)).toBe(false);
    expect(pace.achieved).toBe(27345.67);
    expect(reply.text).toContain(formatMoney('zh-CN', pace.expected));
    expect(reply.text).toContain('27,346'); // 27,345.67 to the nearest yuan
    // No amount with a decimal part anywhere in the nudge.
    expect(reply.text).not.toMatch(/\d,\d{3}\.\d/);
  });
});
