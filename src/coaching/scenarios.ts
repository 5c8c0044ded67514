// Role-play scenarios: `prompts/scenarios/*.md` (front matter with the rubric and the customer's behaviour;
// `# zh-CN` / `# en` bodies with persona, opening, hidden objections, what a good agent does and an example
// script the LLM customer is shown). `prompts/scenarios/_customer.yaml` holds how every customer reacts
// unless a scenario overrides it. Everything is validated with zod at load; a customer line may hold no
// placeholder (no [, ], { or }), so no reply can show one.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Locale } from '../domain/types';
import { MOVES, type Move } from './roleplayMoves';

export const SCENARIOS_DIR = fileURLToPath(new URL('../../prompts/scenarios', import.meta.url));

const anchors = z.record(z.string(), z.string()).default({});
const MoveId = z.enum(MOVES);

const Criterion = z.object({
  id: z.string().min(1),
  weight: z.number().positive(),
  /** earn: starts at 1 and rises with the turns that show an `earn` move; avoid: starts at 4 (5 with an
   * `earn` move) and falls with the turns that show a `lose` move. Both lose 2 per losing turn. */
  scored: z.enum(['earn', 'avoid']),
  earn: z.array(MoveId).min(1),
  lose: z.array(MoveId).default([]),
  name_zh: z.string().min(1),
  name_en: z.string().min(1),
  anchors_zh: anchors,
  anchors_en: anchors,
});
export type Criterion = z.infer<typeof Criterion>;

/** A customer line: non-empty, and no placeholder of any kind. */
const Line = z
  .string()
  .trim()
  .min(1)
  .refine((l) => !/[[\]{}]/.test(l), { message: 'a customer line may not contain [, ], { or } (no placeholders)' });
const Pool = z.object({ zh: z.array(Line).min(1), en: z.array(Line).min(1) });
const Effect = z.object({ trust: z.number().int().min(-5).max(5), mood: z.number().int().min(-5).max(5) });
const Level = z.number().int().min(0).max(5);
export const CUSTOMER_STATES = ['hostile', 'guarded', 'open'] as const;
export type CustomerStateName = (typeof CUSTOMER_STATES)[number];
export const REACTION_KEYS = [...MOVES, 'all_resolved'] as const;
export type ReactionKey = (typeof REACTION_KEYS)[number];
const ReactionSet = z.record(z.enum(REACTION_KEYS), Pool);
const HangUp = z.object({ mood_at_most: Level, strikes: z.number().int().min(1).max(10) });
const Agree = z.object({ trust_at_least: Level });

/** prompts/scenarios/_customer.yaml */
export const CustomerDefaults = z.object({
  effects: z.record(MoveId, Effect),
  hang_up: HangUp,
  agree: Agree,
  reactions: z.object({ hostile: ReactionSet, guarded: ReactionSet, open: ReactionSet }),
});
export type CustomerDefaults = z.infer<typeof CustomerDefaults>;

const CustomerBlock = z.object({
  name_zh: Line,
  name_en: Line,
  trust: Level,
  mood: Level,
  effects: z.partialRecord(MoveId, Effect).default({}),
  hang_up: HangUp.partial().default({}),
  agree: Agree.partial().default({}),
  /** What the customer tells a good question, in order (a need a benefit can then be tied to). */
  needs: Pool,
  /** The objections in the order they come; one is settled by a turn holding one of `resolved_by`. */
  objections: z
    .array(z.object({ id: z.string().min(1), resolved_by: z.array(MoveId).min(1), zh: z.array(Line).min(1), en: z.array(Line).min(1) }))
    .min(1),
  endings: z.object({ agree: Pool, hang_up: Pool, ask_time: Pool }),
});

