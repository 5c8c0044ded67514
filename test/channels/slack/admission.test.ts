// The admission gate bounds concurrent background work and never holds anyone past its wait limit.
import { describe, expect, it } from 'vitest';
import { AdmissionGate } from '../../../src/channels/slack/admission';

describe('AdmissionGate', () => {
  it('admits up to maxActive at once and the next one when a slot frees', async () => {
    const gate = new AdmissionGate(2, 10_000);
    const r1 = await gate.enter();
    const r2 = await gate.enter();
    let thirdIn = false;
    const third = gate.enter().then((release) => {
      thirdIn = true;
      return release;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(thirdIn).toBe(false);
    expect(gate.inFlight).toBe(2);
    r1();
    const r3 = await third;
    expect(thirdIn).toBe(true);
    expect(gate.inFlight).toBe(2);
    r2();
    r3();
    r3(); // releasing twice is harmless
    expect(gate.inFlight).toBe(0);
  });

  it('lets a waiter in after maxWaitMs even when full (the 3-second ack rule wins)', async () => {
    const gate = new AdmissionGate(1, 30);
    await gate.enter();
    const started = Date.now();
    await gate.enter();
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(gate.inFlight).toBe(2);
  });
});
