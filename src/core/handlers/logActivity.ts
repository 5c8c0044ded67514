// log_activity: "今天打了85个电话,接通30,成交2单,业绩3万" adds to the day atomically;
// a correction ("更正:…") replaces the named figures instead of adding them again.
import type { DailyActivity, FunnelCounts, HistoryMonth, Locale } from '../../domain/types';
import { UserInputError } from '../../errors';
import { t } from '../../i18n';
import { readConfirmation, readLogMode } from '../../understanding/followUps';
import { loadPlanningData, monthOf, planFor, todayFor } from '../../planning/agentData';
import type { Handler, HandlerContext } from '../context';
import type { ActivityArgs } from '../intents';
import type { Reply } from '../reply';
import { endDialog, saveDialog, type Dialog } from '../../store/dialogs';
import { count, formatDate, lines, money } from '../../planning/format';
import { recordActivityOnce } from '../writeOutcome';

const FIELDS = ['calls', 'connects', 'deals', 'sales', 'prospects'] as const;
const MAX_PER_DAY: FunnelCounts = { calls: 2000, connects: 2000, deals: 500, sales: 100_000_000, prospects: 2000 };
/** More calls than minutes in an 8-hour shift is not a day anyone had: confirm before saving. */
const SHIFT_MINUTES = 480;
/** …and so is a day above 3× the person's best day on record. */
const BEST_DAY_FACTOR = 3;
/** Up to this many calls a day is never questioned (and costs no history read). */
const ALWAYS_PLAUSIBLE = 150;
export const CONFIRM_ACTIVITY_KIND = 'confirm_activity';
const LAST_LOG_TTL_SECONDS = 24 * 3600;
const lastLogKey = (agent: string) => `last_log:${agent}`;

interface LastLog {
  date: string;
  before: Partial<FunnelCounts>;
}

/** A yes or a no to "that many calls in one day?" (anything else is a new request). */
export function answersActivityConfirmation(text: string): boolean {
  return readConfirmation(text.trim()) !== null;
}

export const logActivityHandler: Handler = (ctx, args) => logActivity(ctx, args.activity ?? {}, false);

/** "Today's total, or more on top?" asked after a log that restates figures the day already has. */
export const LOG_MODE_KIND = 'log_mode';

/** An answer to "total or more?" ("一共", "又", "2"); anything else is a new request. */
export function answersLogMode(text: string): boolean {
  return readLogMode(text.trim()) !== null;
}

export async function continueLogMode(ctx: HandlerContext, dialog: Dialog, text: string): Promise<Reply> {
  await endDialog(ctx.store, ctx.tenant, ctx.actor.id);
  const activity = (dialog as { activity?: ActivityArgs }).activity ?? {};
  const total = readLogMode(text.trim()) === 'total';
  return logActivity(ctx, { ...activity, replace: total, added: !total }, false);
}

export async function continueActivityConfirmation(ctx: HandlerContext, dialog: Dialog, text: string): Promise<Reply> {
  await endDialog(ctx.store, ctx.tenant, ctx.actor.id);
  if (readConfirmation(text.trim()) !== 'yes') return { intent: 'log_activity', locale: ctx.locale, text: t(ctx.locale, 'activity.confirm.dropped'), data: { saved: false } };
  return logActivity(ctx, (dialog as { activity?: ActivityArgs }).activity ?? {}, true);
}

async function undoLast(ctx: HandlerContext): Promise<Reply> {
  const last = await ctx.store.getSession<LastLog>(ctx.tenant, lastLogKey(ctx.actor.id));
  if (!last) throw new UserInputError('activity.undo.nothing');
  const after = await recordActivityOnce(ctx, last.date, last.before, 'replace');
  await ctx.store.deleteSession(ctx.tenant, lastLogKey(ctx.actor.id));
  const { locale } = ctx;
  return {
    intent: 'log_activity',
    locale,
    text: t(locale, 'activity.undo.done', { date: formatDate(locale, last.date), calls: count(locale, after.calls), sales: money(locale, after.sales) }),
    data: { date: last.date, mode: 'undo', day: after },
  };
}

/** The calls a day may hold before Lingyan asks "really?": 3× the best day on record, at most one a minute. */
function plausibleCalls(history: readonly HistoryMonth[], days: readonly DailyActivity[]): number {
  const bestDay = Math.max(0, ...history.filter((h) => h.workdays > 0).map((h) => h.calls / h.workdays), ...days.map((d) => d.calls));
  return bestDay > 0 ? Math.min(SHIFT_MINUTES, Math.ceil(BEST_DAY_FACTOR * bestDay)) : SHIFT_MINUTES;
}

/** One day's sales above the person's best whole month (or above this with no history) is asked about. */
const SALES_WITHOUT_HISTORY = 1_000_000;

function plausibleSales(history: readonly HistoryMonth[]): number {
  const bestMonth = Math.max(0, ...history.map((h) => h.sales));
  return bestMonth > 0 ? bestMonth : SALES_WITHOUT_HISTORY;
}

interface Doubt {
  key: string;
  params: Record<string, string>;
  /** The day's calls if it were saved. */
  projectedCalls: number;
}