export interface Customer {
  name: Record<Locale, string>;
  trust: number;
  mood: number;
  effects: Record<Move, { trust: number; mood: number }>;
  hangUp: { moodAtMost: number; strikes: number };
  agreeAt: number;
  needs: Record<Locale, string[]>;
  objections: { id: string; resolvedBy: Move[]; lines: Record<Locale, string[]> }[];
  endings: Record<'agree' | 'hang_up' | 'ask_time', Record<Locale, string[]>>;
  reactions: Record<CustomerStateName, Record<ReactionKey, Record<Locale, string[]>>>;
}

const both = (p: { zh: string[]; en: string[] }): Record<Locale, string[]> => ({ 'zh-CN': p.zh, en: p.en });

function customerOf(block: z.infer<typeof CustomerBlock>, d: CustomerDefaults): Customer {
  const reactions = Object.fromEntries(
    CUSTOMER_STATES.map((st) => [st, Object.fromEntries(REACTION_KEYS.map((k) => [k, both(d.reactions[st][k])]))]),
  ) as Customer['reactions'];
  return {
    name: { 'zh-CN': block.name_zh, en: block.name_en },
    trust: block.trust,
    mood: block.mood,
    effects: { ...d.effects, ...block.effects } as Customer['effects'],
    hangUp: { moodAtMost: block.hang_up.mood_at_most ?? d.hang_up.mood_at_most, strikes: block.hang_up.strikes ?? d.hang_up.strikes },
    agreeAt: block.agree.trust_at_least ?? d.agree.trust_at_least,
    needs: both(block.needs),
    objections: block.objections.map((o) => ({ id: o.id, resolvedBy: o.resolved_by, lines: both(o) })),
    endings: { agree: both(block.endings.agree), hang_up: both(block.endings.hang_up), ask_time: both(block.endings.ask_time) },
    reactions,
  };
}

let defaultsCache: CustomerDefaults | undefined;
export function loadCustomerDefaults(dir = SCENARIOS_DIR): CustomerDefaults {
  const parsed = CustomerDefaults.parse(parseYaml(readFileSync(join(dir, '_customer.yaml'), 'utf8')));
  if (dir === SCENARIOS_DIR) defaultsCache = parsed;
  return parsed;
}

const FrontMatter = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  title_zh: z.string().min(1),
  title_en: z.string().min(1),
  course: z.string().min(1),
  difficulty: z.number().int().min(1).max(5).default(2),
  max_turns: z.number().int().min(1).max(30).default(8),
  rubric: z.array(Criterion).min(1),
  customer: CustomerBlock,
});

export interface ScenarioText {
  persona: string;
  opening: string;
  hidden: string;
  good: string;
  /** The customer's scripted lines, in order (offline role-play). */
  script: string[];
}

export interface Scenario {
  id: string;
  title: Record<Locale, string>;
  course: string;
  difficulty: number;
  maxTurns: number;
  rubric: Criterion[];
  customer: Customer;
  text: Record<Locale, ScenarioText>;
}

const SECTION_KEYS: Record<string, keyof ScenarioText> = {
  人设: 'persona',
  开场: 'opening',
  隐藏异议: 'hidden',
  优秀做法: 'good',
  脚本: 'script',
  persona: 'persona',
  opening: 'opening',
  'hidden objections': 'hidden',
  'what a good agent does': 'good',
  script: 'script',
};

function parseBody(body: string, source: string): Record<Locale, ScenarioText> {
  const raw: Record<Locale, Partial<Record<keyof ScenarioText, string[]>>> = { 'zh-CN': {}, en: {} };
  let locale: Locale | undefined;
  let section: keyof ScenarioText | undefined;
  for (const line of body.split(/\r?\n/)) {
    const h1 = /^#\s+(.+?)\s*$/.exec(line);
    const h2 = /^##\s+(.+?)\s*$/.exec(line);
    if (h1) {
      locale = /^zh/i.test(h1[1]) ? 'zh-CN' : /^en/i.test(h1[1]) ? 'en' : undefined;
      section = undefined;
    } else if (h2) {
      section = SECTION_KEYS[h2[1].trim().toLowerCase()];
      if (locale && section) raw[locale][section] = [];
    } else if (locale && section) {
      raw[locale][section]?.push(line);
    }
  }
  const out = {} as Record<Locale, ScenarioText>;
  for (const loc of ['zh-CN', 'en'] as const) {
    const get = (k: keyof ScenarioText) => (raw[loc][k] ?? []).join('\n').trim();
    const script = (raw[loc].script ?? []).flatMap((l) => {
      const m = /^\s*\d+[.)、]\s*(.+?)\s*$/.exec(l);
      return m ? [m[1]] : [];
    });
    if (!get('persona') || !get('opening') || script.length === 0) throw new Error(`${source}: # ${loc} needs persona, opening and a numbered script`);
    out[loc] = { persona: get('persona'), opening: get('opening'), hidden: get('hidden'), good: get('good'), script };
  }
  return out;
}

