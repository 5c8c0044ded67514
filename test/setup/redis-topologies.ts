// Real, throw-away Redis topologies for the topology tests, built from `redis-server` alone (Debian's
// package; no redis-cli needed): a primary, a replica and three sentinels (`--sentinel` mode), and a
// 3-primary, 3-replica Cluster assembled with CLUSTER ADDSLOTS / MEET / REPLICATE. Each node has its
// own temp directory and a port below the kernel's ephemeral range (a killed node can come back on the
// same port, from the same directory); configured like production (AOF everysec, noeviction), except that
// a full sync starts at once (repl-diskless-sync-delay 0 instead of 5 s); everything is SIGKILLed and
// deleted by stop(). No vitest imports, like redis-server.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { HostPort, RedisTopology } from '../../src/store/topology';

const HOST = '127.0.0.1';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const usedPorts = new Set<number>();

/** A free port below the ephemeral range, not handed out before in this process. */
async function stablePort(): Promise<number> {
  const range = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').catch(() => '32768 60999');
  const low = Number(range.trim().split(/\s+/)[0]) || 32768;
  const floor = Math.max(1024, low - 12_000);
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = floor + Math.floor(Math.random() * (low - floor));
    // Cluster nodes also listen on port + 10000 (the cluster bus): keep that one free too.
    if (usedPorts.has(port) || port + 10_000 > 65_535) continue;
    const free = async (p: number) =>
      new Promise<boolean>((resolve) => {
        const probe = net.createServer();
        probe.once('error', () => resolve(false));
        probe.listen(p, HOST, () => probe.close(() => resolve(true)));
      });
    if ((await free(port)) && (await free(port + 10_000))) {
      usedPorts.add(port);
      return port;
    }
  }
  throw new Error('no free port below the ephemeral range');
}

/** True once something answers a RESP command on the port (PING, or -NOAUTH when a password is set). */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: HOST });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(300, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => done(/^[+-]/.test(chunk.toString())));
  });
}

export interface RedisNode {
  port: number;
  /** Whether the process is running (not killed or stopped). */
  readonly running: boolean;
  /** Starts the process; after a kill, the same command: same port, directory (its AOF, nodes.conf), password. */
  start(): Promise<void>;
  /** SIGKILL: a crashed host. */
  kill(): Promise<void>;
}

function redisNode(port: number, args: string[]): RedisNode {
  const binary = process.env.REDIS_SERVER_BIN || 'redis-server';
  let child: ChildProcess | null = null;
  let output = '';
  const exited = (c: ChildProcess) =>
    c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => c.once('exit', () => resolve()));
  return {
    port,
    get running() {
      return child !== null;
    },
    async start() {
      output = '';
      const c = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      child = c;
      c.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      c.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const spawnError = new Promise<Error>((resolve) => c.once('error', resolve));
      const deadline = Date.now() + 10_000;
      for (;;) {
        const failed = await Promise.race([spawnError, pause(25).then(() => null)]);
        if (failed) throw new Error(`cannot run ${binary}: ${failed.message} (Debian/Ubuntu: apt-get install redis-server)`);
        if (c.exitCode !== null) throw new Error(`redis-server on ${port} exited with ${c.exitCode}:\n${output.slice(-2000)}`);
        if (await answers(port)) return;
        if (Date.now() > deadline) throw new Error(`redis-server on ${port} did not answer within 10 s:\n${output.slice(-2000)}`);
      }
    },
    async kill() {
      if (!child) return;
      const c = child;
      child = null;
      c.kill('SIGKILL');
      await exited(c);
    },
  };
}

/** A short-lived admin connection (no retries), closed after `fn`. */
export async function withAdmin<T>(port: number, password: string | undefined, fn: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis({ host: HOST, port, ...(password ? { password } : {}), retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 2_000, lazyConnect: true });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return await fn(redis);
  } finally {
    redis.disconnect();
  }
}

/** Polls `check` (errors count as "not yet") until it is true, or throws naming `what`. */
export async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      if (await check()) return;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await pause(100);
  }
}

