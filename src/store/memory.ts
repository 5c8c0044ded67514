// In-memory Store for the demo, the console without Redis and unit tests. Same semantics as
// RedisStore (the contract suite runs against both); TTLs follow an injectable clock.
import type {
  AgentProfile,
  Assessment,
  DailyActivity,
  FunnelCounts,
  HistoryMonth,
  LocalDate,
  Month,
  MonthlyGoal,
  RosterEntry,
  Team,
} from '../domain/types';
import { addMoney, byKey, checkTtl, collectTeamHistory, copy, decodeReceipt, deepFreeze, deltaEntries, emptyDay, encodeReceipt, goalWithInitial, monthOf, sortAssessments, storedGoal, WRITE_RECEIPT_TTL_SECONDS } from './common';
import { parseFixture, type Fixture } from './fixture';
import { platformField } from './keys';
import type { Platform, Store } from './store';

interface Expiring<T> {
  value: T;
  /** Epoch ms after which the entry is gone. */
  expiresAt: number;
}

/** One tenant's data; JSON-shaped values are stored as copies so callers cannot mutate them in place. */
class TenantData {
  agents = new Map<string, AgentProfile>();
  platformIndex = new Map<string, string>();
  teams = new Map<string, Team>();
  history = new Map<string, Map<Month, HistoryMonth>>();
  goals = new Map<string, Map<Month, MonthlyGoal>>();
  /** Each month's first income target (write-once, as RedisStore's HSETNX). */
  initialGoals = new Map<string, Map<Month, number>>();
  activity = new Map<string, Map<LocalDate, DailyActivity>>();
  roster = new Map<string, Map<LocalDate, RosterEntry>>();
  assessments = new Map<string, Assessment[]>();
  sessions = new Map<string, Expiring<string>>();
  claims = new Map<string, Expiring<true>>();
  receipts = new Map<string, Expiring<string>>();
  docs = new Map<string, Map<string, string>>();
  counters = new Map<string, Expiring<number>>();
}

function nested<K, V>(map: Map<string, Map<K, V>>, key: string): Map<K, V> {
  let inner = map.get(key);
  if (!inner) {
    inner = new Map<K, V>();
    map.set(key, inner);
  }
  return inner;
}

function platformFields(agent: AgentProfile): string[] {
  const fields: string[] = [];
  if (agent.slack) fields.push(platformField('slack', agent.slack));
  if (agent.teams) fields.push(platformField('teams', agent.teams));
  if (agent.email) fields.push(platformField('email', agent.email));
  return fields;
}

export interface MemoryStoreOptions {
  /** Epoch milliseconds; tests inject a fake clock to expire sessions without waiting. */
  now?: () => number;
}

export class MemoryStore implements Store {
  private readonly tenants = new Map<string, TenantData>();
  private readonly now: () => number;
  private closed = false;

  constructor(options: MemoryStoreOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  private t(tenant: string): TenantData {
    if (!tenant) throw new RangeError('tenant id is required');
    let data = this.tenants.get(tenant);
    if (!data) {
      data = new TenantData();
      this.tenants.set(tenant, data);
    }
    return data;
  }

  /** The live value, dropping it when expired (lazy expiry, like Redis). */
  private live<T>(map: Map<string, Expiring<T>>, key: string): T | undefined {
    const entry = map.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      map.delete(key);
      return undefined;
    }
    return entry.value;
  }

  async getAgent(tenant: string, agentId: string): Promise<AgentProfile | null> {
    const agent = this.t(tenant).agents.get(agentId);
    return agent ? deepFreeze(copy(agent)) : null;
  }

  async findAgentByPlatformId(tenant: string, platform: Platform | 'email', platformId: string): Promise<AgentProfile | null> {
    const data = this.t(tenant);
    const id = data.platformIndex.get(platformField(platform, platformId));
    return id === undefined ? null : this.getAgent(tenant, id);
  }

  async putAgent(tenant: string, agent: AgentProfile): Promise<void> {
    const data = this.t(tenant);
    const old = data.agents.get(agent.id);
    // Drop the old identities only where they still point at this agent (another may have taken them).
    if (old) {
      for (const field of platformFields(old)) {
        if (data.platformIndex.get(field) === agent.id) data.platformIndex.delete(field);
      }
    }
    for (const field of platformFields(agent)) data.platformIndex.set(field, agent.id);
    data.agents.set(agent.id, copy(agent));
  }

