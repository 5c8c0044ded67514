// The reminder settings form (src/nudges/settings.ts) through the real engine on the demo team: what a
// submission stores is what the chat commands store, the schedule honours the chosen weekdays, a new time
// keeps the snooze the form still shows, and fields left out are not changed.
import { beforeEach, describe, expect, it } from 'vitest';
import { startupFixture } from '../../src/app/data';
import { createEngine, type LingyanEngine } from '../../src/core/lingyanEngine';
import type { SettingsSubmission } from '../../src/core/engine';
import { getPrefs, loadScheduleInputs, registerNudges } from '../../src/nudges';
import { plannedForPerson } from '../../src/nudges/planning';
import { MemoryStore } from '../../src/store/memory';

const NOW = new Date('2026-03-04T09:30:00+08:00'); // Wednesday
const T = 'console';
let store: MemoryStore;
let engine: LingyanEngine;

beforeEach(async () => {
  store = new MemoryStore();
  await store.seed(T, await startupFixture(undefined, NOW, 'Asia/Shanghai'));
  engine = createEngine({ store });
  registerNudges(engine);
});

const submit = (values: Record<string, string | undefined>, user = 'a1') => {
  const submission: SettingsSubmission = { tenant: T, user: { platform: 'console', id: user }, now: NOW, channel: { kind: 'console', shared: false, conversationId: user }, form: 'nudge_settings', values };
  return engine.submitForm(submission);
};
const typed = (text: string) => engine.handle({ tenant: T, user: { platform: 'console', id: 'a1' }, text, now: NOW, channel: { kind: 'console', shared: false, conversationId: 'a1' } });

describe('settings form', () => {
  it('"op: view" returns the current settings and changes nothing', async () => {
    const result = await submit({ op: 'view' });
    expect(result.ok).toBe(true);
    expect(result.reply?.data.settings).toEqual({ locale: 'zh-CN', lead: false, time: '09:00', days: [1, 2, 3, 4, 5, 6, 7], state: 'on', until: null, today: '2026-03-04' });
    expect(await store.getDoc(T, 'nudge_prefs', 'a1')).toBeNull();
  });

  it('"snooze tomorrow" stores exactly what typing "明天别提醒" stores', async () => {
    await typed('明天别提醒我');
    const byText = await getPrefs(store, T, 'a1');
    await store.putDoc(T, 'nudge_prefs', 'a1', { agent: 'a1' });
    await submit({ state: 'snooze_tomorrow' });
    const byButton = await getPrefs(store, T, 'a1');
    const { updatedAt: _a, ...a } = byText;
    const { updatedAt: _b, ...b } = byButton;
    expect(b).toEqual(a);
  });

  it('the chosen weekdays are honoured by the schedule (Thu 03-05 skipped with Mon/Wed/Fri)', async () => {
    const result = await submit({ days: '1,3,5' });
    expect(result.ok).toBe(true);
    const inputs = await loadScheduleInputs(store, T, ['a1']);
    const person = inputs.people[0];
    expect(plannedForPerson(inputs, person, '2026-03-05')).toEqual([]);
    expect(plannedForPerson(inputs, person, '2026-03-06').map((n) => n.kind)).toEqual(['agent_morning']);
    expect(result.reply?.text).toContain('周一、周三、周五');
  });

  it('a new time keeps the snooze the form still shows; fields left out stay as they were', async () => {
    await submit({ state: 'snooze_until', until: '2026-03-16' });
    await submit({ time: '08:00', state: 'snooze_until', until: '2026-03-16' });
    expect(await getPrefs(store, T, 'a1')).toMatchObject({ time: '08:00', pausedUntil: '2026-03-16' });
    await submit({ time: '07:45' });
    expect(await getPrefs(store, T, 'a1')).toMatchObject({ time: '07:45', pausedUntil: '2026-03-16' });
  });

  it('invalid fields are all reported and nothing is saved', async () => {
    const result = await submit({ time: '8:75', days: '0,9', state: 'snooze_until' });
    expect(result.ok).toBe(false);
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(['days', 'time', 'until']);
    expect(await store.getDoc(T, 'nudge_prefs', 'a1')).toBeNull();
  });

  it('a lead sees and sets the digest time', async () => {
    const view = await submit({ op: 'view' }, 'l1');
    expect(view.reply?.data.settings).toMatchObject({ lead: true, time: '08:45' });
    await submit({ time: '08:15' }, 'l1');
    expect((await getPrefs(store, T, 'l1')).time).toBe('08:15');
  });
});