/** The production-like data node settings (AOF everysec, noeviction) plus the password. */
function dataNodeArgs(port: number, dir: string, password: string | undefined): string[] {
  const args = ['--port', String(port), '--bind', HOST, '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'everysec'];
  args.push('--maxmemory-policy', 'noeviction', '--daemonize', 'no');
  // A full sync starts at once instead of after Redis' default 5 s wait for more replicas to share it
  // (repl-diskless-sync-delay): a replica at start-up, and a killed primary rejoining, sync that much sooner.
  args.push('--repl-diskless-sync-delay', '0');
  if (password) args.push('--requirepass', password, '--masterauth', password);
  return args;
}

function parseInfo(info: string): Record<string, string> {
  return Object.fromEntries(
    info
      .split(/\r?\n/)
      .filter((line) => line.includes(':') && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)]),
  );
}

// ------------------------------------------------------------------------------------------------
// Sentinel

export interface SentinelSet {
  name: string;
  password: string | undefined;
  primary: RedisNode;
  replica: RedisNode;
  sentinels: RedisNode[];
  topology: Extract<RedisTopology, { kind: 'sentinel' }>;
  /** The variables that select this topology (REDIS_SENTINELS, REDIS_SENTINEL_NAME, REDIS_PASSWORD). */
  env: Record<string, string>;
  /** The primary's port as the sentinels report it now (a majority of them agreeing). */
  currentPrimaryPort(): Promise<number>;
  /** Resolves once a majority of sentinels name a primary other than `oldPort` and it accepts writes. */
  awaitFailover(oldPort: number, timeoutMs?: number): Promise<number>;
  /** SENTINEL MASTER <name> as each running sentinel answers it (config-epoch, flags, num-slaves, …). */
  masterSeen(): Promise<Array<Record<string, string>>>;
  /** SENTINEL REPLICAS <name> as each running sentinel answers it (one record per replica it knows). */
  replicasSeen(): Promise<Array<Array<Record<string, string>>>>;
  stop(): Promise<void>;
}

/** A Sentinel reply of alternating field names and values, as a record. */
function record(flat: unknown): Record<string, string> {
  const list = flat as string[];
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < list.length; i += 2) out[list[i]] = list[i + 1];
  return out;
}

export interface SentinelOptions {
  password?: string;
  name?: string;
  /** Sentinel down-after-milliseconds (default 1000) and failover-timeout (default 4000). */
  downAfterMs?: number;
  failoverTimeoutMs?: number;
}

