// Shared shapes of the nudges area: kinds, per-person and team preferences, planned nudges and the
// data carried by BullMQ jobs. Pure data, no I/O.
import type { LocalDate } from '../domain/types';

export const NUDGE_KINDS = ['agent_morning', 'agent_end_of_day', 'lead_digest', 'month_start', 'month_end'] as const;
export type NudgeKind = (typeof NUDGE_KINDS)[number];

export type NudgeChannelKind = 'slack' | 'teams' | 'console';

/** Store doc `nudge_prefs/<agentId>`: what the person chose. Missing fields fall back to the team default. */
export interface NudgePrefs {
  agent: string;
  /** Morning nudge (agents) or digest (leads) time, `HH:mm` local. */
  time?: string;
  endOfDay?: boolean;
  /** `HH:mm` local of the end-of-day check-in and the month-end recap. */
  endOfDayTime?: string;
  /** Nudges resume ON this local date (exclusive end of a pause). */
  pausedUntil?: LocalDate;
  /** First paused local date, when the pause starts later than the day it was asked ("明天别提醒": tomorrow). */
  pausedFrom?: LocalDate;
  stopped?: boolean;
  /**
   * ISO weekdays (1 = Monday … 7 = Sunday) the person wants nudges on, among their working days (set in the
   * settings modal / card). Absent: every working day. A 调休 working Saturday counts as a Saturday.
   */
  days?: number[];
  /**
   * A one-day change ("明早7点50叫我", "今晚6点提醒我打卡"): on `date` only, the morning nudge (or a lead's digest)
   * or the end-of-day check-in goes out at `time` instead; every other day keeps the usual time. A check-in
   * override sends the check-in that day even when it is off. Past dates are ignored.
   */
  once?: OneDayTime;
  channel?: NudgeChannelKind;
  updatedAt?: string;
}

/** Which reminder a one-day time is for. */
export type NudgeSlot = 'morning' | 'end_of_day';

export interface OneDayTime {
  date: LocalDate;
  /** `HH:mm` local. */
  time: string;
  slot: NudgeSlot;
}

/** Store doc `nudge_team_prefs/<teamId>`: a lead's default for the team. */
export interface TeamNudgePrefs {
  team: string;
  time?: string;
  endOfDay?: boolean;
  endOfDayTime?: string;
  setBy?: string;
  updatedAt?: string;
}

/** Preferences after applying person > team > built-in defaults. */
export interface EffectivePrefs {
  morningTime: string;
  digestTime: string;
  endOfDay: boolean;
  endOfDayTime: string;
  pausedUntil: LocalDate | null;
  /** Null: the pause covers every date before `pausedUntil`. */
  pausedFrom: LocalDate | null;
  stopped: boolean;
  /** ISO weekdays nudges may go out on (null: every working day). */
  days: number[] | null;
  /** A one-day time (null: none, or an invalid one). */
  once: OneDayTime | null;
  channel: NudgeChannelKind | null;
}

export const DEFAULT_MORNING_TIME = '09:00';
export const DEFAULT_DIGEST_TIME = '08:45';
export const DEFAULT_END_OF_DAY_TIME = '18:00';

/** One nudge due to one person: the pinned dry-run shape plus the local date it belongs to. */
export interface PlannedNudge {
  user: string;
  kind: NudgeKind;
  /** The send instant, ISO-8601 UTC. */
  at: string;
  /** The person's local date. */
  date: LocalDate;
}

/** Data of a `deliver` job. */
export interface DeliverJobData {
  tenant: string;
  user: string;
  kind: NudgeKind;
  date: LocalDate;
  at: string;
}

/** Data of a `plan` job (from the per-tenant job scheduler, or enqueued for "run for date X"). */
export interface PlanJobData {
  tenant: string;
  /** Plan this local date for everyone instead of each person's today and tomorrow. */
  date?: LocalDate;
}
