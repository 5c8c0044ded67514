// Teams + the real engine + a nock'd OpenAI endpoint streaming its answer (SSE): the coach's grounded answer
// streams into personal chat with the streaminfo protocol, ends in a final message with the AI label and a
// citation Claim for the course section it cites, and a 👎 on it is stored with that intent and section.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OpenAiLlmClient } from '../../../src/coaching/llm';
import { registerCoaching } from '../../../src/coaching/register';
import { feedbackSummary, type Feedback } from '../../../src/core/feedback';
import { createEngine } from '../../../src/core/lingyanEngine';
import { silentLogger as appLogger } from '../../../src/logger';
import { MemoryStore } from '../../../src/store/memory';
import { coachingFixture, NOW } from '../../coaching/coaching-fixture';
import { BASE_URL, interceptChat, sse, type CapturedBody } from '../../coaching/openai-mock';
import { type Harness, messageActivity, type Sent, startHarness, TENANT, useTeamsHarness } from './harness';

const ZHANG = { id: '29:user-zhang', name: '张三', aadObjectId: 'aad-zhang' };
let h: Harness<ReturnType<typeof createEngine>>;
let sent: Sent[];

const fx = useTeamsHarness(async () => {
  const store = new MemoryStore();
  const fixture = coachingFixture();
  const a1 = fixture.agents.find((a) => a.id === 'a1');
  if (a1) a1.teams = ZHANG.aadObjectId;
  await store.seed(TENANT, fixture);
  const engine = createEngine({ store });
  const llm = new OpenAiLlmClient({ apiKey: 'sk-test', baseURL: BASE_URL, model: 'gpt-4o-mini', timeoutMs: 3000, maxRetries: 0 });
  registerCoaching(engine, { llm, logger: appLogger });
  return startHarness(engine, {}, store, NOW, { streamIntervalMs: 0 });
});
beforeAll(() => {
  ({ h, sent } = fx);
});
beforeEach(() => {
  sent.length = 0;
});

describe('a streamed LLM coaching answer in Teams', () => {
  it('streams, then ends with the AI label and the citation of the cited course section; a vote keeps that section', async () => {
    const bodies: CapturedBody[] = [];
    interceptChat(bodies, { sse: sse(['先认同客户', '对成本的在意,', '再按年化口径把账算清楚 [1]。']) });
    const incoming = messageActivity({ from: ZHANG, text: '客户说利率太高怎么办' });
    expect((await h.post(incoming)).status).toBe(200);
    expect(bodies).toHaveLength(1);

    const kinds = sent.map((s) => [s.body.type, (s.body.entities as Array<{ type: string; streamType?: string }> | undefined)?.[0]?.streamType]);
    expect(kinds[0]).toEqual(['typing', undefined]);
    expect(kinds[1]).toEqual(['typing', 'informative']);
    expect(kinds.slice(2, -1).every(([type, streamType]) => type === 'typing' && streamType === 'streaming')).toBe(true);
    expect(kinds.length).toBeGreaterThanOrEqual(4);
    // Each update carries the whole text so far.
    const updates = sent.slice(2, -1).map((s) => String(s.body.text));
    updates.forEach((text, i) => i > 0 && expect(text.startsWith(updates[i - 1])).toBe(true));
    expect(updates.at(-1)).toBe('先认同客户对成本的在意,再按年化口径把账算清楚 [1]。');

    const final = sent.at(-1)?.body as Record<string, unknown>;
    const streamId = sent[1].replyId;
    expect(final.type).toBe('message');
    expect(String(final.text)).toContain('先认同客户对成本的在意,再按年化口径把账算清楚 [1]。');
    expect(final.entities).toEqual([
      { type: 'streaminfo', streamId, streamType: 'final', streamSequence: kinds.length - 1 },
      {
        type: 'https://schema.org/Message',
        '@type': 'Message',
        '@context': 'https://schema.org',
        '@id': '',
        additionalType: ['AIGeneratedContent'],
        citation: [
          {
            '@type': 'Claim',
            position: 1,
            appearance: { '@type': 'DigitalDocument', name: '异议化解', abstract: '技巧2:利率和手续费异议——帮客户把账算清' },
          },
        ],
      },
    ]);
    expect(final.channelData).toMatchObject({ feedbackLoopEnabled: true, streamType: 'final', streamId });

    const vote = messageActivity({
      from: ZHANG,
      type: 'invoke',
      name: 'message/submitAction',
      text: undefined,
      replyToId: streamId,
      value: { actionName: 'feedback', actionValue: { reaction: 'dislike', feedback: '{"feedbackText":""}' } },
    });
    expect((await h.post(vote)).status).toBe(200);
    expect(await feedbackSummary(h.store, TENANT, '2026-03')).toEqual({ up: 0, down: 1, byIntent: { coach: { up: 0, down: 1 } } });
    const [stored] = await h.store.listDocs<Feedback>(TENANT, 'feedback:2026-03');
    expect(stored).toMatchObject({ agent: 'a1', intent: 'coach', citations: ['objection-handling#技巧2:利率和手续费异议——帮客户把账算清'], rating: 'down' });
  });
});
