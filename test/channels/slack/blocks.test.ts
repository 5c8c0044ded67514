// The renderer keeps every payload inside Block Kit limits, and writes the calls_today preview for the docs.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeWhyValue, encodeWhyValue, replayRef } from '../../../src/channels/slack/action-value';
import { SlackRenderer } from '../../../src/channels/slack/blocks';
import { LIMITS, checkBlockLimits, chunkText, truncate } from '../../../src/channels/slack/limits';
import { buildModal } from '../../../src/channels/slack/modals';
import type { Reply } from '../../../src/core/reply';
import { callsTodayReply } from './harness';
import { sectionedReply } from '../../fixtures/sectionedReply';

const renderer = new SlackRenderer();
const PREVIEW = new URL('../../../docs/slack-preview-calls-today.json', import.meta.url);

function huge(): Reply {
  const long = '很长的说明'.repeat(2000);
  return {
    intent: 'team',
    locale: 'en',
    text: long,
    data: {},
    title: 'T'.repeat(400),
    facts: Array.from({ length: 37 }, (_, i) => ({ label: `label ${i} ${'x'.repeat(1500)}`, value: 'v'.repeat(1500) })),
    sections: Array.from({ length: 60 }, (_, i) => ({ title: `Section ${i}`, text: `<b>&</b> ${long}`, facts: [{ label: 'a', value: 'b' }] })),
    why: Array.from({ length: 300 }, (_, i) => `step ${i}: ${'y'.repeat(100)}`),
    actions: Array.from({ length: 40 }, (_, i) => ({ id: i % 3 === 0 ? 'same' : `a${i}`, label: 'L'.repeat(200), intent: 'coach' as const, text: 'z'.repeat(5000) })),
  };
}

