// Reminder settings you can click, in Teams (issue 23, item 6), through the real CloudAdapter over HTTP on
// loopback (JWT checked, connector nock'd): a nudge carries "not today" / "not tomorrow" / "reminder settings"
// (Action.Execute); "reminder settings" posts the settings card (Adaptive Card 1.5, parsed with the adaptivecards
// package); saving it from the card stores the same Store doc as the chat commands and the card comes back with
// the saved values; an invalid time comes back as a field error on the same card, values kept, nothing stored.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderSettingsCard, SETTINGS_VERBS } from '../../src/channels/teams/settingsCard';
import { getPrefs } from '../../src/nudges';
import { messageActivity, mintToken } from '../channels/teams/harness';
import { checkCard } from '../channels/teams/validateCard';
import { postTeams } from '../security/fullServer';
import { NOW, startClickServer, TEAMS_TENANT, TODAY, waitUntil, ZHANG_AAD, type ClickServer } from './clickHarness';

let s: ClickServer;
/** The nudge card as posted, for the preview file. */
let nudgeCard: unknown;
const CARD = 'application/vnd.microsoft.card.adaptive';

function activity(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return messageActivity({
    from: { id: '29:user-zhang', name: '张伟', aadObjectId: ZHANG_AAD },
    conversation: { id: 'a:personal-zhang', conversationType: 'personal', tenantId: TEAMS_TENANT },
    channelData: { tenant: { id: TEAMS_TENANT } },
    ...overrides,
  });
}

function execute(verb: string, data: Record<string, unknown> = {}): Record<string, unknown> {
  return activity({ type: 'invoke', name: 'adaptiveCard/action', text: undefined, replyToId: 'nudge-1', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } });
}

async function invoke(verb: string, data: Record<string, unknown> = {}): Promise<{ statusCode: number; type: string; value: unknown }> {
  const res = await postTeams(s.url, execute(verb, data), mintToken());
  expect(res.status).toBe(200);
  return JSON.parse(res.body) as { statusCode: number; type: string; value: unknown };
}

/** Activities posted to the connector since the test began. */
const posted = () => s.guard.calls.filter((c) => c.host === 'connector' && c.path.includes('/activities')).map((c) => c.body as Record<string, unknown>);
const cardOf = (a: Record<string, unknown>) => (a.attachments as Array<{ contentType: string; content: Record<string, unknown> }> | undefined)?.find((x) => x.contentType === CARD)?.content;

beforeAll(async () => {
  s = await startClickServer();
  // Zhang writes once, so Lingyan has his personal conversation for proactive nudges.
  expect((await postTeams(s.url, activity({ text: '帮助' }), mintToken())).status).toBe(200);
});
afterAll(async () => {
  await s.close();
});
beforeEach(async () => {
  s.guard.calls.length = 0;
  await s.store.putDoc(TEAMS_TENANT, 'nudge_prefs', 'a1', { agent: 'a1' });
});

const defaults = { locale: 'zh-CN' as const, lead: false, time: '09:00', days: [1, 2, 3, 4, 5, 6, 7], state: 'on' as const, until: null, today: TODAY };

describe('Teams: the buttons on each nudge', () => {
  it('a nudge sent through the real delivery carries not today · not tomorrow · reminder settings; the card parses at 1.5', async () => {
    const outcome = await s.deliver(TEAMS_TENANT, 'a1', 'teams');
    expect(outcome.status).toBe('sent');
    const card = cardOf(posted()[0]) as { body: Array<Record<string, unknown>> };
    const row = card.body[card.body.length - 1];
    expect(row).toMatchObject({ type: 'ActionSet', id: 'nudge_settings' });
    expect(row.actions).toEqual([
      { type: 'Action.Execute', title: '今天别提醒', verb: SETTINGS_VERBS.snoozeToday, associatedInputs: 'none' },
      { type: 'Action.Execute', title: '明天别提醒', verb: SETTINGS_VERBS.snoozeTomorrow, associatedInputs: 'none' },
      { type: 'Action.Execute', title: '提醒设置', verb: SETTINGS_VERBS.open, associatedInputs: 'none' },
    ]);
    expect(checkCard(card).events).toEqual([]);
    nudgeCard = card;
  });

  it('"明天别提醒" stores pausedFrom tomorrow and pausedUntil the day after; the confirmation is posted', async () => {
    const body = await invoke(SETTINGS_VERBS.snoozeTomorrow);
    expect(body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: '' });
    expect(await getPrefs(s.store, TEAMS_TENANT, 'a1')).toMatchObject({ pausedFrom: '2026-03-05', pausedUntil: '2026-03-06', stopped: false });
    await waitUntil(() => posted().length > 0);
    expect(JSON.stringify(posted()[0])).toContain('3月6日(周五)');
  });

  it('"今天别提醒" stores a pause until tomorrow', async () => {
    await invoke(SETTINGS_VERBS.snoozeToday);
    const prefs = await getPrefs(s.store, TEAMS_TENANT, 'a1');
    expect(prefs.pausedUntil).toBe('2026-03-05');
    expect(prefs.pausedFrom).toBeUndefined();
  });
});

