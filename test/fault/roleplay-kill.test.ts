// A process killed while a role-play is in progress. A child process (test/fault/child/roleplay-child.ts)
// plays the opening and one turn on the shared Redis, then sends the next turn to an LLM that never
// answers; the test SIGKILLs it in the middle of that turn. A new engine (another process, as another
// replica would be) on the same Redis resumes the same role-play: same scenario, the killed turn not
// half-applied, and it can be finished and scored.
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startupFixture } from '../../src/app/data';
import { registerCoaching } from '../../src/coaching/register';
import { createEngine } from '../../src/core/lingyanEngine';
import { silentLogger } from '../../src/logger';
import type { RedisStore } from '../../src/store/redis';
import { useRedisNamespace } from '../helpers/redis';
import { testClock } from '../helpers/testClock';

const ns = useRedisNamespace('lyfault-rp');
const TENANT = 'T0RP';
let store: RedisStore;
let llm: http.Server;
let llmRequests = 0;

beforeAll(async () => {
  store = await ns.store();
  await store.seed(TENANT, await startupFixture(undefined, testClock(), 'Asia/Shanghai'));
  // An OpenAI-compatible endpoint on loopback that accepts the request and never answers.
  llm = http.createServer((req) => {
    llmRequests++;
    req.resume();
  });
  await new Promise<void>((resolve) => llm.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  llm.closeAllConnections();
  await new Promise((resolve) => llm.close(resolve));
});

describe('role-play survives a killed process', () => {
  it('resumes on a new engine after SIGKILL in the middle of a turn', async () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'test/fault/child/roleplay-child.ts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        REDIS_URL: ns.url,
        NAMESPACE: ns.namespace,
        TENANT,
        HANGING_LLM: `http://127.0.0.1:${(llm.address() as AddressInfo).port}/v1`,
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const steps: Array<{ step: string; data: Record<string, unknown> | null }> = [];
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => steps.push(JSON.parse(line)));

    const deadline = Date.now() + 20_000;
    while (!(steps.some((s) => s.step === 'sending') && llmRequests > 0)) {
      if (Date.now() > deadline || child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(steps.map((s) => s.step)).toEqual(['opening', 'turn', 'sending']);
    expect(llmRequests).toBeGreaterThan(0); // the child is inside the LLM call of turn 3
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const opening = steps[0].data!;
    const second = steps[1].data!;
    expect(second).toMatchObject({ scenario: opening.scenario, turn: 2, ended: false });

    // Another process picks the conversation up from Redis (offline coach here).
    const engine = createEngine({ store });
    registerCoaching(engine, { llm: null, logger: silentLogger });
    const say = (text: string) =>
      engine.handle({ tenant: TENANT, user: { platform: 'slack', id: 'U0DEMO0003' }, text, now: testClock(), locale: 'zh-CN', channel: { kind: 'slack', shared: false, conversationId: 'D0RP' } });
    const resumed = await say('每月还款和总利息我都可以发给您,以合同为准。');
    expect(resumed.intent).toBe('roleplay');
    expect(resumed.error).toBeUndefined();
    // The killed turn left nothing half-done: this is turn 3 of the same scenario.
    expect(resumed.data).toMatchObject({ scenario: opening.scenario, turn: 3, ended: false });
    const end = await say('结束');
    expect(end.data).toMatchObject({ scenario: opening.scenario, ended: true });
    expect((end.data.scores as unknown[]).length).toBeGreaterThan(0);
  }, 30_000);
});