export function parseScenario(markdown: string, source = 'scenario', defaults?: CustomerDefaults): Scenario {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(markdown);
  if (!m) throw new Error(`${source}: missing YAML front matter`);
  const checked = FrontMatter.safeParse(parseYaml(m[1]));
  if (!checked.success) throw new Error(`${source}: ${z.prettifyError(checked.error)}`);
  const fm = checked.data;
  const d = defaults ?? defaultsCache ?? loadCustomerDefaults();
  return {
    id: fm.id,
    title: { 'zh-CN': fm.title_zh, en: fm.title_en },
    course: fm.course,
    difficulty: fm.difficulty,
    maxTurns: fm.max_turns,
    rubric: fm.rubric,
    customer: customerOf(fm.customer, d),
    text: parseBody(m[2], source),
  };
}

export function loadScenarios(dir = SCENARIOS_DIR): Scenario[] {
  const defaults = loadCustomerDefaults(dir);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md') && !f.startsWith('_') && f.toLowerCase() !== 'readme.md')
    .sort()
    .map((f) => parseScenario(readFileSync(join(dir, f), 'utf8'), f, defaults));
}

// Words a request uses for each scenario ("来练一下利率太高" → rate-too-high).
const TOPIC_WORDS: Array<[RegExp, string]> = [
  [/考虑|想想|再说|回头|商量|think (?:about|it over)|get back to you|not sure yet/i, 'think-about-it'],
  [/有卡|已经有|卡太多|already (?:have|got)|another card/i, 'already-have-card'],
  [/年费|扣费|乱收费|投诉|生气|发火|骂|angry|complain|annual fee|fee complaint|charged/i, 'fee-complaint'],
  [/老人|老年|大爷|大妈|阿姨|诈骗|骗子|怕被骗|elderly|older customer|senior|fraud|scam/i, 'elderly-fraud-fear'],
  [/忙|老板|没时间|busy|owner|no time/i, 'busy-owner'],
  [/别家|他行|别的银行|竞品|竞争|同业|competitor|other bank|better offer|another bank/i, 'competitor-offer'],
  [/销卡|销户|注销|退卡|不用了|cancel|close (?:my|the) (?:card|account)/i, 'cancellation'],
  [/利率|利息|价格|太贵|贵|费率|手续费|price|rate|interest|expensive|cost/i, 'rate-too-high'],
  // A general "objection" practice starts with the most common one, the price/rate objection.
  [/异议|拒绝|objection|pushback/i, 'rate-too-high'],
];


/** The scenario a free-text topic asks for (by id, title or typical words), or null. */
export function scenarioForTopic(scenarios: Scenario[], topic: string | undefined): Scenario | null {
  if (!topic) return null;
  const lower = topic.toLowerCase();
  const direct = scenarios.find((s) => lower.includes(s.id) || lower.includes(s.title['zh-CN']) || lower.includes(s.title.en.toLowerCase()));
  if (direct) return direct;
  for (const [re, id] of TOPIC_WORDS) {
    if (re.test(topic)) {
      const hit = scenarios.find((s) => s.id === id);
      if (hit) return hit;
    }
  }
  return null;
}