/** Starts a primary, one replica and three sentinels (quorum 2) and waits until they all know each other. */
export async function startSentinelSet(options: SentinelOptions = {}): Promise<SentinelSet> {
  const name = options.name ?? 'lymaster';
  const password = options.password;
  const root = await mkdtemp(path.join(os.tmpdir(), 'lingyan-sentinel-'));
  const nodes: RedisNode[] = [];
  try {
    const [primaryPort, replicaPort, ...sentinelPorts] = await Promise.all([0, 1, 2, 3, 4].map(() => stablePort()));
    for (const sub of ['primary', 'replica', 's0', 's1', 's2']) await mkdir(path.join(root, sub));
    const primary = redisNode(primaryPort, dataNodeArgs(primaryPort, path.join(root, 'primary'), password));
    const replica = redisNode(replicaPort, [...dataNodeArgs(replicaPort, path.join(root, 'replica'), password), '--replicaof', HOST, String(primaryPort)]);
    nodes.push(primary, replica);
    await primary.start();
    await replica.start();
    const sentinels: RedisNode[] = [];
    for (const [i, port] of sentinelPorts.entries()) {
      const dir = path.join(root, `s${i}`);
      const conf = path.join(dir, 'sentinel.conf');
      const lines = [
        `port ${port}`,
        `bind ${HOST}`,
        `dir ${dir}`,
        `sentinel monitor ${name} ${HOST} ${primaryPort} 2`,
        `sentinel down-after-milliseconds ${name} ${options.downAfterMs ?? 1000}`,
        `sentinel failover-timeout ${name} ${options.failoverTimeoutMs ?? 4000}`,
        `sentinel parallel-syncs ${name} 1`,
      ];
      if (password) lines.push(`sentinel auth-pass ${name} ${password}`);
      await writeFile(conf, `${lines.join('\n')}\n`);
      const node = redisNode(port, [conf, '--sentinel']);
      nodes.push(node);
      sentinels.push(node);
      await node.start();
    }
    // Ready when the replica is in sync and every sentinel sees the replica and the two other sentinels
    // (the hello messages take a couple of seconds): only then can a failover be authorized.
    await until(
      async () => parseInfo(await withAdmin(replicaPort, password, (r) => r.info('replication'))).master_link_status === 'up',
      15_000,
      'the replica to sync',
    );
    await until(
      async () => {
        for (const s of sentinels) {
          const info = record(await withAdmin(s.port, undefined, (r) => r.call('SENTINEL', 'MASTER', name)));
          if (info['num-other-sentinels'] !== '2' || info['num-slaves'] !== '1' || info.flags !== 'master') return false;
        }
        return true;
      },
      20_000,
      'the sentinels to discover each other and the replica',
    );

    const topology: SentinelSet['topology'] = {
      kind: 'sentinel',
      sentinels: sentinelPorts.map((port): HostPort => ({ host: HOST, port })),
      name,
      ...(password ? { password } : {}),
    };
    const reported = async (): Promise<number[]> => {
      const ports: number[] = [];
      for (const s of sentinels) {
        if (!s.running) continue;
        try {
          const addr = (await withAdmin(s.port, undefined, (r) => r.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name))) as [string, string] | null;
          if (addr) ports.push(Number(addr[1]));
        } catch {
          // a sentinel that does not answer has no vote here
        }
      }
      return ports;
    };
    const majority = (ports: number[]): number | undefined => {
      for (const port of new Set(ports)) if (ports.filter((p) => p === port).length >= 2) return port;
      return undefined;
    };
    return {
      name,
      password,
      primary,
      replica,
      sentinels,
      topology,
      env: {
        REDIS_SENTINELS: topology.sentinels.map((s) => `${s.host}:${s.port}`).join(','),
        REDIS_SENTINEL_NAME: name,
        ...(password ? { REDIS_PASSWORD: password } : {}),
      },
      async currentPrimaryPort() {
        const port = majority(await reported());
        if (port === undefined) throw new Error('the sentinels do not agree on a primary');
        return port;
      },
      async awaitFailover(oldPort, timeoutMs = 20_000) {
        let found = 0;
        await until(
          async () => {
            const port = majority(await reported());
            if (port === undefined || port === oldPort) return false;
            const role = parseInfo(await withAdmin(port, password, (r) => r.info('replication'))).role;
            found = port;
            return role === 'master';
          },
          timeoutMs,
          'the sentinels to promote a new primary',
        );
        return found;
      },
      async masterSeen() {
        const running = sentinels.filter((s) => s.running);
        return Promise.all(running.map(async (s) => record(await withAdmin(s.port, undefined, (r) => r.call('SENTINEL', 'MASTER', name)))));
      },
      async replicasSeen() {
        const running = sentinels.filter((s) => s.running);
        return Promise.all(
          running.map(async (s) => ((await withAdmin(s.port, undefined, (r) => r.call('SENTINEL', 'REPLICAS', name))) as unknown[]).map(record)),
        );
      },
      async stop() {
        await Promise.all(nodes.map((n) => n.kill()));
        await rm(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await Promise.all(nodes.map((n) => n.kill()));
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

// ------------------------------------------------------------------------------------------------
// Cluster

export interface ClusterSet {
  password: string | undefined;
  /** Nodes 0–2 start as primaries (slots split in three), 3–5 as their replicas (3 → 0, 4 → 1, 5 → 2). */
  nodes: RedisNode[];
  topology: Extract<RedisTopology, { kind: 'cluster' }>;
  /** The variables that select this topology (REDIS_CLUSTER_NODES, REDIS_PASSWORD). */
  env: Record<string, string>;
  /** The hash slot of `key` (CLUSTER KEYSLOT). */
  slotOf(key: string): Promise<number>;
  /** The node that serves `slot` as primary now, as a running node sees it. */
  primaryOf(slot: number): Promise<RedisNode>;
  /** A replica of the primary that serves `slot` now. */
  replicaOf(slot: number): Promise<RedisNode>;
  /** Resolves once `slot` is served by a primary other than `old` and every running node says cluster_state:ok. */
  awaitFailover(slot: number, old: RedisNode, timeoutMs?: number): Promise<RedisNode>;
  /** The node's cluster id (CLUSTER MYID; it keeps it across a restart, from nodes.conf). */
  idOf(node: RedisNode): Promise<string>;
  /** CLUSTER NODES as `by` sees it, one record per node. */
  nodesSeenBy(by: RedisNode): Promise<ClusterNodeLine[]>;
  /** CLUSTER INFO of a node (cluster_state, cluster_current_epoch, …). */
  infoOf(node: RedisNode): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

/** One line of CLUSTER NODES. */
export interface ClusterNodeLine {
  id: string;
  port: number;
  /** e.g. ["myself", "master"], ["slave"], ["master", "fail"]. */
  flags: string[];
  /** The primary's id for a replica, "-" for a primary. */
  primaryId: string;
  configEpoch: number;
  /** "connected" or "disconnected" (the cluster bus link). */
  link: string;
  /** The slot ranges it serves, as listed ("0-5460", …). */
  slots: string[];
}

function parseClusterNodes(text: string): ClusterNodeLine[] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [id, address, flags, primaryId, , , configEpoch, link, ...slots] = line.trim().split(' ');
      return { id, port: Number(/:(\d+)@/.exec(address)?.[1]), flags: flags.split(','), primaryId, configEpoch: Number(configEpoch), link, slots };
    });
}

export interface ClusterOptions {
  password?: string;
  /** cluster-node-timeout (default 1000 ms): how long a primary may be silent before it is failed over. */
  nodeTimeoutMs?: number;
}

const SLOTS = 16_384;

/** Starts six cluster-enabled nodes and assembles 3 primaries with one replica each. */
export async function startCluster(options: ClusterOptions = {}): Promise<ClusterSet> {
  const password = options.password;
  const root = await mkdtemp(path.join(os.tmpdir(), 'lingyan-cluster-'));
  const nodes: RedisNode[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < 6; i++) ports.push(await stablePort());
    for (const [i, port] of ports.entries()) {
      const dir = path.join(root, `n${i}`);
      await mkdir(dir);
      const args = [...dataNodeArgs(port, dir, password), '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf'];
      args.push('--cluster-node-timeout', String(options.nodeTimeoutMs ?? 1000));
      nodes.push(redisNode(port, args));
    }
    await Promise.all(nodes.map((n) => n.start()));
    const admin = <T>(node: RedisNode, fn: (r: Redis) => Promise<T>) => withAdmin(node.port, password, fn);
    const ids = await Promise.all(nodes.map((n) => admin(n, async (r) => String(await r.call('CLUSTER', 'MYID')))));

    // Distinct config epochs (what redis-cli --cluster create does), then slots, then the handshake.
    await Promise.all(nodes.map((n, i) => admin(n, (r) => r.call('CLUSTER', 'SET-CONFIG-EPOCH', String(i + 1)))));
    for (let m = 0; m < 3; m++) {
      const from = Math.floor((m * SLOTS) / 3);
      const to = Math.floor(((m + 1) * SLOTS) / 3) - 1;
      const slots = Array.from({ length: to - from + 1 }, (_, k) => String(from + k));
      await admin(nodes[m], (r) => r.call('CLUSTER', 'ADDSLOTS', ...slots));
    }
    for (const node of nodes.slice(1)) await admin(node, (r) => r.call('CLUSTER', 'MEET', HOST, String(ports[0])));
    await until(
      async () => {
        for (const node of nodes) {
          const known = String(await admin(node, (r) => r.call('CLUSTER', 'NODES'))).trim().split('\n');
          if (known.length !== 6 || known.some((line) => line.includes('handshake') || line.includes('noaddr'))) return false;
        }
        return true;
      },
      20_000,
      'the six nodes to meet',
    );
    for (let r = 3; r < 6; r++) await admin(nodes[r], (c) => c.call('CLUSTER', 'REPLICATE', ids[r - 3]));
    await until(
      async () => {
        for (const [i, node] of nodes.entries()) {
          const info = String(await admin(node, (r) => r.call('CLUSTER', 'INFO')));
          if (!info.includes('cluster_state:ok')) return false;
          const lines = String(await admin(node, (r) => r.call('CLUSTER', 'NODES'))).trim().split('\n');
          const flags = lines.map((line) => line.split(' ')[2] ?? '');
          if (flags.filter((f) => f.includes('master')).length !== 3 || flags.filter((f) => f.includes('slave')).length !== 3) return false;
          if (i >= 3 && parseInfo(await admin(node, (r) => r.info('replication'))).master_link_status !== 'up') return false;
        }
        return true;
      },
      30_000,
      'the cluster to be ok with three primaries and three synced replicas',
    );

    const topology: ClusterSet['topology'] = {
      kind: 'cluster',
      nodes: ports.slice(0, 3).map((port): HostPort => ({ host: HOST, port })),
      ...(password ? { password } : {}),
    };
    const anyRunning = () => {
      const node = nodes.find((n) => n.running);
      if (!node) throw new Error('no cluster node is running');
      return node;
    };
    const servers = async (slot: number): Promise<RedisNode[]> => {
      const ranges = (await admin(anyRunning(), (r) => r.call('CLUSTER', 'SLOTS'))) as Array<[number, number, ...Array<[string, number, ...unknown[]]>]>;
      const range = ranges.find(([from, to]) => slot >= from && slot <= to);
      if (!range) throw new Error(`slot ${slot} is not served`);
      return (range.slice(2) as Array<[string, number]>).map(([, port]) => {
        const node = nodes.find((n) => n.port === Number(port));
        if (!node) throw new Error(`slot ${slot} is served by an unknown port ${port}`);
        return node;
      });
    };
    const primaryOf = async (slot: number): Promise<RedisNode> => (await servers(slot))[0]!;
    return {
      password,
      nodes,
      topology,
      env: { REDIS_CLUSTER_NODES: topology.nodes.map((n) => `${n.host}:${n.port}`).join(','), ...(password ? { REDIS_PASSWORD: password } : {}) },
      slotOf: async (key) => Number(await admin(anyRunning(), (r) => r.call('CLUSTER', 'KEYSLOT', key))),
      primaryOf,
      async replicaOf(slot) {
        const replica = (await servers(slot))[1];
        if (!replica) throw new Error(`slot ${slot} has no replica`);
        return replica;
      },
      async awaitFailover(slot, old, timeoutMs = 20_000) {
        let found: RedisNode = old;
        await until(
          async () => {
            found = await primaryOf(slot);
            if (found === old || !found.running) return false;
            for (const node of nodes.filter((n) => n.running)) {
              if (!String(await admin(node, (r) => r.call('CLUSTER', 'INFO'))).includes('cluster_state:ok')) return false;
            }
            return true;
          },
          timeoutMs,
          `a replica to take over slot ${slot}`,
        );
        return found;
      },
      idOf: async (node) => String(await admin(node, (r) => r.call('CLUSTER', 'MYID'))),
      nodesSeenBy: async (by) => parseClusterNodes(String(await admin(by, (r) => r.call('CLUSTER', 'NODES')))),
      infoOf: async (node) => parseInfo(String(await admin(node, (r) => r.call('CLUSTER', 'INFO')))),
      async stop() {
        await Promise.all(nodes.map((n) => n.kill()));
        await rm(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await Promise.all(nodes.map((n) => n.kill()));
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}
