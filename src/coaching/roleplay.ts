// roleplay: the bot plays a scenario's customer turn by turn. Each agent turn is read as moves
// (roleplayMoves.ts); the customer's state (trust, mood, the objection it is on) follows from them
// (roleplayCustomer.ts) and decides what the customer says next and how the call ends. With an LLM, the
// LLM phrases the customer's line from the scenario and that state; the offline line stands in on any
// failure. The state is a dialogue in the Store (resumable by any replica, expiring); "结束"/"end", the
// turn limit or an ending (agrees, hangs up, asks for time) scores it (rubric.ts).
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
import { customerTurn, initialCustomer, stateName, type CustomerState, type Ending } from './roleplayCustomer';
import { classifyTurn, MOVES, type Move } from './roleplayMoves';
import { fromLlm, LlmScoreSchema, movesScore, rubricText, turnRef, type RoleplayScore, type ScoredTurn } from './rubric';
import { historyReply, loadScores, recordScore, scoreReply } from './roleplayScores';
import { scenarioForTopic, type Scenario } from './scenarios';
import { systemPrompt } from './systemPrompts';
import { ASSIGN, ASSIGNED_STATUS, assignedStatus, assignPractice, completeAssignment, namesSomeoneElse, pendingAssignment, START_ASSIGNED } from '../core/handlers/lead/practice';

export const ROLEPLAY_KIND = 'roleplay';
const END = /^\s*(?:结束|结束练习|结束吧|练完了|不练了|end|end (?:the )?(?:role-?play|practice|session)|finish|i'?m done|done)\s*[.!。!]*\s*$/i;
const HISTORY = /记录|历史|成绩|进步|history|scores|my progress/i;
const FALLBACK_SCENARIO = 'rate-too-high';

const TurnSchema = z.object({
  role: z.enum(['customer', 'agent']),
  text: z.string(),
  /** Agent turns: the moves read in them, and whether the customer had told a need before. */
  moves: z.array(z.enum(MOVES)).optional(),
  needKnown: z.boolean().optional(),
});
const CustomerStateSchema = z.object({
  trust: z.number(),
  mood: z.number(),
  objection: z.number().int().min(0),
  needs: z.number().int().min(0),
  strikes: z.number().int().min(0),
  used: z.array(z.string()),
  settled: z.array(z.string()).optional(),
  ending: z.enum(['agreed', 'hung_up', 'asked_time']).optional(),
});
const StateSchema = z.object({
  kind: z.literal(ROLEPLAY_KIND),
  scenario: z.string(),
  locale: z.enum(['zh-CN', 'en']),
  turns: z.array(TurnSchema),
  customer: CustomerStateSchema,
  startedAt: z.string(),
  /** Set when a lead assigned this practice (roleplayAssign.ts). */
  assignment: z.string().optional(),
});
export type RoleplayState = z.infer<typeof StateSchema>;

const agentTurns = (s: RoleplayState) => s.turns.filter((x) => x.role === 'agent').length;

/** The agent's turns, numbered from 1, as the scorer reads them. */
export function scoredTurns(state: RoleplayState): ScoredTurn[] {
  let n = 0;
  return state.turns.flatMap((x) => (x.role === 'agent' ? [{ turn: ++n, text: x.text, moves: (x.moves ?? []) as Move[], needKnown: x.needKnown ?? false }] : []));
}

/** The transcript the LLM scorer reads: agent turns numbered, as evidence must cite them. */
function transcript(state: RoleplayState): string {
  let n = 0;
  return state.turns
    .map((x) =>
      x.role === 'agent'
        ? `${t(state.locale, 'coaching.roleplay.agent')} (${turnRef(state.locale, ++n)}): ${neutralizeTags(x.text)}`
        : `${t(state.locale, 'coaching.roleplay.customer')}: ${neutralizeTags(x.text)}`,
    )
    .join('\n');
}

/**
 * The agent's words, redacted, except the role-play customer's own fictional name ("刘先生您好" stays as
 * typed: the persona is no person, and the evidence should read as the agent wrote it).
 */
export function redactKeepingPersona(text: string, scenario: Scenario): string {
  const names = [scenario.customer.name['zh-CN'], scenario.customer.name.en];
  const keep = names.map((_, i) => `\u2060${i}\u2060`);
  let masked = text;
  names.forEach((n, i) => (masked = masked.split(n).join(keep[i])));
  let out = redact(masked);
  names.forEach((n, i) => (out = out.split(keep[i]).join(n)));
  return out;
}

/** Redaction placeholders ([PHONE]…) are shown masked: no reply carries a bracketed placeholder. */
export const shown = (text: string): string => text.replace(/\[[A-Z_]+\]/g, '•••').replace(/\{\{[^}]*\}\}/g, '•••');

