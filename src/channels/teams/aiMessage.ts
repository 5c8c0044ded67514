// AI-written answers in Teams: which replies are AI-written, the `AIGeneratedContent` message entity with
// its citations (Claims linked to the course sections the text cites as [n]), the feedback loop flag, and
// long text split into parts that each stay inside Teams' size budget (in order, nothing cut).
import type { Reply, ReplyCitation } from '../../core/reply';

/**
 * Intents whose text an LLM writes when one is configured. Exact numbers (calls_today, plan, progress,
 * diagnose, quadrant...) are computed by the domain and never labelled AI; neither are offline answers
 * (course excerpts, scripted role-play lines), which say `data.offline: true`.
 */
export const AI_WRITTEN_INTENTS: ReadonlySet<string> = new Set(['coach', 'huddle', 'roleplay', 'course']);

export function isAiWritten(reply: Pick<Reply, 'intent' | 'data'>): boolean {
  return AI_WRITTEN_INTENTS.has(reply.intent) && reply.data.offline === false;
}

/** Bytes of answer text per message: with at most 20 citations (≤ 0.4 KB each) a part stays well under 28 KB. */
export const TEXT_PART_BYTES = 16 * 1024;
/** Teams shows at most 20 citations per message; names ≤ 80 and abstracts ≤ 160 characters. */
const MAX_CITATIONS = 20;
const NAME_MAX = 80;
const ABSTRACT_MAX = 160;

export interface ClaimCitation {
  '@type': 'Claim';
  position: number;
  appearance: {
    '@type': 'DigitalDocument';
    name: string;
    abstract: string;
    url?: string;
    keywords?: string[];
  };
}

export interface AiMessageEntity {
  type: 'https://schema.org/Message';
  '@type': 'Message';
  '@context': 'https://schema.org';
  '@id': string;
  additionalType?: ['AIGeneratedContent'];
  citation?: ClaimCitation[];
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The `[n]` markers a text uses. */
export function markersIn(text: string): Set<number> {
  return new Set([...text.matchAll(/\[(\d{1,2})\]/g)].map((m) => Number(m[1])));
}

/** Claims for the citations whose `[n]` appears in `text` (Teams links each marker to its claim). */
export function claimsFor(citations: readonly ReplyCitation[], text: string): ClaimCitation[] {
  const used = markersIn(text);
  return citations
    .filter((c) => used.has(c.n))
    .slice(0, MAX_CITATIONS)
    .map((c) => {
      const appearance: ClaimCitation['appearance'] = {
        '@type': 'DigitalDocument',
        name: clip(c.title, NAME_MAX),
        abstract: clip(c.section, ABSTRACT_MAX),
      };
      if (c.url) appearance.url = c.url;
      return { '@type': 'Claim', position: c.n, appearance };
    });
}

/** The schema.org Message entity: the AI label, and the citations the part's text uses. */
export function aiEntity(reply: Pick<Reply, 'citations'>, partText: string): AiMessageEntity {
  const entity: AiMessageEntity = {
    type: 'https://schema.org/Message',
    '@type': 'Message',
    '@context': 'https://schema.org',
    '@id': '',
    additionalType: ['AIGeneratedContent'],
  };
  const claims = claimsFor(reply.citations ?? [], partText);
  if (claims.length > 0) entity.citation = claims;
  return entity;
}

/** Course section ids an answer cited (`course#section`), for the feedback record. */
export function citedSections(reply: Pick<Reply, 'data'>): string[] {
  const raw = reply.data.citations;
  if (!Array.isArray(raw)) return [];
  const out: string[] = [];
  for (const c of raw as Array<{ course?: unknown; section?: unknown }>) {
    if (typeof c?.course === 'string' && typeof c.section === 'string') out.push(`${c.course}#${c.section}`.slice(0, 200));
  }
  return out.slice(0, 20);
}

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** Cuts one piece that is too long on its own at code-point boundaries (a long line without breaks). */
function hardSplit(piece: string, budget: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const ch of piece) {
    if (bytes(current) + bytes(ch) > budget) {
      out.push(current);
      current = '';
    }
    current += ch;
  }
  if (current) out.push(current);
  return out;
}

/**
 * Splits `text` into parts of at most `budget` UTF-8 bytes, at paragraph breaks, else line breaks, else
 * characters. Every character but the whitespace at a break is kept, in order: `parts.join` with the
 * breaks restores the text.
 */
export function splitText(text: string, budget: number = TEXT_PART_BYTES): string[] {
  if (bytes(text) <= budget) return [text];
  const parts: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim()) parts.push(current.replace(/^\n+|\s+$/g, ''));
    current = '';
  };
  for (const paragraph of text.split(/(?<=\n\n)/)) {
    if (bytes(current) + bytes(paragraph) <= budget) {
      current += paragraph;
      continue;
    }
    flush();
    if (bytes(paragraph) <= budget) {
      current = paragraph;
      continue;
    }
    for (const line of paragraph.split(/(?<=\n)/)) {
      if (bytes(current) + bytes(line) <= budget) {
        current += line;
        continue;
      }
      flush();
      if (bytes(line) <= budget) current = line;
      else {
        const pieces = hardSplit(line, budget);
        parts.push(...pieces.slice(0, -1));
        current = pieces.at(-1) ?? '';
      }
    }
  }
  flush();
  return parts;
}
