// `--nudges-dry-run <date> --data <fixture> --json` prints exactly one JSON array of { user, kind, at }.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function run(...args: string[]) {
  return spawnSync('npx', ['tsx', 'src/main.ts', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, REDIS_URL: '', SLACK_BOT_TOKEN: '', LOG_LEVEL: 'silent' },
  });
}

describe('--nudges-dry-run', () => {
  it('prints the pinned JSON shape for a date', () => {
    const result = run('--nudges-dry-run', '2026-03-04', '--data', 'test/fixtures/plan-basic.json', '--json');
    expect(result.status).toBe(0);
    const rows = JSON.parse(result.stdout) as Array<Record<string, string>>;
    expect(rows).toEqual([
      { user: 'l1', kind: 'lead_digest', at: '2026-03-04T00:45:00.000Z' },
      { user: 'a1', kind: 'agent_morning', at: '2026-03-04T01:00:00.000Z' },
      { user: 'e1', kind: 'agent_morning', at: '2026-03-04T01:00:00.000Z' },
    ]);
    for (const row of rows) expect(Object.keys(row)).toEqual(['user', 'kind', 'at']);
  }, 90_000);

  it('prints a readable table without --json, and nothing is due on a weekend', () => {
    const table = run('--nudges-dry-run', '2026-03-02', '--data', 'test/fixtures/plan-basic.json');
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/2026-03-02 09:00 Asia\/Shanghai\s+a1\s+\S+\s+month_start/);
    const weekend = run('--nudges-dry-run', '2026-03-07', '--data', 'test/fixtures/plan-basic.json', '--json');
    expect(JSON.parse(weekend.stdout)).toEqual([]);
  }, 90_000);
});
