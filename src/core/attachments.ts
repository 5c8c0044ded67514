// What a file sent for import may be, shared by the channels that download it (Slack, Teams) and the
// import handler that reads it, so the size limit and accepted types are decided in one place.

/** Largest file accepted for import (a roster of thousands of rows is well under this). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** CSV/XLSX (and .txt exports of CSV) are the tables the importer reads. */
export const IMPORT_FILE = /\.(csv|xlsx|xlsm|txt)$/i;

export function isImportableFileName(name: string): boolean {
  return IMPORT_FILE.test(name);
}
