// Builds the coach request: system prompt, the asker's own numbers, numbered course passages, the
// conversation so far and the question as delimited data, trimmed to a token budget (real tokenizer).
import type { Locale } from '../domain/types';
import type { ChatMessage } from './llm';
import type { SearchHit } from './retrieval';
import { systemPrompt } from './systemPrompts';
import { countTokens, trimToBudget, truncateToTokens, type BudgetPart } from './tokens';
import type { Turn } from './conversation';

export const DEFAULT_PROMPT_BUDGET = 3000;
/** A pasted transcript must not crowd out the grounding. */
const MAX_QUESTION_TOKENS = 600;
/** Chat framing per message (role, separators), as OpenAI counts it. */
const MESSAGE_OVERHEAD = 4;

export interface Citation {
  course: string;
  section: string;
}

export interface NumberedPassage extends SearchHit {
  n: number;
}

const DATA_TAGS = /<\/?\s*(?:user_message|passages|passage|my_numbers|agent_turn|transcript|huddle_plan)\b[^>]*>/gi;

/** User text cannot close or open our delimiters. */
export function neutralizeTags(text: string): string {
  return text.replace(DATA_TAGS, ' ');
}

export function wrapUserMessage(text: string): string {
  return `<user_message>\n${neutralizeTags(text)}\n</user_message>`;
}

export function passageBlock(p: NumberedPassage): string {
  return `[${p.n}] ${p.title} · ${p.section}\n${p.text}`;
}

/** Tokens of a chat request as the API bills it (content plus framing). */
export function promptTokens(messages: ChatMessage[]): number {
  return messages.reduce((sum, m) => sum + countTokens(m.content) + MESSAGE_OVERHEAD, 3);
}

export interface CoachPromptInput {
  locale: Locale;
  question: string;
  passages: SearchHit[];
  numbers: string[];
  history: Turn[];
  budget?: number;
}

export interface CoachPrompt {
  messages: ChatMessage[];
  /** Passages that made it into the prompt, numbered as the model sees them. */
  passages: NumberedPassage[];
  tokens: number;
}

type Part = BudgetPart & ({ kind: 'system' | 'question' | 'numbers' } | { kind: 'passage'; passage: NumberedPassage } | { kind: 'turn'; turn: Turn; index: number });

export function buildCoachPrompt(input: CoachPromptInput): CoachPrompt {
  const budget = input.budget ?? DEFAULT_PROMPT_BUDGET;
  const system = systemPrompt('coach', input.locale);
  const question = wrapUserMessage(truncateToTokens(input.question, MAX_QUESTION_TOKENS));
  const numbered = input.passages.map((p, i) => ({ ...p, n: i + 1 }));
  const numbers = input.numbers.length > 0 ? `<my_numbers>\n${input.numbers.join('\n')}\n</my_numbers>` : '';
  // Priority: system and question always; then the agent's numbers, the passages in rank order, and
  // the most recent turns of history.
  const parts: Part[] = [
    { kind: 'system', text: system, required: true },
    { kind: 'question', text: question, required: true },
    ...(numbers ? [{ kind: 'numbers' as const, text: numbers }] : []),
    ...numbered.map((passage) => ({ kind: 'passage' as const, passage, text: passageBlock(passage) })),
    ...input.history
      .map((turn, index) => ({ kind: 'turn' as const, turn, index, text: turn.role === 'user' ? wrapUserMessage(turn.content) : turn.content }))
      .reverse(),
  ];
  // Room for the <passages> wrapper and blank lines joining the system message.
  const kept = trimToBudget(parts, budget - 3 - 2 * MESSAGE_OVERHEAD - 10, { overheadPerPart: MESSAGE_OVERHEAD }).kept;

  const keptPassages = kept.flatMap((p) => (p.kind === 'passage' ? [p.passage] : []));
  const sys = [system];
  if (kept.some((p) => p.kind === 'numbers')) sys.push(numbers);
  if (keptPassages.length > 0) sys.push(`<passages>\n${keptPassages.map(passageBlock).join('\n\n')}\n</passages>`);
  const turns = kept.flatMap((p) => (p.kind === 'turn' ? [p] : [])).sort((a, b) => a.index - b.index);
  const messages: ChatMessage[] = [
    { role: 'system', content: sys.join('\n\n') },
    ...turns.map((p) => ({ role: p.turn.role, content: p.text })),
    { role: 'user', content: question },
  ];
  return { messages, passages: keptPassages, tokens: promptTokens(messages) };
}

/** The passages an answer cites with [n] markers; all of them when it cites none. */
export function citedPassages(answer: string, passages: NumberedPassage[]): NumberedPassage[] {
  const cited = new Set([...answer.matchAll(/\[(\d{1,2})\]/g)].map((m) => Number(m[1])));
  const used = passages.filter((p) => cited.has(p.n));
  return used.length > 0 ? used : passages;
}

export function citationsOf(passages: Array<Pick<SearchHit, 'course' | 'section'>>): Citation[] {
  const seen = new Set<string>();
  const out: Citation[] = [];
  for (const p of passages) {
    const k = `${p.course}\u0000${p.section}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ course: p.course, section: p.section });
  }
  return out;
}
