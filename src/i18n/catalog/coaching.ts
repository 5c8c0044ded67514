// Messages of the coaching area (zh-CN and en, same keys).
import type { Catalog } from './types';

export const coachingMessages: Catalog = {
  'zh-CN': {},
  en: {},
};
