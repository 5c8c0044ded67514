// Messages of the slack area (zh-CN and en, same keys).
import type { Catalog } from './types';

export const slackMessages: Catalog = {
  'zh-CN': {},
  en: {},
};
