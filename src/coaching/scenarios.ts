// Role-play scenarios: `prompts/scenarios/*.md` (front matter with the rubric; `# zh-CN` / `# en` bodies
// with persona, opening, hidden objections, what a good agent does and the scripted customer lines).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Locale } from '../domain/types';

export const SCENARIOS_DIR = fileURLToPath(new URL('../../prompts/scenarios', import.meta.url));

const words = z.array(z.union([z.string(), z.number()]).transform((w) => String(w).toLowerCase())).default([]);
const anchors = z.record(z.string(), z.string()).default({});

const Criterion = z.object({
  id: z.string().min(1),
  weight: z.number().positive(),
  name_zh: z.string().min(1),
  name_en: z.string().min(1),
  anchors_zh: anchors,
  anchors_en: anchors,
  keywords_zh: words,
  keywords_en: words,
});
export type Criterion = z.infer<typeof Criterion>;

const FrontMatter = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  title_zh: z.string().min(1),
  title_en: z.string().min(1),
  course: z.string().min(1),
  difficulty: z.number().int().min(1).max(5).default(2),
  max_turns: z.number().int().min(1).max(30).default(8),
  rubric: z.array(Criterion).min(1),
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

export function parseScenario(markdown: string, source = 'scenario'): Scenario {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(markdown);
  if (!m) throw new Error(`${source}: missing YAML front matter`);
  const fm = FrontMatter.parse(parseYaml(m[1]));
  return {
    id: fm.id,
    title: { 'zh-CN': fm.title_zh, en: fm.title_en },
    course: fm.course,
    difficulty: fm.difficulty,
    maxTurns: fm.max_turns,
    rubric: fm.rubric,
    text: parseBody(m[2], source),
  };
}

export function loadScenarios(dir = SCENARIOS_DIR): Scenario[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md') && !f.startsWith('_') && f.toLowerCase() !== 'readme.md')
    .sort()
    .map((f) => parseScenario(readFileSync(join(dir, f), 'utf8'), f));
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
