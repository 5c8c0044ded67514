// Reminder settings you can click (issue 23, item 6): the Slack modal, the Teams card and the "not today" /
// "not tomorrow" buttons on each nudge all submit the form `nudge_settings` to the engine. This handler turns
// the fields into the same changes the chat commands make (applyPersonal / pauseWindow in preferences.ts:
// same validation, same Store doc `nudge_prefs/<agent>`, same rescheduling and the same reply), and reads the
// current settings back for the form. Fields left out of a submission are not changed (a snooze button sends
// only `state`); a submission with any invalid field saves nothing and returns the field errors.
import type { HandlerContext } from '../core/context';
import type { FormResult } from '../core/engine';
import type { FormHandler } from '../core/forms';
import type { NudgeArgs } from '../core/intents';
import { addDays } from '../domain/goals';
import type { LocalDate, Locale } from '../domain/types';
import { t } from '../i18n';
import { loadScheduleInputs, prefsOf } from './planning';
import { applyPersonal, getPrefs, parseDays, preferencesReply, putPrefs } from './preferences';
import { isLead } from './schedule';
import type { NudgePrefs } from './types';

export const SETTINGS_FORM = 'nudge_settings' as const;

export const SETTINGS_STATES = ['on', 'snooze_today', 'snooze_tomorrow', 'snooze_until', 'stop'] as const;
export type SettingsState = (typeof SETTINGS_STATES)[number];

/** The field names every channel uses (Slack block ids, Teams input ids). */
export const SETTINGS_FIELDS = { time: 'time', days: 'days', state: 'state', until: 'until' } as const;

export const ALL_DAYS: readonly number[] = [1, 2, 3, 4, 5, 6, 7];

/** The person's settings as the form shows them (read from what the scheduler reads). */
export interface SettingsView {
  locale: Locale;
  lead: boolean;
  /** Morning nudge time (agents) or digest time (leads), HH:mm. */
  time: string;
  /** ISO weekdays, 1 = Monday. */
  days: number[];
  state: SettingsState;
  /** With `snooze_until`: the date reminders resume on. */
  until: LocalDate | null;
  today: LocalDate;
}

