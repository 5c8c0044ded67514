// RedisStore: the Store on ioredis, the state every stateless replica shares. Key layout in keys.ts;
// multi-key writes are MULTI transactions or Lua scripts inside one tenant's hash slot.
import { randomUUID } from 'node:crypto';
import type { ChainableCommander } from 'ioredis';
import { UpstreamError } from '../errors';
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
import { byKey, checkTtl, collectTeamHistory, decodeReceipt, deepFreeze, deltaEntries, emptyDay, goalWithInitial, isIntegerMetric, monthOf, sortAssessments, storedGoal, WRITE_RECEIPT_TTL_SECONDS } from './common';
import { execAll, toUpstream } from './connection';
import { parseFixture, type Fixture } from './fixture';
import { DEFAULT_NAMESPACE, Keys, METRICS, activityField, platformField, type Metric } from './keys';
import { ACTIVITY_REVISION_FIELD, ActivityCache } from './activityCache';
import { ReferenceCache } from './referenceCache';
import { ReplicaAcks } from './replication';
import { defineScripts, queuePutAgent } from './scripts';
import type { Platform, Store } from './store';
import type { RedisClient } from './topology';

export interface RedisStoreOptions {
  /** Key prefix before the tenant's hash tag (default "ly"); tests use a unique one per file. */
  namespace?: string;
  /**
   * Cache profiles, teams, history and rosters in this process, validated by one revision read per
   * message (default true). Off, every read goes to Redis.
   */
  referenceCache?: boolean;
  /**
   * Cache parsed activity months in this process, validated by the month's revision field (default
   * true). Off, every read is an HGETALL.
   */
  activityCache?: boolean;
  /**
   * Replicas that must acknowledge a durable write (profiles, teams, history, goals, activity, rosters,
   * assessments, documents) before it is confirmed (default 0, do not wait; createStore sets 1 for
   * Sentinel and Cluster: topology.ts replicasToAwait; how, in replication.ts). Sessions, claims and
   * counters are short-lived and never wait.
   */
  replicas?: number;
  /** How long one WAIT may take (default 500 ms). */
  replicaTimeoutMs?: number;
  /** A write no replica acknowledged in time (it stands: it is on the primary); for logging. */
  onUnreplicated?: (acked: number) => void;
}

const METRIC_SET: ReadonlySet<string> = new Set(METRICS);

function parseJson<T>(json: string | null | undefined): T | null {
  return json == null ? null : (JSON.parse(json) as T);
}

export class RedisStore implements Store {
  private readonly namespace: string;
  private readonly reference: ReferenceCache | null;
  private readonly activity: ActivityCache | null;
  private readonly acks: ReplicaAcks;

  constructor(
    /**
     * A request-path client (createRedisClient / createRedisConnection): one node, Sentinel or Cluster.
     * The store does not wait for it to be ready.
     */
    readonly redis: RedisClient,
    options: RedisStoreOptions = {},
  ) {
    this.namespace = options.namespace ?? DEFAULT_NAMESPACE;
    this.acks = new ReplicaAcks(redis, {
      replicas: options.replicas ?? 0,
      ...(options.replicaTimeoutMs !== undefined ? { timeoutMs: options.replicaTimeoutMs } : {}),
      ...(options.onUnreplicated ? { onUnreplicated: options.onUnreplicated } : {}),
    });
    defineScripts(redis);
    this.reference =
      options.referenceCache === false ? null : new ReferenceCache((tenant) => this.run(() => this.redis.get(this.k(tenant).referenceRevision())));
    this.activity = options.activityCache === false ? null : new ActivityCache();
  }

  /** Reference reads go through the cache when it is on. */
  private cached<T>(tenant: string, key: string, load: () => Promise<T>): Promise<T> {
    return this.reference ? this.reference.get(tenant, key, load) : load();
  }

  /**
   * Runs a write to reference data with, in the same MULTI, the revision change that invalidates every
   * replica's cache; then drops this replica's entries for the tenant.
   */
  private async writeReference(tenant: string, multi: ChainableCommander): Promise<void> {
    multi.set(this.k(tenant).referenceRevision(), randomUUID());
    try {
      await this.durable(tenant, () => execAll(multi));
    } finally {
      // Also after a failure: the write may have been applied before the connection dropped.
      this.reference?.invalidate(tenant);
    }
  }

