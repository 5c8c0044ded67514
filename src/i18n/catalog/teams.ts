// Messages of the teams area (zh-CN and en, same keys).
import type { Catalog } from './types';

export const teamsMessages: Catalog = {
  'zh-CN': {},
  en: {},
};
