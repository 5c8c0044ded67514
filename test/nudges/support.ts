// Redis/BullMQ plumbing for the nudges tests: real workers on an isolated prefix, a fake channel that
// counts sends (and can misbehave), and a polling wait.
import type { Redis } from 'ioredis';
import type { DeliveryResult, ProactiveRecipient } from '../../src/channels/channel';
import type { Reply } from '../../src/core/reply';
import type { VerifiableChannel } from '../../src/nudges/delivery';
import { startNudgeWorker, type NudgeWorkerHandle, type NudgeWorkerOptions } from '../../src/nudges/worker';
import { createRedisConnection } from '../../src/store/connection';

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A Slack-like channel that records every send per user; `behave` can answer differently per call. */
export class CountingChannel implements VerifiableChannel {
  readonly kind = 'slack' as const;
  readonly sends = new Map<string, number>();
  readonly keys = new Set<string>();
  readonly calls: Array<{ user: string; at: number; kind: unknown }> = [];
  verifiable = true;

  constructor(public behave: (user: string, call: number) => DeliveryResult | Promise<DeliveryResult> = () => ({ status: 'sent' })) {}

  async sendToUser(recipient: ProactiveRecipient, reply: Reply): Promise<DeliveryResult> {
    this.calls.push({ user: recipient.platformUserId, at: Date.now(), kind: reply.data.kind });
    const result = await this.behave(recipient.platformUserId, this.calls.length);
    if (result.status === 'sent') {
      this.sends.set(recipient.platformUserId, (this.sends.get(recipient.platformUserId) ?? 0) + 1);
      this.keys.add(String(reply.data.nudgeKey));
    }
    return result;
  }

  async wasDelivered(_recipient: ProactiveRecipient, nudgeKey: string): Promise<boolean | undefined> {
    return this.verifiable ? this.keys.has(nudgeKey) : undefined;
  }

  total(): number {
    return [...this.sends.values()].reduce((a, b) => a + b, 0);
  }
}

/** Resolves once the connection has no command waiting for a reply (or after `timeoutMs`). */
async function commandsSettled(connection: Redis, timeoutMs: number): Promise<void> {
  const pending = () => {
    const queue = Reflect.get(connection, 'commandQueue') as { length?: unknown } | undefined;
    return typeof queue?.length === 'number' ? queue.length : 0;
  };
  const deadline = Date.now() + timeoutMs;
  while (pending() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

/** Starts a real BullMQ worker on its own connection (so it can be killed alone). */
export function worker(url: string, options: Omit<NudgeWorkerOptions, 'connection'>): NudgeWorkerHandle & { connection: Redis; kill(): Promise<void> } {
  const connection = createRedisConnection(url, { forWorker: true });
  const handle = startNudgeWorker({ lockDurationMs: 1000, stalledIntervalMs: 300, concurrency: 5, ...options, connection });
  return {
    ...handle,
    connection,
    async close() {
      await handle.close();
      await connection.quit().catch(() => connection.disconnect());
    },
    /** A crash: no graceful wait, no lock renewal, connection dropped. The active job's promise is abandoned. */
    async kill() {
      await handle.worker.close(true).catch(() => undefined);
      // Let commands already sent get their replies first: dropping the socket under them rejects their
      // promises, and BullMQ leaves some of those unhandled on close (taskforcesh/bullmq#3546), which
      // fails the run even though every test passed. The crash itself is unchanged: nothing new is sent.
      await commandsSettled(connection, 1000);
      connection.disconnect();
    },
  };
}

export const never = (): Promise<void> => new Promise<void>(() => undefined);
