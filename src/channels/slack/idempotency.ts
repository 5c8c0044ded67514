// Events API deliveries are at-least-once (retries carry X-Slack-Retry-Num): each event id is claimed
// once in the store, so a retry or replay of an event already seen causes no second side effect.
import type { Middleware, AnyMiddlewareArgs } from '@slack/bolt';
import type { Store } from '../../store/store';
import { errorFields } from './identity';
import type { SlackLogger } from './types';

const CLAIM_TTL_SECONDS = 24 * 3600;

function eventId(body: unknown): { id: string; team: string } | null {
  if (body === null || typeof body !== 'object') return null;
  const b = body as { type?: unknown; event_id?: unknown; team_id?: unknown; authorizations?: Array<{ team_id?: unknown }> };
  if (b.type !== 'event_callback' || typeof b.event_id !== 'string') return null;
  const team = typeof b.team_id === 'string' ? b.team_id : typeof b.authorizations?.[0]?.team_id === 'string' ? b.authorizations[0].team_id : '_';
  return { id: b.event_id, team };
}

export function dedupeEvents(store: Store, logger: SlackLogger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const event = eventId(body);
    if (!event) {
      await next();
      return;
    }
    let first = true;
    try {
      first = await store.claimOnce(event.team, `slack:event:${event.id}`, CLAIM_TTL_SECONDS);
    } catch (error) {
      // Fail open: answering twice is better than never answering when the store hiccups.
      logger.warn({ tenant: event.team, eventId: event.id, err: errorFields(error) }, 'slack event claim failed; processing anyway');
    }
    if (!first) {
      logger.info({ tenant: event.team, eventId: event.id, retryNum: context.retryNum, retryReason: context.retryReason }, 'slack event already handled; retry skipped');
      return;
    }
    await next();
  };
}
