// exportGoalSheet: the 月度目标分解记录表 (monthly goal decomposition sheet) of one team and month as XLSX —
// one row per agent: targets, the funnel counts, weekly targets per ISO week, month-to-date actuals, pace.
import type ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { loadPlanningData, planFor } from '../planning/agentData';
import { isoWeeksOfMonth, sumActivity, trackPace } from '../domain/goals';
import type { MonthlyPlan } from '../domain/goals/types';
import type { Commission, LocalDate, Locale, Month } from '../domain/types';
import { UserInputError } from '../errors';
import { t } from '../i18n';
import type { Store } from '../store/store';

export interface GoalSheetOptions {
  /** "Today" for month-to-date actuals and pace; default: the real date (UTC). */
  today?: LocalDate;
}

const MONEY = '#,##0';
const COUNT = '#,##0';
const RATIO = '0%';

/** Fixed columns before the weekly groups: [message key, number format, width]. */
const FIXED: ReadonlyArray<[string, string | null, number]> = [
  ['sheet.col.name', null, 12],
  ['sheet.col.id', null, 9],
  ['sheet.col.income', MONEY, 11],
  ['sheet.col.base', MONEY, 9],
  ['sheet.col.commission', null, 18],
  ['sheet.col.sales', MONEY, 12],
  ['sheet.col.deals', COUNT, 7],
  ['sheet.col.connects', COUNT, 8],
  ['sheet.col.calls', COUNT, 8],
  ['sheet.col.prospects', COUNT, 8],
  ['sheet.col.workdays', COUNT, 7],
];
const WEEK_COLS: ReadonlyArray<[keyof MonthlyPlan['weeks'][number], string, string]> = [
  ['sales', 'sheet.col.sales_short', MONEY],
  ['deals', 'sheet.col.deals', COUNT],
  ['calls', 'sheet.col.calls', COUNT],
];
const ACTUAL_COLS: ReadonlyArray<['sales' | 'deals' | 'connects' | 'calls' | 'prospects', string, string]> = [
  ['sales', 'sheet.col.sales_short', MONEY],
  ['deals', 'sheet.col.deals', COUNT],
  ['connects', 'sheet.col.connects', COUNT],
  ['calls', 'sheet.col.calls', COUNT],
  ['prospects', 'sheet.col.prospects', COUNT],
];

export function commissionSummary(locale: Locale, c: Commission): string {
  const pct = (r: number) => `${Math.round(r * 10000) / 100}%`;
  if (c.type === 'flat') return pct(c.rate);
  const tiers = c.tiers.map((tier) => `${tier.from.toLocaleString('en')}→${pct(tier.rate)}`).join(', ');
  return `${t(locale, c.mode === 'marginal' ? 'sheet.tier_marginal' : 'sheet.tier_whole')}: ${tiers}`;
}

function lastDay(month: Month): LocalDate {
  return DateTime.fromISO(`${month}-01`, { zone: 'UTC' }).endOf('month').toISODate() as string;
}

