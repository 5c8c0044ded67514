// The coach conversation so far, per user, in an expiring Store session. Turns are stored already
// redacted: nothing personal outlives the request, and history can go to the LLM as it is.
// Nudges and digests are written here too when they are sent (recordNudge), so a reply to one ("为什么要这么
//多?") is answered in its context; a Slack thread the person replies in is read separately (threadTurns).
import type { Store } from '../store/store';
import { redact } from './redact';
import { countTokens } from './tokens';

/** What a nudge turn remembers besides its text: which nudge, and the steps behind its numbers. */
export interface NudgeMemo {
  kind: string;
  /** The person's local date the nudge was for. */
  date: string;
  /** When it was sent (ISO). */
  at: string;
  key?: string;
  /** "Why this number?" lines of the nudge as the person reads them (redacted), if it had any. */
  why?: string[];
}

export interface Turn {
  role: 'user' | 'assistant';
  content: string;
  /** Set on a nudge or digest Lingyan sent (an assistant turn nobody asked for). */
  nudge?: NudgeMemo;
}

export const CONVERSATION_TTL_SECONDS = 2 * 3600;
/** A nudge stays in the conversation for the working day it opens (a reply at 17:00 to the 09:00 nudge). */
export const NUDGE_MEMORY_SECONDS = 14 * 3600;
const MAX_TURNS = 8;

const key = (userId: string) => `coach:history:${userId}`;

export async function loadConversation(store: Store, tenant: string, userId: string): Promise<Turn[]> {
  try {
    return (await store.getSession<Turn[]>(tenant, key(userId))) ?? [];
  } catch {
    return [];
  }
}

/** How long the history should live: two hours after the last turn, longer while a nudge in it is that day's. */
function ttlFor(turns: Turn[], now: number): number {
  let ttl = CONVERSATION_TTL_SECONDS;
  for (const turn of turns) {
    if (!turn.nudge) continue;
    const left = Math.ceil((Date.parse(turn.nudge.at) + NUDGE_MEMORY_SECONDS * 1000 - now) / 1000);
    if (Number.isFinite(left)) ttl = Math.max(ttl, left);
  }
  return ttl;
}

async function save(store: Store, tenant: string, userId: string, turns: Turn[]): Promise<void> {
  const kept = turns.slice(-MAX_TURNS);
  try {
    await store.putSession(tenant, key(userId), kept, ttlFor(kept, Date.now()));
  } catch {
    // History is a convenience; the answer has been given.
  }
}

/** Appends one question and its answer (redacted), keeping the last few turns. */
export async function appendConversation(store: Store, tenant: string, userId: string, question: string, answer: string): Promise<void> {
  const turns = await loadConversation(store, tenant, userId);
  await save(store, tenant, userId, [...turns, { role: 'user' as const, content: redact(question) }, { role: 'assistant' as const, content: redact(answer) }]);
}

/** A nudge or digest as sent: its title, text and the steps behind its numbers. */
export interface SentNudge {
  kind: string;
  date: string;
  at: Date;
  key?: string;
  title?: string;
  text: string;
  why?: string[];
}

/**
 * Writes a sent nudge or digest into the recipient's conversation, redacted like every turn: the coach
 * prompt then sees it as Lingyan's last message, and a why-question right after it can explain its numbers.
 */
export async function recordNudge(store: Store, tenant: string, userId: string, nudge: SentNudge): Promise<void> {
  const why = (nudge.why ?? []).map(redact);
  const body = [nudge.title, nudge.text].filter((part): part is string => Boolean(part && part.trim())).join('\n');
  const content = redact(why.length > 0 ? `${body}\n\n${why.join('\n')}` : body);
  const memo: NudgeMemo = { kind: nudge.kind, date: nudge.date, at: nudge.at.toISOString(), ...(nudge.key ? { key: nudge.key } : {}), ...(why.length > 0 ? { why } : {}) };
  const turns = await loadConversation(store, tenant, userId);
  await save(store, tenant, userId, [...turns, { role: 'assistant', content, nudge: memo }]);
}

/** The nudge the person is replying to: the last turn, when it is a nudge sent less than a working day ago. */
export function replyingToNudge(turns: readonly Turn[], now: Date): (Turn & { nudge: NudgeMemo }) | null {
  const last = turns[turns.length - 1];
  if (!last?.nudge) return null;
  const age = now.getTime() - Date.parse(last.nudge.at);
  return age >= -60_000 && age <= NUDGE_MEMORY_SECONDS * 1000 ? (last as Turn & { nudge: NudgeMemo }) : null;
}

/** One message of a chat thread, as the platform returned it (already limited to what the asker may read). */
export interface ThreadMessage {
  fromBot: boolean;
  text: string;
}

/** Tokens of thread context a prompt may carry (the coach prompt's whole budget is 3,000). */
export const THREAD_TOKEN_BUDGET = 1200;

/**
 * A thread's earlier messages as conversation turns, redacted, newest kept first within `budget` tokens
 * (a long thread loses its oldest messages, never the latest ones), in thread order.
 */
export function threadTurns(messages: readonly ThreadMessage[], budget = THREAD_TOKEN_BUDGET): Turn[] {
  const out: Turn[] = [];
  let used = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const text = messages[i].text.trim();
    if (!text) continue;
    const content = redact(text);
    const cost = countTokens(content) + 4;
    if (used + cost > budget) break;
    used += cost;
    out.unshift({ role: messages[i].fromBot ? 'assistant' : 'user', content });
  }
  return out;
}

/**
 * The turns a coach prompt sees: the stored conversation, then the thread being replied in (its messages
 * are not in the store when they were written elsewhere, e.g. before Lingyan was asked).
 */
export async function conversationFor(ctx: { store: Store; tenant: string; actor: { id: string }; thread?: readonly Turn[] }): Promise<Turn[]> {
  const stored = await loadConversation(ctx.store, ctx.tenant, ctx.actor.id);
  if (!ctx.thread || ctx.thread.length === 0) return stored;
  const seen = new Set(stored.map((turn) => turn.content));
  return [...ctx.thread.filter((turn) => !seen.has(turn.content)), ...stored];
}
