/**
 * `npx tsx bench/export-while-reading/export-while-reading.bench.ts`: export every case while
 * another client reads (measure.ts), on a bench database of N generated cases (bench/generate,
 * cached like the read-path bench's: read-paths/prepare.ts).
 *
 *   … export-while-reading.bench.ts                          # 20,000 cases, SQLite, job export as CSV
 *   LIANXIN_BENCH_CASES=1000000 … export-while-reading.bench.ts --db both
 *   … --cases 200000 --db postgres --format xlsx --mode job --label before
 *
 * Options: `--cases N` (default `LIANXIN_BENCH_CASES` or 20,000), `--generate N` (only N walk the
 * workflow, the rest are copies), `--db sqlite|postgres|both`, `--mode job|stream|both` (stream:
 * at most 100,000 cases), `--format csv|xlsx`, `--label TEXT`. Writes
 * bench/results/export-while-reading.json (runs kept per database, size, mode, format and label)
 * and prints the table. `npm run bench` runs it too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dialect } from '@lianxin/storage';
import { prepareDatabase } from '../read-paths/prepare';
import { measureExportWhileReading, type ExportWhileReadingRun } from './measure';
import { exportWhileReadingSummary } from './summary';

const here = path.dirname(fileURLToPath(import.meta.url));
const resultsFile = path.join(here, '../results/export-while-reading.json');
const argv = process.argv.slice(2);
const value = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const CASES = Number(value('--cases') ?? process.env.LIANXIN_BENCH_CASES ?? 20_000);
const GENERATE = Number(value('--generate') ?? CASES);
const DB = value('--db') ?? 'sqlite';
const MODE = value('--mode') ?? 'job';
const FORMAT = (value('--format') ?? 'csv') as 'csv' | 'xlsx';
const LABEL = value('--label') ?? null;
const dialects: Dialect[] = DB === 'both' ? ['sqlite', 'postgres'] : DB === 'postgres' ? ['postgres'] : ['sqlite'];
const modes: Array<'job' | 'stream'> = MODE === 'both' ? ['job', 'stream'] : MODE === 'stream' ? ['stream'] : ['job'];
if (
  !Number.isInteger(CASES) ||
  CASES < 1000 ||
  !['sqlite', 'postgres', 'both'].includes(DB) ||
  !['job', 'stream', 'both'].includes(MODE) ||
  !['csv', 'xlsx'].includes(FORMAT)
) {
  console.error('usage: … [--cases N (≥ 1000)] [--generate N] [--db sqlite|postgres|both] [--mode job|stream|both] [--format csv|xlsx] [--label TEXT]');
  process.exit(2);
}
const log = (line: string) => console.error(line);

const stored: { runs: ExportWhileReadingRun[] } = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : { runs: [] };
const fresh: ExportWhileReadingRun[] = [];
for (const dialect of dialects) {
  log(`${dialect}: preparing ${CASES} cases`);
  const db = await prepareDatabase(dialect, CASES, GENERATE, log);
  await db.storage.close();
  for (const mode of modes) {
    if (mode === 'stream' && db.cases > 100_000) {
      log(`${dialect}: ${db.cases} cases are more than a streamed export takes (100,000): stream mode skipped`);
      continue;
    }
    log(`${dialect}: ${db.cases} cases; ${mode} export as ${FORMAT} while a clerk reads`);
    const run = await measureExportWhileReading(db, { mode, format: FORMAT, label: LABEL, log });
    log(
      `  export ${run.export.rows} rows in ${run.export.seconds} s (${run.export.rowsPerSecond} rows/s); during it /healthz p99 ${run.during.healthz.p99} ms (max ${run.during.healthz.max}), case page p99 ${run.during.casePage.p99} ms (max ${run.during.casePage.max})`,
    );
    fresh.push(run);
    stored.runs = stored.runs.filter(
      (r) => !(r.dialect === run.dialect && r.cases === run.cases && r.mode === run.mode && r.format === run.format && r.label === run.label),
    );
    stored.runs.push(run);
    stored.runs.sort((a, b) => a.dialect.localeCompare(b.dialect) || a.cases - b.cases || a.mode.localeCompare(b.mode) || (a.at < b.at ? -1 : 1));
    fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
    fs.writeFileSync(resultsFile, `${JSON.stringify(stored, null, 2)}\n`);
  }
}
console.log(exportWhileReadingSummary(fresh));
