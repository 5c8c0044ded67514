// File formats of the lead toolkit: CSV/XLSX import (roster, history, activity, assessments) and the XLSX goal sheet.
export { importTable, parseTable, checkAgents, writeImport, type ImportParse, type ImportRows, type ImportOptions } from './importTable';
export { COLUMNS, IMPORT_KINDS, detectKind, type ImportKind } from './columns';
export { ImportFileError, type ImportProblem, type ProblemCode } from './problems';
export { readTable, type RawTable, type Cell } from './table';
export { exportGoalSheet, commissionSummary, type GoalSheetOptions } from './goalSheet';