/** The current settings of the person asking, as the settings form shows them. */
export async function settingsView(ctx: Pick<HandlerContext, 'store' | 'tenant' | 'actor' | 'today' | 'locale'>): Promise<SettingsView> {
  const inputs = await loadScheduleInputs(ctx.store, ctx.tenant, [ctx.actor.id]);
  const person = inputs.people[0] ?? ctx.actor;
  const prefs = prefsOf(inputs, person);
  const lead = isLead(person, inputs.teams);
  const { today } = ctx;
  let state: SettingsState = 'on';
  let until: LocalDate | null = null;
  if (prefs.stopped) state = 'stop';
  else if (prefs.pausedUntil !== null && prefs.pausedUntil > today) {
    const from = prefs.pausedFrom;
    const tomorrow = addDays(today, 1);
    if ((from === null || from <= today) && prefs.pausedUntil === tomorrow) state = 'snooze_today';
    else if (from === tomorrow && prefs.pausedUntil === addDays(today, 2)) state = 'snooze_tomorrow';
    else {
      state = 'snooze_until';
      until = prefs.pausedUntil;
    }
  }
  return {
    locale: ctx.locale,
    lead,
    time: lead ? prefs.digestTime : prefs.morningTime,
    days: prefs.days ?? [...ALL_DAYS],
    state,
    until,
    today,
  };
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The chat command a settings state stands for (the same NudgeArgs the understanding produces for it). */
function stateArgs(state: SettingsState, today: LocalDate, until: LocalDate | undefined): NudgeArgs {
  switch (state) {
    case 'on':
      return { action: 'resume' };
    case 'stop':
      return { action: 'stop' };
    case 'snooze_today':
      // "今天别提醒" / "not today": nudges come back tomorrow.
      return { action: 'pause', until: addDays(today, 1), snooze: 'day' };
    case 'snooze_tomorrow':
      // "明天别提醒": exactly what the date entity gives for it (pausedFrom tomorrow, back the day after).
      return { action: 'pause', from: addDays(today, 1), until: addDays(today, 2), snooze: 'day' };
    case 'snooze_until':
      return { action: 'pause', until, snooze: 'until' };
  }
}

const trimmed = (value: string | undefined): string | undefined => {
  const v = value?.trim();
  return v === undefined || v === '' ? undefined : v;
};

/** Applies a settings submission. `values.op = 'view'` changes nothing and returns the current settings. */
export const settingsForm: FormHandler = async (ctx, values): Promise<FormResult> => {
  const { locale, today } = ctx;
  const before = await settingsView(ctx);
  if (values.op === 'view') {
    const reply = await preferencesReply(ctx, { action: 'status' }, [], []);
    return { ok: true, reply: { ...reply, data: { ...reply.data, settings: before } } };
  }
  const errors: Record<string, string> = {};
  const current = await getPrefs(ctx.store, ctx.tenant, ctx.actor.id);
  let prefs: NudgePrefs = current;
  const messages: string[] = [];
  let args: NudgeArgs = { action: 'status' };

  const rawState = trimmed(values[SETTINGS_FIELDS.state]);
  const state = rawState === undefined ? undefined : (SETTINGS_STATES as readonly string[]).includes(rawState) ? (rawState as SettingsState) : null;
  if (state === null) errors[SETTINGS_FIELDS.state] = t(locale, 'teams.form.invalid_choice');
  const until = trimmed(values[SETTINGS_FIELDS.until]);
  const stateChanged = state !== undefined && state !== null && (state !== before.state || (state === 'snooze_until' && until !== (before.until ?? undefined)));

  const time = trimmed(values[SETTINGS_FIELDS.time]);
  if (time !== undefined && time !== before.time) {
    const change = applyPersonal({ action: 'set_time', time }, prefs, today, ctx);
    if ('reply' in change) errors[SETTINGS_FIELDS.time] = change.reply;
    else {
      // A new time in the form keeps the snooze or stop the form still shows (the chat command lifts them).
      prefs = stateChanged ? change.prefs : { ...change.prefs, stopped: current.stopped, pausedUntil: current.pausedUntil, pausedFrom: current.pausedFrom };
      messages.push(change.message);
      args = { action: 'set_time', time };
    }
  }

  if (values[SETTINGS_FIELDS.days] !== undefined) {
    const parsed = parseDays(values[SETTINGS_FIELDS.days], locale);
    if ('error' in parsed) errors[SETTINGS_FIELDS.days] = parsed.error;
    else if (parsed.days.join(',') !== before.days.join(',')) {
      prefs = { ...prefs, days: parsed.days.length === ALL_DAYS.length ? undefined : parsed.days };
      messages.push('days');
    }
  }

  if (state && stateChanged) {
    if (state === 'snooze_until' && until === undefined) errors[SETTINGS_FIELDS.until] = t(locale, 'nudges.settings.until_needed');
    else if (state === 'snooze_until' && !DATE_RE.test(until ?? '')) errors[SETTINGS_FIELDS.until] = t(locale, 'teams.form.not_date');
    else {
      const stateNudge = stateArgs(state, today, until);
      const change = applyPersonal(stateNudge, prefs, today, ctx);
      if ('reply' in change) errors[state === 'snooze_until' ? SETTINGS_FIELDS.until : SETTINGS_FIELDS.state] = change.reply;
      else {
        prefs = change.prefs;
        messages.push(change.message);
        args = stateNudge;
      }
    }
  }

  if (Object.keys(errors).length > 0) return { ok: false, fieldErrors: errors };
  const changed = messages.length > 0;
  if (changed) await putPrefs(ctx.store, ctx.tenant, { ...prefs, agent: ctx.actor.id, updatedAt: ctx.now.toISOString() });
  const reply = await preferencesReply(ctx, args, changed ? messages : [t(locale, 'nudges.settings.unchanged')], changed ? [ctx.actor.id] : []);
  return { ok: true, reply: { ...reply, data: { ...reply.data, settings: await settingsView(ctx), changed } } };
};
