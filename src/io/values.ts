// Cell readers for imports: dates in 2026-03-05, 2026/3/5, 2026年3月5日, 3月5日 (year from context) or as
// spreadsheet dates; months; counts and amounts ("1,800", "3万"); yes/no in zh and en.
import { DateTime } from 'luxon';
import { normalizeWidth, parseAmount } from '../understanding';
import type { Cell } from './table';

function valid(y: number, m: number, d: number): string | null {
  const dt = DateTime.utc(y, m, d);
  if (!dt.isValid || dt.year !== y || dt.month !== m || dt.day !== d) return null;
  return dt.toISODate();
}

/** A spreadsheet date (exceljs gives UTC midnight) or one of the accepted text forms, as YYYY-MM-DD. */
export function readDate(cell: Cell, year: number): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10);
  if (typeof cell !== 'string') return null;
  const s = normalizeWidth(cell).trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/.exec(s);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})月(\d{1,2})[日号]?$/.exec(s);
  if (m) return valid(year, Number(m[1]), Number(m[2]));
  return null;
}

/** A month as YYYY-MM: 2026-03, 2026/3, 2026年3月, 3月 (year from context), or a date in that month. */
export function readMonth(cell: Cell, year: number): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 7);
  if (typeof cell !== 'string') return null;
  const s = normalizeWidth(cell).trim();
  let m = /^(\d{4})[-/.](\d{1,2})$/.exec(s) ?? /^(\d{4})年(\d{1,2})月?$/.exec(s);
  if (m) return Number(m[2]) >= 1 && Number(m[2]) <= 12 ? `${m[1]}-${m[2].padStart(2, '0')}` : null;
  m = /^(\d{1,2})月(?:份)?$/.exec(s);
  if (m) return Number(m[1]) >= 1 && Number(m[1]) <= 12 ? `${year}-${m[1].padStart(2, '0')}` : null;
  const date = readDate(cell, year);
  return date ? date.slice(0, 7) : null;
}

/** A number from a numeric cell or text ("1,800", "¥30,000", "3万", "1.2w"). */
export function readNumber(cell: Cell): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (typeof cell !== 'string') return null;
  const s = normalizeWidth(cell).trim().replace(/[,，\s]/g, '').replace(/^[¥￥$]/, '').replace(/元$/, '');
  if (/^-?\d+(?:\.\d+)?$/.test(s)) return Number(s);
  return parseAmount(s);
}

const YES = /^(是|休|休息|休假|请假|放假|y|yes|true|1|√|✓|off|rest)$/i;
const NO = /^(否|不|班|上班|工作|出勤|加班|n|no|false|0|on|work|working)$/i;

export function readBool(cell: Cell): boolean | null {
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return cell === 1 ? true : cell === 0 ? false : null;
  if (typeof cell !== 'string') return null;
  const s = normalizeWidth(cell).trim();
  if (YES.test(s)) return true;
  if (NO.test(s)) return false;
  return null;
}

export function readText(cell: Cell): string | null {
  if (cell === null) return null;
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  const s = String(cell).trim();
  return s === '' ? null : s;
}
