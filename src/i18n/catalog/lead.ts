// Messages of the lead area (zh-CN and en, same keys).
import type { Catalog } from './types';

export const leadMessages: Catalog = {
  'zh-CN': {},
  en: {},
};
