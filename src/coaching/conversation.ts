// The coach conversation so far, per user, in an expiring Store session. Turns are stored already
// redacted: nothing personal outlives the request, and history can go to the LLM as it is.
import type { Store } from '../store/store';
import { redact } from './redact';

export interface Turn {
  role: 'user' | 'assistant';
  content: string;
}

export const CONVERSATION_TTL_SECONDS = 2 * 3600;
const MAX_TURNS = 8;

const key = (userId: string) => `coach:history:${userId}`;

export async function loadConversation(store: Store, tenant: string, userId: string): Promise<Turn[]> {
  try {
    return (await store.getSession<Turn[]>(tenant, key(userId))) ?? [];
  } catch {
    return [];
  }
}

/** Appends one question and its answer (redacted), keeping the last few turns. */
export async function appendConversation(store: Store, tenant: string, userId: string, question: string, answer: string): Promise<void> {
  const turns = await loadConversation(store, tenant, userId);
  const next: Turn[] = [...turns, { role: 'user' as const, content: redact(question) }, { role: 'assistant' as const, content: redact(answer) }].slice(-MAX_TURNS);
  try {
    await store.putSession(tenant, key(userId), next, CONVERSATION_TTL_SECONDS);
  } catch {
    // History is a convenience; the answer has been given.
  }
}
