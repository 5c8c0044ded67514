// A pino logger whose JSON lines are kept in memory, for tests that assert on log lines (ids present,
// no message text or personal identifiers).
import { Writable } from 'node:stream';
import pino from 'pino';
import type { Logger } from '../../src/logger';

export interface LogRecord {
  level: number;
  msg?: string;
  [field: string]: unknown;
}

/** A pino logger whose JSON lines are kept in memory (asserted on: no message text, error lines present). */
export function memoryPino(lines: LogRecord[], level = 'debug'): Logger {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line) as LogRecord);
      done();
    },
  });
  return pino({ level, base: { service: 'lingyan' } }, sink);
}
