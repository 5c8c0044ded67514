// Sample records for the store contract suite: two teams, three agents, one small valid fixture.
import type { AgentProfile, HistoryMonth, Team } from '../../src/domain/types';

export function team(id: string, name = `Team ${id}`): Team {
  return { id, name, leads: [], quadrantThreshold: 3.5 };
}

export function agent(id: string, teamId: string, extra: Partial<AgentProfile> = {}): AgentProfile {
  return {
    id,
    name: `Agent ${id}`,
    team: teamId,
    role: 'agent',
    locale: 'zh-CN',
    tz: 'Asia/Shanghai',
    calendar: 'CN',
    baseSalary: 5000,
    commission: { type: 'flat', rate: 0.02 },
    ...extra,
  };
}

export function month(agentId: string, m: string, calls = 1000): HistoryMonth {
  return { agent: agentId, month: m, calls, connects: 300, deals: 20, sales: 200000, prospects: 60, workdays: 21 };
}

/** Raw fixture input (before parseFixture fills defaults). */
export const rawFixture = {
  teams: [{ id: 'sales-1', name: '一组', leads: ['lead'] }],
  agents: [
    { id: 'lead', name: '王组长', team: 'sales-1', role: 'lead', slack: 'U0LEAD' },
    {
      id: 'zhang',
      name: '张伟',
      team: 'sales-1',
      slack: 'U0ZHANG',
      email: 'Zhang.Wei@example.com',
      commission: { type: 'tiered', mode: 'marginal', tiers: [{ from: 0, rate: 0.01 }, { from: 100000, rate: 0.03 }] },
    },
  ],
  history: [
    { agent: 'zhang', month: '2025-02', calls: 900, connects: 270, deals: 18, sales: 180000, prospects: 50, workdays: 18 },
    { agent: 'zhang', month: '2025-01', calls: 1000, connects: 300, deals: 20, sales: 200000, prospects: 60, workdays: 21 },
  ],
  goals: [{ agent: 'zhang', month: '2025-03', incomeTarget: 12000 }],
  activity: [
    { agent: 'zhang', date: '2025-03-04', calls: 80, connects: 25, deals: 2, sales: 30000 },
    { agent: 'zhang', date: '2025-03-03', calls: 85, connects: 30 },
  ],
  rosters: [{ agent: 'zhang', date: '2025-03-05', off: true }],
  assessments: [{ agent: 'zhang', rater: 'lead', date: '2025-03-01', scores: { opening: 4, closing: 3.5 } }],
};
