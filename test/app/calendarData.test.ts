// An operator-supplied CN schedule for a year chinese-days does not know yet is merged at start-up,
// and a missing schedule is warned about.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCalendarData } from '../../src/app/calendarData';
import { hasChineseSchedule, isWorkingDay } from '../../src/domain/goals';
import type { Logger } from '../../src/logger';

function recordingLogger() {
  const warnings: unknown[] = [];
  const logger = { info: () => undefined, warn: (fields: unknown) => warnings.push(fields) } as unknown as Logger;
  return { logger, warnings };
}

describe('CN calendar data', () => {
  it('warns when the coming weeks are in a year with no known schedule', () => {
    const { logger, warnings } = recordingLogger();
    // 2040 is far beyond any shipped schedule; 2026 is shipped.
    loadCalendarData(logger, new Date('2040-06-01T00:00:00Z'), '/nonexistent/cn-extra.json');
    expect(warnings).toEqual([expect.objectContaining({ year: 2040 })]);
    expect(hasChineseSchedule(2026)).toBe(true);
  });

  it('merges an extra schedule: a holiday on a weekday and a make-up Saturday', () => {
    // 2039-01-03 is a Monday (a weekday), 2039-01-08 a Saturday; before the file: Mon–Fri rules.
    expect(isWorkingDay('2039-01-03', 'CN', [])).toBe(true);
    expect(isWorkingDay('2039-01-08', 'CN', [])).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'cn-extra-'));
    const file = join(dir, 'cn-extra.json');
    writeFileSync(file, JSON.stringify({ holidays: { '2039-01-03': '元旦' }, workdays: { '2039-01-08': '调休' } }));
    loadCalendarData(recordingLogger().logger, new Date('2039-01-01T00:00:00Z'), file);
    expect(isWorkingDay('2039-01-03', 'CN', [])).toBe(false);
    expect(isWorkingDay('2039-01-08', 'CN', [])).toBe(true);
    expect(hasChineseSchedule(2039)).toBe(true);
  });

  it('refuses a malformed file with a message naming the problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cn-extra-'));
    const file = join(dir, 'cn-extra.json');
    writeFileSync(file, JSON.stringify({ holidays: { '2039/1/3': '元旦' } }));
    expect(() => loadCalendarData(recordingLogger().logger, new Date('2039-01-01T00:00:00Z'), file)).toThrow(/holidays.*YYYY-MM-DD/);
  });
});
