// Offline answers (no key, LLM down or budget spent): course excerpts, clearly marked as such, with
// the same citations an LLM answer would carry.
import type { Locale } from '../domain/types';
import { t } from '../i18n';
import type { OfflineReason } from './gateway';
import type { SearchHit } from './retrieval';

const EXCERPT_CHARS = 420;

/** The passage cut at a sentence end near `max` characters. */
const sentences = new Intl.Segmenter('zh', { granularity: 'sentence' });

/**
 * The beginning of `text`, whole sentences only (ICU sentence breaks, Chinese and English alike), up to
 * about `max` characters; a first sentence longer than that is cut at its last clause break instead.
 */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const clean = text.trim();
  if (clean.length <= max) return clean;
  let out = '';
  for (const { segment } of sentences.segment(clean)) {
    if (out && (out + segment).trimEnd().length > max) break;
    out += segment;
    if (out.length > max) break;
  }
  out = out.trimEnd();
  if (out.length <= max) return `${out}…`;
  const cut = out.slice(0, max);
  const clause = Math.max(...[',', ',', ';', ';', ':', ':', '、', ', '].map((p) => cut.lastIndexOf(p)));
  return `${clause > max * 0.4 ? cut.slice(0, clause + 1) : cut}…`;
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
