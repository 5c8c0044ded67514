// Imports from CSV and XLSX: zh/en headers, three date formats, round trips through the store, idempotent
// re-import, and bad files (missing column, bad date, duplicate id, score out of range, formula, merged
// header) that name row and column and write nothing.
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { importTable } from '../../src/io';
import { harness, type Harness } from '../core/handlers/lead/harness';

const csv = (text: string) => Buffer.from(text, 'utf8');

async function xlsx(rows: Array<Array<string | number | boolean | Date | ExcelJS.CellFormulaValue | null>>, merge?: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  for (const row of rows) ws.addRow(row);
  if (merge) ws.mergeCells(merge);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let h: Harness;
/** An engine whose messages carry `file` as their attachment. */
async function importAs(user: string, filename: string, bytes: Buffer, text = '导入', tenant = 'T1') {
  const withFile = await harness({ attachment: { filename, bytes } });
  return { reply: await withFile.say(user, text, { tenant }), store: withFile.store };
}

beforeEach(async () => {
  h = await harness();
});

describe('importTable (parsing only)', () => {
  it('reads zh headers and all three date formats; 3月5日 takes the year from today', async () => {
    const file = csv('工号,日期,休息\na1,2026-03-05,是\na2,2026/3/6,否\na3,3月9日,休\n');
    const parsed = await importTable(file, 'roster.csv', undefined, { today: '2026-03-10' });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.kind).toBe('roster');
    expect(parsed.rows.map((r) => r.value)).toEqual([
      { agent: 'a1', date: '2026-03-05', off: true },
      { agent: 'a2', date: '2026-03-06', off: false },
      { agent: 'a3', date: '2026-03-09', off: true },
    ]);
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 3, 4]);
  });

  it('reads en headers with units and extra columns, and GB18030-encoded CSV', async () => {
    const en = csv('Agent ID,Month,Calls,Connects,Deals,Sales (CNY),Prospects,Workdays,Notes\na1,2026-01,"1,900",760,38,"570,000",150,21,ok\n');
    const parsed = await importTable(en, 'history.csv');
    expect(parsed.ok && parsed.rows[0].value).toEqual({ agent: 'a1', month: '2026-01', calls: 1900, connects: 760, deals: 38, sales: 570000, prospects: 150, workdays: 21 });
    const gbk = Buffer.from([0xb9, 0xa4, 0xba, 0xc5, 0x2c, 0xc8, 0xd5, 0xc6, 0xda, 0x2c, 0xd0, 0xdd, 0xcf, 0xa2, 0x0a, 0x61, 0x31, 0x2c, 0x33, 0xd4, 0xc2, 0x35, 0xc8, 0xd5, 0x2c, 0xca, 0xc7, 0x0a]); // "工号,日期,休息\na1,3月5日,是"
    const parsedGbk = await importTable(gbk, 'r.csv', undefined, { today: '2026-03-01' });
    expect(parsedGbk.ok && parsedGbk.rows[0].value).toEqual({ agent: 'a1', date: '2026-03-05', off: true });
  });

  it('reports problems with row and column', async () => {
    const missing = await importTable(csv('工号,月份,拨打量,接通,成交,业绩,工作日\na1,2026-01,1,1,1,1,1\n'), 'h.csv');
    expect(missing).toMatchObject({ ok: false, problems: [{ code: 'missing_column', column: '意向客户 / prospects' }] });
    const badDate = await importTable(csv('工号,日期,休息\na1,2026-03-05,是\na2,5.3.2026,否\n'), 'r.csv');
    expect(badDate).toMatchObject({ ok: false, problems: [{ code: 'bad_date', row: 3, column: '日期' }] });
    const dup = await importTable(csv('工号,日期,休息\na1,2026-03-05,是\na1,2026/3/5,否\n'), 'r.csv');
    expect(dup).toMatchObject({ ok: false, problems: [{ code: 'duplicate_row', row: 3, column: '工号', params: { first: 2 } }] });
    const score = await importTable(csv('工号,评估人,日期,专业知识,应答技巧\na1,l1,2026-03-01,4,6\n'), 'a.csv');
    expect(score).toMatchObject({ ok: false, kind: 'assessments', problems: [{ code: 'bad_score', row: 2, column: '应答技巧' }] });
    const negative = await importTable(csv('工号,日期,拨打量\na1,2026-03-02,-5\n'), 'act.csv');
    expect(negative).toMatchObject({ ok: false, problems: [{ code: 'invalid', row: 2, column: '拨打量' }] });
  });

  it('refuses XLSX formulas and merged header cells, naming the cell', async () => {
    const formula = await xlsx([
      ['工号', '日期', '拨打量'],
      ['a1', '2026-03-02', 80],
      ['a2', '2026-03-02', { formula: 'C2*2', result: 160 }],
    ]);
    const f = await importTable(formula, 'act.xlsx');
    expect(f).toMatchObject({ ok: false, problems: [{ code: 'formula', row: 3, column: 'C3', params: { formula: '=C2*2' } }] });
    const merged = await xlsx([['工号', '', '休息'], ['a1', '2026-03-05', '是']], 'A1:B1');
    const m = await importTable(merged, 'r.xlsx', 'roster');
    expect(m).toMatchObject({ ok: false, problems: [{ code: 'merged_header', row: 1, column: 'A1:B1' }] });
  });

  it('reads XLSX dates, numbers and booleans', async () => {
    const file = await xlsx([['agent', 'date', 'off'], ['a1', new Date(Date.UTC(2026, 2, 5)), true], ['a2', '2026/3/6', 'no']]);
    const parsed = await importTable(file, 'roster.xlsx');
    expect(parsed.ok && parsed.rows.map((r) => r.value)).toEqual([
      { agent: 'a1', date: '2026-03-05', off: true },
      { agent: 'a2', date: '2026-03-06', off: false },
    ]);
  });
});

