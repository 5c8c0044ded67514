// importTable: a CSV/XLSX file to validated roster, history, activity or assessment rows — all rows valid or
// a list of problems naming row and column. writeImport upserts, so importing the same file twice is a no-op.
import type { z } from 'zod';
import type { Assessment, DailyActivity, HistoryMonth, LocalDate, RosterEntry } from '../domain/types';
import { activitySchema, assessmentSchema, historySchema, rosterSchema } from '../store/fixture';
import type { Store } from '../store/store';
import { COLUMNS, detectKind, normalizeHeader, type ColumnSpec, type ImportKind } from './columns';
import { ImportFileError, type ImportProblem } from './problems';
import { readTable, type Cell, type RawTable } from './table';
import { readBool, readDate, readMonth, readNumber, readText } from './values';

export type { ImportKind } from './columns';
export type { ImportProblem } from './problems';

export interface Lined<T> {
  line: number;
  value: T;
}

export type ImportRows =
  | { kind: 'history'; rows: Lined<HistoryMonth>[] }
  | { kind: 'activity'; rows: Lined<DailyActivity>[] }
  | { kind: 'roster'; rows: Lined<RosterEntry>[] }
  | { kind: 'assessments'; rows: Lined<Assessment>[] };

export type ImportParse = ({ ok: true } & ImportRows & { agentHeader: string }) | { ok: false; kind: ImportKind | null; problems: ImportProblem[] };

export interface ImportOptions {
  /** Today, for dates written without a year ("3月5日"). */
  today?: LocalDate;
  /** Words a validation issue in the reader's language (zod's own messages are English). */
  describeIssue?: (issue: z.core.$ZodIssue) => string;
}

const MAX_PROBLEMS = 20;

const SCHEMAS: Record<ImportKind, z.ZodType> = {
  history: historySchema,
  activity: activitySchema,
  roster: rosterSchema,
  assessments: assessmentSchema,
};

/** Maps each spec to the index of its column; reports missing and duplicated columns. */
function mapColumns(table: RawTable, specs: readonly ColumnSpec[], problems: ImportProblem[]): Map<ColumnSpec, number> {
  const found = new Map<ColumnSpec, number>();
  table.headers.forEach((header, i) => {
    const norm = normalizeHeader(header);
    if (!norm) return;
    const spec = specs.find((s) => s.aliases.includes(norm));
    if (!spec) return; // Extra columns (姓名, 备注...) are ignored.
    if (found.has(spec)) {
      problems.push({ code: 'duplicate_column', row: table.headerLine, column: header, params: { other: table.headers[found.get(spec) as number] } });
      return;
    }
    found.set(spec, i);
  });
  for (const spec of specs) {
    if (spec.required && !found.has(spec)) problems.push({ code: 'missing_column', row: table.headerLine, column: spec.label });
  }
  return found;
}

function readCell(spec: ColumnSpec, cell: Cell, year: number): { ok: true; value: unknown } | { ok: false; code: ImportProblem['code'] } {
  if (cell === null || (typeof cell === 'string' && cell.trim() === '')) return { ok: true, value: undefined };
  switch (spec.type) {
    case 'text': {
      const v = readText(cell);
      return { ok: true, value: v ?? undefined };
    }
    case 'date': {
      const v = readDate(cell, year);
      return v ? { ok: true, value: v } : { ok: false, code: 'bad_date' };
    }
    case 'month': {
      const v = readMonth(cell, year);
      return v ? { ok: true, value: v } : { ok: false, code: 'bad_month' };
    }
    case 'bool': {
      const v = readBool(cell);
      return v === null ? { ok: false, code: 'bad_bool' } : { ok: true, value: v };
    }
    case 'score': {
      const v = readNumber(cell);
      return v === null ? { ok: false, code: 'bad_score' } : { ok: true, value: v };
    }
    default: {
      const v = readNumber(cell);
      return v === null ? { ok: false, code: 'bad_number' } : { ok: true, value: v };
    }
  }
}

function keyOf(kind: ImportKind, row: Record<string, unknown>): string {
  switch (kind) {
    case 'history':
      return `${row.agent}|${row.month}`;
    case 'assessments':
      return `${row.agent}|${row.rater}|${row.date}`;
    default:
      return `${row.agent}|${row.date}`;
  }
}

/** Builds the zod input of one row: plain fields, or `scores` for assessments. */
function rowObject(kind: ImportKind, values: Record<string, unknown>): Record<string, unknown> {
  if (kind !== 'assessments') return values;
  const { agent, rater, date, ...scores } = values;
  return { agent, rater, date, scores: Object.fromEntries(Object.entries(scores).filter(([, v]) => v !== undefined)) };
}

