// Import problems: what went wrong, on which row (1-based, as the spreadsheet shows it) and column (the
// header as written). Codes map to messages `import.problem.<code>` in the lead catalogue.
export type ProblemCode =
  | 'unsupported_format'
  | 'unreadable'
  | 'empty'
  | 'too_many_rows'
  | 'merged_header'
  | 'merged_cell'
  | 'formula'
  | 'missing_column'
  | 'duplicate_column'
  | 'unknown_kind'
  | 'bad_date'
  | 'bad_month'
  | 'bad_number'
  | 'bad_bool'
  | 'bad_score'
  | 'required'
  | 'invalid'
  | 'duplicate_row'
  | 'unknown_agent'
  | 'not_allowed';

export interface ImportProblem {
  code: ProblemCode;
  /** Spreadsheet row number (the header row is usually 1), or null for whole-file problems. */
  row: number | null;
  /** The column's header as written in the file (or the expected header for a missing column). */
  column: string | null;
  params?: Record<string, string | number>;
}

/** Thrown by the readers for problems that stop reading the file at all. */
export class ImportFileError extends Error {
  constructor(readonly problem: ImportProblem) {
    super(`${problem.code}${problem.row !== null ? ` row ${problem.row}` : ''}${problem.column ? ` column ${problem.column}` : ''}`);
    this.name = 'ImportFileError';
  }
}
