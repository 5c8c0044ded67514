// Feedback votes: one per person per answer, per tenant and month, summed per intent; bad input refused.
import { describe, expect, it } from 'vitest';
import { feedbackSummary, recordFeedback, type Feedback } from '../../src/core/feedback';
import { MemoryStore } from '../../src/store/memory';

const vote = (over: Partial<Feedback>): Feedback => ({
  answerId: 'D1:1700000000.000100',
  platform: 'slack',
  agent: 'a1',
  intent: 'coach',
  citations: ['objections#fees'],
  rating: 'up',
  at: '2026-12-06T09:00:00+08:00',
  ...over,
});

describe('feedback', () => {
  it('keeps one vote per person per answer and sums per intent and month', async () => {
    const store = new MemoryStore();
    await recordFeedback(store, 'T1', vote({}));
    await recordFeedback(store, 'T1', vote({ rating: 'down' })); // a1 changed their mind on the same answer
    await recordFeedback(store, 'T1', vote({ agent: 'a2' }));
    await recordFeedback(store, 'T1', vote({ answerId: 'D1:2', intent: 'huddle', rating: 'down' }));
    await recordFeedback(store, 'T1', vote({ answerId: 'D1:3', at: '2026-11-30T09:00:00+08:00' })); // November
    await recordFeedback(store, 'T2', vote({})); // another tenant
    // December in T1: a1 down (replaced), a2 up, a1 down on the huddle answer → 1 up, 2 down.
    expect(await feedbackSummary(store, 'T1', '2026-12')).toEqual({
      up: 1,
      down: 2,
      byIntent: { coach: { up: 1, down: 1 }, huddle: { up: 0, down: 1 } },
    });
    expect((await feedbackSummary(store, 'T1', '2026-11')).up).toBe(1);
  });

  it('refuses a vote without an answer id or with an unknown rating', async () => {
    const store = new MemoryStore();
    await expect(recordFeedback(store, 'T1', vote({ answerId: '' }))).rejects.toThrow();
    await expect(recordFeedback(store, 'T1', { ...vote({}), rating: 'meh' as 'up' })).rejects.toThrow();
    expect(await feedbackSummary(store, 'T1', '2026-12')).toEqual({ up: 0, down: 0, byIntent: {} });
  });
});
