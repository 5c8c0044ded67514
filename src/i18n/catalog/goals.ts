// Messages of the goals area (zh-CN and en, same keys).
import type { Catalog } from './types';

export const goalsMessages: Catalog = {
  'zh-CN': {},
  en: {},
};
