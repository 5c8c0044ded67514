// Activity writes whose outcome may be unknown: when the connection drops after a write was sent, the
// write may or may not have landed. Each write carries the id of the message that caused it and leaves a
// receipt in the same atomic step (Store.recordActivity), so after the failure Lingyan asks the store for
// the receipt instead of guessing: landed → the normal reply; no receipt → "nothing was saved" is true;
// no answer within the recheck window → say plainly that it cannot tell yet, and how to check.
import type { DailyActivity, FunnelCounts, LocalDate } from '../domain/types';
import { UpstreamError } from '../errors';
import type { Store } from '../store/store';
import type { HandlerContext } from './context';

/** How long a failed write waits for the store to answer "did it land?" (a Redis restart takes ~1 s). */
export const OUTCOME_RECHECK_MS = 6_000;
const RECHECK_STEP_MS = 200;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The receipt of `writeId` once the store answers: the day it left, or null when it did not land.
 * 'unknown' when the store does not answer within `withinMs`. Reads go over the same connection as the
 * write, after any command ioredis resends on reconnecting, so a late landing is seen, not missed.
 */
export async function outcomeOf(store: Store, tenant: string, writeId: string, withinMs = OUTCOME_RECHECK_MS): Promise<DailyActivity | null | 'unknown'> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      return await store.writeReceipt(tenant, writeId);
    } catch {
      if (Date.now() + RECHECK_STEP_MS > deadline) return 'unknown';
      await pause(RECHECK_STEP_MS);
    }
  }
}

/**
 * Records activity for the person asking, exactly once per message, and never reports a landed write as
 * lost. Throws the original UpstreamError only when the store confirms nothing was saved, and
 * UpstreamError('redis', 'error.upstream.write_unknown') when it cannot tell yet.
 */
export async function recordActivityOnce(
  ctx: Pick<HandlerContext, 'store' | 'tenant' | 'actor' | 'writeId'>,
  date: LocalDate,
  delta: Partial<FunnelCounts>,
  mode: 'add' | 'replace',
): Promise<DailyActivity> {
  const { store, tenant, writeId } = ctx;
  try {
    return await store.recordActivity(tenant, ctx.actor.id, date, delta, mode, writeId);
  } catch (error) {
    if (!(error instanceof UpstreamError) || !error.maybeApplied || writeId === undefined) throw error;
    const outcome = await outcomeOf(store, tenant, writeId);
    if (outcome === 'unknown') throw new UpstreamError('redis', 'error.upstream.write_unknown', { cause: error });
    if (outcome === null) throw error;
    return outcome;
  }
}
