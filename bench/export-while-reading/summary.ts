/** The export-while-reading table of SUMMARY.md (bench/export-while-reading). */
import type { ExportWhileReadingRun } from './measure';

const fmt = (n: number) => n.toLocaleString('en-US');
const mb = (bytes: number | null) => (bytes === null ? '—' : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** One line per run: the export's size and speed, then /healthz and the case page at p50/p99 (max) during it, idle p99 beside. */
export function exportWhileReadingSummary(runs: readonly ExportWhileReadingRun[]): string {
  const lines = [
    `Goal: \`/healthz\` and a station clerk's case page within ${runs[0]?.goalP99Ms ?? 50} ms at p99 while an export of every case runs (web and worker in one process, \`lianxin start\`).`,
    '',
    '| database | cases | mode | format | export s | rows/s | file | /healthz p50 / p99 / max | case page p50 / p99 / max | idle p99 (healthz / case) | probes | load | goal |',
    '|---|---:|---|---|---:|---:|---:|---|---|---|---:|---:|---|',
  ];
  for (const r of runs) {
    const t = (x: { p50: number; p99: number; max: number }) => `${x.p50} / ${x.p99} / ${x.max} ms`;
    lines.push(
      `| ${r.dialect}${r.label ? ` (${r.label})` : ''} | ${fmt(r.cases)} | ${r.mode} | ${r.format} | ${r.export.seconds} | ${fmt(r.export.rowsPerSecond)} | ${mb(r.export.bytes)} | ${t(r.during.healthz)} | ${t(r.during.casePage)} | ${r.idle.healthz.p99} / ${r.idle.casePage.p99} ms | ${r.during.healthz.runs} | ${r.loadAverage} | ${r.meetsGoal ? 'meets' : 'misses'} |`,
    );
  }
  return lines.join('\n');
}