describe('Teams: the reminder settings card', () => {
  it('"reminder settings" posts the card with the stored settings; it parses at 1.5 with no warnings', async () => {
    await s.store.putDoc(TEAMS_TENANT, 'nudge_prefs', 'a1', { agent: 'a1', time: '08:15', days: [1, 3, 5] });
    const body = await invoke(SETTINGS_VERBS.open);
    expect(body.statusCode).toBe(200);
    await waitUntil(() => posted().length > 0);
    const card = cardOf(posted()[0]);
    expect(card).toEqual(renderSettingsCard({ ...defaults, time: '08:15', days: [1, 3, 5] }));
    expect(checkCard(card).events).toEqual([]);
    expect(checkCard(card).bytes).toBeLessThan(28 * 1024);
  });

  it('Action.Execute "save" from the card stores time, days and a snooze; the card comes back with the saved values', async () => {
    const body = await invoke(SETTINGS_VERBS.save, { time: '08:30', days: '1,2,3,4,5', state: 'snooze_until', until: '2026-03-16' });
    expect(await getPrefs(s.store, TEAMS_TENANT, 'a1')).toMatchObject({ agent: 'a1', time: '08:30', days: [1, 2, 3, 4, 5], pausedUntil: '2026-03-16', stopped: false });
    expect(body).toEqual({ statusCode: 200, type: CARD, value: renderSettingsCard({ ...defaults, time: '08:30', days: [1, 2, 3, 4, 5], state: 'snooze_until', until: '2026-03-16' }) });
    await waitUntil(() => posted().length > 0);
    expect(JSON.stringify(posted()[0])).toContain('3月16日(周一)起恢复提醒');
  });

  it('stop from the card', async () => {
    await invoke(SETTINGS_VERBS.save, { time: '09:00', days: '1,2,3,4,5,6,7', state: 'stop' });
    expect((await getPrefs(s.store, TEAMS_TENANT, 'a1')).stopped).toBe(true);
  });

  it('an invalid time comes back on the same card as the time field error, values kept; nothing is stored', async () => {
    const values = { time: '8:75', days: '1,2', state: 'on' };
    const body = await invoke(SETTINGS_VERBS.save, values);
    const expected = renderSettingsCard(defaults, { values, errors: { time: '"8:75" 不是有效的时间,请用 24 小时制,例如 08:30。' } });
    expect(body).toEqual({ statusCode: 200, type: CARD, value: expected });
    expect(checkCard(body.value).events).toEqual([]);
    expect(await getPrefs(s.store, TEAMS_TENANT, 'a1')).toEqual({ agent: 'a1' });
    expect(posted()).toEqual([]);
  });

  it('the preview docs/teams-preview-nudge-settings.json is the rendered card (UPDATE_PREVIEWS=1 rewrites it)', () => {
    const card = renderSettingsCard({ ...defaults, time: '08:30', days: [1, 2, 3, 4, 5], state: 'snooze_until', until: '2026-03-16' });
    expect(checkCard(card).events).toEqual([]);
    const withError = renderSettingsCard(defaults, { values: { time: '8:75', days: '1,2,3,4,5', state: 'on' }, errors: { time: '"8:75" 不是有效的时间,请用 24 小时制,例如 08:30。' } });
    // Tests never rewrite docs unless asked: a run leaves the tree as it found it.
    if (process.env.UPDATE_PREVIEWS === '1') writeFileSync('docs/teams-preview-nudge-settings.json', `${JSON.stringify({ at: NOW.toISOString(), card, withError, nudge: nudgeCard }, null, 2)}\n`);
    const committed = JSON.parse(readFileSync('docs/teams-preview-nudge-settings.json', 'utf8')) as { card: unknown; withError: unknown };
    expect({ card: committed.card, withError: committed.withError }).toEqual(JSON.parse(JSON.stringify({ card, withError })));
  });
});

describe('Teams: Action.Submit (clients that fall back from Action.Execute)', () => {
  it('a submitted settings card is stored the same way; an invalid time comes back as the card with the error', async () => {
    const ok = activity({ text: undefined, value: { verb: SETTINGS_VERBS.save, time: '07:30', days: '1,2,3,4,5', state: 'on' } });
    expect((await postTeams(s.url, ok, mintToken())).status).toBe(200);
    expect(await getPrefs(s.store, TEAMS_TENANT, 'a1')).toMatchObject({ time: '07:30', days: [1, 2, 3, 4, 5] });
    s.guard.calls.length = 0;
    const bad = activity({ text: undefined, value: { verb: SETTINGS_VERBS.save, time: '25:00', days: '1', state: 'on' } });
    expect((await postTeams(s.url, bad, mintToken())).status).toBe(200);
    await waitUntil(() => posted().length > 0);
    expect(cardOf(posted()[0])).toEqual(renderSettingsCard({ ...defaults, time: '07:30', days: [1, 2, 3, 4, 5] }, { values: { time: '25:00', days: '1', state: 'on' }, errors: { time: '"25:00" 不是有效的时间,请用 24 小时制,例如 08:30。' } }));
    expect((await getPrefs(s.store, TEAMS_TENANT, 'a1')).time).toBe('07:30');
  });
});

describe('Teams: a reply to a nudge (issue 23, item 5)', () => {
  it('"为什么要这么多?" after a nudge is answered with that nudge\'s steps', async () => {
    await s.store.putSession(TEAMS_TENANT, 'coach:history:a1', [], 60);
    expect((await s.deliver(TEAMS_TENANT, 'a1', 'teams')).status).toBe('sent');
    s.guard.calls.length = 0;
    expect((await postTeams(s.url, activity({ text: '为什么要这么多?' }), mintToken())).status).toBe(200);
    await waitUntil(() => JSON.stringify(posted()).includes('提醒你的数字'));
    expect(JSON.stringify(posted())).toContain('这是3月4日 周三提醒你的数字');
  });

  it('the settings card in English parses at 1.5 too', () => {
    const card = renderSettingsCard({ ...defaults, locale: 'en', lead: true, time: '08:45', state: 'stop' });
    expect(checkCard(card).events).toEqual([]);
    expect(JSON.stringify(card)).toContain('Reminder settings');
  });
});
