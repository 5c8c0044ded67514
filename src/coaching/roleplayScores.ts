// Role-play score history per agent (`roleplay_scores` documents), so the agent and their lead can see
// progress, and the reply that shows one session's score.
import type { HandlerContext } from '../core/context';
import type { Reply } from '../core/reply';
import type { Locale } from '../domain/types';
import { formatCount, t } from '../i18n';
import type { Store } from '../store/store';
import type { Citation } from './prompt';
import { criterionName, type RoleplayScore } from './rubric';
import type { Scenario } from './scenarios';

export const SCORES_KIND = 'roleplay_scores';
const MAX_RECORDS = 100;

export interface RoleplayRecord {
  at: string;
  date: string;
  scenario: string;
  total: number;
  scores: Record<string, number>;
  method: RoleplayScore['method'];
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

export function scoreReply(
  ctx: HandlerContext,
  scenario: Scenario,
  score: RoleplayScore,
  previous: RoleplayRecord | undefined,
  courseTitle: string,
  citations: Citation[],
  offline: boolean,
): Reply {
  const { locale } = ctx;
  const lines = scenario.rubric.map((c) => {
    const s = score.scores.find((x) => x.criterion === c.id);
    const evidence = s?.evidence ? ` — “${s.evidence}”` : '';
    return `${criterionName(c, locale)}: ${s?.score ?? '-'}/5${evidence}`;
  });
  const trend = previous
    ? t(locale, 'coaching.roleplay.trend', { before: fmt(locale, previous.total), now: fmt(locale, score.total) })
    : t(locale, 'coaching.roleplay.first');
  const text = [
    t(locale, 'coaching.roleplay.scored', { title: scenario.title[locale], total: fmt(locale, score.total) }),
    lines.join('\n'),
    `${t(locale, 'coaching.roleplay.keep')}${score.keep}`,
    `${t(locale, 'coaching.roleplay.change')}${score.change}`,
    t(locale, 'coaching.roleplay.study', { course: courseTitle }),
    trend,
    ...(score.method === 'checklist' ? [t(locale, 'coaching.roleplay.checklist_note')] : []),
  ].join('\n\n');
  return {
    intent: 'roleplay',
    locale,
    title: t(locale, 'coaching.roleplay.score_title', { title: scenario.title[locale] }),
    text,
    data: {
      scenario: scenario.id,
      ended: true,
      scores: score.scores,
      total: score.total,
      keep: score.keep,
      change: score.change,
      course: score.course,
      method: score.method,
      previousTotal: previous?.total ?? null,
      citations,
      offline,
    },
    sections: [{ title: t(locale, 'coaching.roleplay.rubric_title'), text: lines.join('\n') }],
  };
}

/** The last sessions of `agent`, newest first, with the average per scenario. */
export function historyReply(locale: Locale, agentName: string, records: RoleplayRecord[], scenarios: Scenario[]): Reply {
  const title = (id: string) => scenarios.find((s) => s.id === id)?.title[locale] ?? id;
  const recent = [...records].reverse().slice(0, 10);
  const lines = recent.map((r) => t(locale, 'coaching.roleplay.history_line', { date: r.date, title: title(r.scenario), total: fmt(locale, r.total) }));
  const text = records.length === 0
    ? t(locale, 'coaching.roleplay.history_empty', { name: agentName })
    : [t(locale, 'coaching.roleplay.history_head', { name: agentName, count: formatCount(locale, records.length) }), lines.join('\n')].join('\n\n');
  return {
    intent: 'roleplay',
    locale,
    title: t(locale, 'coaching.roleplay.history_title', { name: agentName }),
    text,
    data: { history: records, citations: [], offline: true },
    visibility: 'private',
  };
}
