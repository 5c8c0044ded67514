// Reminder settings you can click, in Slack (issue 23, item 6), over the real Bolt receiver on loopback with
// nock recording every Web API call: a nudge carries "not today" / "not tomorrow" / "reminder settings"
// buttons; "reminder settings" (on a nudge or in App Home) opens the modal with views.open; a view_submission
// is stored in the same Store doc as the chat commands; an invalid time or a past date comes back as a field
// error and nothing is saved; the snooze buttons store exactly what "今天别提醒" / "明天别提醒" store.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildSettingsModal, SETTINGS_OPEN_ACTION } from '../../src/channels/slack/modals';
import { checkBlockLimits } from '../../src/channels/slack/limits';
import { getPrefs } from '../../src/nudges';
import { postSlack, signSlack } from '../security/fullServer';
import { blocksOf, NOW, SLACK_TENANT, slackCalls, startClickServer, TODAY, waitUntil, ZHANG_SLACK, type ClickServer } from './clickHarness';

let s: ClickServer;
/** The nudge as posted, for the preview file. */
let nudgeMessage: { text: unknown; blocks: Array<Record<string, unknown>> } | undefined;
beforeAll(async () => {
  s = await startClickServer();
});
afterAll(async () => {
  await s.close();
});
beforeEach(async () => {
  s.guard.calls.length = 0;
  await s.store.putDoc(SLACK_TENANT, 'nudge_prefs', 'a1', { agent: 'a1' });
});

const form = (payload: Record<string, unknown>) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

function click(actionId: string, triggerId = '1.2.3'): string {
  return form({
    type: 'block_actions',
    team: { id: SLACK_TENANT, domain: 'acme' },
    user: { id: ZHANG_SLACK, username: 'zhang', team_id: SLACK_TENANT },
    api_app_id: 'A0APP',
    token: 'x',
    trigger_id: triggerId,
    container: { type: 'message', message_ts: '5.5', channel_id: 'D0DM', is_ephemeral: false },
    channel: { id: 'D0DM', name: 'directmessage' },
    message: { ts: '5.5', text: 'nudge' },
    response_url: 'https://hooks.slack.com/actions/T0CLICK/1/x',
    actions: [{ type: 'button', action_id: actionId, block_id: 'nudge_settings', value: actionId, action_ts: '6.6' }],
  });
}

type StateValues = Record<string, Record<string, Record<string, unknown>>>;

function submission(values: { time?: string; days?: string[]; state?: string; until?: string | null }): string {
  const state: StateValues = {
    time: { value: { type: 'timepicker', selected_time: values.time ?? '09:00' } },
    state: { value: { type: 'radio_buttons', selected_option: { value: values.state ?? 'on' } } },
    until: { value: { type: 'datepicker', selected_date: values.until ?? null } },
  };
  if (values.days) state.days = { value: { type: 'checkboxes', selected_options: values.days.map((value) => ({ value })) } };
  const modal = buildSettingsModal({ locale: 'zh-CN', lead: false, time: '09:00', days: [1, 2, 3, 4, 5, 6, 7], state: 'on', until: null, today: TODAY });
  return form({
    type: 'view_submission',
    team: { id: SLACK_TENANT, domain: 'acme' },
    user: { id: ZHANG_SLACK, username: 'zhang', team_id: SLACK_TENANT },
    api_app_id: 'A0APP',
    token: 'x',
    trigger_id: `9.9.${Math.random()}`,
    view: { id: 'V0SETTINGS', type: 'modal', callback_id: modal.callback_id, private_metadata: '', blocks: modal.blocks, state: { values: state }, hash: 'h' },
  });
}

async function send(raw: string): Promise<{ status: number; body: string }> {
  return postSlack(s.url, raw, signSlack(raw));
}