describe('import handler (through the engine)', () => {
  it('CSV round trip: history is written, re-import is idempotent', async () => {
    const file = csv('工号,月份,拨打量,接通,成交,业绩,意向客户,工作日\na1,2026-01,1900,760,38,570000,150,21\na2,2026年1月,1800,700,30,450000,120,21\n');
    const { reply, store } = await importAs('l1', 'history.csv', file, '导入历史业绩');
    expect(reply.data).toMatchObject({ ok: true, kind: 'history', rows: 2 });
    expect((await store.getHistory('T1', 'a2')).find((m) => m.month === '2026-01')).toMatchObject({ calls: 1800, sales: 450000 });
    const before = await store.getHistory('T1', 'a1');
    expect(before.map((m) => m.month)).toEqual(['2026-01', '2026-02']);
    // Importing the same file into the same store again leaves it exactly as it was.
    const again = await harness({ attachment: { filename: 'history.csv', bytes: file } });
    await again.say('l1', '导入历史业绩');
    const once = JSON.stringify(await again.store.getHistory('T1', 'a1'));
    expect((await again.say('l1', '导入历史业绩')).data).toMatchObject({ ok: true, rows: 2 });
    expect(JSON.stringify(await again.store.getHistory('T1', 'a1'))).toBe(once);
    expect(JSON.parse(once)).toEqual(before);
  });

  it('XLSX round trip: activity replaces only the columns present; re-import changes nothing', async () => {
    const withFile = await harness({ attachment: { filename: 'daily.xlsx', bytes: await xlsx([['工号', '日期', '拨打量', '业绩'], ['a1', '3月9日', 120, 150000], ['a2', '2026-03-02', 90, 0]]) } });
    const first = await withFile.say('l1', 'import daily activity', { locale: 'en' });
    expect(first.data).toMatchObject({ ok: true, kind: 'activity', rows: 2 });
    const a1 = (await withFile.store.getActivity('T1', 'a1', '2026-03')).find((d) => d.date === '2026-03-09');
    // calls and sales replaced; connects/deals/prospects keep the fixture's 40 / 2 / 8.
    expect(a1).toMatchObject({ calls: 120, sales: 150000, connects: 40, deals: 2, prospects: 8 });
    await withFile.say('l1', 'import daily activity');
    expect((await withFile.store.getActivity('T1', 'a1', '2026-03')).find((d) => d.date === '2026-03-09')).toEqual(a1);
  });

  it('assessment import is idempotent (identical rows are not added twice)', async () => {
    const file = csv('工号,评估人,日期,专业知识,通用知识,应答技巧,工具使用\na7,l1,2026-03-08,4,4,4,4\n');
    const withFile = await harness({ attachment: { filename: 'assess.csv', bytes: file } });
    expect((await withFile.say('l1', '导入评估')).data).toMatchObject({ ok: true, written: 1 });
    expect((await withFile.say('l1', '导入评估')).data).toMatchObject({ ok: true, written: 0, unchanged: 1 });
    expect(await withFile.store.listAssessments('T1', 'a7')).toHaveLength(2);
  });

  it('bad files write nothing and the reply names row and column', async () => {
    const cases: Array<[string, Buffer]> = [
      ['missing.csv', csv('工号,日期\na1,2026-03-05\n')],
      ['baddate.csv', csv('工号,日期,休息\na1,2026-03-05,是\na2,2026-02-30,否\n')],
      ['dup.csv', csv('工号,日期,休息\na1,2026-03-05,是\na1,2026-03-05,是\n')],
      ['score.csv', csv('工号,评估人,日期,专业知识\na1,l1,2026-03-01,0\n')],
      ['formula.xlsx', await xlsx([['工号', '日期', '休息'], ['a1', '2026-03-05', { formula: '"是"', result: '是' }]])],
      ['merged.xlsx', await xlsx([['工号', '日期', '休息'], ['a1', '2026-03-05', '是']], 'B1:C1')],
      ['outside.csv', csv('工号,日期,休息\na1,2026-03-05,是\nb1,2026-03-05,是\n')],
      ['unknown.csv', csv('工号,日期,休息\na1,2026-03-05,是\nzz9,2026-03-05,是\n')],
    ];
    for (const [name, bytes] of cases) {
      const withFile = await harness({ attachment: { filename: name, bytes } });
      const snapshot = JSON.stringify([await withFile.store.getRoster('T1', 'a1'), await withFile.store.listAssessments('T1', 'a1')]);
      const reply = await withFile.say('l1', '导入排班');
      expect(reply.data.ok, name).toBe(false);
      expect(reply.error?.kind, name).toBe('input');
      expect(reply.text, name).toMatch(/未写入任何数据/);
      expect(JSON.stringify([await withFile.store.getRoster('T1', 'a1'), await withFile.store.listAssessments('T1', 'a1')]), name).toBe(snapshot);
    }
    const outside = await harness({ attachment: { filename: 'o.csv', bytes: cases[6][1] } });
    const reply = await outside.say('l1', '导入排班');
    expect(reply.text).toContain('第 3 行「工号」');
    expect(reply.text).toContain('b1');
  });

  it('cross-tenant: ids of another tenant are unknown there', async () => {
    const { reply } = await importAs('l1', 'r.csv', csv('工号,日期,休息\na1,2026-03-05,是\n'), '导入排班', 'T2');
    expect(reply.data.ok).toBe(false);
    expect((reply.data.problems as Array<{ code: string }>)[0].code).toBe('unknown_agent');
  });

  it('console: "导入 <path>" reads the file; other channels never read server paths', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const dir = mkdtempSync('/tmp/lingyan-import-');
    writeFileSync(`${dir}/roster.csv`, '工号,日期,休息\na2,2026-03-11,是\n');
    const reply = await h.say('l1', `导入 ${dir}/roster.csv`);
    expect(reply.data).toMatchObject({ ok: true, kind: 'roster', rows: 1 });
    expect(await h.store.getRoster('T1', 'a2')).toEqual([{ agent: 'a2', date: '2026-03-11', off: true }]);
    const slack = await h.say('l1', `import ${dir}/roster.csv`, { kind: 'slack' });
    expect(slack.data).toMatchObject({ ok: false, needsFile: true });
  });

  it('agents are refused', async () => {
    const { reply } = await importAs('a1', 'r.csv', csv('工号,日期,休息\na1,2026-03-05,是\n'), '导入排班');
    expect(reply.error?.kind).toBe('not_allowed');
  });
});
