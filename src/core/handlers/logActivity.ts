// log_activity: "今天打了85个电话,接通30,成交2单,业绩3万" adds to the day atomically;
// a correction ("更正:…") replaces the named figures instead of adding them again.
import type { FunnelCounts } from '../../domain/types';
import { UserInputError } from '../../errors';
import { t } from '../../i18n';
import { loadPlanningData, monthOf, planFor, todayFor } from '../../planning/agentData';
import type { Handler } from '../context';
import { count, formatDate, lines, money } from '../../planning/format';

const FIELDS = ['calls', 'connects', 'deals', 'sales', 'prospects'] as const;
const MAX_PER_DAY: FunnelCounts = { calls: 2000, connects: 2000, deals: 500, sales: 100_000_000, prospects: 2000 };

export const logActivityHandler: Handler = async (ctx, args) => {
  const activity = args.activity ?? {};
  const delta: Partial<FunnelCounts> = {};
  for (const field of FIELDS) {
    const value = activity[field];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value < 0) throw new UserInputError('activity.error.negative', { field });
    if (field !== 'sales' && !Number.isInteger(value)) throw new UserInputError('activity.error.not_integer', { field });
    if (value > MAX_PER_DAY[field]) throw new UserInputError('activity.error.absurd', { field, value });
    delta[field] = value;
  }
  if (Object.keys(delta).length === 0) throw new UserInputError('activity.error.nothing_to_log');
  const date = activity.date ?? ctx.today;
  if (date > ctx.today) throw new UserInputError('activity.error.future_date', { date });
  const mode = activity.replace ? 'replace' : 'add';
  // The store's replace overwrites only the figures named, so a correction keeps the others. Its "before"
  // is read first; an add's "before" is the total minus what was added (exact even under concurrent adds).
  const replaced = mode === 'replace' ? (await ctx.store.getActivity(ctx.tenant, ctx.actor.id, monthOf(date))).find((d) => d.date === date) : undefined;
  const after = await ctx.store.recordActivity(ctx.tenant, ctx.actor.id, date, delta, mode);
  const { locale } = ctx;
  const changes = FIELDS.filter((field) => delta[field] !== undefined).map((field) => ({
    field,
    before: mode === 'add' ? after[field] - (delta[field] ?? 0) : (replaced?.[field] ?? 0),
    after: after[field],
  }));
  const show = (field: (typeof FIELDS)[number], value: number) => (field === 'sales' ? money(locale, value) : count(locale, value));
  const changeLine = t(locale, 'activity.changes', {
    changes: changes.map((c) => t(locale, 'activity.change', { field: t(locale, `field.${c.field}`), before: show(c.field, c.before), after: show(c.field, c.after) })).join(t(locale, 'activity.change_separator')),
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
      leftLine =
        today.callsLeftToday > 0
          ? t(locale, 'activity.left', { left: count(locale, today.callsLeftToday), target: count(locale, today.callsToday) })
          : t(locale, 'activity.done', { target: count(locale, today.callsToday) });
    } catch {
      // The write has succeeded: whatever fails now (no goal set, Redis gone mid-request) only costs the
      // "left today" line. An error reply here would tell the person nothing was saved, and their retry
      // would count the calls twice (issue 25; test/fault/redis-restart.test.ts).
    }
  }
  return {
    intent: 'log_activity',
    locale,
    text: lines(t(locale, mode === 'replace' ? 'activity.replaced' : 'activity.logged', params), changeLine, leftLine),
    data: { date, mode, day: after, changes },
    facts: FIELDS.map((field) => ({ label: t(locale, `field.${field}`), value: params[field] })),
    actions: [{ id: 'today', label: t(locale, 'action.calls_today'), intent: 'calls_today', text: '/coach today' }],
  };
};
