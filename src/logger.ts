// Structured JSON logs (pino) to stderr, so stdout stays clean for `--once --json`.
// Log fields carry ids (tenant, request, intent), never message text or personal identifiers.
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  // Asynchronous, buffered writes: logging must not block request handling under load. pino flushes
  // the buffer on a normal exit; at most the last few lines can be lost if the process is killed.
  return pino({ level, base: { service: 'lingyan' } }, pino.destination({ dest: 2, sync: false, minLength: 4096 }));
}

export const silentLogger: Logger = pino({ level: 'silent' });
