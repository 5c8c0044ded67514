// handOff: a listener's slow part runs detached from Bolt, yet shutdown waits for it and its errors are logged.
import { describe, expect, it } from 'vitest';
import { handOff } from '../../../src/channels/slack/runtime';
import { PendingWork } from '../../../src/core/pendingWork';
import { memoryLogger, type LogLine } from './harness';

describe('handOff', () => {
  it('returns before the work settles, and drain waits for the work', async () => {
    const logs: LogLine[] = [];
    const rt = { pending: new PendingWork(), logger: memoryLogger(logs) };
    let finish!: () => void;
    const steps: string[] = [];
    const listener = async () => {
      handOff(rt, '/coach', async () => {
        await new Promise<void>((resolve) => {
          finish = resolve;
        });
        steps.push('answered');
      });
      steps.push('listener returned');
    };
    await listener();
    expect(steps).toEqual(['listener returned']);
    expect(await rt.pending.drain(20)).toBe(false); // still running: a shutdown would wait
    finish();
    expect(await rt.pending.drain(1000)).toBe(true);
    expect(steps).toEqual(['listener returned', 'answered']);
    expect(logs).toHaveLength(0);
  });

  it('logs a rejection, since Bolt no longer sees it, and does not leave it pending', async () => {
    const logs: LogLine[] = [];
    const rt = { pending: new PendingWork(), logger: memoryLogger(logs) };
    handOff(rt, 'why', async () => {
      throw new Error('boom');
    });
    expect(await rt.pending.drain(1000)).toBe(true);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ level: 'error', msg: 'slack why failed after the ack' });
    expect(JSON.stringify(logs[0].fields)).toContain('boom');
  });
});
