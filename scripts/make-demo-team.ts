// Writes fixtures/demo-team.json: two teams with varied, deterministic history (Aug–Oct 2026),
// November 2026 goals and activity, both commission kinds, rosters and assessments.
// Re-run with `npx tsx scripts/make-demo-team.ts` after changing the profiles below.
import { writeFileSync } from 'node:fs';
import { commissionFor, workingDaysInMonth } from '../src/domain/goals';
import { parseFixture } from '../src/store/fixture';

interface Profile {
  id: string; name: string; team: string; role: 'agent' | 'lead'; locale: 'zh-CN' | 'en';
  base: number; tiered?: boolean; callsPerDay: number; connectRate: number; closeRate: number;
  avgDeal: number; prospectToDeal: number;
  /** This month's sales goal as a multiple of the agent's average month (the demo shows ahead and behind). */
  stretch: number;
  ability: number; cognition: number; selfBias: number;
}

const profiles: Profile[] = [
  { id: 'l1', name: '王芳', team: 't1', role: 'lead', locale: 'zh-CN', base: 6000, callsPerDay: 40, connectRate: 0.42, closeRate: 0.1, avgDeal: 16000, prospectToDeal: 0.3, stretch: 1.0, ability: 4.5, cognition: 4.5, selfBias: 0 },
  { id: 'a1', name: '张伟', team: 't1', role: 'agent', locale: 'zh-CN', base: 3000, callsPerDay: 120, connectRate: 0.4, closeRate: 0.05, avgDeal: 15000, prospectToDeal: 0.3, stretch: 1.1, ability: 4.5, cognition: 4, selfBias: 0 },
  { id: 'a2', name: '李娜', team: 't1', role: 'agent', locale: 'zh-CN', base: 3000, tiered: true, callsPerDay: 110, connectRate: 0.36, closeRate: 0.07, avgDeal: 14000, prospectToDeal: 0.28, stretch: 1.25, ability: 4, cognition: 4.5, selfBias: 0.5 },
  { id: 'a3', name: '刘洋', team: 't1', role: 'agent', locale: 'zh-CN', base: 3000, callsPerDay: 95, connectRate: 0.3, closeRate: 0.05, avgDeal: 12000, prospectToDeal: 0.25, stretch: 1.3, ability: 2.5, cognition: 4, selfBias: 1.5 },
  { id: 'a4', name: '陈静', team: 't1', role: 'agent', locale: 'zh-CN', base: 3000, tiered: true, callsPerDay: 130, connectRate: 0.42, closeRate: 0.04, avgDeal: 13000, prospectToDeal: 0.22, stretch: 1.15, ability: 4, cognition: 2.5, selfBias: 0.5 },
  { id: 'a5', name: '杨磊', team: 't1', role: 'agent', locale: 'zh-CN', base: 3000, callsPerDay: 80, connectRate: 0.33, closeRate: 0.045, avgDeal: 11000, prospectToDeal: 0.2, stretch: 1.2, ability: 2.5, cognition: 2.5, selfBias: 1 },
  { id: 'a6', name: '赵敏', team: 't1', role: 'agent', locale: 'en', base: 3500, callsPerDay: 115, connectRate: 0.38, closeRate: 0.06, avgDeal: 16000, prospectToDeal: 0.3, stretch: 1.0, ability: 3, cognition: 4, selfBias: 0 },
  { id: 'a7', name: '黄晓明', team: 't1', role: 'agent', locale: 'zh-CN', base: 3000, callsPerDay: 100, connectRate: 0.37, closeRate: 0.055, avgDeal: 12500, prospectToDeal: 0.26, stretch: 1.1, ability: 3, cognition: 3.5, selfBias: 0.5 },
  { id: 'a8', name: '周婷', team: 't1', role: 'agent', locale: 'zh-CN', base: 3000, tiered: true, callsPerDay: 105, connectRate: 0.39, closeRate: 0.06, avgDeal: 14500, prospectToDeal: 0.27, stretch: 1.05, ability: 4.5, cognition: 4.5, selfBias: 0 },
  { id: 'l2', name: '孙强', team: 't2', role: 'lead', locale: 'zh-CN', base: 6000, callsPerDay: 40, connectRate: 0.4, closeRate: 0.09, avgDeal: 15000, prospectToDeal: 0.3, stretch: 1.0, ability: 4, cognition: 4, selfBias: 0 },
  { id: 'b1', name: '吴昊', team: 't2', role: 'agent', locale: 'zh-CN', base: 3200, callsPerDay: 110, connectRate: 0.37, closeRate: 0.055, avgDeal: 14000, prospectToDeal: 0.27, stretch: 1.1, ability: 3.5, cognition: 3.5, selfBias: 0 },
  { id: 'b2', name: '郑丽', team: 't2', role: 'agent', locale: 'en', base: 3200, callsPerDay: 100, connectRate: 0.35, closeRate: 0.05, avgDeal: 13500, prospectToDeal: 0.25, stretch: 1.2, ability: 3, cognition: 4, selfBias: 0.5 },
];