describe('Slack: the buttons on each nudge', () => {
  it('a nudge sent through the real delivery carries not today · not tomorrow · reminder settings', async () => {
    const outcome = await s.deliver(SLACK_TENANT, 'a1', 'slack');
    expect(outcome.status).toBe('sent');
    const [posted] = slackCalls(s.guard, 'chat.postMessage');
    const blocks = blocksOf(posted);
    expect(checkBlockLimits(blocks as never)).toEqual([]);
    nudgeMessage = { text: posted.text, blocks };
    expect(blocks[blocks.length - 1]).toEqual({
      type: 'actions',
      block_id: 'nudge_settings',
      elements: [
        { type: 'button', action_id: 'nudge_snooze:today', text: { type: 'plain_text', text: '今天别提醒', emoji: true }, value: 'nudge_snooze:today' },
        { type: 'button', action_id: 'nudge_snooze:tomorrow', text: { type: 'plain_text', text: '明天别提醒', emoji: true }, value: 'nudge_snooze:tomorrow' },
        { type: 'button', action_id: SETTINGS_OPEN_ACTION, text: { type: 'plain_text', text: '提醒设置', emoji: true }, value: SETTINGS_OPEN_ACTION },
      ],
    });
  });

  it('"明天别提醒" on the nudge stores pausedFrom tomorrow, pausedUntil the day after, and says so in the DM', async () => {
    expect((await send(click('nudge_snooze:tomorrow'))).status).toBe(200);
    await waitUntil(() => slackCalls(s.guard, 'chat.postMessage').length > 0);
    const prefs = await getPrefs(s.store, SLACK_TENANT, 'a1');
    expect(prefs).toMatchObject({ agent: 'a1', pausedFrom: '2026-03-05', pausedUntil: '2026-03-06', stopped: false });
    const [reply] = slackCalls(s.guard, 'chat.postMessage');
    expect(reply.channel).toBe('D0DM');
    expect(String(reply.text)).toContain('3月5日(周四)');
    expect(String(reply.text)).toContain('3月6日(周五)');
  });

  it('"今天别提醒" on the nudge stores a pause until tomorrow (the same as typing 今天别提醒)', async () => {
    expect((await send(click('nudge_snooze:today'))).status).toBe(200);
    await waitUntil(() => slackCalls(s.guard, 'chat.postMessage').length > 0);
    const prefs = await getPrefs(s.store, SLACK_TENANT, 'a1');
    expect(prefs.pausedUntil).toBe('2026-03-05');
    expect(prefs.pausedFrom).toBeUndefined();
  });
});

