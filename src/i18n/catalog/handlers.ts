// Messages of the handlers area (zh-CN and en, same keys).
import type { Catalog } from './types';

export const handlersMessages: Catalog = {
  'zh-CN': {},
  en: {},
};
