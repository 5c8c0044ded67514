// The admission gate runs answers maxActive at a time in arrival order, queues the rest cheaply, and
// makes an ack wait only when the queue is full — never past its wait limit.
import { describe, expect, it } from 'vitest';
import { AdmissionGate } from '../../../src/channels/slack/admission';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('AdmissionGate', () => {
  it('admits up to maxActive at once and the queued ones in arrival order as slots free', async () => {
    const gate = new AdmissionGate(2, 10, 10_000);
    const r1 = await gate.enter();
    const r2 = await gate.enter();
    const order: string[] = [];
    const third = gate.enter().then((release) => (order.push('third'), release));
    const fourth = gate.enter().then((release) => (order.push('fourth'), release));
    await tick();
    expect(order).toEqual([]);
    expect(gate.inFlight).toBe(2);
    expect(gate.queued).toBe(2);
    r1();
    const r3 = await third;
    await tick();
    expect(order).toEqual(['third']); // one slot freed, one admitted
    expect(gate.inFlight).toBe(2);
    r2();
    const r4 = await fourth;
    expect(order).toEqual(['third', 'fourth']);
    r3();
    r3(); // releasing twice is harmless
    r4();
    expect(gate.inFlight).toBe(0);
    expect(gate.queued).toBe(0);
  });

  it('hands a released slot to the queue, so a newcomer cannot overtake and inFlight never exceeds maxActive', async () => {
    const gate = new AdmissionGate(1, 10, 10_000);
    const r1 = await gate.enter();
    const queued = gate.enter();
    r1();
    // A caller arriving in the same turn finds the slot taken by the queued one, not free.
    let newcomerIn = false;
    void gate.enter().then(() => {
      newcomerIn = true;
    });
    await queued;
    await tick();
    expect(newcomerIn).toBe(false);
    expect(gate.inFlight).toBe(1);
  });

  it('lets acks through at once while the queue has room, and holds them when it is full until one leaves it', async () => {
    const gate = new AdmissionGate(1, 2, 10_000);
    const r1 = await gate.enter();
    const q1 = gate.enter();
    await gate.room(); // one queued of two: room
    void gate.enter();
    let roomFound = false;
    const waitingAck = gate.room().then(() => {
      roomFound = true;
    });
    await tick();
    expect(gate.queued).toBe(2);
    expect(roomFound).toBe(false); // the queue is full: this ack waits
    r1(); // q1 leaves the queue for the slot
    await q1;
    await waitingAck;
    expect(roomFound).toBe(true);
    expect(gate.queued).toBe(1);
  });

  it('lets an ack through after maxAckWaitMs even when the queue stays full (the 3-second rule wins)', async () => {
    const gate = new AdmissionGate(1, 1, 30);
    await gate.enter();
    void gate.enter();
    const started = Date.now();
    await gate.room();
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(gate.queued).toBe(1);
  });
});
