// The admission gate runs answers maxActive at a time in arrival order, queues the rest cheaply, and
// lets an ack wait (bounded) for a place when the queue is full or late, and then turns the command away.
import { describe, expect, it } from 'vitest';
import { AdmissionGate } from '../../../src/channels/slack/admission';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('AdmissionGate', () => {
  it('admits up to maxActive at once and the queued ones in arrival order as slots free', async () => {
    const gate = new AdmissionGate({ maxActive: 2, maxQueued: 10 });
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
    const gate = new AdmissionGate({ maxActive: 1, maxQueued: 10 });
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

  it('admits while the queue has room and refuses once maxQueued answers are waiting, until one leaves it', async () => {
    const gate = new AdmissionGate({ maxActive: 1, maxQueued: 2 });
    const r1 = await gate.enter(); // running, not queued
    expect(gate.admits()).toBe(true);
    const q1 = gate.enter();
    expect(gate.admits()).toBe(true); // one queued of two
    void gate.enter();
    expect(gate.queued).toBe(2);
    expect(gate.admits()).toBe(false); // full
    r1(); // q1 leaves the queue for the slot
    await q1;
    expect(gate.queued).toBe(1);
    expect(gate.admits()).toBe(true);
  });

  it('refuses while the oldest queued answer has waited longer than maxQueueWaitMs (a stalled backlog)', async () => {
    let now = 1_000;
    const gate = new AdmissionGate({ maxActive: 1, maxQueued: 100, maxQueueWaitMs: 30_000, clock: () => now });
    const r1 = await gate.enter();
    const queued = gate.enter(); // queued at t = 1,000
    now = 31_000; // waited exactly 30 s: still in time
    expect(gate.admits()).toBe(true);
    now = 31_001;
    expect(gate.admits()).toBe(false);
    r1(); // the late one runs; nothing is queued now
    const r2 = await queued;
    expect(gate.queued).toBe(0);
    expect(gate.admits()).toBe(true);
    r2();
    expect(gate.inFlight).toBe(0);
  });

  it('lets a waiting ack in when an answer leaves a full queue, one for one, ahead of newcomers', async () => {
    const gate = new AdmissionGate({ maxActive: 1, maxQueued: 1, maxAckWaitMs: 10_000 });
    const r1 = await gate.enter();
    const queued = gate.enter(); // the queue is full
    const order: string[] = [];
    const first = gate.admit().then((admitted) => order.push(`first:${admitted}`));
    const second = gate.admit().then((admitted) => order.push(`second:${admitted}`));
    await tick();
    expect(order).toEqual([]); // both wait
    r1(); // the queued answer takes the slot: one place frees up
    const r2 = await queued;
    await first;
    await tick();
    expect(order).toEqual(['first:true']); // one place, one ack let in; the second still waits
    void gate.enter(); // the first's answer is queued after its ack
    r2(); // ...and leaves the queue for the slot: a place again
    await second;
    expect(order).toEqual(['first:true', 'second:true']);
  });

  it('turns a command away when no place frees up within maxAckWaitMs', async () => {
    const gate = new AdmissionGate({ maxActive: 1, maxQueued: 1, maxAckWaitMs: 30 });
    await gate.enter();
    void gate.enter();
    const started = Date.now();
    expect(await gate.admit()).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(await new AdmissionGate().admit()).toBe(true); // an empty gate admits at once
  });
});
