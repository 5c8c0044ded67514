// Messages of the quadrant area (zh-CN and en, same keys).
import type { Catalog } from './types';

export const quadrantMessages: Catalog = {
  'zh-CN': {},
  en: {},
};
