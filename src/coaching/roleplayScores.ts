// Role-play score history per agent (`roleplay_scores` documents), so the agent and their lead can see
// progress per rubric dimension, and the reply that shows one session's score with its evidence.
import type { HandlerContext } from '../core/context';
import type { Reply } from '../core/reply';
import type { Locale } from '../domain/types';
import { formatCount, t } from '../i18n';
import type { Store } from '../store/store';
import type { Citation } from './prompt';
import type { Ending } from './roleplayCustomer';
import { criterionName, turnRef, type RoleplayScore } from './rubric';
import type { Scenario } from './scenarios';

export const SCORES_KIND = 'roleplay_scores';
const MAX_RECORDS = 100;

export interface RoleplayRecord {
  at: string;
  date: string;
  scenario: string;
  total: number;
  /** Score per rubric criterion id. */
  scores: Record<string, number>;
  method: RoleplayScore['method'] | 'checklist';
  turns?: number;
  breaches?: number;
  ending?: Ending;
  /** The id of the lead's assignment this session completed. */
  assignment?: string;
}

export async function loadScores(store: Store, tenant: string, agentId: string): Promise<RoleplayRecord[]> {
  return (await store.getDoc<RoleplayRecord[]>(tenant, SCORES_KIND, agentId)) ?? [];
}

/** Appends a session; returns the history before it. */
export async function recordScore(store: Store, tenant: string, agentId: string, record: RoleplayRecord): Promise<RoleplayRecord[]> {
  const before = await loadScores(store, tenant, agentId);
  await store.putDoc(tenant, SCORES_KIND, agentId, [...before, record].slice(-MAX_RECORDS));
  return before;
}

const fmt = (locale: Locale, n: number) => n.toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const mask = (s: string) => s.replace(/\[[A-Z_]+\]/g, '•••');

/** One rubric line: "认同与共情 4/5 · +第1轮「…」 −第3轮「…」". */
export function criterionLine(locale: Locale, scenario: Scenario, score: RoleplayScore, id: string): string {
  const c = scenario.rubric.find((x) => x.id === id);
  const s = score.scores.find((x) => x.criterion === id);
  const name = c ? criterionName(c, locale) : id;
  const [open, close] = locale === 'zh-CN' ? ['「', '」'] : ['“', '”'];
  const evidence = (s?.evidence ?? []).map((e) => `${e.effect === 'earned' ? '+' : '−'}${turnRef(locale, e.turn)} ${open}${mask(e.quote)}${close}`);
  return `${name}: ${s?.score ?? '-'}/5${evidence.length > 0 ? ` · ${evidence.join(' ')}` : ''}`;
}

export function scoreReply(
  ctx: HandlerContext,
  scenario: Scenario,
  score: RoleplayScore,
  previous: RoleplayRecord | undefined,
  courseTitle: string,
  citations: Citation[],
  offline: boolean,
  ending?: Ending,
): Reply {
  const { locale } = ctx;
  const lines = scenario.rubric.map((c) => criterionLine(locale, scenario, score, c.id));
  const trend = previous
    ? t(locale, 'coaching.roleplay.trend', { before: fmt(locale, previous.total), now: fmt(locale, score.total) })
    : t(locale, 'coaching.roleplay.first');
  const breaches =
    score.breaches.length > 0
      ? [
          [
            t(locale, 'coaching.roleplay.breach_head'),
            ...score.breaches.map((b) => t(locale, 'coaching.roleplay.breach_line', { ref: turnRef(locale, b.turn), quote: mask(b.quote) })),
          ].join('\n'),
        ]
      : [];
  const text = [
    t(locale, 'coaching.roleplay.scored', { title: scenario.title[locale], total: fmt(locale, score.total) }),
    ...(ending ? [t(locale, `coaching.roleplay.ending.${ending}`)] : []),
    ...breaches,
    lines.join('\n'),
    `${t(locale, 'coaching.roleplay.keep')}${mask(score.keep)}`,
    `${t(locale, 'coaching.roleplay.start')}${mask(score.start)}`,
    `${t(locale, 'coaching.roleplay.stop')}${mask(score.stop)}`,
    t(locale, 'coaching.roleplay.study', { course: courseTitle }),
    trend,
    ...(score.method === 'moves' ? [t(locale, 'coaching.roleplay.moves_note')] : []),
  ].join('\n\n');
  return {
    intent: 'roleplay',
    locale,
    title: t(locale, 'coaching.roleplay.score_title', { title: scenario.title[locale] }),
    text,
    data: {
      scenario: scenario.id,
      ended: true,
      ending: ending ?? null,
      scores: score.scores,
      total: score.total,
      breaches: score.breaches,
      keep: score.keep,
      start: score.start,
      stop: score.stop,
      course: score.course,
      method: score.method,
      previousTotal: previous?.total ?? null,
      citations,
      offline,
    },
    sections: [{ title: t(locale, 'coaching.roleplay.rubric_title'), text: lines.join('\n') }],
  };
}

/** Per rubric dimension (criterion id), the scores of the sessions that had it, oldest first. */
export function dimensionTrends(records: RoleplayRecord[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of records) for (const [id, s] of Object.entries(r.scores)) out.set(id, [...(out.get(id) ?? []), s]);
  return out;
}

/** The last sessions of `agent`, newest first, and the trend of each dimension across sessions. */
export function historyReply(locale: Locale, agentName: string, records: RoleplayRecord[], scenarios: Scenario[]): Reply {
  const title = (id: string) => scenarios.find((s) => s.id === id)?.title[locale] ?? id;
  const recent = [...records].reverse().slice(0, 10);
  const lines = recent.map((r) => {
    const dims = Object.entries(r.scores)
      .map(([id, s]) => {
        const c = scenarios.find((x) => x.id === r.scenario)?.rubric.find((x) => x.id === id);
        return `${c ? criterionName(c, locale) : id} ${s}`;
      })
      .join(' · ');
    const flags = [
      ...(r.breaches ? [t(locale, 'coaching.roleplay.history_breach', { count: r.breaches })] : []),
      ...(r.ending ? [t(locale, `coaching.roleplay.ending_short.${r.ending}`)] : []),
    ].join(' ');
    return `${t(locale, 'coaching.roleplay.history_line', { date: r.date, title: title(r.scenario), total: fmt(locale, r.total) })}${flags ? ` ${flags}` : ''}\n   ${dims}`;
  });
  const used = new Set(records.map((r) => r.scenario));
  const nameOf = (id: string) => {
    // The name the agent saw: from a scenario they practised, else any that has the dimension.
    for (const s of [...scenarios.filter((x) => used.has(x.id)), ...scenarios]) {
      const c = s.rubric.find((x) => x.id === id);
      if (c) return criterionName(c, locale);
    }
    return id;
  };
  const trends = [...dimensionTrends(records).entries()]
    .filter(([, xs]) => xs.length >= 1)
    .map(([id, xs]) => `${nameOf(id)}: ${xs.slice(-6).join(' → ')}`);
  const text =
    records.length === 0
      ? t(locale, 'coaching.roleplay.history_empty', { name: agentName })
      : [
          t(locale, 'coaching.roleplay.history_head', { name: agentName, count: formatCount(locale, records.length) }),
          lines.join('\n'),
          `${t(locale, 'coaching.roleplay.trend_head')}\n${trends.join('\n')}`,
        ].join('\n\n');
  return {
    intent: 'roleplay',
    locale,
    title: t(locale, 'coaching.roleplay.history_title', { name: agentName }),
    text,
    data: { history: records, trends: Object.fromEntries(dimensionTrends(records)), citations: [], offline: true },
    visibility: 'private',
  };
}
