// Lua scripts RedisStore needs where one command cannot do a read-modify-write atomically.
// Every key a script touches is passed in KEYS (all in the tenant's slot), as Redis Cluster requires.
import type { ChainableCommander, Result } from 'ioredis';
import type { AgentProfile } from '../domain/types';
import { platformField, teamMember, type Keys } from './keys';
import type { RedisClient } from './topology';

/**
 * Writes a profile and moves its index entries. KEYS: agent, agents set, agents:byteam zset,
 * pid hash, agents:idx hash (agent id -> JSON [team member, ...pid fields] it was last indexed
 * under; kept so the script can remove old entries without re-deriving them from the profile,
 * e.g. lower-casing e-mails the way JavaScript does). ARGV: id, profile JSON, new idx JSON.
 * Old identities are removed only where they still point at this agent.
 */
const PUT_AGENT = `
local id = ARGV[1]
local prev = redis.call('HGET', KEYS[5], id)
if prev then
  local p = cjson.decode(prev)
  redis.call('ZREM', KEYS[3], p[1])
  for i = 2, #p do
    if redis.call('HGET', KEYS[4], p[i]) == id then redis.call('HDEL', KEYS[4], p[i]) end
  end
end
local idx = cjson.decode(ARGV[3])
redis.call('SET', KEYS[1], ARGV[2])
redis.call('SADD', KEYS[2], id)
redis.call('ZADD', KEYS[3], 0, idx[1])
for i = 2, #idx do redis.call('HSET', KEYS[4], idx[i], id) end
redis.call('HSET', KEYS[5], id, ARGV[3])
return 1
`;

/**
 * Fixed-window counter: INCRBY, and set the TTL only when the key has none (it was just created).
 * EXPIRE NX would do this in one command but needs Redis 7; this works on 6 too.
 * KEYS: counter. ARGV: by, ttl seconds. Returns the new value.
 */
const INCR_WINDOW = `
local v = redis.call('INCRBY', KEYS[1], ARGV[1])
if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return v
`;

/**
 * An activity write that leaves a receipt, atomically, and is a no-op when the receipt exists (the same
 * request again). KEYS: activity hash, receipt. ARGV: receipt TTL, revision field, new revision, mode
 * ("add" | "replace"), receipt prefix ("<agent>\t<date>\t"), then per metric: field, value ("" when the
 * message did not name it), "i" (integer) or "f" (money). Returns {1 if it was a repeat, receipt}.
 */
const RECORD_ACTIVITY = `
local done = redis.call('GET', KEYS[2])
if done then return {1, done} end
redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
local counts = {}
for i = 6, #ARGV, 3 do
  local field, value, kind = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  if ARGV[4] == 'replace' and value ~= '' then redis.call('HSET', KEYS[1], field, value) end
  local by = (ARGV[4] == 'add' and value ~= '') and value or '0'
  if kind == 'i' then
    counts[#counts + 1] = tostring(redis.call('HINCRBY', KEYS[1], field, by))
  else
    counts[#counts + 1] = redis.call('HINCRBYFLOAT', KEYS[1], field, by)
  end
end
local receipt = ARGV[5] .. table.concat(counts, ',')
redis.call('SET', KEYS[2], receipt, 'EX', ARGV[1])
return {0, receipt}
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    lyPutAgent(
      agentKey: string,
      agentsKey: string,
      byTeamKey: string,
      pidKey: string,
      idxKey: string,
      id: string,
      profileJson: string,
      idxJson: string,
    ): Result<number, Context>;
    lyIncrWindow(counterKey: string, by: number, ttlSeconds: number): Result<number, Context>;
    lyRecordActivity(activityKey: string, receiptKey: string, ...args: Array<string | number>): Result<[number, string], Context>;
  }
}

/** Registers the scripts on a connection (idempotent; ioredis loads them with EVALSHA/EVAL as needed). */
export function defineScripts(redis: RedisClient): void {
  if (typeof (redis as Partial<RedisClient>).lyPutAgent === 'function') return;
  redis.defineCommand('lyPutAgent', { numberOfKeys: 5, lua: PUT_AGENT });
  redis.defineCommand('lyIncrWindow', { numberOfKeys: 1, lua: INCR_WINDOW });
  redis.defineCommand('lyRecordActivity', { numberOfKeys: 2, lua: RECORD_ACTIVITY });
}

/** The index entries of a profile: its byteam member, then its platform-id fields. */
function indexEntries(agent: AgentProfile): string[] {
  const entries = [teamMember(agent.team, agent.id)];
  if (agent.slack) entries.push(platformField('slack', agent.slack));
  if (agent.teams) entries.push(platformField('teams', agent.teams));
  if (agent.email) entries.push(platformField('email', agent.email));
  return entries;
}

/** Queues the putAgent script on a MULTI (putAgent alone, or seed with everything else). */
export function queuePutAgent(pipe: ChainableCommander, k: Keys, agent: AgentProfile): void {
  pipe.lyPutAgent(
    k.agent(agent.id),
    k.agents(),
    k.agentsByTeam(),
    k.platformIndex(),
    k.agentIndexEntries(),
    agent.id,
    JSON.stringify(agent),
    JSON.stringify(indexEntries(agent)),
  );
}
