// Prompt token counting with a real BPE tokenizer (js-tiktoken o200k_base, ranks shipped in the
// package, nothing downloaded) and greedy trimming of prompt parts to a budget.
import { createRequire } from 'node:module';
import { Tiktoken, type TiktokenBPE } from 'js-tiktoken/lite';

// The rank table is ~11 MB: required on first count, not at import, so processes that never talk to
// an LLM never hold it.
const require = createRequire(import.meta.url);

let encoder: Tiktoken | undefined;
// Building the rank table takes a moment and some memory; only pay for it when counting.
function enc(): Tiktoken {
  encoder ??= new Tiktoken(require('js-tiktoken/ranks/o200k_base') as TiktokenBPE);
  return encoder;
}

// User text may contain "<|endoftext|>"; it is data, so encode it as plain text, never throw.
const encode = (text: string): number[] => enc().encode(text, [], []);

export function countTokens(text: string): number {
  return text ? encode(text).length : 0;
}

/** The longest prefix of `text` within `maxTokens` tokens (cut on a token boundary). */
export function truncateToTokens(text: string, maxTokens: number): string {
  const ids = encode(text);
  if (ids.length <= maxTokens) return text;
  // A cut can split a multi-byte character; drop the replacement character it leaves.
  return enc().decode(ids.slice(0, Math.max(0, maxTokens))).replace(/\uFFFD+$/u, '');
}

export interface BudgetPart {
  text: string;
  /** Always kept (system prompt, the question itself), even past the budget. */
  required?: boolean;
}

export interface TrimResult<T extends BudgetPart> {
  /** Kept parts, in their original order. */
  kept: T[];
  dropped: T[];
  tokens: number;
}

export interface TrimOptions {
  /** Tokens each part costs on top of its text (chat message framing); default 0. */
  overheadPerPart?: number;
}

/**
 * Fits `parts` into `budget` tokens. Array order is priority: required parts first, then
 * each optional part in turn if it still fits; one that does not is dropped and the next,
 * possibly smaller, one is tried.
 */
export function trimToBudget<T extends BudgetPart>(parts: T[], budget: number, opts: TrimOptions = {}): TrimResult<T> {
  const overhead = opts.overheadPerPart ?? 0;
  const cost = parts.map((p) => countTokens(p.text) + overhead);
  const keep = parts.map((p) => p.required === true);
  let tokens = cost.reduce((sum, c, i) => (keep[i] ? sum + c : sum), 0);
  parts.forEach((p, i) => {
    if (!keep[i] && tokens + cost[i] <= budget) {
      keep[i] = true;
      tokens += cost[i];
    }
  });
  return {
    kept: parts.filter((_, i) => keep[i]),
    dropped: parts.filter((_, i) => !keep[i]),
    tokens,
  };
}
