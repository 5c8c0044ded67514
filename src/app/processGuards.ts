// What a long-running process (server, nudge worker) does with a rejection nobody handled: log it and
// keep serving. Node 20 would end the process, cutting every conversation in flight for one lost promise
// (libraries leave some on shutdown or reconnect, e.g. taskforcesh/bullmq#3546).
import type { EventEmitter } from 'node:events';

export function logUnhandledRejections(logger: { error(fields: object, message: string): void }, target: EventEmitter = process): () => void {
  const onRejection = (reason: unknown) => {
    logger.error({ err: reason instanceof Error ? { message: reason.message, stack: reason.stack } : String(reason) }, 'unhandled rejection (logged, process kept running)');
  };
  target.on('unhandledRejection', onRejection);
  return () => target.off('unhandledRejection', onRejection);
}
