// Reads the first sheet of a CSV (UTF-8 or GB18030, as Excel in China saves it) or XLSX file into a header
// row and data rows of raw cells. Formulas and merged header cells are refused with the cell named.
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { ImportFileError } from './problems';

export type Cell = string | number | boolean | Date | null;

export interface RawRow {
  /** The row number a person sees in the spreadsheet (1-based). */
  line: number;
  cells: Cell[];
}

export interface RawTable {
  headers: string[];
  headerLine: number;
  rows: RawRow[];
}

export const MAX_ROWS = 50_000;

export function formatOf(filename: string): 'csv' | 'xlsx' | null {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  if (lower.endsWith('.xlsx') || lower.endsWith('.xlsm')) return 'xlsx';
  return null;
}

function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function isBlank(cells: Cell[]): boolean {
  return cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}

function readCsv(bytes: Buffer): RawTable {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(decode(bytes), { info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? null;
    // The parser's own message is English: the reply names the problem by key (problemLine localizes it).
    throw new ImportFileError({ code: 'unreadable', row: line, column: null, params: { detailKey: 'import.unreadable.csv' } });
  }
  const rows = records.map((r) => ({ line: r.info.lines, cells: r.record.map((v) => (v === '' ? null : v)) as Cell[] }));
  const nonBlank = rows.filter((r) => !isBlank(r.cells));
  if (nonBlank.length === 0) throw new ImportFileError({ code: 'empty', row: null, column: null });
  const [header, ...data] = nonBlank;
  return { headers: header.cells.map((c) => (c === null ? '' : String(c).trim())), headerLine: header.line, rows: data };
}

function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** An exceljs cell value to a plain cell; formulas are refused (their cached results may be stale). */
function plainCell(value: ExcelJS.CellValue, line: number, col: number): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) {
      const formula = 'formula' in value && typeof value.formula === 'string' ? value.formula : String((value as { sharedFormula?: string }).sharedFormula ?? '');
      throw new ImportFileError({ code: 'formula', row: line, column: `${columnLetter(col)}${line}`, params: { formula: `=${formula}`.slice(0, 60) } });
    }
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return null;
  }
  return String(value);
}

async function readXlsx(bytes: Buffer): Promise<RawTable> {
  const workbook = new (await loadExcel()).Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new ImportFileError({ code: 'unreadable', row: null, column: null, params: { detailKey: 'import.unreadable.xlsx' } });
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) throw new ImportFileError({ code: 'empty', row: null, column: null });
  const rows: RawRow[] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: Cell[] = [];
    for (let col = 1; col <= width; col++) cells.push(plainCell(row.getCell(col).value, line, col));
    if (!isBlank(cells)) rows.push({ line, cells });
  });
  if (rows.length === 0) throw new ImportFileError({ code: 'empty', row: null, column: null });
  const header = rows[0];
  // Merged cells: a merged header hides which column is which; merged data cells leave blanks.
  const merges: string[] = ((sheet.model as { merges?: string[] }).merges ?? []).slice();
  for (const range of merges) {
    const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(range);
    if (!m) continue;
    const top = Number(m[2]);
    const bottom = Number(m[4] ?? m[2]);
    if (top <= header.line && bottom >= header.line) {
      throw new ImportFileError({ code: 'merged_header', row: header.line, column: range, params: { range } });
    }
    if (top > header.line) throw new ImportFileError({ code: 'merged_cell', row: top, column: range, params: { range } });
  }
  return {
    headers: header.cells.map((c) => (c === null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim())),
    headerLine: header.line,
    rows: rows.slice(1),
  };
}

/** The file's header and data rows. Throws ImportFileError for files that cannot be read as a table. */
export async function readTable(bytes: Buffer, filename: string): Promise<RawTable> {
  const format = formatOf(filename);
  if (format === null) throw new ImportFileError({ code: 'unsupported_format', row: null, column: null, params: { file: filename.slice(-40) } });
  const table = format === 'csv' ? readCsv(bytes) : await readXlsx(bytes);
  if (table.rows.length > MAX_ROWS) throw new ImportFileError({ code: 'too_many_rows', row: null, column: null, params: { max: MAX_ROWS } });
  return table;
}

/** exceljs (~13 MB) is loaded on the first import or export, not at start-up. */
async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
