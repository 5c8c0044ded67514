import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { logUnhandledRejections } from '../../src/app/processGuards';

describe('logUnhandledRejections', () => {
  it('logs a lost rejection instead of letting it end the process, and can be removed', () => {
    const target = new EventEmitter();
    const lines: Array<{ fields: object; msg?: string }> = [];
    const remove = logUnhandledRejections({ error: (fields: object, msg: string) => void lines.push({ fields, msg }) }, target);
    target.emit('unhandledRejection', new Error('Connection is closed.'));
    target.emit('unhandledRejection', 'plain reason');
    expect(lines.map((l) => l.msg)).toEqual(['unhandled rejection (logged, process kept running)', 'unhandled rejection (logged, process kept running)']);
    expect(lines[0].fields).toMatchObject({ err: { message: 'Connection is closed.' } });
    expect(lines[1].fields).toEqual({ err: 'plain reason' });
    expect(target.listenerCount('unhandledRejection')).toBe(1);
    remove();
    expect(target.listenerCount('unhandledRejection')).toBe(0);
  });
});
