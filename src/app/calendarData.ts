// Start-up calendar data: merges the operator's calendars/cn-extra.json (validated) into the CN calendar,
// and warns when the coming weeks fall in a year whose official schedule is not known yet (the CN calendar
// then counts only the statutory public holidays: no bridge days, no make-up working days).
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { extendChineseCalendar, hasChineseSchedule, hasStatutoryFallback } from '../domain/goals/calendar';
import type { Logger } from '../logger';

export const CN_EXTRA_FILE = fileURLToPath(new URL('../../calendars/cn-extra.json', import.meta.url));

const dateMap = z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'), z.string());
export const cnExtraSchema = z.object({ holidays: dateMap.default({}), workdays: dateMap.default({}) }).strict();

/** Loads the extra schedule if the file exists; a malformed file stops start-up with a clear message. */
export function loadCalendarData(logger: Logger, now: Date = new Date(), file = CN_EXTRA_FILE): void {
  if (existsSync(file)) {
    const parsed = cnExtraSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) {
      // Record-key problems carry the real reason (e.g. "expected YYYY-MM-DD") one level down.
      const reason = (i: z.core.$ZodIssue): string => ('issues' in i && Array.isArray(i.issues) && i.issues[0] ? (i.issues[0] as { message: string }).message : i.message);
      const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${reason(i)}`).join('; ');
      throw new Error(`${file} is invalid: ${problems}`);
    }
    extendChineseCalendar(parsed.data);
    logger.info({ holidays: Object.keys(parsed.data.holidays).length, workdays: Object.keys(parsed.data.workdays).length }, 'extra CN calendar loaded');
  }
  const soon = new Date(now.getTime() + 45 * 86_400_000);
  for (const year of new Set([now.getUTCFullYear(), soon.getUTCFullYear()])) {
    if (hasChineseSchedule(year)) continue;
    if (hasStatutoryFallback(year)) {
      logger.warn(
        { year, file, fallback: 'statutory' },
        'no official CN holiday schedule for this year: the CN calendar uses the statutory fallback (Monday–Friday minus the 13 statutory public holidays: 元旦, 春节 ×4, 清明, 劳动节 ×2, 端午, 中秋, 国庆节 ×3; no bridge days or make-up working days) until chinese-days is upgraded or the file supplies the official schedule',
      );
    } else {
      logger.warn({ year, file, fallback: 'weekdays' }, 'no official CN holiday schedule for this year: the CN calendar counts Monday–Friday until chinese-days is upgraded or the file supplies it');
    }
  }
}