  async listAgents(tenant: string, teamId?: string): Promise<AgentProfile[]> {
    return deepFreeze(
      [...this.t(tenant).agents.values()]
        .filter((agent) => teamId === undefined || agent.team === teamId)
        .sort(byKey((agent) => agent.id))
        .map(copy),
    );
  }

  async getTeam(tenant: string, teamId: string): Promise<Team | null> {
    const team = this.t(tenant).teams.get(teamId);
    return team ? deepFreeze(copy(team)) : null;
  }

  async putTeam(tenant: string, team: Team): Promise<void> {
    this.t(tenant).teams.set(team.id, copy(team));
  }

  async listTeams(tenant: string): Promise<Team[]> {
    return deepFreeze([...this.t(tenant).teams.values()].sort(byKey((team) => team.id)).map(copy));
  }

  async getHistory(tenant: string, agentId: string): Promise<HistoryMonth[]> {
    const months = this.t(tenant).history.get(agentId);
    return deepFreeze(months ? [...months.values()].sort(byKey((h) => h.month)).map(copy) : []);
  }

  async putHistory(tenant: string, entries: HistoryMonth[]): Promise<void> {
    const data = this.t(tenant);
    for (const entry of entries) nested(data.history, entry.agent).set(entry.month, copy(entry));
  }

  async getTeamHistory(tenant: string, teamId: string): Promise<HistoryMonth[]> {
    return deepFreeze(await collectTeamHistory(this, tenant, teamId)); // each month is already a frozen copy
  }

  async getGoal(tenant: string, agentId: string, month: Month): Promise<MonthlyGoal | null> {
    const data = this.t(tenant);
    const goal = data.goals.get(agentId)?.get(month);
    return goal ? goalWithInitial(goal, data.initialGoals.get(agentId)?.get(month) ?? null) : null;
  }

  async putGoal(tenant: string, goal: MonthlyGoal): Promise<void> {
    const data = this.t(tenant);
    nested(data.goals, goal.agent).set(goal.month, storedGoal(goal));
    const initial = nested(data.initialGoals, goal.agent);
    if (!initial.has(goal.month)) initial.set(goal.month, goal.incomeTarget);
  }

  async getActivity(tenant: string, agentId: string, month: Month): Promise<DailyActivity[]> {
    const days = this.t(tenant).activity.get(agentId);
    if (!days) return [];
    return [...days.values()]
      .filter((day) => day.date.startsWith(`${month}-`))
      .sort(byKey((day) => day.date))
      .map(copy);
  }

  async recordActivity(
    tenant: string,
    agentId: string,
    date: LocalDate,
    delta: Partial<FunnelCounts>,
    mode: 'add' | 'replace',
    writeId?: string,
  ): Promise<DailyActivity> {
    monthOf(date);
    const entries = deltaEntries(delta);
    const receipts = this.t(tenant).receipts;
    if (writeId !== undefined) {
      const done = this.live(receipts, writeId);
      if (done !== undefined) return decodeReceipt(done);
    }
    const days = nested(this.t(tenant).activity, agentId);
    const day = days.get(date) ?? emptyDay(agentId, date);
    for (const [metric, value] of entries) {
      if (mode === 'replace') day[metric] = value;
      else day[metric] = metric === 'sales' ? addMoney(day[metric], value) : day[metric] + value;
    }
    days.set(date, day);
    if (writeId !== undefined) receipts.set(writeId, { value: encodeReceipt(day), expiresAt: this.now() + WRITE_RECEIPT_TTL_SECONDS * 1000 });
    return copy(day);
  }

  async writeReceipt(tenant: string, writeId: string): Promise<DailyActivity | null> {
    const receipt = this.live(this.t(tenant).receipts, writeId);
    return receipt === undefined ? null : decodeReceipt(receipt);
  }

  async getRoster(tenant: string, agentId: string): Promise<RosterEntry[]> {
    const days = this.t(tenant).roster.get(agentId);
    return deepFreeze(days ? [...days.values()].sort(byKey((entry) => entry.date)).map(copy) : []);
  }