describe('Slack: the reminder settings modal', () => {
  it('"reminder settings" opens the modal with views.open, filled with the stored settings', async () => {
    await s.store.putDoc(SLACK_TENANT, 'nudge_prefs', 'a1', { agent: 'a1', time: '08:15', days: [1, 3, 5], pausedUntil: '2026-03-20' });
    expect((await send(click(SETTINGS_OPEN_ACTION, '77.88.99'))).status).toBe(200);
    await waitUntil(() => slackCalls(s.guard, 'views.open').length > 0);
    const calls = slackCalls(s.guard, 'views.open');
    expect(calls).toHaveLength(1);
    expect(calls[0].trigger_id).toBe('77.88.99');
    const view = JSON.parse(String(calls[0].view)) as unknown;
    expect(view).toEqual(buildSettingsModal({ locale: 'zh-CN', lead: false, time: '08:15', days: [1, 3, 5], state: 'snooze_until', until: '2026-03-20', today: TODAY }));
    // Only views.open: nothing posted, nothing stored.
    expect(s.guard.calls.filter((c) => c.host === 'slack.com' && c.path !== 'users.info').map((c) => c.path)).toEqual(['views.open']);
  });

  it('App Home carries the same button', async () => {
    const raw = JSON.stringify({
      type: 'event_callback',
      team_id: SLACK_TENANT,
      api_app_id: 'A0APP',
      event_id: 'EvHOME1',
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'app_home_opened', user: ZHANG_SLACK, channel: 'D0DM', tab: 'home', event_ts: '1.1' },
      authorizations: [{ team_id: SLACK_TENANT, user_id: 'UBOT', is_bot: true }],
    });
    expect((await postSlack(s.url, raw, signSlack(raw), 'application/json')).status).toBe(200);
    await waitUntil(() => slackCalls(s.guard, 'views.publish').length > 0);
    const view = JSON.parse(String(slackCalls(s.guard, 'views.publish')[0].view)) as { blocks: Array<Record<string, unknown>> };
    expect(view.blocks).toContainEqual({
      type: 'actions',
      block_id: 'home_nudge_settings',
      elements: [{ type: 'button', action_id: SETTINGS_OPEN_ACTION, text: { type: 'plain_text', text: '提醒设置', emoji: true }, value: SETTINGS_OPEN_ACTION }],
    });
  });

  it('a view_submission is stored like the chat commands: time, days, and the reply says what will be sent', async () => {
    const res = await send(submission({ time: '08:30', days: ['1', '2', '3', '4', '5'], state: 'on' }));
    expect(res).toEqual({ status: 200, body: '' });
    await waitUntil(() => slackCalls(s.guard, 'chat.postMessage').length > 0);
    expect(await getPrefs(s.store, SLACK_TENANT, 'a1')).toMatchObject({ agent: 'a1', time: '08:30', days: [1, 2, 3, 4, 5] });
    const text = String(slackCalls(s.guard, 'chat.postMessage')[0].text);
    expect(text).toContain('08:30');
    expect(text).toContain('周一、周二、周三、周四、周五');
  });

  it('snooze until a date and stop, from the modal', async () => {
    expect((await send(submission({ state: 'snooze_until', until: '2026-03-16', days: ['1', '2', '3', '4', '5', '6', '7'] }))).body).toBe('');
    expect(await getPrefs(s.store, SLACK_TENANT, 'a1')).toMatchObject({ pausedUntil: '2026-03-16', stopped: false });
    expect((await send(submission({ state: 'stop', days: ['1', '2', '3', '4', '5', '6', '7'] }))).body).toBe('');
    expect((await getPrefs(s.store, SLACK_TENANT, 'a1')).stopped).toBe(true);
    await waitUntil(() => slackCalls(s.guard, 'chat.postMessage').length === 2);
    expect(String(slackCalls(s.guard, 'chat.postMessage')[0].text)).toContain('3月16日(周一)起恢复提醒');
  });

  it('an invalid time comes back as the time field error (the chat command\'s message); nothing is stored', async () => {
    const res = await send(submission({ time: '25:00', days: ['1', '2'], state: 'stop' }));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ response_action: 'errors', errors: { time: '"25:00" 不是有效的时间,请用 24 小时制,例如 08:30。' } });
    expect(await getPrefs(s.store, SLACK_TENANT, 'a1')).toEqual({ agent: 'a1' });
    expect(slackCalls(s.guard, 'chat.postMessage')).toEqual([]);
  });

  it('a past "until" date and no day at all are field errors too', async () => {
    const past = await send(submission({ state: 'snooze_until', until: '2026-03-01', days: ['1'] }));
    expect(JSON.parse(past.body)).toEqual({ response_action: 'errors', errors: { until: expect.stringContaining('3月1日') } });
    const none = await send(submission({ state: 'on' }));
    expect(JSON.parse(none.body)).toEqual({ response_action: 'errors', errors: { days: '请至少选一天。' } });
    expect(await getPrefs(s.store, SLACK_TENANT, 'a1')).toEqual({ agent: 'a1' });
  });

  it('the preview docs/slack-preview-nudge-settings.json is the rendered modal (within Block Kit limits, zh-CN and en; UPDATE_PREVIEWS=1 rewrites it)', () => {
    const view_en = { locale: 'en' as const, lead: true, time: '08:45', days: [1, 2, 3, 4, 5], state: 'stop' as const, until: null, today: TODAY };
    const view = buildSettingsModal({ locale: 'zh-CN', lead: false, time: '08:30', days: [1, 2, 3, 4, 5], state: 'snooze_until', until: '2026-03-16', today: TODAY });
    expect(checkBlockLimits(view.blocks as never, 'modal')).toEqual([]);
    expect(checkBlockLimits(buildSettingsModal({ ...view_en, locale: 'en' }).blocks as never, 'modal')).toEqual([]);
    // Tests never rewrite docs unless asked: a run leaves the tree as it found it.
    if (process.env.UPDATE_PREVIEWS === '1') writeFileSync('docs/slack-preview-nudge-settings.json', `${JSON.stringify({ at: NOW.toISOString(), modal: view, nudge: nudgeMessage }, null, 2)}\n`);
    expect((JSON.parse(readFileSync('docs/slack-preview-nudge-settings.json', 'utf8')) as { modal: unknown }).modal).toEqual(JSON.parse(JSON.stringify(view)));
  });
});
