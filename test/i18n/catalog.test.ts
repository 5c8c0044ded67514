// Every user-facing string exists in zh-CN and en, and placeholders agree between the two.
import { describe, expect, it } from 'vitest';
import { catalogs } from '../../src/i18n/catalog';
import { allKeys, t } from '../../src/i18n';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogue', () => {
  it('has the same keys in both locales, area by area', () => {
    for (const catalog of catalogs) {
      expect(Object.keys(catalog.en).sort()).toEqual(Object.keys(catalog['zh-CN']).sort());
    }
    expect(allKeys('en').length).toBeGreaterThan(100);
  });

  it('uses the same placeholders in both locales', () => {
    for (const catalog of catalogs) {
      for (const key of Object.keys(catalog['zh-CN'])) {
        expect(placeholders(catalog.en[key] ?? ''), key).toEqual(placeholders(catalog['zh-CN'][key]!));
      }
    }
  });

  it('interpolates and falls back to the key for unknown messages', () => {
    expect(t('zh-CN', 'error.unknown_person', { name: '李四' })).toContain('李四');
    expect(t('en', 'no.such.key')).toBe('no.such.key');
  });

  it('picks the English word by count ({n|one|other}), formatted counts included; Chinese has no plural words', () => {
    const logged = (deals: string | number, calls: string | number) =>
      t('en', 'activity.logged', { date: 'Mon 7 Dec', calls, connects: 1, deals, sales: '8,500', prospects: 0 });
    expect(logged(1, '1,437')).toBe('✅ Logged for Mon 7 Dec: 1,437 calls, 1 connect, 1 deal, 8,500 sales, 0 prospects so far.');
    expect(logged('2', 1)).toContain('1 call, 1 connect, 2 deals');
    expect(t('zh-CN', 'activity.logged', { date: '12月7日', calls: 1, connects: 1, deals: 1, sales: 0, prospects: 0 })).not.toMatch(/[|{}]/);
  });

  it('leaves no plural marker unresolved in any English message given its params', () => {
    for (const key of allKeys('en')) {
      const names = [...t('en', key).matchAll(/\{(\w+)\|/g)].map((m) => m[1]!);
      const params = Object.fromEntries(names.map((name) => [name, 1]));
      expect(t('en', key, params), key).not.toMatch(/\{\w+\|/);
    }
  });
});
