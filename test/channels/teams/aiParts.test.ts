// Units of the Teams AI-answer path: text splitting (order, nothing cut, UTF-8 budget), citation Claims for
// the markers a part uses, which replies count as AI-written, and the stream falling back to an ordinary
// message when Teams refuses a streaming update.
import { describe, expect, it } from 'vitest';
import type { TurnContext } from 'botbuilder';
import { aiEntity, claimsFor, isAiWritten, splitText } from '../../../src/channels/teams/aiMessage';
import { TeamsStream } from '../../../src/channels/teams/stream';
import { silentLogger } from './harness';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('splitText', () => {
  it('keeps a text within the budget whole', () => {
    expect(splitText('短文本 [1]', 100)).toEqual(['短文本 [1]']);
  });

  it('splits at paragraphs, then lines, then characters, within the byte budget, in order, nothing lost', () => {
    const text = ['第一段'.repeat(10), `${'第二段一行'.repeat(8)}\n${'第二段二行'.repeat(8)}`, '长'.repeat(200)].join('\n\n');
    const parts = splitText(text, 120);
    for (const part of parts) expect(bytes(part)).toBeLessThanOrEqual(120);
    expect(parts.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    expect(parts[0]).toBe('第一段'.repeat(10));
    expect(parts.filter((p) => p.startsWith('长')).length).toBeGreaterThan(1);
  });

  it('never cuts a character in two', () => {
    const parts = splitText('😀'.repeat(100), 10);
    expect(parts.every((p) => [...p].every((ch) => ch === '😀'))).toBe(true);
    expect(parts.join('')).toBe('😀'.repeat(100));
  });
});

describe('AI entity and claims', () => {
  const citations = [
    { n: 1, title: '异议化解', section: '技巧一' },
    { n: 3, title: '客户沟通艺术'.repeat(20), section: '倾听'.repeat(100), url: 'https://example.com/course#s' },
  ];

  it('links only the markers a text uses, clipping names to 80 and abstracts to 160 characters', () => {
    expect(claimsFor(citations, '没有标记')).toEqual([]);
    const [claim] = claimsFor(citations, '见 [3]');
    expect(claim.position).toBe(3);
    expect([...claim.appearance.name].length).toBe(80);
    expect([...claim.appearance.abstract].length).toBe(160);
    expect(claim.appearance.url).toBe('https://example.com/course#s');
    expect(aiEntity({ citations }, '[1]').citation?.map((c) => c.position)).toEqual([1]);
    expect(aiEntity({}, 'x')).not.toHaveProperty('citation');
  });

  it('labels LLM answers of coach, huddle, roleplay and course only; never exact numbers or offline answers', () => {
    expect(isAiWritten({ intent: 'coach', data: { offline: false } })).toBe(true);
    expect(isAiWritten({ intent: 'roleplay', data: { offline: false } })).toBe(true);
    expect(isAiWritten({ intent: 'coach', data: { offline: true } })).toBe(false);
    expect(isAiWritten({ intent: 'coach', data: {} })).toBe(false);
    expect(isAiWritten({ intent: 'calls_today', data: { offline: false } })).toBe(false);
    expect(isAiWritten({ intent: 'diagnose', data: { offline: false } })).toBe(false);
  });
});

describe('TeamsStream', () => {
  it('spaces every request of a stream, the final message included, by the interval', async () => {
    const sends: Array<{ at: number; text?: string }> = [];
    let now = 0;
    const context = {
      sendActivity: async (activity: { text?: string }) => {
        sends.push({ at: Date.now(), text: activity.text });
        return { id: 'stream-1' };
      },
    } as unknown as TurnContext;
    const stream = new TeamsStream(context, 'Thinking…', { intervalMs: 300, now: () => now }, silentLogger);
    await stream.push('a'); // informative
    await stream.push('ab'); // same instant: kept
    now = 300;
    await stream.push('abc'); // streaming
    const before = Date.now();
    const { activity } = await stream.finalize({ type: 'message', text: 'abc!' });
    expect(Date.now() - before).toBeGreaterThanOrEqual(250); // waited out the interval after the last update
    expect(sends.map((s) => s.text)).toEqual(['Thinking…', 'abc']);
    expect(activity.entities).toEqual([{ type: 'streaminfo', streamId: 'stream-1', streamType: 'final', streamSequence: 3 }]);
  });

  it('opens with the informative update, stops streaming when Teams refuses an update, and the answer goes out as an ordinary message', async () => {
    const sends: unknown[] = [];
    const context = {
      sendActivity: async (activity: unknown) => {
        sends.push(activity);
        if (sends.length === 1) return { id: 'stream-1' };
        throw new Error('ContentStreamNotAllowed: Content stream was cancelled by user.');
      },
    } as unknown as TurnContext;
    let now = 0;
    const stream = new TeamsStream(context, 'Thinking…', { intervalMs: 1000, now: () => now }, silentLogger);
    await stream.push('first'); // the informative update
    expect(stream.live).toBe(true);
    now = 2000;
    await stream.push('second'); // refused
    expect(stream.live).toBe(false);
    now = 5000;
    await stream.push('third'); // refused streams send nothing more
    expect(sends).toHaveLength(2);
    const final = await stream.finalize({ type: 'message', text: 'whole answer' });
    expect(final).toEqual({ activity: { type: 'message', text: 'whole answer' } });
  });

  it('keeps updates that arrive while detached and sends the latest once attached to the next turn', async () => {
    const sends: Array<{ text?: string }> = [];
    const turn = (): TurnContext =>
      ({
        sendActivity: async (activity: { text?: string }) => {
          sends.push(activity);
          return { id: `id-${sends.length}` };
        },
      }) as unknown as TurnContext;
    let now = 0;
    const stream = new TeamsStream(turn(), 'Thinking…', { intervalMs: 1000, now: () => now }, silentLogger);
    await stream.informative();
    await stream.detach();
    now = 2000;
    await stream.push('partial one');
    await stream.push('partial two');
    expect(sends).toHaveLength(1);
    await stream.attach(turn());
    expect(sends.map((s) => s.text)).toEqual(['Thinking…', 'partial two']);
    const { activity, streamId } = await stream.finalize({ type: 'message', text: 'done' });
    expect(streamId).toBe('id-1');
    expect(activity.entities).toEqual([{ type: 'streaminfo', streamId: 'id-1', streamType: 'final', streamSequence: 3 }]);
  });
});
