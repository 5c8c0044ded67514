// Register each area's catalogue here.
import type { Catalog } from './types';
import { common } from './common';

export const catalogs: Catalog[] = [common];