describe('SlackRenderer', () => {
  it('a reply with sections shows the lines only its text has once, and each section line once', () => {
    const json = JSON.stringify(renderer.render(sectionedReply()).blocks);
    expect(json.split('每天多打 12 个').length - 1).toBe(1);
    expect(json.split('接通率:你 30%').length - 1).toBe(1);
  });

  it('renders the calls_today card: header, fact fields, why button, follow-ups, text fallback', () => {
    const { text, blocks } = renderer.render(callsTodayReply(), { why: { kind: 'stored', key: 'slack:why:example' } });
    expect(text).toBe(callsTodayReply().text);
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'actions']);
    expect(checkBlockLimits(blocks)).toEqual([]);
  });

  it('builds the compact card from data when a calls_today reply has no facts', () => {
    const { blocks } = renderer.render(callsTodayReply({ facts: undefined, locale: 'en' }));
    expect(JSON.stringify(blocks[1])).toContain('*Calls today*\\n92');
    expect(JSON.stringify(blocks[1])).toContain('*Left today*\\n92');
  });

  it('keeps an oversized reply inside every Block Kit limit', () => {
    for (const expandWhy of [false, true]) {
      const { text, blocks } = renderer.render(huge(), { why: { kind: 'stored', key: 'k' }, expandWhy, note: 'n'.repeat(5000) });
      expect(blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
      expect(checkBlockLimits(blocks)).toEqual([]);
      expect(text.length).toBeLessThanOrEqual(LIMITS.messageText);
    }
  });

  it('escapes mrkdwn control characters from engine text', () => {
    const { blocks } = renderer.render({ intent: 'coach', locale: 'en', text: 'a <@U123> & <!channel>', data: {} });
    expect(JSON.stringify(blocks)).toContain('a &lt;@U123&gt; &amp; &lt;!channel&gt;');
  });

  it('detects broken limits', () => {
    const bad = [
      { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
      { type: 'actions', elements: [{ type: 'button', action_id: 'x', text: { type: 'plain_text', text: 'b'.repeat(76) } }] },
      { type: 'actions', elements: [{ type: 'button', action_id: 'x', text: { type: 'plain_text', text: 'ok' } }] },
      { type: 'section', text: { type: 'mrkdwn', text: 's'.repeat(3001) } },
      ...Array.from({ length: 50 }, () => ({ type: 'divider' })),
    ];
    const problems = checkBlockLimits(bad);
    expect(problems).toHaveLength(5);
  });

  it('truncates without splitting surrogate pairs and chunks on line breaks', () => {
    expect(truncate('ab😀cd', 4)).toBe('ab…');
    expect(chunkText('aaaa\nbbbb\ncccc', 10)).toEqual(['aaaa\nbbbb', 'cccc']);
  });

  it('builds modals inside the limits (titles ≤ 24 chars, 12 dimensions in 2 groups)', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const form of ['set_goal', 'log_activity', 'assess'] as const) {
        const view = buildModal(form, locale);
        expect(view.title.text.length).toBeLessThanOrEqual(LIMITS.viewTitle);
        expect(checkBlockLimits(view.blocks, 'modal')).toEqual([]);
      }
      const assess = buildModal('assess', locale);
      const ids = assess.blocks.filter((b) => b.type === 'input').map((b) => b.block_id);
      expect(ids).toEqual([
        'rater', 'agent', 'professional_knowledge', 'general_knowledge', 'answering_skills', 'tool_use',
        'occupational_identity', 'work_enthusiasm', 'work_attitude', 'work_style', 'corporate_values',
        'service_philosophy', 'logical_thinking', 'learning_ability',
      ]);
      expect(assess.blocks.filter((b) => b.type === 'header')).toHaveLength(2);
    }
  });

  it('writes the calls_today Block Kit preview used by docs/slack.md', () => {
    // An answer to `/coach today` asked at 2026-03-04 09:00 +08:00: the button carries the question.
    const rendered = renderer.render(callsTodayReply(), { why: { kind: 'replay', text: 'today', isCommand: true, at: Date.parse('2026-03-04T09:00:00+08:00') } });
    const expanded = renderer.render(callsTodayReply(), { expandWhy: true });
    const preview = `${JSON.stringify({ calls_today: rendered, calls_today_why_expanded: expanded }, null, 2)}\n`;
    let current = '';
    try {
      current = readFileSync(PREVIEW, 'utf8');
    } catch {
      current = '';
    }
    if (current !== preview) writeFileSync(PREVIEW, preview);
    expect(readFileSync(PREVIEW, 'utf8')).toBe(preview);
  });
});

describe('why button values', () => {
  it('round-trip a question to ask again and a stored key, and reject anything else', () => {
    const at = Date.parse('2026-03-04T09:00:00+08:00');
    const replay = replayRef('今天要打多少个电话', false, new Date(at));
    expect(replay).toEqual({ kind: 'replay', text: '今天要打多少个电话', isCommand: false, at });
    expect(decodeWhyValue(encodeWhyValue(replay!))).toEqual(replay);
    expect(decodeWhyValue(encodeWhyValue({ kind: 'replay', text: 'today', isCommand: true, at }))).toMatchObject({ isCommand: true });
    expect(decodeWhyValue(encodeWhyValue({ kind: 'stored', key: 'slack:why:abc' }))).toEqual({ kind: 'stored', key: 'slack:why:abc' });
    for (const bad of [undefined, '', 'not json', '{}', '{"q":""}', '{"q":"today","at":-1}', '{"q":"today","at":1.5}', '{"q":"today","c":2,"at":1}', '{"k":""}']) {
      expect(decodeWhyValue(bad)).toBeNull();
    }
  });

  it('falls back (null) when the question would not fit in a button value', () => {
    const at = new Date(0);
    // The value is {"q":"…","at":0}: 15 characters around the text, so 1,985 characters fit in 2,000.
    expect(replayRef('x'.repeat(1985), false, at)).not.toBeNull();
    expect(replayRef('x'.repeat(1986), false, at)).toBeNull();
    expect(replayRef('', false, at)).toBeNull();
  });
});
