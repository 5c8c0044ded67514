// course: describe a course by name ("what is 情绪智慧 about") or recommend one ("推荐一门课") from the
// asker's own funnel diagnosis; phrased by the LLM when available, else the course's own text.
import type { Handler, HandlerContext } from '../core/context';
import type { Reply } from '../core/reply';
import { matchCourse } from '../understanding';
import type { CourseChunk } from './corpus';
import { t } from '../i18n';
import { agentSummary } from './context';
import { sinkOf } from './coach';
import type { CoachingDeps } from './deps';
import type { OfflineReason } from './gateway';
import { excerpt, offlineNote, sourceLine } from './offline';
import { buildCoachPrompt, citationsOf, citedPassages } from './prompt';
import type { CourseIndex, SearchHit } from './retrieval';

const RECOMMEND = /推荐|建议|哪门|什么课|适合|该学|学什么|recommend|suggest|which course|what (?:course|should i (?:learn|study))/i;
const FALLBACK_COURSE = 'top-performer-sharing';

type Why = 'named' | 'matched' | 'diagnosis' | 'no_focus';

/** A course named in the text by id, title or a known alias. */
export function namedCourse(index: CourseIndex, text: string): string | null {
  const lower = text.toLowerCase();
  for (const id of index.courseIds()) {
    const course = index.getCourse(id);
    if (lower.includes(id) || (course && (text.includes(course.title['zh-CN']) || lower.includes(course.title.en.toLowerCase())))) return id;
  }
  const alias = matchCourse(text);
  return alias && index.getCourse(alias.id) ? alias.id : null;
}

const hitOf = (c: CourseChunk): SearchHit => ({ course: c.course, section: c.section, locale: c.locale, text: c.text, score: 0, title: c.courseTitle });

/** The course's purpose first, then its sections that best match the request. */
function coursePassages(index: CourseIndex, id: string, query: string, ctx: HandlerContext): SearchHit[] {
  const chunks = index.getCourse(id)?.chunks.filter((c) => c.locale === ctx.locale) ?? [];
  const purpose = chunks[0];
  const hits = index.search(query, { locale: ctx.locale, courses: [id], limit: 3 }).filter((h) => h.section !== purpose?.section);
  return [...(purpose ? [hitOf(purpose)] : []), ...hits].slice(0, 3);
}

function offlineText(ctx: HandlerContext, id: string, index: CourseIndex, why: string, passages: SearchHit[], reason: OfflineReason): string {
  const { locale } = ctx;
  const course = index.getCourse(id);
  const sections = course?.chunks.filter((c) => c.locale === locale).map((c) => `· ${c.section}`) ?? [];
  const note = offlineNote(locale, reason);
  const purpose = passages[0];
  return [
    ...(note ? [note] : []),
    why,
    t(locale, 'coaching.offline.header'),
    ...(purpose ? [`${sourceLine(locale, purpose)}\n${excerpt(purpose.text, 360)}`] : []),
    `${t(locale, 'coaching.course.sections')}\n${sections.join('\n')}`,
  ].join('\n\n');
}

export function createCourseHandler(deps: CoachingDeps): Handler {
  return async (ctx, args): Promise<Reply> => {
    const { locale } = ctx;
    const asked = (args.topic ?? '').trim();
    const summary = await agentSummary(ctx);
    let id = namedCourse(deps.index, `${asked} ${ctx.route.text}`);
    let why: Why = 'named';
    if (!id && asked && !RECOMMEND.test(asked)) {
      const best = deps.index.rankCourses(asked, { locale, limit: 1 })[0];
      if (best && best.score > 0) [id, why] = [best.course, 'matched'];
    }
    if (!id) [id, why] = summary.courses[0] ? [summary.courses[0], 'diagnosis'] : [FALLBACK_COURSE, 'no_focus'];
    const title = deps.index.getCourse(id)?.title[locale] ?? id;
    const whyText = t(locale, `coaching.course.why.${why}`, { course: title, stage: summary.focus ? t(locale, `stage.${summary.focus}`) : '' });
    const passages = coursePassages(deps.index, id, asked || title, ctx);
    const data = { course: id, reason: why, focus: summary.focus };

    let reason: OfflineReason = 'no_llm';
    if (deps.llm.configured) {
      const prompt = buildCoachPrompt({
        locale,
        question: asked || ctx.route.text,
        passages,
        numbers: [...summary.lines, whyText],
        history: [],
        budget: deps.promptBudget,
      });
      const sink = sinkOf(ctx);
      const outcome = await deps.llm.chat({ tenant: ctx.tenant, date: ctx.today }, prompt.messages, sink ? { stream: sink } : {});
      if (outcome.ok) {
        const used = citedPassages(outcome.value, prompt.passages);
        const sources = used.map((p) => `[${p.n}] ${sourceLine(locale, p)}`).join('\n');
        return {
          intent: 'course',
          locale,
          title,
          text: `${outcome.value.trim()}\n\n${t(locale, 'coaching.sources')}\n${sources}`,
          data: { ...data, citations: citationsOf(used), offline: false },
          citations: used.map((p) => ({ n: p.n, title: p.title, section: p.section })),
          actions: [roleplayAction(deps, id, locale)].filter((a) => a !== null),
        };
      }
      reason = outcome.reason;
    }
    return {
      intent: 'course',
      locale,
      title,
      text: offlineText(ctx, id, deps.index, whyText, passages, reason),
      data: { ...data, citations: citationsOf(passages.slice(0, 1)), offline: true },
      actions: [roleplayAction(deps, id, locale)].filter((a) => a !== null),
    };
  };
}

function roleplayAction(deps: CoachingDeps, course: string, locale: HandlerContext['locale']) {
  const scenario = deps.scenarios.find((s) => s.course === course);
  if (!scenario) return null;
  return {
    id: `roleplay-${scenario.id}`,
    label: t(locale, 'coaching.action.roleplay', { title: scenario.title[locale] }),
    intent: 'roleplay' as const,
    text: `/coach roleplay ${scenario.id}`,
  };
}
