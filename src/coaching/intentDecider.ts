// Understanding's layer 4: when the intent model is unsure and an LLM is configured, one forced tool call
// picks among the model's best readings (the intents as tools; no tool takes a number). Time-boxed; any
// failure (time-out, 429, malformed call) returns null and the offline decision stands.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Logger } from '../logger';
import type { IntentDecider, TaskIntent } from '../understanding';
import { TASK_INTENTS } from '../understanding';
import type { Ranked } from '../understanding/model/softmax';
import type { LlmClient, ToolSpec } from './llm';

/** The whole decision, network included, must fit in this (the person is waiting for a reply). */
export const DECIDE_TIMEOUT_MS = 3000;

const PROMPT = fileURLToPath(new URL('../../prompts/system/understand.md', import.meta.url));

/** What each intent is, for the tool descriptions (English: the model reads it, people never do). */
const DESCRIPTIONS: Record<TaskIntent, string> = {
  calls_today: "How many calls (connects, deals, prospects) the person, or a named member, needs today or on a given day.",
  plan: 'Break the month goal down into weeks and days.',
  set_goal: 'Set or change the monthly income target, base salary or commission rate.',
  suggest_target: 'Ask what target to set, or whether a proposed target is realistic.',
  progress: 'Ask about pace this month: on track, behind, projection (own or a named member).',
  log_activity: 'Report numbers already done: calls, connects, deals, sales, prospects.',
  diagnose: 'Ask where their own (or a named member\'s) funnel is weak: connect rate, close rate, deal size.',
  assess: 'Start a competency self-assessment, or rate a member.',
  quadrant: 'Ask which competency quadrant they (or the team) are in.',
  mentors: 'Team lead: pair mentors with apprentices.',
  team: "Team lead: the team's dashboard and pace.",
  huddle: 'Team lead: a coaching topic or script for the morning huddle.',
  coach: 'Any coaching question or remark: customers, objections, mood, motivation, career, chit-chat.',
  roleplay: 'Practise now with a simulated customer, or see practice history.',
  course: 'Ask about a training course or for a course recommendation.',
  nudges: 'Daily reminder settings: time, pause, stop, resume.',
  export: 'Team lead: export or download the monthly goal sheet.',
  import: 'Team lead or admin: import a roster or data file.',
  help: 'Greetings, or what the assistant can do.',
};

const SCOPED = z.object({ scope: z.enum(['self', 'team']).describe('About the asker (or a named person) or the whole team') });
const EMPTY = z.object({});

function toolFor(intent: TaskIntent): ToolSpec {
  return { name: intent, description: DESCRIPTIONS[intent], parameters: intent === 'quadrant' || intent === 'diagnose' ? SCOPED : EMPTY };
}

export class LlmIntentDecider implements IntentDecider {
  private readonly system: string;

  constructor(
    private readonly llm: LlmClient,
    private readonly logger: Logger,
    private readonly timeoutMs = DECIDE_TIMEOUT_MS,
  ) {
    this.system = readFileSync(PROMPT, 'utf8').replace(/^# all\s*/, '').trim();
  }

  async decide(text: string, candidates: readonly Ranked[]): Promise<{ intent: TaskIntent; teamScope?: boolean } | null> {
    const pickTool = this.llm.pickTool?.bind(this.llm);
    if (!pickTool) return null;
    const names = new Set<TaskIntent>([...candidates.map((c) => c.label as TaskIntent), 'coach']);
    const tools = TASK_INTENTS.filter((intent) => names.has(intent)).map(toolFor);
    let timer: NodeJS.Timeout | undefined;
    try {
      const call = pickTool(
        [
          { role: 'system', content: this.system },
          // The client redacts personal identifiers on the way out (llm.ts).
          { role: 'user', content: `<message>${text.slice(0, 1000)}</message>` },
        ],
        tools,
        { timeoutMs: this.timeoutMs },
      );
      const timeout = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), this.timeoutMs);
      });
      const result = await Promise.race([call, timeout]);
      if (!result) {
        call.catch(() => undefined);
        this.logger.warn({ timeoutMs: this.timeoutMs }, 'understanding: LLM decision timed out; offline decision used');
        return null;
      }
      return { intent: result.value.name as TaskIntent, ...(result.value.arguments.scope === 'team' ? { teamScope: true } : {}) };
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'understanding: LLM decision failed; offline decision used');
      return null;
    } finally {
      clearTimeout(timer);
    }
  }
}