/**
 * Why a day would look wrong once saved, or null: more calls than anyone makes (3× the best day, one a
 * minute), more connects than calls, or one day's sales above the best whole month.
 */
async function doubtAbout(ctx: HandlerContext, delta: Partial<FunnelCounts>, mode: 'add' | 'replace', day: DailyActivity | undefined, month: readonly DailyActivity[], date: string): Promise<Doubt | null> {
  const projected = (field: (typeof FIELDS)[number]) => (mode === 'add' ? (day?.[field] ?? 0) + (delta[field] ?? 0) : (delta[field] ?? day?.[field] ?? 0));
  const { locale } = ctx;
  const when = formatDate(locale, date);
  // Read at most once, and only when a check needs it (most logs are under every threshold).
  let history: Promise<HistoryMonth[]> | undefined;
  const historyOnce = () => (history ??= ctx.store.getHistory(ctx.tenant, ctx.actor.id));
  const calls = projected('calls');
  if (delta.calls !== undefined && calls > ALWAYS_PLAUSIBLE && calls > plausibleCalls(await historyOnce(), month)) {
    return { key: 'activity.confirm.ask', params: { calls: count(locale, calls), date: when }, projectedCalls: calls };
  }
  const connects = projected('connects');
  if ((delta.connects !== undefined || delta.calls !== undefined) && connects > calls) {
    return { key: 'activity.confirm.ask_connects', params: { connects: count(locale, connects), calls: count(locale, calls), date: when }, projectedCalls: calls };
  }
  const sales = projected('sales');
  if (delta.sales !== undefined && sales > plausibleSales(await historyOnce())) {
    return { key: 'activity.confirm.ask_sales', params: { sales: money(locale, sales), date: when }, projectedCalls: calls };
  }
  return null;
}

/**
 * "改成118" / "change it to 107" right after a log, naming no figure and no goal: a correction of that
 * log (its only figure, or its calls), not a new income target. Null when there is no recent log to fix.
 */
export async function correctLastLog(ctx: HandlerContext, amount: number): Promise<Reply | null> {
  const last = await ctx.store.getSession<LastLog>(ctx.tenant, lastLogKey(ctx.actor.id));
  if (!last) return null;
  const fields = Object.keys(last.before) as Array<(typeof FIELDS)[number]>;
  const field = fields.length === 1 ? fields[0] : fields.includes('calls') ? 'calls' : undefined;
  if (!field) return null;
  return logActivity(ctx, { [field]: amount, replace: true, date: last.date }, false);
}

/** A field's name inside a sentence: the fact label ("Calls") lower-cased where the script has case ("calls"; 拨打 unchanged). */
function fieldInSentence(locale: Locale, field: (typeof FIELDS)[number]): string {
  return t(locale, `field.${field}`).toLocaleLowerCase(locale);
}

async function askLogMode(ctx: HandlerContext, activity: ActivityArgs, delta: Partial<FunnelCounts>, day: DailyActivity, restated: (typeof FIELDS)[number][], date: string): Promise<Reply> {
  await saveDialog(ctx.store, ctx.tenant, ctx.actor.id, { kind: LOG_MODE_KIND, activity });
  const { locale } = ctx;
  const show = (field: (typeof FIELDS)[number], value: number) => (field === 'sales' ? money(locale, value) : count(locale, value));
  const list = (pick: (field: (typeof FIELDS)[number]) => number) =>
    restated.map((field) => t(locale, 'activity.mode.item', { field: fieldInSentence(locale, field), value: show(field, pick(field)) })).join(t(locale, 'activity.change_separator'));
  const params = {
    date: formatDate(locale, date),
    logged: list((field) => day[field]),
    said: list((field) => delta[field] ?? 0),
    sum: list((field) => day[field] + (delta[field] ?? 0)),
  };
  return {
    intent: 'log_activity',
    locale,
    text: t(locale, 'activity.mode.ask', params),
    data: { awaiting: 'log_mode', saved: false, date },
    actions: [
      { id: 'total', label: t(locale, 'activity.mode.total', params), intent: 'log_activity', text: locale === 'zh-CN' ? '一共' : 'in total', style: 'primary' },
      { id: 'more', label: t(locale, 'activity.mode.more', params), intent: 'log_activity', text: locale === 'zh-CN' ? '又' : 'more' },
    ],
  };
}