  /**
   * Runs a durable write; in a replicated topology it is confirmed once a replica has it (replication.ts).
   * A failure after the write means it was applied but may not survive: it surfaces as "may have landed".
   */
  private async durable<T>(tenant: string, write: () => Promise<T>): Promise<T> {
    if (!this.acks.enabled) return this.run(write);
    const ticket = this.acks.ticket();
    const result = await this.run(write);
    try {
      await this.acks.confirm(ticket, this.k(tenant).referenceRevision());
    } catch (error) {
      throw new UpstreamError('redis', 'error.upstream.redis', { cause: error, maybeApplied: true });
    }
    return result;
  }

  private k(tenant: string): Keys {
    return new Keys(this.namespace, tenant);
  }

  /** Wraps every Redis round trip: failures surface as UpstreamError('redis'). */
  private async run<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw toUpstream(error);
    }
  }

  async getAgent(tenant: string, agentId: string): Promise<AgentProfile | null> {
    const k = this.k(tenant);
    return this.cached(tenant, `agent:${agentId}`, () => this.run(async () => parseJson<AgentProfile>(await this.redis.get(k.agent(agentId)))));
  }

  async findAgentByPlatformId(tenant: string, platform: Platform | 'email', platformId: string): Promise<AgentProfile | null> {
    const k = this.k(tenant);
    const field = platformField(platform, platformId);
    const id = await this.cached(tenant, `pid:${field}`, () => this.run(() => this.redis.hget(k.platformIndex(), field)));
    return id === null ? null : this.getAgent(tenant, id);
  }

  async putAgent(tenant: string, agent: AgentProfile): Promise<void> {
    const k = this.k(tenant);
    const multi = this.redis.multi();
    queuePutAgent(multi, k, agent);
    await this.writeReference(tenant, multi);
  }

  async listAgents(tenant: string, teamId?: string): Promise<AgentProfile[]> {
    const k = this.k(tenant);
    return this.cached(tenant, `agents:${teamId ?? ''}`, () => this.run(async () => {
      let ids: string[];
      if (teamId === undefined) {
        ids = await this.redis.smembers(k.agents());
      } else {
        // Members are "<team>\0<agent>": the lex range [team\0, team\x01) is exactly this team.
        const members = await this.redis.zrangebylex(k.agentsByTeam(), `[${teamId}\0`, `(${teamId}\x01`);
        ids = members.map((member) => member.slice(teamId.length + 1));
      }
      if (ids.length === 0) return [];
      const profiles = await this.redis.mget(ids.map((id) => k.agent(id)));
      return profiles
        .map((json) => parseJson<AgentProfile>(json))
        .filter((agent): agent is AgentProfile => agent !== null)
        .sort(byKey((agent) => agent.id));
    }));
  }

  async getTeam(tenant: string, teamId: string): Promise<Team | null> {
    const k = this.k(tenant);
    return this.cached(tenant, `team:${teamId}`, () => this.run(async () => parseJson<Team>(await this.redis.get(k.team(teamId)))));
  }

  async putTeam(tenant: string, team: Team): Promise<void> {
    const k = this.k(tenant);
    await this.writeReference(tenant, this.redis.multi().set(k.team(team.id), JSON.stringify(team)).sadd(k.teams(), team.id));
  }

  async listTeams(tenant: string): Promise<Team[]> {
    const k = this.k(tenant);
    return this.cached(tenant, 'teams', () => this.run(async () => {
      const ids = await this.redis.smembers(k.teams());
      if (ids.length === 0) return [];
      const teams = await this.redis.mget(ids.map((id) => k.team(id)));
      return teams
        .map((json) => parseJson<Team>(json))
        .filter((team): team is Team => team !== null)
        .sort(byKey((team) => team.id));
    }));
  }

  async getHistory(tenant: string, agentId: string): Promise<HistoryMonth[]> {
    const k = this.k(tenant);
    return this.cached(tenant, `history:${agentId}`, async () => {
      const months = await this.run(() => this.redis.hvals(k.history(agentId)));
      return months.map((json) => JSON.parse(json) as HistoryMonth).sort(byKey((h) => h.month));
    });
  }

  async getTeamHistory(tenant: string, teamId: string): Promise<HistoryMonth[]> {
    // One cache entry for the team: a plan pools it on every message.
    return this.cached(tenant, `teamHistory:${teamId}`, () => collectTeamHistory(this, tenant, teamId));
  }

  async putHistory(tenant: string, entries: HistoryMonth[]): Promise<void> {
    if (entries.length === 0) return;
    const k = this.k(tenant);
    const multi = this.redis.multi();
    for (const entry of entries) multi.hset(k.history(entry.agent), entry.month, JSON.stringify(entry));
    await this.writeReference(tenant, multi);
  }

  async getGoal(tenant: string, agentId: string, month: Month): Promise<MonthlyGoal | null> {
    const k = this.k(tenant);
    // One round trip as a pipeline, not MULTI: Redis refuses commands queued in a MULTI once maxmemory is
    // reached, and a read must keep working when writes are refused (test/fault/redis-slow.test.ts).
    const [goal, initial] = (await this.run(() =>
      execAll(this.redis.pipeline().hget(k.goals(agentId), month).hget(k.initialGoals(agentId), month)),
    )) as [string | null, string | null];
    return goalWithInitial(parseJson<MonthlyGoal>(goal), initial === null ? null : Number(initial));
  }

  async putGoal(tenant: string, goal: MonthlyGoal): Promise<void> {
    const k = this.k(tenant);
    // The first write of a month also records its initial target; HSETNX leaves it on every later write.
    const multi = this.redis
      .multi()
      .hset(k.goals(goal.agent), goal.month, JSON.stringify(storedGoal(goal)))
      .hsetnx(k.initialGoals(goal.agent), goal.month, String(goal.incomeTarget));
    await this.durable(tenant, () => execAll(multi));
  }

  async getActivity(tenant: string, agentId: string, month: Month): Promise<DailyActivity[]> {
    const key = this.k(tenant).activity(agentId, month);
    if (this.activity) {
      // Issued in the same tick as the handler's other reads, so it shares their round trip.
      const revision = await this.run(() => this.redis.hget(key, ACTIVITY_REVISION_FIELD));
      const hit = this.activity.get(key, revision);
      // Frozen and shared: callers only read activity (the type stays mutable for the Store contract).
      if (hit) return hit as DailyActivity[];
    }
    // The raw [field, value, …] reply (HGETALL through `call` skips building an intermediate object):
    // a month is ~150 fields.
    const flat = (await this.run(() => this.redis.call('HGETALL', key))) as string[];
    const days = new Map<string, DailyActivity>();
    let revision: string | null = null;
    for (let i = 0; i < flat.length; i += 2) {
      // Field is "<date>:<metric>"; the date itself has no colon.
      const field = flat[i];
      if (field === ACTIVITY_REVISION_FIELD) {
        revision = flat[i + 1];
        continue;
      }
      const cut = field.indexOf(':');
      const metric = field.slice(cut + 1);
      if (!METRIC_SET.has(metric)) continue;
      const date = field.slice(0, cut);
      let day = days.get(date);
      if (!day) {
        day = emptyDay(agentId, date);
        days.set(date, day);
      }
      day[metric as Metric] = Number(flat[i + 1]);
    }
    const sorted = [...days.values()].sort(byKey((day) => day.date));
    if (!this.activity || revision === null) return sorted;
    // The revision came in the same reply as the days, so the pair is one consistent snapshot.
    const frozen = deepFreeze(sorted);
    this.activity.set(key, revision, frozen);
    return frozen;
  }

  async recordActivity(
    tenant: string,
    agentId: string,
    date: LocalDate,
    delta: Partial<FunnelCounts>,
    mode: 'add' | 'replace',
    writeId?: string,
  ): Promise<DailyActivity> {
    const key = this.k(tenant).activity(agentId, monthOf(date));
    const entries = new Map(deltaEntries(delta));
    if (writeId !== undefined) {
      const args: Array<string | number> = [WRITE_RECEIPT_TTL_SECONDS, ACTIVITY_REVISION_FIELD, randomUUID(), mode, `${agentId}\t${date}\t`];
      for (const metric of METRICS) {
        const value = entries.get(metric);
        args.push(activityField(date, metric), value === undefined ? '' : String(value), isIntegerMetric(metric) ? 'i' : 'f');
      }
      const [, receipt] = await this.durable(tenant, () => this.redis.lyRecordActivity(key, this.k(tenant).receipt(writeId), ...args));
      return decodeReceipt(receipt);
    }
    const multi = this.redis.multi();
    // A new revision in the same MULTI invalidates every replica's cached copy of the month.
    multi.hset(key, ACTIVITY_REVISION_FIELD, randomUUID());
    if (mode === 'replace' && entries.size > 0) {
      multi.hset(key, Object.fromEntries([...entries].map(([metric, value]) => [activityField(date, metric), String(value)])));
    }
    // One increment per metric (0 when replacing or absent): HINCRBY is atomic on the server, so
    // concurrent adds never lose updates, and its replies are the day's counts after the write.
    for (const metric of METRICS) {
      const by = mode === 'add' ? (entries.get(metric) ?? 0) : 0;
      if (isIntegerMetric(metric)) multi.hincrby(key, activityField(date, metric), by);
      else multi.hincrbyfloat(key, activityField(date, metric), by);
    }
    const replies = await this.durable(tenant, () => execAll(multi));
    const counts = replies.slice(-METRICS.length).map(Number);
    const day = emptyDay(agentId, date);
    METRICS.forEach((metric, i) => {
      day[metric] = counts[i];
    });
    return day;
  }

  async writeReceipt(tenant: string, writeId: string): Promise<DailyActivity | null> {
    const receipt = await this.run(() => this.redis.get(this.k(tenant).receipt(writeId)));
    return receipt === null ? null : decodeReceipt(receipt);
  }

  async getRoster(tenant: string, agentId: string): Promise<RosterEntry[]> {
    const k = this.k(tenant);
    return this.cached(tenant, `roster:${agentId}`, async () => {
      const days = await this.run(() => this.redis.hgetall(k.roster(agentId)));
      return Object.entries(days)
        .map(([date, off]) => ({ agent: agentId, date, off: off === '1' }))
        .sort(byKey((entry) => entry.date));
    });
  }

  async putRoster(tenant: string, entries: RosterEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const k = this.k(tenant);
    const multi = this.redis.multi();
    for (const entry of entries) multi.hset(k.roster(entry.agent), entry.date, entry.off ? '1' : '0');
    await this.writeReference(tenant, multi);
  }

  async addAssessment(tenant: string, assessment: Assessment): Promise<void> {
    const k = this.k(tenant);
    await this.durable(tenant, () => this.redis.rpush(k.assessments(assessment.agent), JSON.stringify(assessment)));
  }

  async listAssessments(tenant: string, agentId: string): Promise<Assessment[]> {
    const k = this.k(tenant);
    const list = await this.run(() => this.redis.lrange(k.assessments(agentId), 0, -1));
    return sortAssessments(list.map((json) => JSON.parse(json) as Assessment));
  }

  async getSession<T>(tenant: string, key: string): Promise<T | null> {
    const k = this.k(tenant);
    return this.run(async () => parseJson<T>(await this.redis.get(k.session(key))));
  }

  async putSession<T>(tenant: string, key: string, value: T, ttlSeconds: number): Promise<void> {
    checkTtl(ttlSeconds);
    const k = this.k(tenant);
    await this.run(() => this.redis.set(k.session(key), JSON.stringify(value), 'EX', ttlSeconds));
  }

  async deleteSession(tenant: string, key: string): Promise<void> {
    const k = this.k(tenant);
    await this.run(() => this.redis.del(k.session(key)));
  }

  async claimOnce(tenant: string, key: string, ttlSeconds: number): Promise<boolean> {
    checkTtl(ttlSeconds);
    const k = this.k(tenant);
    const reply = await this.run(() => this.redis.set(k.once(key), '1', 'EX', ttlSeconds, 'NX'));
    return reply === 'OK';
  }

  async getDoc<T>(tenant: string, kind: string, id: string): Promise<T | null> {
    const k = this.k(tenant);
    return this.run(async () => parseJson<T>(await this.redis.hget(k.docs(kind), id)));
  }

  async putDoc<T>(tenant: string, kind: string, id: string, value: T): Promise<void> {
    const k = this.k(tenant);
    await this.durable(tenant, () => this.redis.hset(k.docs(kind), id, JSON.stringify(value)));
  }

  async deleteDoc(tenant: string, kind: string, id: string): Promise<void> {
    const k = this.k(tenant);
    await this.durable(tenant, () => this.redis.hdel(k.docs(kind), id));
  }

  async listDocs<T>(tenant: string, kind: string): Promise<T[]> {
    const k = this.k(tenant);
    const docs = await this.run(() => this.redis.hgetall(k.docs(kind)));
    return Object.entries(docs)
      .sort(byKey(([id]) => id))
      .map(([, json]) => JSON.parse(json) as T);
  }

  async incrementCounter(tenant: string, key: string, by: number, ttlSeconds: number): Promise<number> {
    checkTtl(ttlSeconds);
    if (!Number.isInteger(by)) throw new RangeError(`counter increment must be a whole number, got ${by}`);
    const k = this.k(tenant);
    return this.run(() => this.redis.lyIncrWindow(k.counter(key), by, ttlSeconds));
  }

  async seed(tenant: string, fixture: Fixture): Promise<void> {
    // Validate before queueing anything, then write the whole fixture in one MULTI: other clients
    // see all of it or none of it, and a rejected fixture writes nothing.
    const f = parseFixture(fixture);
    const k = this.k(tenant);
    const multi = this.redis.multi();
    for (const team of f.teams) multi.set(k.team(team.id), JSON.stringify(team)).sadd(k.teams(), team.id);
    for (const agent of f.agents) queuePutAgent(multi, k, agent);
    for (const entry of f.history) multi.hset(k.history(entry.agent), entry.month, JSON.stringify(entry));
    // A fixture states the month's goal as data: it is also the month's initial target.
    for (const goal of f.goals) {
      multi.hset(k.goals(goal.agent), goal.month, JSON.stringify(storedGoal(goal)));
      multi.hset(k.initialGoals(goal.agent), goal.month, String(goal.incomeTarget));
    }
    const revision = randomUUID();
    for (const row of f.activity) {
      // Fixture rows are absolute days, so they replace all five counters.
      const fields = Object.fromEntries(METRICS.map((metric) => [activityField(row.date, metric), String(row[metric])]));
      multi.hset(k.activity(row.agent, monthOf(row.date)), { ...fields, [ACTIVITY_REVISION_FIELD]: revision });
    }
    for (const entry of f.rosters) multi.hset(k.roster(entry.agent), entry.date, entry.off ? '1' : '0');
    // Re-seeding replaces the fixture agents' assessments instead of appending duplicates.
    for (const agent of f.agents) multi.del(k.assessments(agent.id));
    for (const assessment of f.assessments) multi.rpush(k.assessments(assessment.agent), JSON.stringify(assessment));
    await this.writeReference(tenant, multi);
  }

  /**
   * Whether Redis answers. On a Cluster also whether the cluster serves all its slots (CLUSTER INFO
   * cluster_state:ok): during a shard's failover nodes still answer PING but refuse data commands.
   */
  async ping(): Promise<boolean> {
    try {
      if ((await this.redis.ping()) !== 'PONG') return false;
      if (!this.redis.isCluster) return true;
      return String(await this.redis.cluster('INFO')).includes('cluster_state:ok');
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.redis.status === 'end') return;
    try {
      await this.redis.quit();
    } catch {
      // Not connected: nothing to flush, just stop reconnecting.
      this.redis.disconnect();
    }
  }
}