/** A line the LLM wrote is used only if it holds no placeholder and is a plausible single turn. */
const usableLine = (line: string): boolean => line.length > 0 && line.length <= 400 && !/[[\]{}]/.test(line);

/** The scenario for a request: named, or by topic words, or the one training the asker's weakest stage. */
async function pickScenario(deps: CoachingDeps, ctx: HandlerContext, topic: string | undefined): Promise<Scenario> {
  const named = scenarioForTopic(deps.scenarios, topic);
  if (named) return named;
  const summary = await agentSummary(ctx);
  const byFocus = summary.courses.map((c) => deps.scenarios.find((s) => s.course === c)).find((s) => s !== undefined);
  return byFocus ?? deps.scenarios.find((s) => s.id === FALLBACK_SCENARIO) ?? deps.scenarios[0];
}

const customerSays = (locale: Locale, scenario: Scenario, line: string): string =>
  `${t(locale, 'coaching.roleplay.customer_named', { name: scenario.customer.name[locale] })}: ${shown(line)}`;

function turnReply(locale: Locale, scenario: Scenario, state: RoleplayState, line: string, offline: boolean, intro?: string, moves: Move[] = []): Reply {
  const turn = agentTurns(state) + 1;
  const customer = customerSays(locale, scenario, line);
  return {
    intent: 'roleplay',
    locale,
    title: t(locale, 'coaching.roleplay.title', { title: scenario.title[locale] }),
    text: intro ? `${intro}\n\n${customer}` : `${customer}\n\n${t(locale, 'coaching.roleplay.turn', { turn, max: scenario.maxTurns })}`,
    data: {
      scenario: scenario.id,
      turn,
      maxTurns: scenario.maxTurns,
      ended: false,
      moves,
      customer: { trust: state.customer.trust, mood: state.customer.mood, state: stateName(state.customer) },
      citations: [],
      offline,
    },
  };
}

export interface RoleplayApi {
  handler: Handler;
  continuation: (ctx: HandlerContext, dialog: Dialog, text: string) => Promise<Reply>;
  /** Opens a session of `scenario` for the asker (also used when an assigned practice is started). */
  begin: (ctx: HandlerContext, scenario: Scenario, assignment?: string) => Promise<Reply>;
}

