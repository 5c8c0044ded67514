// Teams with the real engine and the demo team: the Teams identity in the fixture resolves to the agent,
// "今天要打多少个电话" comes back as a valid card with today's facts, and the log form round-trips.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/core/lingyanEngine';
import { loadFixtureFile, DEMO_FIXTURE } from '../../../src/app/data';
import { MemoryStore } from '../../../src/store/memory';
import type { AdaptiveCardJson } from '../../../src/channels/teams/cardTypes';
import {
  type Harness,
  messageActivity,
  type Sent,
  startHarness,
  useTeamsHarness,
  TENANT,
} from './harness';
import { checkCard } from './validateCard';

const AGENT = { id: '29:a1', name: 'a1', aadObjectId: '00000000-0000-4000-8000-000000000001' };
let h: Harness<ReturnType<typeof createEngine>>;
let sent: Sent[];

const fx = useTeamsHarness(async () => {
  const store = new MemoryStore();
  await store.seed(TENANT, await loadFixtureFile(DEMO_FIXTURE));
  return startHarness(createEngine({ store }), {}, store, new Date('2026-11-10T09:00:00+08:00'));
});
beforeAll(() => {
  ({ h, sent } = fx);
});
beforeEach(() => {
  sent.length = 0;
});

function cards(): AdaptiveCardJson[] {
  return sent.flatMap((s) => ((s.body.attachments as Array<{ content: AdaptiveCardJson }> | undefined) ?? []).map((a) => a.content));
}

describe('Teams + LingyanEngine (demo team)', () => {
  it("answers today's calls with a valid card carrying the facts and the why", async () => {
    const res = await h.post(messageActivity({ from: AGENT, text: '今天要打多少个电话' }));
    expect(res.status).toBe(200);
    const [card] = cards();
    expect(card).toBeDefined();
    expect(checkCard(card).events).toEqual([]);
    expect(checkCard(card).bytes).toBeLessThanOrEqual(28 * 1024);
    expect(card.body.some((el) => el.type === 'FactSet')).toBe(true);
    expect(card.actions?.[0]).toMatchObject({ type: 'Action.ShowCard' });
  });

  it('opens the log form from the card and accepts a submission', async () => {
    await h.post(messageActivity({ from: AGENT, type: 'invoke', name: 'adaptiveCard/action', text: undefined,
      value: { action: { type: 'Action.Execute', verb: 'act:log_activity', data: { form: 'log_activity' } } } }));
    expect(cards()[0]?.actions?.[0]).toMatchObject({ verb: 'form:log_activity' });
    const res = await h.post(messageActivity({ from: AGENT, type: 'invoke', name: 'adaptiveCard/action', text: undefined,
      value: { action: { type: 'Action.Execute', verb: 'form:log_activity', data: { calls: '85', connects: '30', deals: '2', sales: '30000', mode: 'add' } } } }));
    const body = JSON.parse(res.body) as { type: string; value: AdaptiveCardJson };
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(checkCard(body.value).events).toEqual([]);
    // The form card is replaced by the result: facts, no inputs.
    expect(body.value.body.some((el) => el.type === 'FactSet')).toBe(true);
    expect(JSON.stringify(body.value)).not.toContain('Input.');
  });

});
