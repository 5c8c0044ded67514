// The Adaptive Card renderer: every card parses with the adaptivecards library without events, stays
// under 28 KB, and carries the facts, the expandable "why" and Action.Execute follow-ups.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AdaptiveCardRenderer } from '../../../src/channels/teams/cards';
import { MAX_CARD_BYTES, type AdaptiveCardJson } from '../../../src/channels/teams/cardTypes';
import { DIMENSIONS } from '../../../src/channels/teams/formSpecs';
import type { Reply } from '../../../src/core/reply';
import { callsTodayReply, teamReply } from './replies';
import { checkCard } from './validateCard';
import { sectionedReply } from '../../fixtures/sectionedReply';

const renderer = new AdaptiveCardRenderer();
const PREVIEW = new URL('../../../docs/teams-preview-calls-today.json', import.meta.url);

function expectValid(card: AdaptiveCardJson): void {
  const check = checkCard(card);
  expect(check.events).toEqual([]);
  expect(check.bytes).toBeLessThanOrEqual(MAX_CARD_BYTES);
}


describe('a reply with sections', () => {
  it('shows the lines only its text has once, and each section line once (the card repeated the sections)', () => {
    const json = JSON.stringify(renderer.render(sectionedReply()).body);
    expect(json.split('每天多打 12 个').length - 1).toBe(1);
    expect(json.split('接通率:你 30%').length - 1).toBe(1);
  });
});

describe('AdaptiveCardRenderer.render', () => {
  it("renders today's plan: title, one TextBlock per line, facts, why as ShowCard, follow-ups as Action.Execute", () => {
    const card = renderer.render(callsTodayReply());
    expectValid(card);
    expect(card.version).toBe('1.5');
    expect(card.body[0]).toEqual({
      type: 'TextBlock',
      text: '今日目标 · 3月10日',
      weight: 'Bolder',
      size: 'Medium',
      style: 'heading',
      wrap: true,
    });
    expect(card.body[1]).toEqual({
      type: 'TextBlock',
      text: '📞 今天(3月10日)你需要打 96 个电话,已打 0 个,还差 96 个。',
      wrap: true,
    });
    expect(card.body[3]).toEqual({
      type: 'FactSet',
      facts: [
        { title: '今日拨打', value: '96' },
        { title: '今日还差', value: '96' },
        { title: '今日成交', value: '2' },
        { title: '今日意向', value: '7' },
        { title: '进度', value: '正常(98%)' },
      ],
    });
    const [why, ...followUps] = card.actions ?? [];
    expect(why).toMatchObject({ type: 'Action.ShowCard', title: '为什么是这个数?' });
    expect(why.type === 'Action.ShowCard' && why.card.body).toHaveLength(7);
    expect(followUps).toEqual([
      { type: 'Action.Execute', title: '记录今日数据', verb: 'act:log_activity', data: { actionId: 'log', form: 'log_activity' }, style: 'positive' },
      { type: 'Action.Execute', title: '看本月/本周分解', verb: 'act:plan', data: { actionId: 'week', text: '/coach plan' } },
      { type: 'Action.Execute', title: '练一段对话', verb: 'act:roleplay', data: { actionId: 'roleplay', text: '/coach roleplay' } },
    ]);
  });

  it('matches the committed preview (docs/teams-preview-calls-today.json)', () => {
    const card = renderer.render(callsTodayReply());
    const json = `${JSON.stringify(card, null, 2)}\n`;
    if (process.env.UPDATE_TEAMS_PREVIEW) writeFileSync(PREVIEW, json);
    expect(readFileSync(PREVIEW, 'utf8')).toBe(json);
  });

  it('renders sections as containers and plain replies as paragraphs', () => {
    expectValid(renderer.render(teamReply()));
    const plain = renderer.render({ intent: 'coach', locale: 'en', text: 'First.\n\nSecond.', data: {} });
    expectValid(plain);
    expect(plain.body).toEqual([
      { type: 'TextBlock', text: 'First.', wrap: true },
      { type: 'TextBlock', text: 'Second.', wrap: true },
    ]);
    expect(plain.actions).toBeUndefined();
  });

  it('keeps a small chart as a data: URL image', () => {
    const reply: Reply = { ...callsTodayReply(), chart: { title: '本月进度', pngBase64: 'iVBORw0KGgo='.repeat(50), altText: '进度图' } };
    const card = renderer.render(reply);
    expectValid(card);
    expect(card.body).toContainEqual({ type: 'Image', url: `data:image/png;base64,${'iVBORw0KGgo='.repeat(50)}`, altText: '进度图', size: 'Stretch' });
  });

  it('omits a chart that would push the card over 28 KB, with a note', () => {
    const reply: Reply = { ...callsTodayReply(), chart: { title: '本月进度', pngBase64: 'A'.repeat(40_000), altText: '进度图' } };
    const card = renderer.render(reply);
    expectValid(card);
    expect(JSON.stringify(card)).not.toContain('data:image/png');
    expect(card.body).toContainEqual(expect.objectContaining({ text: '图表太大,卡片里放不下;完整数字见上文。' }));
  });

  it('truncates sections to stay within 28 KB', () => {
    const reply: Reply = {
      intent: 'team',
      locale: 'en',
      title: 'Team',
      text: 'Big team.',
      data: {},
      sections: Array.from({ length: 400 }, (_, i) => ({ title: `Agent ${i}`, text: 'x'.repeat(100), facts: [{ label: 'Pace', value: '99%' }] })),
    };
    const card = renderer.render(reply);
    expectValid(card);
    expect(card.body.length).toBeLessThan(400);
    expect(card.body.at(-1)).toMatchObject({ text: expect.stringContaining('left out') });
  });

  it('caps card actions at 5 (why + 4 follow-ups)', () => {
    const reply: Reply = {
      ...callsTodayReply('en'),
      actions: Array.from({ length: 8 }, (_, i) => ({ id: `a${i}`, label: `A${i}`, intent: 'help' as const, text: 'help' })),
    };
    const card = renderer.render(reply);
    expectValid(card);
    expect(card.actions).toHaveLength(5);
  });
});

