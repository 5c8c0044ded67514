// Messages of the router area (zh-CN and en, same keys).
import type { Catalog } from './types';

export const routerMessages: Catalog = {
  'zh-CN': {},
  en: {},
};
