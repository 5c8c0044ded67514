// The funnel chain of docs/design.md goal step 4, shared by the month plan, "today", the OKR and the
// diagnosis so all of them turn sales into activity the same way.
import { ceil, fmt, fmtMoney } from './money';
import type { Rates } from './types';

export interface ChainCounts {
  deals: number;
  connects: number;
  calls: number;
  prospects: number;
}

type ChainRates = Pick<Rates, 'connectRate' | 'closeRate' | 'avgDealSize' | 'prospectToDeal'>;

/** sales → deals → connects → calls, and deals → prospects; rates must be positive. */
export function chain(sales: number, rates: ChainRates): ChainCounts {
  const deals = ceil(sales / rates.avgDealSize);
  const connects = ceil(deals / rates.closeRate);
  const calls = ceil(connects / rates.connectRate);
  const prospects = ceil(deals / rates.prospectToDeal);
  return { deals, connects, calls, prospects };
}

/** The chain written out with its numbers; `label` names the sales amount (S, remainingSales). */
export function chainFormula(label: string, sales: number, rates: ChainRates, counts: ChainCounts): string {
  return [
    `deals = ceil(${label} / avgDealSize) = ceil(${fmtMoney(sales)} / ${fmtMoney(rates.avgDealSize)}) = ${counts.deals}`,
    `connects = ceil(deals / closeRate) = ceil(${counts.deals} / ${fmt(rates.closeRate)}) = ${counts.connects}`,
    `calls = ceil(connects / connectRate) = ceil(${counts.connects} / ${fmt(rates.connectRate)}) = ${counts.calls}`,
    `prospects = ceil(deals / prospectToDeal) = ceil(${counts.deals} / ${fmt(rates.prospectToDeal)}) = ${counts.prospects}`,
  ].join('; ');
}