describe('form cards', () => {
  it.each(['set_goal', 'log_activity', 'assess'] as const)('%s parses cleanly in both locales', (form) => {
    expectValid(renderer.renderForm(form, 'zh-CN'));
    expectValid(renderer.renderForm(form, 'en'));
  });

  it('the assessment has 12 required 1–5 choice sets grouped ability/cognition, and a self/lead rater', () => {
    const card = renderer.renderForm('assess', 'en');
    const json = JSON.stringify(card);
    for (const id of DIMENSIONS) expect(json).toContain(`"id":"${id}"`);
    const groups = card.body.filter((el) => el.type === 'Container');
    expect(groups).toHaveLength(2);
    const ability = groups[0].type === 'Container' ? groups[0].items : [];
    expect(ability[0]).toMatchObject({ text: 'Above the waterline: ability' });
    expect(ability[1]).toEqual({
      type: 'Input.ChoiceSet',
      id: 'professional_knowledge',
      label: 'Professional knowledge',
      style: 'compact',
      choices: ['1', '2', '3', '4', '5'].map((v) => ({ title: v, value: v })),
      isRequired: true,
      errorMessage: 'Please pick one of the options.',
    });
    expect(card.body).toContainEqual(expect.objectContaining({ id: 'rater', choices: [{ title: 'Self', value: 'self' }, { title: 'Lead', value: 'lead' }] }));
    expect(card.actions).toEqual([{ type: 'Action.Execute', title: 'Submit', verb: 'form:assess', style: 'positive', associatedInputs: 'auto' }]);
  });

  it('goal form: Input.Number with min/max, required income, commission type flat/tiered', () => {
    const card = renderer.renderForm('set_goal', 'en');
    expect(card.body).toContainEqual({
      type: 'Input.Number',
      id: 'income',
      label: 'Income target this month',
      min: 1,
      max: 100_000_000,
      isRequired: true,
      errorMessage: 'Please enter a number from 1 to 100000000.',
    });
    expect(card.body).toContainEqual(expect.objectContaining({ id: 'commission_type', choices: [{ title: 'Flat rate', value: 'flat' }, { title: 'Tiered', value: 'tiered' }] }));
    expect(card.body).toContainEqual(expect.objectContaining({ id: 'tiers', type: 'Input.Text', isMultiline: true }));
  });

  it('shows errors under the fields and keeps the values', () => {
    const card = renderer.renderForm('log_activity', 'zh-CN', {
      values: { calls: 'abc', connects: '30', date: '2026-03-10' },
      errors: { calls: '请输入数字。', deals: '成交数不能大于接通数。' },
    });
    expectValid(card);
    const ids = card.body.map((el) => ('id' in el ? el.id : el.type === 'TextBlock' ? `text:${el.text}` : el.type));
    expect(ids).toEqual([
      'text:记录今天的活动量',
      'text:有几项需要修改,请看下面的提示。',
      'calls',
      'text:请输入数字。',
      'connects',
      'deals',
      'text:成交数不能大于接通数。',
      'sales',
      'prospects',
      'date',
      'mode',
    ]);
    expect(card.body).toContainEqual(expect.objectContaining({ id: 'connects', value: 30 }));
    expect(card.body).toContainEqual(expect.objectContaining({ id: 'date', value: '2026-03-10' }));
    expect(card.body.find((el) => 'id' in el && el.id === 'calls')).not.toHaveProperty('value');
  });
});