export async function exportGoalSheet(store: Store, tenant: string, teamId: string, month: Month, locale: Locale, options: GoalSheetOptions = {}): Promise<Buffer> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UserInputError('lead.export.bad_month', { month });
  const team = await store.getTeam(tenant, teamId);
  if (!team) throw new UserInputError('lead.export.no_team', { team: teamId });
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const members = (await store.listAgents(tenant, teamId)).filter((a) => !team.leads.includes(a.id) && a.role !== 'admin');
  const weeks = isoWeeksOfMonth(month);
  const md = (d: LocalDate) => `${Number(d.slice(5, 7))}/${Number(d.slice(8, 10))}`;
  const started = today >= `${month}-01`;
  const asOf = today > lastDay(month) ? lastDay(month) : today;
  const paceDay = today > lastDay(month) ? DateTime.fromISO(lastDay(month)).plus({ days: 1 }).toISODate() as string : today;

  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Lingyan';
  const ws = wb.addWorksheet(t(locale, 'sheet.name'), {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 3 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:3', margins: { left: 0.3, right: 0.3, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 } },
  });
  const weekStart = FIXED.length + 1;
  const actualStart = weekStart + weeks.length * WEEK_COLS.length;
  const paceStart = actualStart + ACTUAL_COLS.length;
  const total = paceStart + 1;

  // Row 1: title. Row 2: column groups. Row 3: column headers.
  ws.getCell(1, 1).value = t(locale, 'sheet.title', { team: team.name, month });
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, total);
  const group = (from: number, to: number, label: string) => {
    ws.getCell(2, from).value = label;
    if (to > from) ws.mergeCells(2, from, 2, to);
  };
  group(1, FIXED.length, t(locale, 'sheet.group.targets'));
  weeks.forEach((w, i) => {
    const n = DateTime.fromISO(w.from).weekNumber;
    group(weekStart + i * WEEK_COLS.length, weekStart + (i + 1) * WEEK_COLS.length - 1, t(locale, 'sheet.group.week', { n, from: md(w.from), to: md(w.to) }));
  });
  group(actualStart, paceStart - 1, t(locale, 'sheet.group.actuals', { date: md(asOf) }));
  group(paceStart, total, t(locale, 'sheet.group.pace'));
  const headers = [
    ...FIXED.map(([key]) => t(locale, key)),
    ...weeks.flatMap(() => WEEK_COLS.map(([, key]) => t(locale, key))),
    ...ACTUAL_COLS.map(([, key]) => t(locale, key)),
    t(locale, 'sheet.col.status'),
    t(locale, 'sheet.col.ratio'),
  ];
  ws.getRow(3).values = headers;
  const formats = [...FIXED.map(([, f]) => f), ...weeks.flatMap(() => WEEK_COLS.map(([, , f]) => f)), ...ACTUAL_COLS.map(([, , f]) => f), null, RATIO];
  const widths = [...FIXED.map(([, , w]) => w), ...weeks.flatMap(() => [11, 7, 8]), 11, 7, 8, 8, 8, 9, 8];
  formats.forEach((f, i) => {
    const column = ws.getColumn(i + 1);
    column.width = widths[i];
    if (f) column.numFmt = f;
  });
  for (const r of [2, 3]) {
    const row = ws.getRow(r);
    row.font = { bold: true };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    for (let c = 1; c <= total; c++) {
      row.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: r === 2 ? 'FFDDEBF7' : 'FFF2F2F2' } };
      row.getCell(c).border = { bottom: { style: 'thin' } };
    }
  }

  const sums = new Array<number>(total).fill(0);
  for (const agent of members) {
    const data = await loadPlanningData(store, tenant, agent, month);
    const actual = sumActivity(data.activity.filter((a) => a.date.startsWith(month) && a.date <= asOf));
    const cells: Array<string | number | null> = [agent.name, agent.id];
    let plan: MonthlyPlan | null = null;
    let note: string | null = null;
    if (data.incomeTarget === null) note = t(locale, 'sheet.no_goal');
    else {
      try {
        plan = planFor(data, month);
      } catch (error) {
        note = error instanceof UserInputError ? t(locale, error.key, error.params) : t(locale, 'sheet.no_plan');
      }
    }
    if (plan) {
      cells.push(plan.incomeTarget, plan.baseSalary, commissionSummary(locale, agent.commission), plan.salesTarget, plan.deals, plan.connects, plan.calls, plan.prospects, plan.workdays);
      for (const w of weeks) {
        const wp = plan.weeks.find((x) => x.from === w.from);
        for (const [field] of WEEK_COLS) cells.push(wp ? (wp[field] as number) : 0);
      }
    } else {
      cells.push(null, agent.baseSalary, commissionSummary(locale, agent.commission), note, null, null, null, null, null);
      for (let i = 0; i < weeks.length * WEEK_COLS.length; i++) cells.push(null);
    }
    for (const [field] of ACTUAL_COLS) cells.push(actual[field]);
    if (plan && started) {
      const pace = trackPace({ plan, today: paceDay, activity: data.activity, history: data.history });
      cells.push(t(locale, `status.${pace.status}`), pace.paceRatio);
    } else cells.push(plan ? t(locale, 'sheet.not_started') : null, null);
    ws.addRow(cells);
    cells.forEach((v, i) => {
      if (typeof v === 'number' && i >= 2 && i !== 3 && i !== FIXED.length - 1 && i < paceStart - 1) sums[i] += v;
    });
  }
  const totals: Array<string | number | null> = sums.map((v, i) => (i === 0 ? t(locale, 'sheet.total') : i >= 2 && i !== 3 && i !== 4 && i !== FIXED.length - 1 && i < paceStart - 1 ? Math.round(v * 100) / 100 : null));
  const totalRow = ws.addRow(totals);
  totalRow.font = { bold: true };
  totalRow.eachCell((cell) => (cell.border = { top: { style: 'thin' } }));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** exceljs (~13 MB) is loaded on the first import or export, not at start-up. */
async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
