import type { Locale } from '../../domain/types';
export type Catalog = Record<Locale, Record<string, string>>;
