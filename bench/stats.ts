// Small timing helpers shared by the benchmarks: run a function many times, report median and p99.
export interface Stat {
  name: string;
  runs: number;
  medianUs: number;
  p99Us: number;
  target?: string;
}

export async function measure(name: string, runs: number, fn: () => unknown | Promise<unknown>, warmup = Math.min(200, runs)): Promise<Stat> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  samples.sort();
  return { name, runs, medianUs: samples[Math.floor(runs / 2)]!, p99Us: samples[Math.min(runs - 1, Math.floor(runs * 0.99))]! };
}

export function printTable(title: string, stats: Stat[]): void {
  const rows = stats.map((s) => ({
    benchmark: s.name,
    runs: s.runs,
    'median (µs)': s.medianUs.toFixed(1),
    'p99 (µs)': s.p99Us.toFixed(1),
    target: s.target ?? '',
  }));
  process.stdout.write(`\n${title}\n`);
  console.table(rows);
}
