// Types for the untyped wink-bm25-text-search (BM25F search engine) and wink-porter2-stemmer,
// covering only the calls Lingyan makes.
declare module 'wink-bm25-text-search' {
  export interface Bm25Config {
    fldWeights: Record<string, number>;
    bm25Params?: { k1?: number; b?: number; k?: number };
    ovFldNames?: string[];
  }
  export type Bm25Doc = Record<string, string>;
  export interface Bm25Engine {
    defineConfig(config: Bm25Config): boolean;
    definePrepTasks(tasks: Array<(input: string) => string[] | string>, field?: string): number;
    addDoc(doc: Bm25Doc, id: string | number): number;
    consolidate(fp?: number): boolean;
    search(
      text: string,
      limit?: number,
      filter?: (fieldValues: Record<string, string>, params: unknown) => boolean,
      params?: unknown,
    ): Array<[string, number]>;
    getTotalDocs(): number;
  }
  export default function bm25(): Bm25Engine;
}

declare module 'wink-porter2-stemmer' {
  export default function stem(word: string): string;
}