export function createRoleplay(deps: CoachingDeps): RoleplayApi {
  const scenarioById = (id: string) => deps.scenarios.find((s) => s.id === id);

  /** The LLM phrases the customer's line from the scenario and the state machine's plan; null on any failure. */
  async function llmLine(ctx: HandlerContext, scenario: Scenario, state: RoleplayState, next: CustomerState, plan: ReturnType<typeof customerTurn>['plan'], ending: Ending | undefined): Promise<string | null> {
    if (!deps.llm.configured) return null;
    const locale = state.locale;
    const txt = scenario.text[locale];
    const c = scenario.customer;
    const objection = plan.objection ?? (ending ? '' : (c.objections[next.objection]?.lines[locale][0] ?? ''));
    const direction = ending
      ? t(locale, `coaching.roleplay.direction.${ending}`)
      : [
          plan.need ? t(locale, 'coaching.roleplay.direction.need', { need: plan.need }) : '',
          objection ? t(locale, 'coaching.roleplay.direction.objection', { objection }) : t(locale, 'coaching.roleplay.direction.resolved'),
        ]
          .filter(Boolean)
          .join(' ');
    const system = systemPrompt('roleplay-customer', locale, {
      persona: txt.persona,
      hidden: txt.hidden,
      opening: txt.opening,
      state: t(locale, 'coaching.roleplay.direction.state', { trust: next.trust, mood: next.mood, state: t(locale, `coaching.roleplay.state.${stateName(next)}`) }),
      direction,
    });
    let turns = state.turns;
    const build = (): ChatMessage[] => [
      { role: 'system', content: system },
      ...turns.map((x): ChatMessage => (x.role === 'customer' ? { role: 'assistant', content: x.text } : { role: 'user', content: `<agent_turn>\n${neutralizeTags(x.text)}\n</agent_turn>` })),
    ];
    while (turns.length > 2 && promptTokens(build()) > deps.promptBudget) turns = turns.slice(2);
    const sink = sinkOf(ctx);
    const outcome = await deps.llm.chat({ tenant: ctx.tenant, date: ctx.today }, build(), { maxTokens: 200, ...(sink ? { stream: sink } : {}) });
    if (!outcome.ok) return null;
    const line = outcome.value.trim();
    return usableLine(line) ? line : null;
  }

  async function score(ctx: HandlerContext, scenario: Scenario, state: RoleplayState, finalLine?: string): Promise<Reply> {
    await endDialog(ctx.store, ctx.tenant, ctx.actor.id);
    const locale = state.locale;
    const turns = scoredTurns(state);
    let result: RoleplayScore | null = null;
    if (deps.llm.configured && turns.length > 0) {
      const messages: ChatMessage[] = [
        { role: 'system', content: systemPrompt('roleplay-score', locale, { rubric: rubricText(scenario, locale), courses: deps.index.courseIds().join(', ') }) },
        { role: 'user', content: `<transcript>\n${transcript(state)}\n</transcript>` },
      ];
      const outcome = await deps.llm.structured({ tenant: ctx.tenant, date: ctx.today }, messages, LlmScoreSchema, { name: 'roleplay_score', maxTokens: 900 });
      if (outcome.ok) result = fromLlm(scenario, outcome.value, turns, deps.index.courseIds(), locale);
    }
    result ??= movesScore(scenario, turns, state.customer.ending, locale);
    const previous = (
      await recordScore(ctx.store, ctx.tenant, ctx.actor.id, {
        at: ctx.now.toISOString(),
        date: ctx.today,
        scenario: scenario.id,
        total: result.total,
        scores: Object.fromEntries(result.scores.map((s) => [s.criterion, s.score])),
        method: result.method,
        turns: turns.length,
        breaches: result.breaches.length,
        ...(state.customer.ending ? { ending: state.customer.ending } : {}),
        ...(state.assignment ? { assignment: state.assignment } : {}),
      })
    )
      .filter((r) => r.scenario === scenario.id)
      .pop();
    if (state.assignment) {
      await completeAssignment(ctx, state.assignment, { total: result.total, scores: Object.fromEntries(result.scores.map((s) => [s.criterion, s.score])), breaches: result.breaches.length }, scenario);
    }
    const study = deps.index.search(result.start, { locale, courses: [result.course], limit: 1 });
    const courseTitle = deps.index.getCourse(result.course)?.title[locale] ?? result.course;
    const reply = scoreReply(ctx, scenario, result, previous, courseTitle, citationsOf(study), result.method === 'moves', state.customer.ending);
    if (finalLine) reply.text = `${customerSays(locale, scenario, finalLine)}\n\n${reply.text}`;
    return reply;
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
    const said = redactKeepingPersona(text.trim(), scenario);
    const moves = classifyTurn(said).moves;
    state.turns.push({ role: 'agent', text: said, moves, needKnown: state.customer.needs > 0 });
    const last = agentTurns(state) >= scenario.maxTurns;
    const next = customerTurn(scenario, state.locale, state.customer, moves, last, said);
    const phrased = await llmLine(ctx, scenario, state, next.state, next.plan, next.ending);
    const line = phrased ?? next.line;
    state.customer = next.state;
    if (phrased) state.customer.used.push(phrased);
    state.turns.push({ role: 'customer', text: line });
    if (next.ending) return score(ctx, scenario, state, line);
    await saveDialog(ctx.store, ctx.tenant, ctx.actor.id, state);
    return turnReply(state.locale, scenario, state, line, phrased === null, undefined, moves);
  };

  const begin = async (ctx: HandlerContext, scenario: Scenario, assignment?: string): Promise<Reply> => {
    const locale = ctx.locale;
    const opening = scenario.text[locale].script[0] ?? scenario.text[locale].opening;
    const state: RoleplayState = {
      kind: ROLEPLAY_KIND,
      scenario: scenario.id,
      locale,
      turns: [{ role: 'customer', text: opening }],
      customer: initialCustomer(scenario, opening),
      startedAt: ctx.now.toISOString(),
      ...(assignment ? { assignment } : {}),
    };
    await saveDialog(ctx.store, ctx.tenant, ctx.actor.id, state);
    const intro = t(locale, 'coaching.roleplay.intro', { title: scenario.title[locale], max: scenario.maxTurns });
    return turnReply(locale, scenario, state, opening, !deps.llm.configured, intro);
  };

  const handler: Handler = async (ctx, args) => {
    const topic = args.topic?.trim();
    // "结束练习" with no practice running (it expired, or never started) must not start a new one.
    if (topic && END.test(topic)) return { intent: 'roleplay', locale: ctx.locale, text: t(ctx.locale, 'coaching.roleplay.not_running'), data: { citations: [], offline: true } };
    const lead = ctx.actor.role === 'lead' || ctx.actor.role === 'admin';
    // Assigned practice (core/handlers/lead/practice.ts): a lead's overview, a lead assigning, an agent starting it.
    if (topic && lead && ASSIGNED_STATUS.test(topic)) return assignedStatus(ctx, deps.scenarios);
    if (topic && ASSIGN.test(topic) && !START_ASSIGNED.test(topic) && (lead || (await namesSomeoneElse(ctx, topic)))) return assignPractice(ctx, topic, deps.scenarios);
    const named = scenarioForTopic(deps.scenarios, topic);
    if (topic && START_ASSIGNED.test(topic) || !named) {
      const pending = await pendingAssignment(ctx.store, ctx.tenant, ctx.actor.id);
      const scenario = pending ? scenarioById(pending.scenario) : undefined;
      if (pending && scenario && !(topic && HISTORY.test(topic))) return begin(ctx, scenario, pending.id);
      if (topic && START_ASSIGNED.test(topic)) return { intent: 'roleplay', locale: ctx.locale, text: t(ctx.locale, 'coaching.assign.none'), data: { citations: [], offline: true } };
    }
    if (topic && HISTORY.test(topic)) {
      const name = topic.replace(HISTORY, ' ').replace(/\b(?:my|me|mine|show|see|view|of|the|for|practice|role-?play)\b|[的我看查一下练习\s,,。??]+/gi, ' ').trim();
      const subject = await resolveSubject(ctx.store, ctx.tenant, ctx.actor, name.length >= 2 ? name : undefined);
      await assertCanRead(ctx.store, ctx.tenant, ctx.actor, subject);
      return historyReply(ctx.locale, subject.name, await loadScores(ctx.store, ctx.tenant, subject.id), deps.scenarios);
    }
    return begin(ctx, await pickScenario(deps, ctx, topic));
  };

  return { handler, continuation, begin };
}
