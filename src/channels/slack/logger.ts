// Adapts the project's structured logger to the @slack/logger interface Bolt and the Web API expect.
import { LogLevel, type Logger } from '@slack/bolt';
import type { SlackLogger } from './types';

function toFields(parts: unknown[]): { fields: object; msg: string } {
  const strings: string[] = [];
  const fields: Record<string, unknown> = {};
  for (const part of parts) {
    if (typeof part === 'string') strings.push(part);
    else if (part instanceof Error) fields.err = { name: part.name, message: part.message, code: (part as { code?: unknown }).code };
    else if (part !== null && typeof part === 'object') Object.assign(fields, part);
    else strings.push(String(part));
  }
  return { fields: { component: 'slack-sdk', ...fields }, msg: strings.join(' ') };
}

export function boltLogger(target: SlackLogger): Logger {
  let level: LogLevel = LogLevel.INFO;
  let name = 'bolt';
  return {
    debug: (...parts: unknown[]) => {
      if (level !== LogLevel.DEBUG) return;
      const { fields, msg } = toFields(parts);
      target.debug({ ...fields, name }, msg);
    },
    info: (...parts: unknown[]) => {
      const { fields, msg } = toFields(parts);
      target.info({ ...fields, name }, msg);
    },
    warn: (...parts: unknown[]) => {
      const { fields, msg } = toFields(parts);
      target.warn({ ...fields, name }, msg);
    },
    error: (...parts: unknown[]) => {
      const { fields, msg } = toFields(parts);
      target.error({ ...fields, name }, msg);
    },
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next: string) => {
      name = next;
    },
  };
}
