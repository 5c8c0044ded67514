// "Today" for the date-sensitive suites: the real date by default, or LINGYAN_TEST_NOW (an ISO instant
// with offset) when CI's date matrix runs them on fixed days (scripts/test.sh). The clock keeps ticking
// from that instant, so timeouts and TTLs behave as in real time while every date the engine sees is the
// chosen day. Suites that import this file are the ones the matrix re-runs.
const fixed = process.env.LINGYAN_TEST_NOW;
const parsed = fixed ? Date.parse(fixed) : Number.NaN;
if (fixed && Number.isNaN(parsed)) throw new Error(`LINGYAN_TEST_NOW is not an ISO instant: "${fixed}"`);
const offsetMs = fixed ? parsed - Date.now() : 0;

/** The engine's clock in date-sensitive suites. */
export const testClock = (): Date => new Date(Date.now() + offsetMs);

/** The instant the suite treats as now (same as testClock()). */
export const testNow = (): Date => testClock();
