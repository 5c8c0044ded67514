// The fixture format of docs/design.md ("Fixture format"), used by --data, imports and the demo team.
// zod validates at the edge; a wrong fixture gets an error that names the field.
import { z } from 'zod';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');
const count = z.number().int().nonnegative();
const money = z.number().nonnegative().finite();

export const tierSchema = z.object({ from: money, rate: z.number().min(0).max(1) });

export const commissionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('flat'), rate: z.number().min(0).max(1) }),
  z.object({
    type: z.literal('tiered'),
    mode: z.enum(['marginal', 'whole']),
    tiers: z.array(tierSchema).min(1),
  }),
]);

export const teamSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  leads: z.array(z.string()).default([]),
  quadrantThreshold: z.union([z.number().min(1).max(5), z.literal('median')]).default(3.5),
});

export const agentSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  team: z.string().min(1),
  role: z.enum(['agent', 'lead', 'admin']).default('agent'),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  tz: z.string().default('Asia/Shanghai'),
  calendar: z.enum(['CN', 'weekdays']).default('CN'),
  baseSalary: money.default(0),
  commission: commissionSchema.default({ type: 'flat', rate: 0.02 }),
  slack: z.string().optional(),
  teams: z.string().optional(),
  email: z.string().optional(),
});

export const historySchema = z.object({
  agent: z.string().min(1),
  month,
  calls: count,
  connects: count,
  deals: count,
  sales: money,
  prospects: count,
  workdays: count,
});

export const goalSchema = z.object({ agent: z.string().min(1), month, incomeTarget: money });

export const activitySchema = z.object({
  agent: z.string().min(1),
  date: localDate,
  calls: count.default(0),
  connects: count.default(0),
  deals: count.default(0),
  sales: money.default(0),
  prospects: count.default(0),
});

export const rosterSchema = z.object({ agent: z.string().min(1), date: localDate, off: z.boolean() });

export const assessmentSchema = z.object({
  agent: z.string().min(1),
  rater: z.string().min(1),
  date: localDate,
  scores: z.record(z.string(), z.number().min(1).max(5).multipleOf(0.5)),
});

export const fixtureSchema = z
  .object({
    teams: z.array(teamSchema).default([]),
    agents: z.array(agentSchema).default([]),
    history: z.array(historySchema).default([]),
    goals: z.array(goalSchema).default([]),
    activity: z.array(activitySchema).default([]),
    rosters: z.array(rosterSchema).default([]),
    assessments: z.array(assessmentSchema).default([]),
  })
  .superRefine((fixture, ctx) => {
    const agentIds = new Set<string>();
    fixture.agents.forEach((agent, i) => {
      if (agentIds.has(agent.id)) {
        ctx.addIssue({ code: 'custom', path: ['agents', i, 'id'], message: `duplicate agent id "${agent.id}"` });
      }
      agentIds.add(agent.id);
    });
    const teamIds = new Set(fixture.teams.map((team) => team.id));
    fixture.agents.forEach((agent, i) => {
      if (!teamIds.has(agent.team)) {
        ctx.addIssue({ code: 'custom', path: ['agents', i, 'team'], message: `unknown team "${agent.team}"` });
      }
    });
    for (const list of ['history', 'goals', 'activity', 'rosters', 'assessments'] as const) {
      fixture[list].forEach((row, i) => {
        if (!agentIds.has(row.agent)) {
          ctx.addIssue({ code: 'custom', path: [list, i, 'agent'], message: `unknown agent "${row.agent}"` });
        }
      });
    }
  });

export type Fixture = z.infer<typeof fixtureSchema>;

/** Parses a fixture; throws an Error whose message names the first bad fields (path: problem). */
export function parseFixture(input: unknown): Fixture {
  const result = fixtureSchema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new FixtureError(lines);
}

export class FixtureError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid fixture: ${problems.join('; ')}`);
    this.name = 'FixtureError';
  }
}
