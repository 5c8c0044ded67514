// Per-tenant daily LLM token budget, kept in the Store as an expiring counter (`llm_tokens:<date>`),
// so every replica of a tenant draws from one allowance.
import type { Store } from '../store/store';

const TWO_DAYS_SECONDS = 2 * 24 * 3600;

export const budgetKey = (date: string): string => `llm_tokens:${date}`;

export class TokenBudget {
  /** `dailyLimit` tokens per tenant and local day; 0 means the tenant gets no LLM turns at all. */
  constructor(
    private readonly store: Store,
    readonly dailyLimit: number,
  ) {}

  /** Tokens the tenant has used on `date`. */
  spent(tenant: string, date: string): Promise<number> {
    return this.store.incrementCounter(tenant, budgetKey(date), 0, TWO_DAYS_SECONDS);
  }

  async hasRoom(tenant: string, date: string): Promise<boolean> {
    if (this.dailyLimit <= 0) return false;
    return (await this.spent(tenant, date)) < this.dailyLimit;
  }

  /** Records tokens used; returns the day's total. */
  charge(tenant: string, date: string, tokens: number): Promise<number> {
    return this.store.incrementCounter(tenant, budgetKey(date), Math.max(0, Math.round(tokens)), TWO_DAYS_SECONDS);
  }
}
