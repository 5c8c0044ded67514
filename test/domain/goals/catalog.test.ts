// Every message key the goal domain can raise exists in both zh-CN and en.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goalsMessages } from '../../../src/i18n/catalog/goals';

const dir = join(import.meta.dirname, '../../../src/domain/goals');

describe('goals catalogue', () => {
  it('covers every key the domain throws, in both locales', () => {
    const source = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    const keys = new Set([...source.matchAll(/'(goals\.[a-z_.]+)'/g)].map((m) => m[1]));
    for (const v of ['too_low', 'achievable', 'stretch', 'too_high']) keys.add(`goals.verdict.${v}`);
    expect(keys.size).toBeGreaterThan(20);
    for (const key of keys) {
      expect(goalsMessages['zh-CN'][key], key).toBeTruthy();
      expect(goalsMessages.en[key], key).toBeTruthy();
    }
    expect(Object.keys(goalsMessages['zh-CN']).sort()).toEqual(Object.keys(goalsMessages.en).sort());
  });
});
