// roleplay: the bot plays a scenario's customer turn by turn (LLM, or the scripted lines offline); the
// state is a dialogue in the Store (resumable by any replica, expiring); "结束"/"end" or the turn limit scores it.
import { z } from 'zod';
import { assertCanRead, resolveSubject } from '../access/access';
import type { Handler, HandlerContext } from '../core/context';
import { endDialog, saveDialog, type Dialog } from '../store/dialogs';
import type { Reply } from '../core/reply';
import type { Locale } from '../domain/types';
import { t } from '../i18n';
import { sinkOf } from './coach';
import { agentSummary } from './context';
import type { CoachingDeps } from './deps';
import type { ChatMessage } from './llm';
import { citationsOf, neutralizeTags, promptTokens } from './prompt';
import { redact } from './redact';
import { checklistScore, fromLlm, LlmScoreSchema, rubricText, type RoleplayScore } from './rubric';
import { historyReply, loadScores, recordScore, scoreReply } from './roleplayScores';
import { scenarioForTopic, type Scenario } from './scenarios';
import { systemPrompt } from './systemPrompts';

export const ROLEPLAY_KIND = 'roleplay';
const END = /^\s*(?:结束|结束练习|结束吧|练完了|不练了|end|end (?:the )?(?:role-?play|practice|session)|finish|i'?m done|done)\s*[.!。!]*\s*$/i;
const HISTORY = /记录|历史|成绩|进步|history|scores|my progress/i;
const FALLBACK_SCENARIO = 'rate-too-high';

const TurnSchema = z.object({ role: z.enum(['customer', 'agent']), text: z.string() });
const StateSchema = z.object({
  kind: z.literal(ROLEPLAY_KIND),
  scenario: z.string(),
  locale: z.enum(['zh-CN', 'en']),
  turns: z.array(TurnSchema),
  /** How many customer lines came from the script (offline position). */
  scripted: z.number().int().min(0),
  startedAt: z.string(),
});
export type RoleplayState = z.infer<typeof StateSchema>;

const agentTurns = (s: RoleplayState) => s.turns.filter((x) => x.role === 'agent').length;

function transcript(state: RoleplayState): string {
  return state.turns
    .map((x) => `${t(state.locale, x.role === 'agent' ? 'coaching.roleplay.agent' : 'coaching.roleplay.customer')}: ${neutralizeTags(x.text)}`)
    .join('\n');
}

/** The scenario for a request: named, or by topic words, or the one training the asker's weakest stage. */
async function pickScenario(deps: CoachingDeps, ctx: HandlerContext, topic: string | undefined): Promise<Scenario> {
  const named = scenarioForTopic(deps.scenarios, topic);
  if (named) return named;
  const summary = await agentSummary(ctx);
  const byFocus = summary.courses.map((c) => deps.scenarios.find((s) => s.course === c)).find((s) => s !== undefined);
  return byFocus ?? deps.scenarios.find((s) => s.id === FALLBACK_SCENARIO) ?? deps.scenarios[0];
}

function turnReply(locale: Locale, scenario: Scenario, state: RoleplayState, line: string, offline: boolean, intro?: string): Reply {
  const turn = agentTurns(state) + 1;
  const customer = `${t(locale, 'coaching.roleplay.customer')}: ${line}`;
  return {
    intent: 'roleplay',
    locale,
    title: t(locale, 'coaching.roleplay.title', { title: scenario.title[locale] }),
    text: intro ? `${intro}\n\n${customer}` : `${customer}\n\n${t(locale, 'coaching.roleplay.turn', { turn, max: scenario.maxTurns })}`,
    data: { scenario: scenario.id, turn, maxTurns: scenario.maxTurns, ended: false, citations: [], offline },
  };
}

export function createRoleplay(deps: CoachingDeps): { handler: Handler; continuation: (ctx: HandlerContext, dialog: Dialog, text: string) => Promise<Reply> } {
  const scenarioById = (id: string) => deps.scenarios.find((s) => s.id === id);

  async function customerLine(ctx: HandlerContext, scenario: Scenario, state: RoleplayState): Promise<{ line: string | null; offline: boolean }> {
    const scripted = scenario.text[state.locale].script[state.scripted] ?? null;
    if (!deps.llm.configured) return { line: scripted, offline: true };
    const txt = scenario.text[state.locale];
    const system = systemPrompt('roleplay-customer', state.locale, { persona: txt.persona, hidden: txt.hidden, opening: txt.opening });
    let turns = state.turns;
    const build = (): ChatMessage[] => [
      { role: 'system', content: system },
      ...turns.map((x): ChatMessage => (x.role === 'customer' ? { role: 'assistant', content: x.text } : { role: 'user', content: `<agent_turn>\n${neutralizeTags(x.text)}\n</agent_turn>` })),
    ];
    while (turns.length > 2 && promptTokens(build()) > deps.promptBudget) turns = turns.slice(2);
    const sink = sinkOf(ctx);
    const outcome = await deps.llm.chat({ tenant: ctx.tenant, date: ctx.today }, build(), { maxTokens: 200, ...(sink ? { stream: sink } : {}) });
    return outcome.ok ? { line: outcome.value.trim(), offline: false } : { line: scripted, offline: true };
  }

  async function score(ctx: HandlerContext, scenario: Scenario, state: RoleplayState): Promise<Reply> {
    await endDialog(ctx.store, ctx.tenant, ctx.actor.id);
    const locale = state.locale;
    const agentLines = state.turns.filter((x) => x.role === 'agent').map((x) => x.text);
    let result: RoleplayScore | null = null;
    if (deps.llm.configured && agentLines.length > 0) {
      const messages: ChatMessage[] = [
        { role: 'system', content: systemPrompt('roleplay-score', locale, { rubric: rubricText(scenario, locale), courses: deps.index.courseIds().join(', ') }) },
        { role: 'user', content: `<transcript>\n${transcript(state)}\n</transcript>` },
      ];
      const outcome = await deps.llm.structured({ tenant: ctx.tenant, date: ctx.today }, messages, LlmScoreSchema, { name: 'roleplay_score', maxTokens: 700 });
      if (outcome.ok) result = fromLlm(scenario, outcome.value, deps.index.courseIds());
    }
    result ??= checklistScore(scenario, agentLines, locale);
    const previous = (
      await recordScore(ctx.store, ctx.tenant, ctx.actor.id, {
        at: ctx.now.toISOString(),
        date: ctx.today,
        scenario: scenario.id,
        total: result.total,
        scores: Object.fromEntries(result.scores.map((s) => [s.criterion, s.score])),
        method: result.method,
      })
    )
      .filter((r) => r.scenario === scenario.id)
      .pop();
    const study = deps.index.search(result.change, { locale, courses: [result.course], limit: 1 });
    const courseTitle = deps.index.getCourse(result.course)?.title[locale] ?? result.course;
    return scoreReply(ctx, scenario, result, previous, courseTitle, citationsOf(study), result.method === 'checklist');
  }

  const continuation = async (ctx: HandlerContext, dialog: Dialog, text: string): Promise<Reply> => {
    const parsed = StateSchema.safeParse(dialog);
    const scenario = parsed.success ? scenarioById(parsed.data.scenario) : undefined;
    if (!parsed.success || !scenario) {
      await endDialog(ctx.store, ctx.tenant, ctx.actor.id);
      return { intent: 'roleplay', locale: ctx.locale, text: t(ctx.locale, 'coaching.roleplay.lost'), data: { ended: true, citations: [], offline: true } };
    }
    const state = parsed.data;
    if (END.test(text)) return score(ctx, scenario, state);
    // The agent's words are kept redacted: they go to the LLM and into the score evidence.
    state.turns.push({ role: 'agent', text: redact(text.trim()) });
    if (agentTurns(state) >= scenario.maxTurns) return score(ctx, scenario, state);
    const { line, offline } = await customerLine(ctx, scenario, state);
    if (line === null) return score(ctx, scenario, state);
    state.turns.push({ role: 'customer', text: line });
    if (offline) state.scripted += 1;
    else state.scripted = Math.min(state.scripted + 1, scenario.text[state.locale].script.length - 1);
    await saveDialog(ctx.store, ctx.tenant, ctx.actor.id, state);
    return turnReply(state.locale, scenario, state, line, offline);
  };

  const handler: Handler = async (ctx, args) => {
    const topic = args.topic?.trim();
    if (topic && HISTORY.test(topic)) {
      const name = topic.replace(HISTORY, ' ').replace(/\b(?:my|me|mine|show|see|view|of|the|for|practice|role-?play)\b|[的我看查一下练习\s,,。??]+/gi, ' ').trim();
      const subject = await resolveSubject(ctx.store, ctx.tenant, ctx.actor, name.length >= 2 ? name : undefined);
      await assertCanRead(ctx.store, ctx.tenant, ctx.actor, subject);
      return historyReply(ctx.locale, subject.name, await loadScores(ctx.store, ctx.tenant, subject.id), deps.scenarios);
    }
    const scenario = await pickScenario(deps, ctx, topic);
    const locale = ctx.locale;
    const opening = scenario.text[locale].script[0] ?? scenario.text[locale].opening;
    const state: RoleplayState = {
      kind: ROLEPLAY_KIND,
      scenario: scenario.id,
      locale,
      turns: [{ role: 'customer', text: opening }],
      scripted: 1,
      startedAt: ctx.now.toISOString(),
    };
    await saveDialog(ctx.store, ctx.tenant, ctx.actor.id, state);
    const intro = t(locale, 'coaching.roleplay.intro', { title: scenario.title[locale], max: scenario.maxTurns });
    return turnReply(locale, scenario, state, opening, !deps.llm.configured, intro);
  };

  return { handler, continuation };
}
