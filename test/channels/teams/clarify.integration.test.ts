// Clarify through Teams with the real engine: two close readings come back as a card with one button per
// reading; tapping one (Action.Execute) continues the original message as that reading.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/core/lingyanEngine';
import { loadFixtureFile, DEMO_FIXTURE } from '../../../src/app/data';
import { MemoryStore } from '../../../src/store/memory';
import type { AdaptiveCardJson } from '../../../src/channels/teams/cardTypes';
import { type Harness, messageActivity, type Sent, startHarness, useTeamsHarness, TENANT } from './harness';
import { checkCard } from './validateCard';
import { PLAN_OR_PROGRESS } from '../../helpers/fixedUnderstanding';

const AGENT = { id: '29:a1', name: 'a1', aadObjectId: '00000000-0000-4000-8000-000000000001' };
let h: Harness<ReturnType<typeof createEngine>>;
let sent: Sent[];

const fx = useTeamsHarness(async () => {
  const store = new MemoryStore();
  await store.seed(TENANT, await loadFixtureFile(DEMO_FIXTURE));
  return startHarness(createEngine({ store, understanding: PLAN_OR_PROGRESS }), {}, store, new Date('2026-11-10T09:00:00+08:00'));
});
beforeAll(() => {
  ({ h, sent } = fx);
});
beforeEach(() => {
  sent.length = 0;
});

const cards = (): AdaptiveCardJson[] =>
  sent.flatMap((s) => ((s.body.attachments as Array<{ content: AdaptiveCardJson }> | undefined) ?? []).map((a) => a.content));

describe('clarify in Teams', () => {
  it('shows one button per reading, and a tap answers the original message as the chosen one', async () => {
    await h.post(messageActivity({ from: AGENT, text: '这个月怎么样' }));
    const [ask] = cards();
    expect(checkCard(ask).events).toEqual([]);
    const buttons = (ask.actions ?? []) as { verb?: string; title?: string; data?: Record<string, unknown> }[];
    const choices = buttons.filter((b) => b.verb?.startsWith('act:'));
    expect(choices.map((b) => b.verb)).toEqual(['act:plan', 'act:progress']);
    sent.length = 0;
    const res = await h.post(messageActivity({ from: AGENT, type: 'invoke', name: 'adaptiveCard/action', text: undefined,
      value: { action: { type: 'Action.Execute', verb: choices[1].verb, data: choices[1].data } } }));
    expect(res.status).toBe(200);
    await h.channel.drain(5000);
    // The second reading is progress: its card carries the pace (进度), not the question again.
    const answer = JSON.stringify(cards());
    expect(answer).toContain('进度');
    expect(answer).not.toContain('act:plan');
  });
});
