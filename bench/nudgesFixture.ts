// The benchmarks' tenant: n agents in teams of 10, three months of history and this month's goal each,
// every agent with a Slack id (U<i>), so each gets a morning nudge on 2026-03-04.
import type { Fixture } from '../src/store/fixture';

export function buildFixture(n: number): Fixture {
  const agents = Array.from({ length: n }, (_, i) => ({
    id: `a${i}`, name: `Agent ${i}`, team: `t${Math.floor(i / 10)}`, role: 'agent' as const, locale: i % 3 === 0 ? ('en' as const) : ('zh-CN' as const),
    tz: 'Asia/Shanghai', calendar: 'CN' as const, baseSalary: 3000, commission: { type: 'flat' as const, rate: 0.02 }, slack: `U${i}`,
  }));
  return {
    teams: Array.from({ length: Math.ceil(n / 10) }, (_, t) => ({ id: `t${t}`, name: `Team ${t}`, leads: [], quadrantThreshold: 3.5 })),
    agents,
    history: agents.flatMap((a, i) =>
      ['2025-12', '2026-01', '2026-02'].map((month) => ({
        agent: a.id, month, calls: 1800 + (i % 7) * 60, connects: 700 - (i % 5) * 40, deals: 30 + (i % 4) * 3, sales: 450000 + (i % 6) * 30000, prospects: 120 + (i % 3) * 20, workdays: 20,
      })),
    ),
    goals: agents.map((a, i) => ({ agent: a.id, month: '2026-03', incomeTarget: 10000 + (i % 5) * 1000 })),
    activity: [], rosters: [], assessments: [],
  } as Fixture;
}
