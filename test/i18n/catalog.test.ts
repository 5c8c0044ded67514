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
});