export function parseTable(table: RawTable, kind: ImportKind, options: ImportOptions = {}): ImportParse {
  const problems: ImportProblem[] = [];
  const specs = COLUMNS[kind];
  const columns = mapColumns(table, specs, problems);
  if (kind === 'activity' && ![...columns.keys()].some((s) => s.type === 'count' || s.type === 'money')) {
    problems.push({ code: 'missing_column', row: table.headerLine, column: '拨打量 / calls' });
  }
  if (kind === 'assessments' && ![...columns.keys()].some((s) => s.type === 'score')) {
    problems.push({ code: 'missing_column', row: table.headerLine, column: '专业知识 / professional_knowledge …' });
  }
  if (problems.length > 0) return { ok: false, kind, problems };
  const year = Number((options.today ?? new Date().toISOString()).slice(0, 4));
  const headerOf = (field: string) => {
    const spec = specs.find((s) => s.field === field);
    const index = spec ? columns.get(spec) : undefined;
    return index === undefined ? field : table.headers[index];
  };
  const seen = new Map<string, number>();
  const rows: Lined<unknown>[] = [];
  for (const raw of table.rows) {
    if (problems.length >= MAX_PROBLEMS) break;
    const values: Record<string, unknown> = {};
    let rowOk = true;
    for (const [spec, index] of columns) {
      const read = readCell(spec, raw.cells[index] ?? null, year);
      if (!read.ok) {
        problems.push({ code: read.code, row: raw.line, column: table.headers[index], params: { value: String(raw.cells[index]).slice(0, 30) } });
        rowOk = false;
      } else if (read.value !== undefined) values[spec.field] = read.value;
      else if (spec.required) {
        problems.push({ code: 'required', row: raw.line, column: table.headers[index] });
        rowOk = false;
      }
    }
    if (!rowOk) continue;
    const parsed = SCHEMAS[kind].safeParse(rowObject(kind, values));
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 3)) {
        const path = issue.path.map(String);
        const field = path[0] === 'scores' && path[1] ? path[1] : (path[0] ?? '');
        const code = path[0] === 'scores' ? 'bad_score' : 'invalid';
        const value = path[0] === 'scores' ? (values[field] as number | undefined) : values[field];
        problems.push({ code, row: raw.line, column: headerOf(field), params: { value: String(value ?? '').slice(0, 30), detail: options.describeIssue ? options.describeIssue(issue) : issue.message } });
      }
      continue;
    }
    const row = parsed.data as Record<string, unknown>;
    // Activity metrics without a column are left out (not defaulted to 0), so a "replace" keeps their value.
    if (kind === 'activity') for (const f of ['calls', 'connects', 'deals', 'sales', 'prospects']) if (!(f in values)) delete row[f];
    const key = keyOf(kind, row);
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ code: 'duplicate_row', row: raw.line, column: headerOf('agent'), params: { first, agent: String(row.agent) } });
      continue;
    }
    seen.set(key, raw.line);
    rows.push({ line: raw.line, value: row });
  }
  if (problems.length > 0) return { ok: false, kind, problems };
  return { ok: true, kind, rows, agentHeader: headerOf('agent') } as ImportParse;
}

/**
 * Reads and validates a whole file. `kind` may be omitted to detect it from the header row. Never writes:
 * call `writeImport` with an `ok` result (after checking the agents with `checkAgents`).
 */
export async function importTable(bytes: Buffer, filename: string, kind?: ImportKind, options: ImportOptions = {}): Promise<ImportParse> {
  let table: RawTable;
  try {
    table = await readTable(bytes, filename);
  } catch (error) {
    if (error instanceof ImportFileError) return { ok: false, kind: kind ?? null, problems: [error.problem] };
    throw error;
  }
  const resolved = kind ?? detectKind(table.headers);
  if (!resolved) return { ok: false, kind: null, problems: [{ code: 'unknown_kind', row: table.headerLine, column: null, params: { headers: table.headers.join(', ').slice(0, 80) } }] };
  return parseTable(table, resolved, options);
}

/**
 * Checks every row's agent (and an assessment's rater) against the tenant's people and what the importer
 * may write: unknown ids and people outside their teams are problems, with row and column.
 */
export function checkAgents(parse: Extract<ImportParse, { ok: true }>, known: ReadonlySet<string>, writable: ReadonlySet<string>): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (const { line, value } of parse.rows as Lined<{ agent: string; rater?: string }>[]) {
    if (problems.length >= MAX_PROBLEMS) break;
    if (!known.has(value.agent)) problems.push({ code: 'unknown_agent', row: line, column: parse.agentHeader, params: { agent: value.agent } });
    else if (!writable.has(value.agent)) problems.push({ code: 'not_allowed', row: line, column: parse.agentHeader, params: { agent: value.agent } });
    else if (value.rater !== undefined && !known.has(value.rater)) problems.push({ code: 'unknown_agent', row: line, column: 'rater', params: { agent: value.rater } });
  }
  return problems;
}

function sameScores(a: Assessment['scores'], b: Assessment['scores']): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

/** Writes a validated import. Upserts by agent+month / agent+date; identical assessments are not added twice. */
export async function writeImport(store: Store, tenant: string, parse: Extract<ImportParse, { ok: true }>): Promise<{ written: number; unchanged: number }> {
  let unchanged = 0;
  switch (parse.kind) {
    case 'history':
      await store.putHistory(tenant, parse.rows.map((r) => r.value));
      break;
    case 'roster':
      await store.putRoster(tenant, parse.rows.map((r) => r.value));
      break;
    case 'activity':
      for (const { value } of parse.rows) {
        const { agent, date, ...counts } = value as Partial<DailyActivity> & { agent: string; date: string };
        await store.recordActivity(tenant, agent, date, counts, 'replace');
      }
      break;
    case 'assessments':
      for (const { value } of parse.rows) {
        const existing = await store.listAssessments(tenant, value.agent);
        if (existing.some((a) => a.rater === value.rater && a.date === value.date && sameScores(a.scores, value.scores))) unchanged++;
        else await store.addAssessment(tenant, value);
      }
      break;
  }
  return { written: parse.rows.length - unchanged, unchanged };
}