  async putRoster(tenant: string, entries: RosterEntry[]): Promise<void> {
    const data = this.t(tenant);
    for (const entry of entries) nested(data.roster, entry.agent).set(entry.date, copy(entry));
  }

  async addAssessment(tenant: string, assessment: Assessment): Promise<void> {
    const data = this.t(tenant);
    const list = data.assessments.get(assessment.agent) ?? [];
    list.push(copy(assessment));
    data.assessments.set(assessment.agent, list);
  }

  async listAssessments(tenant: string, agentId: string): Promise<Assessment[]> {
    return sortAssessments(this.t(tenant).assessments.get(agentId) ?? []).map(copy);
  }

  async getSession<T>(tenant: string, key: string): Promise<T | null> {
    const json = this.live(this.t(tenant).sessions, key);
    return json === undefined ? null : (JSON.parse(json) as T);
  }

  async putSession<T>(tenant: string, key: string, value: T, ttlSeconds: number): Promise<void> {
    checkTtl(ttlSeconds);
    this.t(tenant).sessions.set(key, { value: JSON.stringify(value), expiresAt: this.now() + ttlSeconds * 1000 });
  }

  async deleteSession(tenant: string, key: string): Promise<void> {
    this.t(tenant).sessions.delete(key);
  }

  async claimOnce(tenant: string, key: string, ttlSeconds: number): Promise<boolean> {
    checkTtl(ttlSeconds);
    const claims = this.t(tenant).claims;
    if (this.live(claims, key) !== undefined) return false;
    claims.set(key, { value: true, expiresAt: this.now() + ttlSeconds * 1000 });
    return true;
  }

  async getDoc<T>(tenant: string, kind: string, id: string): Promise<T | null> {
    const json = this.t(tenant).docs.get(kind)?.get(id);
    return json === undefined ? null : (JSON.parse(json) as T);
  }

  async putDoc<T>(tenant: string, kind: string, id: string, value: T): Promise<void> {
    nested(this.t(tenant).docs, kind).set(id, JSON.stringify(value));
  }

  async deleteDoc(tenant: string, kind: string, id: string): Promise<void> {
    this.t(tenant).docs.get(kind)?.delete(id);
  }

  async listDocs<T>(tenant: string, kind: string): Promise<T[]> {
    const docs = this.t(tenant).docs.get(kind);
    if (!docs) return [];
    return [...docs.entries()]
      .sort(byKey(([id]) => id))
      .map(([, json]) => JSON.parse(json) as T);
  }

  async incrementCounter(tenant: string, key: string, by: number, ttlSeconds: number): Promise<number> {
    checkTtl(ttlSeconds);
    if (!Number.isInteger(by)) throw new RangeError(`counter increment must be a whole number, got ${by}`);
    const counters = this.t(tenant).counters;
    const current = this.live(counters, key);
    // Fixed window: the TTL starts with the first increment and later ones do not extend it.
    if (current === undefined) {
      counters.set(key, { value: by, expiresAt: this.now() + ttlSeconds * 1000 });
      return by;
    }
    const entry = counters.get(key)!;
    entry.value = current + by;
    return entry.value;
  }

  async seed(tenant: string, fixture: Fixture): Promise<void> {
    // Validate first: a rejected fixture must leave the tenant untouched.
    const f = parseFixture(fixture);
    const data = this.t(tenant);
    for (const team of f.teams) await this.putTeam(tenant, team);
    for (const agent of f.agents) await this.putAgent(tenant, agent);
    await this.putHistory(tenant, f.history);
    // A fixture states the month's goal as data: it is also the month's initial target.
    for (const goal of f.goals) {
      await this.putGoal(tenant, goal);
      nested(data.initialGoals, goal.agent).set(goal.month, goal.incomeTarget);
    }
    for (const row of f.activity) {
      const { agent, date, ...counts } = row;
      nested(data.activity, agent).set(date, { ...emptyDay(agent, date), ...counts });
    }
    await this.putRoster(tenant, f.rosters);
    // Re-seeding replaces the fixture agents' assessments instead of appending duplicates.
    for (const agent of f.agents) data.assessments.delete(agent.id);
    for (const assessment of f.assessments) await this.addAssessment(tenant, assessment);
  }

  async ping(): Promise<boolean> {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
