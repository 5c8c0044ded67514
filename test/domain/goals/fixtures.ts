// Shared hand-made histories for the goal tests; their pooled sums are worked out in the comments.
import type { HistoryMonth } from '../../../src/domain/types';

const row = (agent: string, month: string, v: Omit<HistoryMonth, 'agent' | 'month'>): HistoryMonth => ({ agent, month, ...v });

/**
 * Agent a1. Plan month 2026-03 uses 2025-12, 2026-01, 2026-02:
 * Σcalls 5000, Σconnects 2000, Σdeals 80, Σsales 1 200 000, Σprospects 300, Σworkdays 60.
 * Own rates: connect 2000/5000 = 0.4, close 80/2000 = 0.04, avg 1 200 000/80 = 15 000, p2d 80/300.
 */
export const a1History: HistoryMonth[] = [
  row('a1', '2025-11', { calls: 9999, connects: 1, deals: 1, sales: 1, prospects: 1, workdays: 20 }), // too old
  row('a1', '2025-12', { calls: 1800, connects: 700, deals: 30, sales: 450000, prospects: 100, workdays: 20 }),
  row('a1', '2026-01', { calls: 1700, connects: 650, deals: 28, sales: 400000, prospects: 90, workdays: 20 }),
  row('a1', '2026-02', { calls: 1500, connects: 650, deals: 22, sales: 350000, prospects: 110, workdays: 20 }),
  row('a1', '2026-03', { calls: 1, connects: 1, deals: 1, sales: 99, prospects: 1, workdays: 1 }), // the plan month itself
];

/**
 * a2's last 3 months before 2026-03 (2025-12..2026-02): calls 5000, connects 1500, deals 70, sales 700 000,
 * prospects 350, workdays 60 (its 2025-11 is older than its 3 latest months and is ignored).
 * a3 has only 2025-10 and 2025-11: calls 2000, connects 500, deals 30, sales 500 000, prospects 150, workdays 40.
 * Team (a1 + a2 + a3): calls 12 000, connects 4000, deals 180, sales 2 400 000, prospects 800, workdays 160.
 * Team rates: connect 1/3, close 0.045, avg 2 400 000/180 = 13 333.33…, p2d 0.225; sales per agent-workday 15 000.
 */
export const teamHistory: HistoryMonth[] = [
  ...a1History,
  row('a2', '2025-11', { calls: 7777, connects: 7, deals: 7, sales: 7, prospects: 7, workdays: 7 }),
  row('a2', '2025-12', { calls: 2000, connects: 600, deals: 30, sales: 300000, prospects: 150, workdays: 20 }),
  row('a2', '2026-01', { calls: 1500, connects: 450, deals: 20, sales: 200000, prospects: 100, workdays: 20 }),
  row('a2', '2026-02', { calls: 1500, connects: 450, deals: 20, sales: 200000, prospects: 100, workdays: 20 }),
  row('a3', '2025-10', { calls: 1000, connects: 250, deals: 15, sales: 250000, prospects: 75, workdays: 20 }),
  row('a3', '2025-11', { calls: 1000, connects: 250, deals: 15, sales: 250000, prospects: 75, workdays: 20 }),
];
