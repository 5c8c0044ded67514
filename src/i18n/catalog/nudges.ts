// Messages of the nudges area (zh-CN and en, same keys).
import type { Catalog } from './types';

export const nudgesMessages: Catalog = {
  'zh-CN': {},
  en: {},
};
