// One console conversation: sends lines to the engine as a fixed user and tenant.
import { randomUUID } from 'node:crypto';
import type { Engine } from '../../core/engine';
import type { Reply } from '../../core/reply';

export interface ConsoleIdentity {
  tenant: string;
  userId: string;
  locale?: string;
  /** Fixed "now" (ISO-8601 with offset) for reproducible answers; default the real clock. */
  now?: Date;
}

export class ConsoleSession {
  /** Each line typed is one message: "<session>:<turn>" is its id (writes carry it). */
  private readonly sessionId = randomUUID();
  private turn = 0;

  constructor(
    private readonly engine: Engine,
    public identity: ConsoleIdentity,
  ) {}

  send(text: string, onPartial?: (partial: string) => void): Promise<Reply> {
    const { tenant, userId, locale, now } = this.identity;
    return this.engine.handle(
      {
        tenant,
        user: { platform: 'console', id: userId },
        text,
        ...(locale ? { locale } : {}),
        now: now ?? new Date(),
        channel: { kind: 'console', shared: false, conversationId: `console:${userId}` },
        isCommand: text.startsWith('/coach'),
        messageId: `${this.sessionId}:${++this.turn}`,
      },
      onPartial,
    );
  }
}
