// The exported 月度目标分解记录表 read back with exceljs: headers (zh/en), frozen header, print setup,
// number formats, and the numbers (S = 450000 by hand; the counts and weeks equal the agent's own plan).
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { exportGoalSheet } from '../../src/io';
import { harness, type Harness } from '../core/handlers/lead/harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});

async function read(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb.worksheets[0];
}

function rowOf(ws: ExcelJS.Worksheet, id: string): ExcelJS.Row {
  for (let r = 4; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(2).value === id) return ws.getRow(r);
  throw new Error(`no row for ${id}`);
}

describe('exportGoalSheet', () => {
  it('writes one row per agent with targets, weekly targets, actuals and pace', async () => {
    const ws = await read(await exportGoalSheet(h.store, 'T1', 't1', '2026-03', 'zh-CN', { today: '2026-03-10' }));
    const headers = (ws.getRow(3).values as unknown[]).slice(1);
    expect(headers.slice(0, 11)).toEqual(['姓名', '工号', '收入目标', '底薪', '提成比例', '销售目标', '成交', '接通', '拨打', '意向客户', '工作日']);
    // March 2026 has 6 ISO-week pieces (1 | 2–8 | 9–15 | 16–22 | 23–29 | 30–31) × 3 columns, then 5 actuals and 2 pace columns.
    expect(headers).toHaveLength(11 + 18 + 5 + 2);
    expect(ws.getRow(2).getCell(12).value).toBe('第9周（3/1–3/1）');
    expect(ws.getRow(2).getCell(15).value).toBe('第10周（3/2–3/8）');
    expect(ws.getRow(2).getCell(30).value).toBe('本月已完成（截至 3/10）');
    expect(headers.slice(-2)).toEqual(['进度状态', '进度比']);

    // Frozen header and name column, landscape, fit to one page wide, repeated title rows, number formats.
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 3 });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:3' });
    expect(ws.getColumn(6).numFmt).toBe('#,##0');
    expect(ws.getColumn(36).numFmt).toBe('0%');

    // Members only (the lead l1 has no row): 7 agents + the total row.
    expect(ws.rowCount).toBe(3 + 7 + 1);

    const plan = (await h.say('a1', '帮我分解本月目标')).data.plan as { deals: number; connects: number; calls: number; prospects: number; workdays: number; weeks: Array<{ sales: number; deals: number; calls: number }> };
    const a1 = rowOf(ws, 'a1');
    // income 12000 − base 3000 = 9000 at 2% → S = 450000.
    expect([a1.getCell(1).value, a1.getCell(3).value, a1.getCell(4).value, a1.getCell(5).value, a1.getCell(6).value]).toEqual(['张三', 12000, 3000, '2%', 450000]);
    expect([a1.getCell(7).value, a1.getCell(8).value, a1.getCell(9).value, a1.getCell(10).value, a1.getCell(11).value]).toEqual([plan.deals, plan.connects, plan.calls, plan.prospects, 22]);
    const weekly = Array.from({ length: 18 }, (_, i) => a1.getCell(12 + i).value as number);
    expect(weekly).toEqual(plan.weeks.flatMap((w) => [w.sales, w.deals, w.calls]));
    expect(weekly.filter((_, i) => i % 3 === 0).reduce((s, v) => s + v, 0)).toBe(450000); // weeks add up to S
    // Month to date (fixture: 9 March) and pace: 140000 / (450000 × 6/22) = 1.1407 → 领先.
    expect(Array.from({ length: 5 }, (_, i) => a1.getCell(30 + i).value)).toEqual([140000, 2, 40, 100, 8]);
    expect(a1.getCell(35).value).toBe('领先');
    expect(a1.getCell(36).value as number).toBeCloseTo(140000 / ((450000 * 6) / 22), 9); // the ratio uses the exact expectation

    const a5 = rowOf(ws, 'a5'); // no goal this month
    expect(a5.getCell(6).value).toBe('未设目标');
    expect(a5.getCell(35).value).toBeNull();

    const total = ws.getRow(ws.rowCount);
    expect(total.getCell(1).value).toBe('合计');
    expect(total.getCell(6).value).toBe(6 * 450000);
    expect(total.getCell(30).value).toBe(140000 + 120000 + 100000 + 50000 + 110000 + 130000);
  });

  it('has English headers in en', async () => {
    const ws = await read(await exportGoalSheet(h.store, 'T1', 't1', '2026-03', 'en', { today: '2026-03-10' }));
    expect((ws.getRow(3).values as unknown[]).slice(1, 7)).toEqual(['Name', 'ID', 'Income target', 'Base salary', 'Commission', 'Sales target']);
    expect(ws.getRow(2).getCell(15).value).toBe('Week 10 (3/2–3/8)');
    expect(rowOf(ws, 'a4').getCell(35).value).toBe('At risk');
    expect(rowOf(ws, 'a4').getCell(5).value).toBe('2%');
  });
});

describe('export handler', () => {
  it('returns the XLSX on reply.file for the lead, privately', async () => {
    const reply = await h.say('l1', '导出本月目标分解表');
    expect(reply.intent).toBe('export');
    expect(reply.file?.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(reply.file?.filename).toMatch(/t1-2026-03\.xlsx$/);
    expect(reply.visibility).toBe('private');
    const ws = await read(Buffer.from(reply.file?.base64 ?? '', 'base64'));
    expect(rowOf(ws, 'a2').getCell(6).value).toBe(450000);
    const feb = await h.say('l1', '/coach export 2026-02');
    expect(feb.data.month).toBe('2026-02');
  });

  it('is refused to agents and scoped to the tenant', async () => {
    const agent = await h.say('a1', '导出本月目标分解表');
    expect(agent.error?.kind).toBe('not_allowed');
    expect(agent.file).toBeUndefined();
    const otherTenant = await h.say('l1', '导出本月目标分解表', { tenant: 'T2' });
    const ws = await read(Buffer.from(otherTenant.file?.base64 ?? '', 'base64'));
    expect(ws.rowCount).toBe(3 + 1 + 1); // z1 only
    expect(() => rowOf(ws, 'a1')).toThrow();
  });
});
