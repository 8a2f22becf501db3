/** Percentiles of timing samples (nearest rank), rounded to 0.01 ms. */

/** p50/p95/p99 and the slowest sample, in milliseconds. */
export interface Timing {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  runs: number;
}

const round = (v: number) => Math.round(v * 100) / 100;

/** The nearest-rank percentile `p` (0–100) of ascending `sorted`. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Summary of unordered samples. */
export function summarise(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? 0),
    runs: sorted.length,
  };
}
