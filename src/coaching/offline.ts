// Offline answers (no key, LLM down or budget spent): course excerpts, clearly marked as such, with
// the same citations an LLM answer would carry.
import type { Locale } from '../domain/types';
import { t } from '../i18n';
import type { OfflineReason } from './gateway';
import type { SearchHit } from './retrieval';

const EXCERPT_CHARS = 420;

/** The passage cut at a sentence end near `max` characters. */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const clean = text.trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const end = Math.max(...['。', '!', '?', '. ', '! ', '? ', '\n'].map((p) => cut.lastIndexOf(p)));
  return `${end > max * 0.5 ? cut.slice(0, end + 1).trim() : cut.trim()}…`;
}

export function sourceLine(locale: Locale, p: Pick<SearchHit, 'title' | 'section'>): string {
  return t(locale, 'coaching.source', { course: p.title, section: p.section });
}

/** The note shown before an offline answer; none when no LLM is configured at all (the normal demo). */
export function offlineNote(locale: Locale, reason: OfflineReason): string | null {
  if (reason === 'budget') return t(locale, 'coaching.offline.budget');
  if (reason === 'error') return t(locale, 'coaching.offline.unavailable');
  return null;
}

export function offlineCoachText(locale: Locale, passages: SearchHit[], reason: OfflineReason): string {
  const parts: string[] = [];
  const note = offlineNote(locale, reason);
  if (note) parts.push(note);
  if (passages.length === 0) {
    parts.push(t(locale, 'coaching.offline.none'));
    return parts.join('\n\n');
  }
  parts.push(t(locale, 'coaching.offline.header'));
  for (const p of passages) parts.push(`${sourceLine(locale, p)}\n${excerpt(p.text)}`);
  return parts.join('\n\n');
}
