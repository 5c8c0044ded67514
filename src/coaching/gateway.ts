// The one door to the LLM for coaching handlers: budget check, usage charged to the tenant, and any
// failure turned into an offline outcome (never an error to the user). The client itself redacts (llm.ts).
import type { z } from 'zod';
import type { Logger } from '../logger';
import type { TokenBudget } from './budget';
import type { ChatMessage, ChatOptions, LlmClient, LlmUsage, StructuredOptions } from './llm';

export type OfflineReason = 'no_llm' | 'budget' | 'error';

export type LlmOutcome<T> = { ok: true; value: T; usage: LlmUsage } | { ok: false; reason: OfflineReason };

/** Who pays for a call: the tenant's allowance of the asker's local day. */
export interface BudgetScope {
  tenant: string;
  date: string;
}


export class CoachLlm {
  constructor(
    private readonly llm: LlmClient | null,
    private readonly budget: TokenBudget | null,
    private readonly logger: Logger,
  ) {}

  get configured(): boolean {
    return this.llm !== null;
  }

  chat(scope: BudgetScope, messages: ChatMessage[], opts: ChatOptions = {}): Promise<LlmOutcome<string>> {
    return this.run(scope, 'chat', (llm) => llm.chat(messages, opts));
  }

  structured<S extends z.ZodType>(
    scope: BudgetScope,
    messages: ChatMessage[],
    schema: S,
    opts: StructuredOptions,
  ): Promise<LlmOutcome<z.infer<S>>> {
    return this.run(scope, opts.name, (llm) => llm.structured(messages, schema, opts));
  }

  private async run<T>(
    scope: BudgetScope,
    what: string,
    call: (llm: LlmClient) => Promise<{ value: T; usage: LlmUsage }>,
  ): Promise<LlmOutcome<T>> {
    if (!this.llm) return { ok: false, reason: 'no_llm' };
    try {
      if (this.budget && !(await this.budget.hasRoom(scope.tenant, scope.date))) {
        this.logger.info({ tenant: scope.tenant, what }, 'llm daily token budget spent; answering offline');
        return { ok: false, reason: 'budget' };
      }
    } catch (error) {
      this.logger.warn({ tenant: scope.tenant, err: errorName(error) }, 'llm budget unavailable; answering offline');
      return { ok: false, reason: 'error' };
    }
    let result: { value: T; usage: LlmUsage };
    try {
      result = await call(this.llm);
    } catch (error) {
      this.logger.warn({ tenant: scope.tenant, what, err: errorName(error) }, 'llm call failed; answering offline');
      return { ok: false, reason: 'error' };
    }
    try {
      await this.budget?.charge(scope.tenant, scope.date, result.usage.total);
    } catch (error) {
      this.logger.warn({ tenant: scope.tenant, err: errorName(error) }, 'llm usage not charged');
    }
    return { ok: true, value: result.value, usage: result.usage };
  }
}

// Error names and status only: messages may quote user text.
function errorName(error: unknown): string {
  if (error instanceof Error) {
    const status = (error as { status?: unknown }).status;
    return typeof status === 'number' ? `${error.name}(${status})` : error.name;
  }
  return typeof error;
}
