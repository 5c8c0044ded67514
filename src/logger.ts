// Structured JSON logs (pino) to stderr, so stdout stays clean for `--once --json`.
// Log fields carry ids (tenant, request, intent), never message text or personal identifiers.
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { service: 'lingyan' } }, pino.destination(2));
}

export const silentLogger: Logger = pino({ level: 'silent' });
