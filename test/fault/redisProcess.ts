// A redis-server the fault tests own: configured like production (AOF everysec, noeviction), on a fixed
// port and directory so it can be stopped and started again with its data, paused (SIGSTOP) and resumed.
// (test/setup/redis-server.ts's startRedisServer picks a new port and directory per start, so a
// "restart" there would be a different, empty server.)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { readFile } from 'node:fs/promises';

/**
 * A free port below the kernel's ephemeral range. The server is stopped and started again on it, and
 * in between nothing else may take it: other test files bind ports with listen(0) and every outgoing
 * connection takes a source port, both from the ephemeral range.
 */
async function stablePort(): Promise<number> {
  const range = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').catch(() => '32768 60999');
  const low = Number(range.trim().split(/\s+/)[0]) || 32768;
  const floor = Math.max(1024, low - 12_000);
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = floor + Math.floor(Math.random() * (low - floor));
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port below the ephemeral range');
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(300, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

export interface OwnedRedis {
  url: string;
  port: number;
  start(): Promise<void>;
  /** SIGTERM (AOF flushed) and wait for exit. */
  stop(): Promise<void>;
  /** SIGKILL: what a crashed host looks like. */
  kill(): Promise<void>;
  pause(): void;
  resume(): void;
  /** Stop and delete the data directory. */
  dispose(): Promise<void>;
}

export async function ownRedis(): Promise<OwnedRedis> {
  const binary = process.env.REDIS_SERVER_BIN || 'redis-server';
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lingyan-fault-redis-'));
  const port = await stablePort();
  let child: ChildProcess | null = null;

  const exited = (c: ChildProcess) =>
    c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => c.once('exit', () => resolve()));

  const handle: OwnedRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'everysec'];
      args.push('--maxmemory-policy', 'noeviction', '--daemonize', 'no');
      child = spawn(binary, args, { stdio: 'ignore' });
      const deadline = Date.now() + 10_000;
      while (!(await ping(port))) {
        if (Date.now() > deadline) throw new Error(`redis-server on ${port} did not start`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async stop() {
      if (!child) return;
      const c = child;
      child = null;
      c.kill('SIGCONT');
      c.kill('SIGTERM');
      await Promise.race([exited(c), new Promise((r) => setTimeout(r, 5000))]);
      if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    },
    async kill() {
      if (!child) return;
      const c = child;
      child = null;
      c.kill('SIGKILL');
      await exited(c);
    },
    pause() {
      child?.kill('SIGSTOP');
    },
    resume() {
      child?.kill('SIGCONT');
    },
    async dispose() {
      await handle.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  await handle.start();
  return handle;
}
