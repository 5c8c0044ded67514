// A small team for the coaching tests (March 2026, "now" Wed 18th): 张三 asks; 李四 carries distinctive
// numbers that must never reach the LLM; 王五 is behind and 李四 at risk (never named in a huddle).
import type { Fixture } from '../../src/store/fixture';
import { parseFixture } from '../../src/store/fixture';

export const NOW = new Date('2026-03-18T09:00:00+08:00');
export const LISI_SECRETS = ['587654', '587,654', '45678', '45,678', '1913', '1,913'];

const agent = (id: string, name: string, role: 'agent' | 'lead' = 'agent') => ({
  id,
  name,
  team: 't1',
  role,
  locale: 'zh-CN' as const,
  tz: 'Asia/Shanghai',
  calendar: 'CN' as const,
  baseSalary: 3000,
  commission: { type: 'flat' as const, rate: 0.02 },
});

const normal = { calls: 1800, connects: 720, deals: 36, sales: 540000, prospects: 120, workdays: 20 };
const lisi = { calls: 1913, connects: 767, deals: 39, sales: 587654, prospects: 131, workdays: 21 };

// Working days of March 2026 before the 18th; the 16th and 17th are "this week".
const DAYS = ['02', '03', '04', '05', '06', '09', '10', '11', '12', '13', '16', '17'].map((d) => `2026-03-${d}`);
const dailySales: Record<string, number> = { a1: 20500, a2: 25000, a3: 17400, a4: 26000 };

function activity() {
  return Object.entries(dailySales).flatMap(([id, sales]) =>
    DAYS.map((date) => {
      const thisWeek = date >= '2026-03-16';
      const connects = thisWeek ? (id === 'a4' ? 35 : 25) : 40;
      return { agent: id, date, calls: 100, connects, deals: thisWeek ? 1 : 2, sales, prospects: thisWeek ? 3 : 6 };
    }),
  );
}

export function coachingFixture(): Fixture {
  return parseFixture({
    teams: [{ id: 't1', name: '电销一组', leads: ['l1'], quadrantThreshold: 3.5 }],
    agents: [agent('l1', '王芳', 'lead'), agent('a1', '张三'), agent('a2', '李四'), agent('a3', '王五'), agent('a4', '赵六')],
    history: ['a1', 'a2', 'a3', 'a4'].flatMap((id) =>
      ['2026-01', '2026-02'].map((month) => ({ agent: id, month, ...(id === 'a2' ? lisi : normal) })),
    ),
    goals: [
      { agent: 'a1', month: '2026-03', incomeTarget: 12000 },
      { agent: 'a2', month: '2026-03', incomeTarget: 45678 },
      { agent: 'a3', month: '2026-03', incomeTarget: 12000 },
      { agent: 'a4', month: '2026-03', incomeTarget: 12000 },
    ],
    activity: activity(),
  });
}
