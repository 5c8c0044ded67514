// Redis key layout for RedisStore: every key of a tenant is `<ns>:{<tenant>}:…` (ns defaults to "ly").
// One place builds them so the layout is documented and the tests can flush a namespace.
//
// Why the hash tag wraps the whole tenant: Redis Cluster hashes only the part inside `{…}`, so all of
// one tenant's keys live in one slot. That lets a single MULTI or Lua script touch a profile and its
// indexes, or seed a whole fixture, atomically, even on a cluster. The trade-off: one tenant cannot
// be spread over several shards, and a very large tenant makes its slot (and node) hot. A
// telesales workspace is small (hundreds of agents, a few MB), so atomicity wins; tenants, not
// keys, are what spreads over the cluster.
//
// Layout (t = tenant, a = agent id):
//   agent:<a>            string  JSON AgentProfile
//   agents               set     all agent ids of the tenant
//   agents:byteam        zset    score 0, members "<team>\0<agent>"; ZRANGEBYLEX gives one team's agents.
//                                One key instead of a set per team, so the putAgent script can move an
//                                agent between teams with every key it touches declared in KEYS.
//   pid                  hash    "slack:<id>" | "teams:<id>" | "email:<lowercased>" -> agent id
//   agents:idx           hash    agent id -> JSON [byteam member, ...pid fields] it is indexed under
//   team:<id>            string  JSON Team
//   teams                set     all team ids
//   history:<a>          hash    month -> JSON HistoryMonth
//   goal:<a>             hash    month -> JSON MonthlyGoal
//   goalinit:<a>         hash    month -> the month's first income target (HSETNX in the goal write's MULTI;
//                                write-once, so lowering a goal mid-month leaves it; a seed sets it)
//   act:<a>:<YYYY-MM>    hash    "<date>:<metric>" -> number (per-field counters: HINCRBY adds atomically),
//                                and "rev" -> random token replaced by every write (validates ActivityCache)
//   roster:<a>           hash    date -> "1" (off) | "0" (extra working day)
//   assess:<a>           list    JSON Assessment, in insertion order
//   session:<key>        string  JSON, with EX
//   once:<key>           string  "1", SET NX EX
//   write:<id>           string  "<agent>\t<date>\t<calls>,<connects>,<deals>,<sales>,<prospects>": the receipt
//                                of an activity write, set in the same script as the write, with EX
//   doc:<kind>           hash    id -> JSON
//   ctr:<key>            string  integer, with a fixed-window TTL
//   rev:reference        string  random token, replaced by every write to agents, teams, history or
//                                rosters (validates each replica's ReferenceCache)

export const DEFAULT_NAMESPACE = 'ly';

/** The funnel metrics stored per day; the order is the order of HMGET replies. */
export const METRICS = ['calls', 'connects', 'deals', 'sales', 'prospects'] as const;
export type Metric = (typeof METRICS)[number];

export class Keys {
  readonly base: string;

  constructor(namespace: string, tenant: string) {
    // A brace inside the tenant would end the hash tag early and scatter the tenant over slots.
    if (!tenant || /[{}]/.test(tenant)) throw new RangeError(`invalid tenant id "${tenant}"`);
    this.base = `${namespace}:{${tenant}}:`;
  }

  agent(id: string): string {
    return `${this.base}agent:${id}`;
  }
  agents(): string {
    return `${this.base}agents`;
  }
  agentsByTeam(): string {
    return `${this.base}agents:byteam`;
  }
  agentIndexEntries(): string {
    return `${this.base}agents:idx`;
  }
  platformIndex(): string {
    return `${this.base}pid`;
  }
  team(id: string): string {
    return `${this.base}team:${id}`;
  }
  teams(): string {
    return `${this.base}teams`;
  }
  history(agent: string): string {
    return `${this.base}history:${agent}`;
  }
  goals(agent: string): string {
    return `${this.base}goal:${agent}`;
  }
  initialGoals(agent: string): string {
    return `${this.base}goalinit:${agent}`;
  }
  activity(agent: string, month: string): string {
    return `${this.base}act:${agent}:${month}`;
  }
  roster(agent: string): string {
    return `${this.base}roster:${agent}`;
  }
  assessments(agent: string): string {
    return `${this.base}assess:${agent}`;
  }
  session(key: string): string {
    return `${this.base}session:${key}`;
  }
  once(key: string): string {
    return `${this.base}once:${key}`;
  }
  receipt(writeId: string): string {
    return `${this.base}write:${writeId}`;
  }
  docs(kind: string): string {
    return `${this.base}doc:${kind}`;
  }
  counter(key: string): string {
    return `${this.base}ctr:${key}`;
  }

  referenceRevision(): string {
    return `${this.base}rev:reference`;
  }
}

/** Field of the platform-id index. E-mail is matched case-insensitively. */
export function platformField(platform: 'slack' | 'teams' | 'email', id: string): string {
  return `${platform}:${platform === 'email' ? id.trim().toLowerCase() : id}`;
}

/** Member of the agents:byteam zset. */
export function teamMember(team: string, agent: string): string {
  return `${team}\0${agent}`;
}

/** Field of an activity hash. */
export function activityField(date: string, metric: Metric): string {
  return `${date}:${metric}`;
}