const ABILITY = ['professional_knowledge', 'general_knowledge', 'answering_skills', 'tool_use'];
const COGNITION = ['occupational_identity', 'work_enthusiasm', 'work_attitude', 'work_style', 'corporate_values', 'service_philosophy', 'logical_thinking', 'learning_ability'];
const clampScore = (x: number) => Math.min(5, Math.max(1, Math.round(x * 2) / 2));
// Deterministic small wobble so months and dimensions differ without randomness.
const wobble = (seed: number) => ((seed * 9301 + 49297) % 233280) / 233280 - 0.5;

const tiered = { type: 'tiered' as const, mode: 'marginal' as const, tiers: [{ from: 0, rate: 0.015 }, { from: 200000, rate: 0.025 }, { from: 500000, rate: 0.035 }] };
const fixture = {
  teams: [
    { id: 't1', name: '电销一组', leads: ['l1'], quadrantThreshold: 3.5 },
    { id: 't2', name: '电销二组', leads: ['l2'], quadrantThreshold: 'median' as const },
  ],
  agents: profiles.map((p, i) => ({
    id: p.id, name: p.name, team: p.team, role: p.role, locale: p.locale, tz: 'Asia/Shanghai', calendar: 'CN' as const,
    baseSalary: p.base, commission: p.tiered ? tiered : { type: 'flat' as const, rate: 0.02 },
    slack: `U0DEMO${String(i).padStart(4, '0')}`, teams: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  })),
  history: profiles.flatMap((p, i) =>
    ['2026-08', '2026-09', '2026-10'].map((month, m) => {
      const workdays = workingDaysInMonth(month, 'CN', []).length;
      const f = 1 + 0.08 * wobble(i * 7 + m);
      const calls = Math.round(p.callsPerDay * workdays * f);
      const connects = Math.round(calls * p.connectRate);
      const deals = Math.max(1, Math.round(connects * p.closeRate));
      return { agent: p.id, month, calls, connects, deals, sales: Math.round(deals * p.avgDeal * (1 + 0.1 * wobble(i + m * 3))),
        prospects: Math.round(deals / p.prospectToDeal), workdays };
    }),
  ),
  goals: [] as Array<{ agent: string; month: string; incomeTarget: number }>,
  activity: profiles.flatMap((p, i) =>
    workingDaysInMonth('2026-11', 'CN', []).filter((d) => d < '2026-11-25').map((date, d) => {
      const calls = Math.round(p.callsPerDay * (1 + 0.2 * wobble(i * 31 + d)) * (p.id === 'a5' ? 0.7 : 1));
      // This week the floor's connect rate dips (a new number batch), so the huddle has a focus to coach.
      const connects = Math.round(calls * p.connectRate * (date >= '2026-11-23' ? 0.75 : 1));
      const deals = Math.round(connects * p.closeRate + wobble(i * 13 + d * 5) + 0.2);
      return { agent: p.id, date, calls, connects, deals: Math.max(0, deals), sales: Math.max(0, deals) * p.avgDeal,
        prospects: Math.round(Math.max(0, deals) / p.prospectToDeal) };
    }),
  ),
  rosters: [
    { agent: 'a2', date: '2026-11-27', off: true },
    { agent: 'a3', date: '2026-11-28', off: false },
  ],
  assessments: profiles.flatMap((p, i) => {
    const lead = p.team === 't1' ? 'l1' : 'l2';
    const score = (axis: number, dim: number, bias: number) => clampScore(axis + 0.5 * wobble(i * 17 + dim) + bias);
    const dims = [...ABILITY.map((d, k) => [d, p.ability, k] as const), ...COGNITION.map((d, k) => [d, p.cognition, k + 4] as const)];
    const byLead = { agent: p.id, rater: lead, date: '2026-10-28', scores: Object.fromEntries(dims.map(([d, axis, k]) => [d, score(axis, k, 0)])) };
    const self = { agent: p.id, rater: p.id, date: '2026-10-25', scores: Object.fromEntries(dims.map(([d, axis, k]) => [d, score(axis, k, k === 2 ? p.selfBias : p.selfBias / 2)])) };
    return p.role === 'lead' ? [self] : [self, byLead];
  }),
};

// Income target = base + the commission on `stretch` × the agent's average monthly sales.
for (const p of profiles) {
  const rows = fixture.history.filter((h) => h.agent === p.id);
  const avgSales = rows.reduce((sum, h) => sum + h.sales, 0) / rows.length;
  const agent = fixture.agents.find((a) => a.id === p.id)!;
  const income = p.base + commissionFor(avgSales * p.stretch, agent.commission);
  fixture.goals.push({ agent: p.id, month: '2026-11', incomeTarget: Math.round(income / 100) * 100 });
}

const parsed = parseFixture(fixture);
writeFileSync(new URL('../fixtures/demo-team.json', import.meta.url), `${JSON.stringify(parsed, null, 2)}\n`);
console.error(`wrote fixtures/demo-team.json: ${parsed.agents.length} people, ${parsed.history.length} history rows, ${parsed.activity.length} activity rows`);
