// Every /coach command has a description and a usage line in both locales.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/understanding';
import { routerMessages } from '../../src/i18n/catalog/understanding';

describe('router catalogue', () => {
  it('describes every command in zh-CN and en', () => {
    for (const c of COMMANDS) {
      for (const key of [c.descriptionKey, c.usageKey]) {
        expect(routerMessages['zh-CN'][key], key).toBeTruthy();
        expect(routerMessages.en[key], key).toBeTruthy();
      }
    }
  });

  it('has the same keys in both locales', () => {
    expect(Object.keys(routerMessages['zh-CN']).sort()).toEqual(Object.keys(routerMessages.en).sort());
  });
});
