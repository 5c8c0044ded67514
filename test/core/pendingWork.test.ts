import { describe, expect, it } from 'vitest';
import { PendingWork } from '../../src/core/pendingWork';

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('PendingWork', () => {
  it('drains at once when nothing is pending', async () => {
    expect(await new PendingWork().drain(10)).toBe(true);
  });

  it('waits for tracked work, including work started while draining, and forgets settled work', async () => {
    const work = new PendingWork();
    const first = deferred();
    const second = deferred();
    work.track(first.promise);
    expect(work.size).toBe(1);
    const drained = work.drain(1000);
    first.resolve();
    work.track(second.promise); // started before the first settled its bookkeeping
    await Promise.resolve();
    let done = false;
    void drained.then(() => {
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(done).toBe(false);
    second.reject(new Error('failed work still counts as finished'));
    expect(await drained).toBe(true);
    expect(work.size).toBe(0);
  });

  it('gives up after the timeout and says so', async () => {
    const work = new PendingWork();
    work.track(new Promise(() => undefined));
    expect(await work.drain(30)).toBe(false);
  });
});
