// End-to-end: `npm start -- --once ... --json` as a separate process, on the memory store and on Redis.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';

const run = promisify(execFile);
const FIXTURE = 'test/fixtures/plan-basic.json';

async function once(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'src/main.ts', ...args], {
      env: { ...process.env, LOG_LEVEL: 'silent', REDIS_URL: '', SLACK_BOT_TOKEN: '', MicrosoftAppId: '', OPENAI_API_KEY: '', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// Hand computation for a1 on Wed 2026-03-04 (fixture plan-basic.json):
//   C = 12000 − 3000 = 9000; S = 9000 / 0.02 = 450000.
//   History Dec–Feb pooled: calls 6000, connects 2400, deals 120, sales 1.8M, prospects 480;
//   the team (a1, l1, e1) has only a1's history, so shrinking toward it changes nothing:
//   connectRate 0.4, closeRate 0.05, avgDeal 15000, prospectToDeal 0.25.
//   Month: deals ceil(450000/15000)=30, connects ceil(30/0.05)=600, calls ceil(600/0.4)=1500, prospects ceil(30/0.25)=120.
//   March 2026 (CN, no holidays): 22 weekdays; today is the 3rd, so 20 remain including today.
//   Sales before today: 30000 + 15000 = 45000 → remaining 405000 → deals 27, connects 540, calls 1350, prospects 108.
//   callsToday = ceil(1350/20) = 68; 30 logged today → 38 left; dealsToday = ceil(27/20) = 2; prospectsToday = ceil(108/20) = 6.
describe('--once', () => {
  it('answers 今天要打多少个电话 with the hand-computed number (zh-CN)', async () => {
    const out = await once(['--once', '今天要打多少个电话', '--user', 'a1', '--now', '2026-03-04T09:00:00+08:00', '--data', FIXTURE, '--json']);
    expect(out.code).toBe(0);
    const reply = JSON.parse(out.stdout);
    expect(reply.intent).toBe('calls_today');
    expect(reply.locale).toBe('zh-CN');
    expect(reply.data).toMatchObject({ callsToday: 68, callsLeftToday: 38, dealsToday: 2, prospectsToday: 6, remainingWorkdays: 20, date: '2026-03-04' });
    expect(reply.data.plan).toMatchObject({ salesTarget: 450000, deals: 30, connects: 600, calls: 1500, prospects: 120, workdays: 22 });
    expect(reply.text).toContain('68');
  }, 60_000);

  it('answers in English for an English profile with team rates', async () => {
    // e1 has no history: team rates (= a1's pooled rates), nothing logged, 20 working days left:
    // calls ceil(1500/20) = 75, deals ceil(30/20) = 2, prospects ceil(120/20) = 6.
    const out = await once(['--once', 'how many calls do I need today', '--user', 'e1', '--now', '2026-03-04T09:00:00+08:00', '--data', FIXTURE, '--json']);
    expect(out.code).toBe(0);
    const reply = JSON.parse(out.stdout);
    expect(reply.locale).toBe('en');
    expect(reply.data).toMatchObject({ callsToday: 75, callsLeftToday: 75, dealsToday: 2, prospectsToday: 6 });
    expect(reply.data.plan.rates.source).toBe('team');
    expect(reply.text).toMatch(/75 calls/);
  }, 60_000);

  it('says a Saturday is not a working day and names the next one', async () => {
    const out = await once(['--once', '今天要打多少个电话', '--user', 'a1', '--now', '2026-03-07T10:00:00+08:00', '--data', FIXTURE, '--json', '--locale', 'en']);
    const reply = JSON.parse(out.stdout);
    expect(reply.locale).toBe('en');
    expect(reply.data.callsToday).toBe(0);
    expect(reply.data.nextWorkday).toBe('2026-03-09');
  }, 60_000);

  it('runs the same on Redis', async () => {
    const redisUrl = inject('redisUrl');
    const out = await once(
      ['--once', '今天要打多少个电话', '--user', 'a1', '--now', '2026-03-04T09:00:00+08:00', '--data', FIXTURE, '--json', '--tenant', `once-${process.pid}`],
      { REDIS_URL: redisUrl },
    );
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout).data.callsToday).toBe(68);
  }, 60_000);

  it('rejects bad flags, unknown users and broken fixtures with a clear message', async () => {
    const badFlag = await once(['--once', 'hi', '--user', 'a1', '--bogus']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/bogus/);

    const badNow = await once(['--once', 'hi', '--user', 'a1', '--now', '2026-03-04 09:00']);
    expect(badNow.code).toBe(2);
    expect(badNow.stderr).toMatch(/--now/);

    const unknown = await once(['--once', 'hi', '--user', 'zz9', '--data', FIXTURE]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown user "zz9".*a1/);

    const dir = mkdtempSync(join(tmpdir(), 'lingyan-'));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ teams: [{ id: 't1', name: 'x' }], agents: [{ id: 'a1', name: 'A', team: 't1', baseSalary: -1 }] }));
    const badFixture = await once(['--once', 'hi', '--user', 'a1', '--data', broken]);
    expect(badFixture.code).toBe(2);
    expect(badFixture.stderr).toMatch(/agents\.0\.baseSalary/);
  }, 120_000);

  it('--nudges prints each nudge of a date as it would be sent', async () => {
    const out = await once(['--nudges', '2026-03-04', '--data', FIXTURE]);
    expect(out.code).toBe(0);
    // a1 and e1 get the morning nudge at 09:00 Shanghai (01:00Z); the lead l1 the digest at 08:45 (00:45Z).
    expect(out.stdout).toContain('2026-03-04T01:00:00.000Z → 张三 (a1) · agent_morning');
    expect(out.stdout).toContain('2026-03-04T00:45:00.000Z → 王芳 (l1) · lead_digest');
    expect(out.stdout).toMatch(/Emma \(e1\) · agent_morning[\s\S]*75 calls/);
  }, 60_000);
});
