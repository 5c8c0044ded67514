// Multi-turn dialogues (set goal step by step, self-assessment) remember where they were in an expiring
// session, so "一万二" on its own is understood as the answer to the last question.
import type { Store } from './store';
import type { GoalArgs } from '../understanding/types';

export const DIALOG_TTL_SECONDS = 30 * 60;

export type Dialog =
  | { kind: 'set_goal'; step: 'income' | 'base' | 'commission'; draft: GoalArgs }
  | { kind: 'assess'; subject: string; rater: string; index: number; scores: Record<string, number> }
  | { kind: string; [field: string]: unknown };

const key = (userId: string) => `dialog:${userId}`;

export function getDialog(store: Store, tenant: string, userId: string): Promise<Dialog | null> {
  return store.getSession<Dialog>(tenant, key(userId));
}

export function saveDialog(store: Store, tenant: string, userId: string, dialog: Dialog): Promise<void> {
  return store.putSession(tenant, key(userId), dialog, DIALOG_TTL_SECONDS);
}

export function endDialog(store: Store, tenant: string, userId: string): Promise<void> {
  return store.deleteSession(tenant, key(userId));
}
