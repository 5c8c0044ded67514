// The one Store contract suite; memory.test.ts and redis.test.ts run it against each implementation,
// so the two stores cannot disagree on anything written here.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FixtureError, parseFixture, type Fixture } from '../../src/store/fixture';
import type { Store } from '../../src/store/store';
import { agent, month, rawFixture, team } from './sample';

export interface StoreHarness {
  store: Store;
  /** Lets `ms` pass for TTLs: the memory store advances its fake clock, Redis really waits. */
  advance(ms: number): Promise<void>;
}

export function runStoreContract(name: string, makeStore: () => Promise<StoreHarness>): void {
  describe(`Store contract: ${name}`, () => {
    let h: StoreHarness;
    let s: Store;
    // Fresh tenants per test so tests sharing one Redis namespace never see each other's data.
    let run = 0;
    let A = '';
    let B = '';
    beforeAll(async () => {
      h = await makeStore();
      s = h.store;
    });
    afterAll(async () => {
      await s.close();
    });
    beforeEach(() => {
      run += 1;
      A = `T${run}-a`;
      B = `T${run}-b`;
    });

    it('answers ping', async () => {
      expect(await s.ping()).toBe(true);
    });

    it('stores agents, lists them sorted by id, per tenant and per team', async () => {
      await s.putAgent(A, agent('c3', 'red'));
      await s.putAgent(A, agent('a1', 'red'));
      await s.putAgent(A, agent('b2', 'blue'));
      await s.putAgent(A, agent('d4', 'red-2')); // a team id that extends another must not leak into it
      expect(await s.getAgent(A, 'a1')).toEqual(agent('a1', 'red'));
      expect(await s.getAgent(A, 'zz')).toBeNull();
      expect((await s.listAgents(A)).map((x) => x.id)).toEqual(['a1', 'b2', 'c3', 'd4']);
      expect((await s.listAgents(A, 'red')).map((x) => x.id)).toEqual(['a1', 'c3']);
      expect(await s.listAgents(A, 'none')).toEqual([]);
      // Moving an agent updates the team index.
      await s.putAgent(A, agent('a1', 'blue'));
      expect((await s.listAgents(A, 'red')).map((x) => x.id)).toEqual(['c3']);
      expect((await s.listAgents(A, 'blue')).map((x) => x.id)).toEqual(['a1', 'b2']);
    });

    it('finds agents by Slack id, Teams id and e-mail (case-insensitive), following changes', async () => {
      await s.putAgent(A, agent('a1', 'red', { slack: 'U1', teams: '29:abc', email: 'Li.Na@Example.com' }));
      expect((await s.findAgentByPlatformId(A, 'slack', 'U1'))?.id).toBe('a1');
      expect((await s.findAgentByPlatformId(A, 'teams', '29:abc'))?.id).toBe('a1');
      expect((await s.findAgentByPlatformId(A, 'email', 'li.na@example.COM'))?.id).toBe('a1');
      expect(await s.findAgentByPlatformId(A, 'slack', '29:abc')).toBeNull();
      // New Slack id: the old one no longer resolves.
      await s.putAgent(A, agent('a1', 'red', { slack: 'U2' }));
      expect(await s.findAgentByPlatformId(A, 'slack', 'U1')).toBeNull();
      expect(await s.findAgentByPlatformId(A, 'email', 'li.na@example.com')).toBeNull();
      expect((await s.findAgentByPlatformId(A, 'slack', 'U2'))?.id).toBe('a1');
      // The id moves to another agent; rewriting the first must not unlink it from the second.
      await s.putAgent(A, agent('b2', 'red', { slack: 'U2' }));
      await s.putAgent(A, agent('a1', 'red'));
      expect((await s.findAgentByPlatformId(A, 'slack', 'U2'))?.id).toBe('b2');
    });

    it('stores teams, listed by id', async () => {
      const m = { ...team('m'), quadrantThreshold: 'median' as const, leads: ['x'] };
      await s.putTeam(A, team('z'));
      await s.putTeam(A, m);
      await s.putTeam(A, team('z', 'Renamed'));
      expect(await s.getTeam(A, 'm')).toEqual(m);
      expect(await s.getTeam(A, 'nope')).toBeNull();
      expect(await s.listTeams(A)).toEqual([m, team('z', 'Renamed')]);
    });

    it('keeps tenants apart: tenant B never sees tenant A', async () => {
      await s.putTeam(A, team('red'));
      await s.putAgent(A, agent('a1', 'red', { slack: 'U1', email: 'a@x.cn' }));
      await s.putHistory(A, [month('a1', '2025-01')]);
      await s.putGoal(A, { agent: 'a1', month: '2025-03', incomeTarget: 9000 });
      await s.recordActivity(A, 'a1', '2025-03-03', { calls: 5 }, 'add');
      await s.putRoster(A, [{ agent: 'a1', date: '2025-03-05', off: true }]);
      await s.addAssessment(A, { agent: 'a1', rater: 'l', date: '2025-03-01', scores: { x: 3 } });
      await s.putSession(A, 'k', { step: 1 }, 60);
      await s.putDoc(A, 'ref', 'a1', { v: 1 });
      expect(await s.claimOnce(A, 'evt', 60)).toBe(true);
      expect(await s.incrementCounter(A, 'tokens', 10, 60)).toBe(10);

      expect(await s.getAgent(B, 'a1')).toBeNull();
      expect(await s.listAgents(B)).toEqual([]);
      expect(await s.listAgents(B, 'red')).toEqual([]);
      expect(await s.findAgentByPlatformId(B, 'slack', 'U1')).toBeNull();
      expect(await s.findAgentByPlatformId(B, 'email', 'a@x.cn')).toBeNull();
      expect(await s.getTeam(B, 'red')).toBeNull();
      expect(await s.listTeams(B)).toEqual([]);
      expect(await s.getHistory(B, 'a1')).toEqual([]);
      expect(await s.getGoal(B, 'a1', '2025-03')).toBeNull();
      expect(await s.getActivity(B, 'a1', '2025-03')).toEqual([]);
      expect(await s.getRoster(B, 'a1')).toEqual([]);
      expect(await s.listAssessments(B, 'a1')).toEqual([]);
      expect(await s.getSession(B, 'k')).toBeNull();
      expect(await s.getDoc(B, 'ref', 'a1')).toBeNull();
      expect(await s.listDocs(B, 'ref')).toEqual([]);
      expect(await s.claimOnce(B, 'evt', 60)).toBe(true);
      expect(await s.incrementCounter(B, 'tokens', 1, 60)).toBe(1);
      // A is intact.
      expect((await s.findAgentByPlatformId(A, 'slack', 'U1'))?.id).toBe('a1');
    });

    it('upserts history by agent+month and returns it sorted by month', async () => {
      await s.putHistory(A, [month('a1', '2025-02'), month('a1', '2024-12'), month('b2', '2025-01')]);
      await s.putHistory(A, [month('a1', '2025-01'), month('a1', '2025-02', 777)]);
      const history = await s.getHistory(A, 'a1');
      expect(history.map((m) => m.month)).toEqual(['2024-12', '2025-01', '2025-02']);
      expect(history[2]).toEqual(month('a1', '2025-02', 777));
      expect(await s.getHistory(A, 'b2')).toEqual([month('b2', '2025-01')]);
      await s.putHistory(A, []);
    });

    it("gives a team's history: its current members' months, and follows moves between teams", async () => {
      await s.putAgent(A, agent('b2', 'red'));
      await s.putAgent(A, agent('a1', 'red'));
      await s.putAgent(A, agent('c3', 'blue'));
      await s.putHistory(A, [month('a1', '2025-02'), month('a1', '2025-01'), month('b2', '2025-01'), month('c3', '2025-01')]);
      // Agents by id, each agent's months ascending; c3 is in another team.
      expect((await s.getTeamHistory(A, 'red')).map((m) => `${m.agent}/${m.month}`)).toEqual(['a1/2025-01', 'a1/2025-02', 'b2/2025-01']);
      await s.putAgent(A, agent('c3', 'red'));
      expect((await s.getTeamHistory(A, 'red')).map((m) => m.agent)).toEqual(['a1', 'a1', 'b2', 'c3']);
      await s.putHistory(A, [month('b2', '2025-01', 1234)]);
      expect((await s.getTeamHistory(A, 'red')).find((m) => m.agent === 'b2')?.calls).toBe(1234);
      expect(await s.getTeamHistory(A, 'nobody')).toEqual([]);
      expect(await s.getTeamHistory(B, 'red')).toEqual([]);
    });

    it('stores one goal per agent and month', async () => {
      await s.putGoal(A, { agent: 'a1', month: '2025-03', incomeTarget: 10000 });
      await s.putGoal(A, { agent: 'a1', month: '2025-03', incomeTarget: 12000.5 });
      await s.putGoal(A, { agent: 'a1', month: '2025-04', incomeTarget: 8000 });
      expect(await s.getGoal(A, 'a1', '2025-03')).toEqual({ agent: 'a1', month: '2025-03', incomeTarget: 12000.5, initialIncomeTarget: 10000 });
      expect(await s.getGoal(A, 'a1', '2025-05')).toBeNull();
      expect(await s.getGoal(A, 'b2', '2025-03')).toBeNull();
    });

    it("keeps each month's first target: later writes, lower or higher, never change it (issue 25 item 6)", async () => {
      await s.putGoal(A, { agent: 'a1', month: '2025-03', incomeTarget: 12000 });
      expect(await s.getGoal(A, 'a1', '2025-03')).toEqual({ agent: 'a1', month: '2025-03', incomeTarget: 12000, initialIncomeTarget: 12000 });
      await s.putGoal(A, { agent: 'a1', month: '2025-03', incomeTarget: 8000 });
      expect(await s.getGoal(A, 'a1', '2025-03')).toMatchObject({ incomeTarget: 8000, initialIncomeTarget: 12000 });
      await s.putGoal(A, { agent: 'a1', month: '2025-03', incomeTarget: 15000 });
      expect(await s.getGoal(A, 'a1', '2025-03')).toMatchObject({ incomeTarget: 15000, initialIncomeTarget: 12000 });
      // A caller cannot move it by writing the field back; each month and agent has its own.
      await s.putGoal(A, { agent: 'a1', month: '2025-03', incomeTarget: 9000, initialIncomeTarget: 9000 });
      expect(await s.getGoal(A, 'a1', '2025-03')).toMatchObject({ incomeTarget: 9000, initialIncomeTarget: 12000 });
      await s.putGoal(A, { agent: 'a1', month: '2025-04', incomeTarget: 7000 });
      expect((await s.getGoal(A, 'a1', '2025-04'))?.initialIncomeTarget).toBe(7000);
      expect(await s.getGoal(A, 'b2', '2025-03')).toBeNull();
      expect(await s.getGoal(B, 'a1', '2025-03')).toBeNull();
      await s.putGoal(B, { agent: 'a1', month: '2025-03', incomeTarget: 5000 });
      expect((await s.getGoal(B, 'a1', '2025-03'))?.initialIncomeTarget).toBe(5000);
      // A seed states the month as data: its goal is also the initial target.
      await s.seed(A, parseFixture({ ...rawFixture, goals: [{ agent: 'zhang', month: '2025-03', incomeTarget: 11000 }] }));
      await s.putGoal(A, { agent: 'zhang', month: '2025-03', incomeTarget: 6000 });
      expect(await s.getGoal(A, 'zhang', '2025-03')).toMatchObject({ incomeTarget: 6000, initialIncomeTarget: 11000 });
      await s.seed(A, parseFixture({ ...rawFixture, goals: [{ agent: 'zhang', month: '2025-03', incomeTarget: 10000 }] }));
      expect(await s.getGoal(A, 'zhang', '2025-03')).toMatchObject({ incomeTarget: 10000, initialIncomeTarget: 10000 });
    });

    it('adds and replaces daily activity; replace does not double-count', async () => {
      const zero = { calls: 0, connects: 0, deals: 0, sales: 0, prospects: 0 };
      expect(await s.recordActivity(A, 'a1', '2025-03-04', { calls: 85, connects: 30, deals: 2, sales: 30000 }, 'add')).toEqual({
        ...zero, agent: 'a1', date: '2025-03-04', calls: 85, connects: 30, deals: 2, sales: 30000,
      });
      const added = await s.recordActivity(A, 'a1', '2025-03-04', { calls: 15, sales: 0.1 }, 'add');
      expect(added).toMatchObject({ calls: 100, connects: 30, sales: 30000.1 });
      // A correction replaces the metrics it names and keeps the others.
      const fixed = await s.recordActivity(A, 'a1', '2025-03-04', { calls: 90, sales: 30000 }, 'replace');
      expect(fixed).toEqual({ ...zero, agent: 'a1', date: '2025-03-04', calls: 90, connects: 30, deals: 2, sales: 30000 });
      await s.recordActivity(A, 'a1', '2025-03-04', { calls: 90, sales: 30000 }, 'replace');
      await s.recordActivity(A, 'a1', '2025-03-01', { prospects: 3, sales: 0.1 }, 'add');
      await s.recordActivity(A, 'a1', '2025-03-01', { sales: 0.2 }, 'add');
      await s.recordActivity(A, 'a1', '2025-04-01', { calls: 1 }, 'add');
      await s.recordActivity(A, 'a1', '2025-02-28', { calls: 1 }, 'add');
      expect(await s.getActivity(A, 'a1', '2025-03')).toEqual([
        { ...zero, agent: 'a1', date: '2025-03-01', prospects: 3, sales: 0.3 },
        { ...zero, agent: 'a1', date: '2025-03-04', calls: 90, connects: 30, deals: 2, sales: 30000 },
      ]);
      expect(await s.getActivity(A, 'b2', '2025-03')).toEqual([]);
    });

    it('a write with a request id leaves a receipt; the same id again changes nothing and returns the same counts', async () => {
      const zero = { calls: 0, connects: 0, deals: 0, sales: 0, prospects: 0 };
      expect(await s.writeReceipt(A, 'slack:Ev1')).toBeNull();
      // 40 + 0 = 40 calls, 1 deal, 8,500.5 sales after the first write.
      const first = await s.recordActivity(A, 'a1', '2025-03-05', { calls: 40, deals: 1, sales: 8500.5 }, 'add', 'slack:Ev1');
      expect(first).toEqual({ ...zero, agent: 'a1', date: '2025-03-05', calls: 40, deals: 1, sales: 8500.5 });
      // The same request resent (a redelivery, ioredis resending after a reconnect): no second 40.
      expect(await s.recordActivity(A, 'a1', '2025-03-05', { calls: 40, deals: 1, sales: 8500.5 }, 'add', 'slack:Ev1')).toEqual(first);
      // Another request adds: 40 + 10 = 50.
      const second = await s.recordActivity(A, 'a1', '2025-03-05', { calls: 10 }, 'add', 'slack:Ev2');
      expect(second.calls).toBe(50);
      expect((await s.getActivity(A, 'a1', '2025-03')).find((d) => d.date === '2025-03-05')).toMatchObject({ calls: 50, deals: 1, sales: 8500.5 });
      // The receipt tells what each request left, and only within its tenant.
      expect(await s.writeReceipt(A, 'slack:Ev1')).toEqual(first);
      expect(await s.writeReceipt(A, 'slack:Ev2')).toMatchObject({ agent: 'a1', date: '2025-03-05', calls: 50 });
      expect(await s.writeReceipt(B, 'slack:Ev1')).toBeNull();
      // A replace with an id is a correction that also happens once: 50 → 45, and resent stays 45.
      await s.recordActivity(A, 'a1', '2025-03-05', { calls: 45 }, 'replace', 'teams:act9');
      await s.recordActivity(A, 'a1', '2025-03-05', { calls: 10 }, 'add', 'slack:Ev3');
      expect((await s.recordActivity(A, 'a1', '2025-03-05', { calls: 45 }, 'replace', 'teams:act9')).calls).toBe(45);
      expect((await s.getActivity(A, 'a1', '2025-03')).find((d) => d.date === '2025-03-05')?.calls).toBe(55);
    });

    it('rejects fractional counts before writing anything', async () => {
      await expect(s.recordActivity(A, 'a1', '2025-03-04', { calls: 1.5, connects: 1 }, 'add')).rejects.toThrow(/whole number/);
      await expect(s.recordActivity(A, 'a1', '2025-03', { calls: 1 }, 'add')).rejects.toThrow(RangeError);
      expect(await s.getActivity(A, 'a1', '2025-03')).toEqual([]);
    });

    it('loses no update under 50 concurrent adds', async () => {
      await Promise.all(
        Array.from({ length: 50 }, () => s.recordActivity(A, 'a1', '2025-03-04', { calls: 1, sales: 100 }, 'add')),
      );
      const [day] = await s.getActivity(A, 'a1', '2025-03');
      expect(day).toMatchObject({ calls: 50, sales: 5000 });
    });

    it('stores roster overrides by date', async () => {
      await s.putRoster(A, [
        { agent: 'a1', date: '2025-03-08', off: false },
        { agent: 'a1', date: '2025-03-05', off: true },
      ]);
      await s.putRoster(A, [{ agent: 'a1', date: '2025-03-08', off: true }]);
      expect(await s.getRoster(A, 'a1')).toEqual([
        { agent: 'a1', date: '2025-03-05', off: true },
        { agent: 'a1', date: '2025-03-08', off: true },
      ]);
      expect(await s.getRoster(A, 'b2')).toEqual([]);
    });

    it('lists assessments oldest first, same-day ones in the order added', async () => {
      const a = (date: string, rater: string) => ({ agent: 'a1', rater, date, scores: { opening: 4.5 } });
      await s.addAssessment(A, a('2025-03-10', 'first'));
      await s.addAssessment(A, a('2025-02-01', 'old'));
      await s.addAssessment(A, a('2025-03-10', 'second'));
      expect((await s.listAssessments(A, 'a1')).map((x) => x.rater)).toEqual(['old', 'first', 'second']);
    });

    it('keeps sessions until they expire, and deletes them', async () => {
      await s.putSession(A, 'u1', { intent: 'set_goal', step: 2, args: { target: 12000 } }, 1);
      await s.putSession(A, 'u2', 'plain', 60);
      expect(await s.getSession(A, 'u1')).toEqual({ intent: 'set_goal', step: 2, args: { target: 12000 } });
      await s.deleteSession(A, 'u2');
      expect(await s.getSession(A, 'u2')).toBeNull();
      await s.putSession(A, 'u3', [1, 2], 60);
      await h.advance(1_200);
      expect(await s.getSession(A, 'u1')).toBeNull();
      expect(await s.getSession(A, 'u3')).toEqual([1, 2]);
      await expect(s.putSession(A, 'u4', 1, 0)).rejects.toThrow(RangeError);
    });

    it('claims a key once per TTL', async () => {
      expect(await s.claimOnce(A, 'evt-1', 1)).toBe(true);
      expect(await s.claimOnce(A, 'evt-1', 1)).toBe(false);
      expect(await s.claimOnce(A, 'evt-2', 1)).toBe(true);
      const racers = await Promise.all(Array.from({ length: 10 }, () => s.claimOnce(A, 'evt-3', 60)));
      expect(racers.filter(Boolean)).toHaveLength(1);
      await h.advance(1_200);
      expect(await s.claimOnce(A, 'evt-1', 1)).toBe(true);
    });

    it('stores documents per kind, listed by id', async () => {
      await s.putDoc(A, 'convref', 'u2', { conversation: { id: 'c2' } });
      await s.putDoc(A, 'convref', 'u1', { conversation: { id: 'c1' } });
      await s.putDoc(A, 'prefs', 'u1', { locale: 'en' });
      expect(await s.getDoc(A, 'convref', 'u1')).toEqual({ conversation: { id: 'c1' } });
      expect(await s.listDocs(A, 'convref')).toEqual([{ conversation: { id: 'c1' } }, { conversation: { id: 'c2' } }]);
      await s.deleteDoc(A, 'convref', 'u1');
      expect(await s.getDoc(A, 'convref', 'u1')).toBeNull();
      expect(await s.listDocs(A, 'convref')).toEqual([{ conversation: { id: 'c2' } }]);
      expect(await s.listDocs(A, 'none')).toEqual([]);
    });

    it('counts in fixed windows: the TTL starts at the first increment', async () => {
      expect(await s.incrementCounter(A, 'rate', 1, 1)).toBe(1);
      const all = await Promise.all(Array.from({ length: 20 }, () => s.incrementCounter(A, 'rate', 2, 1)));
      expect(Math.max(...all)).toBe(41);
      await h.advance(600);
      expect(await s.incrementCounter(A, 'rate', 1, 1)).toBe(42); // does not extend the window
      await h.advance(600);
      expect(await s.incrementCounter(A, 'rate', 5, 1)).toBe(5);
      await expect(s.incrementCounter(A, 'rate', 0.5, 1)).rejects.toThrow(RangeError);
    });

    it('returns reference data read-only: changing it throws and leaves the store as it was', async () => {
      await s.putAgent(A, agent('a1', 'red'));
      await s.putHistory(A, [month('a1', '2025-01')]);
      const got = await s.getAgent(A, 'a1');
      expect(() => {
        got!.name = 'changed';
      }).toThrow(TypeError);
      const months = await s.getHistory(A, 'a1');
      expect(() => months.push(month('a1', '2025-02'))).toThrow(TypeError);
      expect(() => {
        months[0].calls = 1;
      }).toThrow(TypeError);
      expect((await s.getAgent(A, 'a1'))?.name).toBe('Agent a1');
      expect((await s.getHistory(A, 'a1')).map((m) => m.month)).toEqual(['2025-01']);
    });

    it('returns copies of goals and activity: mutating them does not change the store', async () => {
      await s.putGoal(A, { agent: 'a1', month: '2025-03', incomeTarget: 9000 });
      const goal = await s.getGoal(A, 'a1', '2025-03');
      goal!.incomeTarget = 1;
      expect((await s.getGoal(A, 'a1', '2025-03'))?.incomeTarget).toBe(9000);
    });

    it('seeds a whole fixture, idempotently', async () => {
      const fixture = parseFixture(rawFixture);
      await s.seed(A, fixture);
      await s.seed(A, fixture);
      expect(await s.listTeams(A)).toEqual(fixture.teams);
      expect(await s.listAgents(A)).toEqual([...fixture.agents].sort((x, y) => x.id.localeCompare(y.id)));
      expect((await s.listAgents(A, 'sales-1')).map((x) => x.id)).toEqual(['lead', 'zhang']);
      expect((await s.findAgentByPlatformId(A, 'email', 'zhang.wei@example.com'))?.name).toBe('张伟');
      expect((await s.getHistory(A, 'zhang')).map((m) => m.month)).toEqual(['2025-01', '2025-02']);
      expect(await s.getGoal(A, 'zhang', '2025-03')).toEqual({ agent: 'zhang', month: '2025-03', incomeTarget: 12000, initialIncomeTarget: 12000 });
      expect(await s.getActivity(A, 'zhang', '2025-03')).toEqual([
        { agent: 'zhang', date: '2025-03-03', calls: 85, connects: 30, deals: 0, sales: 0, prospects: 0 },
        { agent: 'zhang', date: '2025-03-04', calls: 80, connects: 25, deals: 2, sales: 30000, prospects: 0 },
      ]);
      expect(await s.getRoster(A, 'zhang')).toEqual(fixture.rosters);
      expect(await s.listAssessments(A, 'zhang')).toEqual(fixture.assessments);
      expect(await s.listAgents(B)).toEqual([]);
    });

    it('writes nothing when the fixture is invalid', async () => {
      const bad = { ...rawFixture, activity: [...rawFixture.activity, { agent: 'ghost', date: '2025-03-01' }] };
      expect(() => parseFixture(bad)).toThrow(FixtureError);
      await expect(s.seed(A, bad as unknown as Fixture)).rejects.toThrow(/activity\.2\.agent/);
      expect(await s.listTeams(A)).toEqual([]);
      expect(await s.listAgents(A)).toEqual([]);
      expect(await s.getHistory(A, 'zhang')).toEqual([]);
    });
  });
}
