/** Timing helpers shared by the benchmarks: wall and CPU time of a run, medians of rounds, printed rates. */

export interface Timed {
  /** Items done in the run (pages, documents, rows). */
  items: number;
  wallMs: number;
  /** CPU time of this process (all its threads) during the run. */
  cpuMs: number;
}

/**
 * Runs `work` once and measures it; `work` resolves to the number of items it did.
 *
 * @example
 * const t = await timed(async () => { await crawl(); return 2000; }); rate(t); // pages/s
 */
export async function timed(work: () => Promise<number> | number): Promise<Timed> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const items = await work();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { items, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Items per second of a run. */
export const rate = (t: Timed): number => (t.items * 1000) / t.wallMs;

/** CPU milliseconds per item of a run. */
export const cpuPerItem = (t: Timed): number => t.cpuMs / Math.max(1, t.items);

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The run of median rate among rounds of one contender. */
export function medianRun(runs: Timed[]): Timed {
  const m = median(runs.map(rate));
  return runs.reduce((best, r) => (Math.abs(rate(r) - m) < Math.abs(rate(best) - m) ? r : best));
}

/** `met` or `MISSED`, as every benchmark prints beside a target. */
export const verdict = (met: boolean): string => (met ? 'met' : 'MISSED');

/** A whole number with thousands separators. */
export const whole = (n: number): string => Math.round(n).toLocaleString('en-US');
