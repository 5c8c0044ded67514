// "为什么" / "why" typed after an answer with a number: the question behind that answer is remembered for a
// while, asked again at the instant it was first asked (the same numbers), and answered with its steps.
// The replies promise this ("…或发送“为什么”"); Slack's button does the same with the question in its value.
import { t } from '../i18n';
import type { Locale } from '../domain/types';
import type { Store } from '../store/store';
import { whyShown, type Reply } from './reply';
import { lines } from '../planning/format';

const KEY = (agent: string) => `last_why:${agent}`;
const TTL_SECONDS = 30 * 60;

export interface AskedQuestion {
  text: string;
  isCommand: boolean;
  /** ISO instant it was asked at. */
  at: string;
}

/** Remembers the question behind a reply that has steps to show (not awaited by callers: best effort). */
export async function rememberQuestion(store: Store, tenant: string, agent: string, question: AskedQuestion): Promise<void> {
  await store.putSession<AskedQuestion>(tenant, KEY(agent), question, TTL_SECONDS);
}

export async function recallQuestion(store: Store, tenant: string, agent: string): Promise<AskedQuestion | null> {
  return store.getSession<AskedQuestion>(tenant, KEY(agent));
}

/** The answer again, with its steps written out in the text (plain sentences for agents). */
export function withStepsShown(reply: Reply): Reply {
  const steps = whyShown(reply);
  if (steps.length === 0) return reply;
  // The person has just read the answer: its headline, then the steps (they carry every number), without
  // the answer's other lines and fact card again.
  const hint = t(reply.locale, 'calls_today.why_hint');
  const headline = reply.text.split('\n').find((line) => line.trim() && line !== hint) ?? '';
  const { facts: _facts, sections: _sections, ...rest } = reply;
  return { ...rest, text: lines(headline, '', t(reply.locale, 'console.why_title'), ...steps.map((step) => `• ${step}`)), data: { ...reply.data, whyShown: true } };
}

/** "Nothing to explain yet": a bare why with no recent answer. */
export function nothingToExplain(locale: Locale): Reply {
  return { intent: 'help', locale, text: t(locale, 'console.nothing_yet'), data: { whyShown: false } };
}