async function logActivity(ctx: HandlerContext, activity: ActivityArgs, confirmed: boolean): Promise<Reply> {
  if (activity.undo) return undoLast(ctx);
  const delta: Partial<FunnelCounts> = {};
  for (const field of FIELDS) {
    const value = activity[field];
    if (value === undefined) continue;
    const name = fieldInSentence(ctx.locale, field);
    if (!Number.isFinite(value) || value < 0) throw new UserInputError('activity.error.negative', { field: name });
    if (field !== 'sales' && !Number.isInteger(value)) throw new UserInputError('activity.error.not_integer', { field: name });
    if (value > MAX_PER_DAY[field]) throw new UserInputError('activity.error.absurd', { field: name, value: field === 'sales' ? money(ctx.locale, value) : count(ctx.locale, value) });
    delta[field] = value;
  }
  if (Object.keys(delta).length === 0) throw new UserInputError('activity.error.nothing_to_log');
  const date = activity.date ?? ctx.today;
  if (date > ctx.today) throw new UserInputError('activity.error.future_date', { date });
  const mode = activity.replace ? 'replace' : 'add';
  // The store's replace overwrites only the figures named, so a correction keeps the others. The day as it
  // was is read first: for the confirmation, the "before" of a replace, and the undo.
  const month = await ctx.store.getActivity(ctx.tenant, ctx.actor.id, monthOf(date));
  const replaced = month.find((d) => d.date === date);
  // "今天打了100个电话" after 85 were logged: the day's total (100) or 100 more (185)? Only words tell
  // ("一共", "又"); without them Lingyan asks instead of guessing, since either guess can double a figure.
  const restated = mode === 'add' && !activity.added ? FIELDS.filter((field) => delta[field] !== undefined && (replaced?.[field] ?? 0) > 0) : [];
  if (restated.length > 0) return askLogMode(ctx, { ...activity, date }, delta, replaced!, restated, date);
  const doubt = confirmed ? null : await doubtAbout(ctx, delta, mode, replaced, month, date);
  if (doubt) {
    await saveDialog(ctx.store, ctx.tenant, ctx.actor.id, { kind: CONFIRM_ACTIVITY_KIND, activity: { ...activity, date } });
    const { locale } = ctx;
    return {
      intent: 'log_activity',
      locale,
      text: t(locale, doubt.key, doubt.params),
      data: { awaiting: 'confirmation', saved: false, doubt: doubt.key, projectedCalls: doubt.projectedCalls },
      actions: [
        { id: 'yes', label: t(locale, 'activity.confirm.yes'), intent: 'log_activity', text: locale === 'zh-CN' ? '是' : 'yes', style: 'primary' },
        { id: 'no', label: t(locale, 'activity.confirm.no'), intent: 'log_activity', text: locale === 'zh-CN' ? '不是' : 'no' },
      ],
    };
  }
  const after = await recordActivityOnce(ctx, date, delta, mode);
  const { locale } = ctx;
  const changes = FIELDS.filter((field) => delta[field] !== undefined).map((field) => ({
    field,
    before: mode === 'add' ? after[field] - (delta[field] ?? 0) : (replaced?.[field] ?? 0),
    after: after[field],
  }));
  // What undo restores: the named figures as they were before this log.
  const before = Object.fromEntries(changes.map((c) => [c.field, c.before]));
  await ctx.store.putSession<LastLog>(ctx.tenant, lastLogKey(ctx.actor.id), { date, before }, LAST_LOG_TTL_SECONDS).catch(() => undefined);
  const show = (field: (typeof FIELDS)[number], value: number) => (field === 'sales' ? money(locale, value) : count(locale, value));
  const changeLine = t(locale, 'activity.changes', {
    changes: changes.map((c) => t(locale, 'activity.change', { field: fieldInSentence(locale, c.field), before: show(c.field, c.before), after: show(c.field, c.after) })).join(t(locale, 'activity.change_separator')),
  });
  const params = {
    date: formatDate(locale, date),
    calls: count(locale, after.calls),
    connects: count(locale, after.connects),
    deals: count(locale, after.deals),
    sales: money(locale, after.sales),
    prospects: count(locale, after.prospects),
  };
  let leftLine = '';
  if (date === ctx.today) {
    try {
      const month = monthOf(date);
      const data = await loadPlanningData(ctx.store, ctx.tenant, ctx.actor, month);
      const today = todayFor(data, planFor(data, month), date);
      // A rest day has no target: "今天的 0 个电话目标已完成 🎉" after a Sunday log would be noise.
      if (today.isWorkday) {
        leftLine =
          today.callsLeftToday > 0
            ? t(locale, 'activity.left', { left: count(locale, today.callsLeftToday), target: count(locale, today.callsToday) })
            : t(locale, 'activity.done', { target: count(locale, today.callsToday) });
      }
    } catch {
      // The write has succeeded: whatever fails now (no goal set, Redis gone mid-request) only costs the
      // "left today" line. An error reply here would tell the person nothing was saved, and their retry
      // would count the calls twice (issue 25; test/fault/redis-restart.test.ts).
    }
  }
  return {
    intent: 'log_activity',
    locale,
    // A "correction" of figures the day did not have yet is a first log: said so, not "已更正".
    text: lines(t(locale, mode === 'replace' && changes.some((c) => c.before !== 0) ? 'activity.replaced' : 'activity.logged', params), changeLine, leftLine),
    data: { date, mode, day: after, changes },
    facts: FIELDS.map((field) => ({ label: t(locale, `field.${field}`), value: params[field] })),
    actions: [
      { id: 'today', label: t(locale, 'action.calls_today'), intent: 'calls_today', text: '/coach today' },
      { id: 'undo', label: t(locale, 'activity.undo.action'), intent: 'log_activity', text: locale === 'zh-CN' ? '撤销刚才的记录' : 'undo my last log' },
    ],
  };
}
