// "How many calls do I need today?" (docs/design.md goal step 7): what is left of the month's sales, turned
// into activity with the plan's rates, spread over the working days that remain (today included).
import { UserInputError } from '../../errors';
import type { DailyActivity, FunnelCounts } from '../types';
import { dayNumber, isWorkingDay, monthOf, nextWorkingDay, workingDaysInMonth } from './calendar';
import { chain, chainFormula } from './chain';
import { ceil, fmtMoney, roundCents } from './money';
import type { PlanStep, TodayInput, TodayPlan } from './types';

const ZERO: FunnelCounts = { calls: 0, connects: 0, deals: 0, sales: 0, prospects: 0 };

export function sumActivity(rows: readonly DailyActivity[]): FunnelCounts {
  const sum = { ...ZERO };
  for (const row of rows) {
    for (const field of ['calls', 'connects', 'deals', 'sales', 'prospects'] as const) {
      const value = row[field];
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new UserInputError('goals.error.activity_invalid', { date: String(row.date), field, value: String(value) });
      }
      sum[field] += value;
    }
  }
  sum.sales = roundCents(sum.sales);
  return sum;
}

export function planToday(input: TodayInput): TodayPlan {
  const { plan, today, calendar, roster } = input;
  dayNumber(today);
  const month = plan.month;
  // The roster given now wins over the one the plan was made with (a day off may have been added since).
  const workingDays = workingDaysInMonth(month, calendar, roster);
  const inMonth = input.activity.filter((a) => monthOf(a.date) === month);
  const achievedBeforeToday = sumActivity(inMonth.filter((a) => a.date < today));
  const loggedToday = sumActivity(inMonth.filter((a) => a.date === today));

  const remainingSales = roundCents(Math.max(0, plan.salesTarget - achievedBeforeToday.sales));
  const counts = chain(remainingSales, plan.rates);
  const remaining = { sales: remainingSales, ...counts };
  const remainingWorkdays = workingDays.filter((d) => d >= today).length;
  const isWorkday = isWorkingDay(today, calendar, roster);
  const isLast = isWorkday && remainingWorkdays === 1;
  const nextWorkday = !isWorkday || isLast || remainingWorkdays === 0 ? nextWorkingDay(today, calendar, roster) : null;

  const active = isWorkday && remainingWorkdays > 0;
  const perDay = (total: number): number => (active ? ceil(total / remainingWorkdays) : 0);
  const callsToday = perDay(counts.calls);
  const connectsToday = perDay(counts.connects);
  const dealsToday = perDay(counts.deals);
  const prospectsToday = perDay(counts.prospects);
  const callsLeftToday = Math.max(0, callsToday - loggedToday.calls);

  const steps: PlanStep[] = [
    {
      key: 'today',
      formula:
        `remainingSales = max(0, S − achieved) = max(0, ${fmtMoney(plan.salesTarget)} − ${fmtMoney(achievedBeforeToday.sales)})` +
        ` = ${fmtMoney(remainingSales)}`,
      values: { salesTarget: plan.salesTarget, salesBeforeToday: achievedBeforeToday.sales, remainingSales },
    },
    { key: 'today', formula: chainFormula('remainingSales', remainingSales, plan.rates, counts), values: { ...counts } },
    {
      key: 'today',
      formula: `remainingWorkdays(${today} … ${month} end${isWorkday ? ', today included' : ''}) = ${remainingWorkdays}`,
      values: { remainingWorkdays, isWorkday: String(isWorkday), nextWorkday: nextWorkday ?? '' },
    },
    {
      key: 'today',
      formula: active
        ? `callsToday = ceil(${counts.calls} / ${remainingWorkdays}) = ${callsToday}; ` +
          `dealsToday = ceil(${counts.deals} / ${remainingWorkdays}) = ${dealsToday}; ` +
          `callsLeftToday = max(0, ${callsToday} − ${loggedToday.calls}) = ${callsLeftToday}`
        : `callsToday = 0 (${remainingWorkdays === 0 ? 'no working days left' : 'not a working day'}; next ${nextWorkday})`,
      values: { callsToday, connectsToday, dealsToday, prospectsToday, callsLeftToday },
    },
  ];

  return {
    date: today,
    isWorkday,
    nextWorkday,
    remainingWorkdays,
    achievedBeforeToday,
    loggedToday,
    remaining,
    callsToday,
    connectsToday,
    dealsToday,
    prospectsToday,
    callsLeftToday,
    steps,
  };
}
