/**
 * `npm run bench`: the benchmark suite of issue #9 on this machine. For each database asked for
 * it opens (generating once, then reusing from the temp dir) a database of N generated cases and
 * times the case list with filters, full-text search, the statistics overview and a case page
 * (p50/p95/p99) through the real app; then start-up time and memory of the real server process,
 * the JavaScript weight of the citizen pages from the built web app, the web app's weight as
 * sent over HTTP and its time to a usable form on a throttled phone (bench/weight), /healthz and
 * a case page while an export of every case runs (bench/export-while-reading), and intake
 * throughput against the bare-insert baseline (bench/intake). Writes bench/results/*.json and
 * bench/results/SUMMARY.md, and prints the summary table.
 *
 *   npm run bench                                   # 20,000 cases on SQLite (quick by default)
 *   npm run bench -- --full                         # 1,000,000 cases (or LIANXIN_BENCH_CASES=1000000, or --cases N)
 *   npm run bench -- --db postgres                  # … on PostgreSQL (LIANXIN_BENCH_PG_URL or the test server)
 *   npm run bench -- --db both --cases 200000
 *   npm run bench -- --quick                        # fewer runs, short intake run
 *
 * Other options: `--generate N` (only N cases walk the workflow, the rest are copies of them —
 * much faster to build; default all), `--runs N` (timed runs per scenario), `--warmup N` (untimed runs before them), `--label TEXT` (kept with the figures, so a
 * "before" run stays next to an "after" run), `--starts N` (server starts timed, default 7), `--prepare-only` (generate, copy and migrate, then stop), `--skip-reads`, `--skip-intake`, `--skip-server`, `--skip-web`, `--skip-weight`, `--skip-export`,
 * `--mix N` (seeded random filter combinations, default 45; 0 for none), `--mix-seed N`, `--mix-runs N`, `--only REGEX` (read scenarios
 * whose `path/name` matches, e.g. `quarter|overview/child`).
 * Figures only: nothing here asserts a time (the goals are reported, not enforced).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dialect } from '@lianxin/storage';
import { measureReadPaths, type ScenarioResult } from './read-paths/measure';
import { prepareDatabase } from './read-paths/prepare';
import { measureServerProcess, type ServerProcessFigures } from './read-paths/server-process';
import { writeSummary, type ReadRun } from './read-paths/summary';
import { measureWebWeight } from './read-paths/web-weight';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const resultsDir = path.join(here, 'results');
const argv = process.argv.slice(2);
const value = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = argv.includes('--quick');
const CASES = Number(value('--cases') ?? (argv.includes('--full') ? 1_000_000 : (process.env.LIANXIN_BENCH_CASES ?? 20_000)));
/** Cases generated through the workflow; the rest of --cases are copies of them (see read-paths/prepare.ts). */
const GENERATE = Number(value('--generate') ?? CASES);
const RUNS = Number(value('--runs') ?? (quick ? 15 : 40));
const WARMUP = Number(value('--warmup') ?? (quick ? 2 : 3));
const DB = value('--db') ?? 'sqlite';
const LABEL = value('--label') ?? null;
const MIX = Number(value('--mix') ?? 45);
const MIX_SEED = Number(value('--mix-seed') ?? 17);
const MIX_RUNS = Number(value('--mix-runs') ?? (quick ? 3 : 5));
const ONLY = value('--only') ? new RegExp(value('--only')!) : undefined;
const dialects: Dialect[] = DB === 'both' ? ['sqlite', 'postgres'] : DB === 'postgres' ? ['postgres'] : ['sqlite'];
const log = (line: string) => console.error(line);

if (!Number.isInteger(CASES) || CASES < 1000 || !['sqlite', 'postgres', 'both'].includes(DB)) {
  console.error(
    'usage: npm run bench -- [--cases N (≥ 1000)] [--generate N] [--db sqlite|postgres|both] [--quick] [--runs N] [--label TEXT] [--prepare-only] [--skip-reads] [--skip-intake] [--skip-server] [--skip-web] [--skip-weight] [--skip-export] [--full] [--mix N] [--mix-seed N] [--mix-runs N] [--only REGEX] [--starts N]',
  );
  process.exit(2);
}

function readJson<T>(file: string, fallback: T): T {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : fallback;
}

function writeJson(name: string, data: unknown): void {
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, name), `${JSON.stringify(data, null, 2)}\n`);
}

/** Runs a bench script in its own process (it starts its own servers) and returns its results file. */
function runChild(script: string, args: string[], results: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, path.join(here, script), ...args], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? resolve(readJson(path.join(resultsDir, results), null)) : reject(new Error(`${script} exited with ${code}`))));
  });
}

/** Runs bench/intake (it forks its own servers). */
const runIntake = () => runChild('intake/intake.bench.ts', quick ? ['--duration', '4', '--warmup', '1'] : [], 'intake.json');
/** Runs bench/weight (the production build, the real server and Chromium); its table goes to stderr with the rest of the log. */
const runWeight = () => runChild('weight/weight.bench.ts', [...(quick ? ['--runs', '1'] : []), ...(LABEL ? ['--label', LABEL] : [])], 'weight.json');
/** Runs bench/export-while-reading on the same databases (the real server, an export of every case while a clerk reads). */
const runExportWhileReading = () =>
  runChild(
    'export-while-reading/export-while-reading.bench.ts',
    ['--db', DB, '--cases', String(CASES), '--generate', String(GENERATE), ...(LABEL ? ['--label', LABEL] : [])],
    'export-while-reading.json',
  );

const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? null, node: process.version, memoryGb: Math.round(os.totalmem() / 2 ** 30) };
const readFile = path.join(resultsDir, 'read-paths.json');
const stored = readJson<{ runs: ReadRun[] }>(readFile, { runs: [] });
const serverFile = path.join(resultsDir, 'server.json');
const servers = readJson<{ runs: Array<ServerProcessFigures & { dialect: Dialect; cases: number; at: string; label?: string | null; loadAverage?: number }> }>(
  serverFile,
  { runs: [] },
);
const STARTS = Number(value('--starts') ?? (quick ? 3 : 7));

for (const dialect of dialects) {
  log(`${dialect}: preparing ${CASES} cases`);
  const db = await prepareDatabase(dialect, CASES, GENERATE, log);
  if (argv.includes('--prepare-only')) {
    log(`${dialect}: ${db.cases} cases ready (${db.migrationsApplied.length} migrations applied in ${db.migratedSeconds} s)`);
    await db.storage.close();
    continue;
  }
  if (argv.includes('--skip-reads')) await db.storage.close();
  else
    try {
      log(`${dialect}: ${db.cases} cases; timing read paths (${RUNS} runs per scenario)`);
      const loadBefore = os.loadavg()[0];
      const results: ScenarioResult[] = await measureReadPaths(db.storage, {
        runs: RUNS,
        warmup: WARMUP,
        generated: db.generated,
        masterKey: db.masterKey,
        log,
        mix: MIX > 0 ? { count: MIX, seed: MIX_SEED, runs: MIX_RUNS } : undefined,
        only: ONLY,
      });
      const run: ReadRun = {
        dialect,
        cases: db.cases,
        label: LABEL,
        at: new Date().toISOString(),
        machine,
        // Latencies on a shared two-core machine include waiting for a core: the load says how busy it was.
        loadAverage: Number(((loadBefore + os.loadavg()[0]) / 2).toFixed(1)),
        runs: RUNS,
        generated: db.generated,
        generatedSeconds: db.generatedSeconds,
        copiedSeconds: db.copiedSeconds,
        migratedSeconds: db.migratedSeconds,
        migrationsApplied: db.migrationsApplied,
        results,
      };
      // A partial run (--only) is printed, not stored over a whole one.
      if (!ONLY) {
        stored.runs = stored.runs.filter((r) => !(r.dialect === run.dialect && r.cases === run.cases && r.label === run.label));
        stored.runs.push(run);
        stored.runs.sort((a, b) => a.dialect.localeCompare(b.dialect) || a.cases - b.cases || (a.at < b.at ? -1 : 1));
        writeJson('read-paths.json', stored);
      }
    } finally {
      await db.storage.close();
    }
  if (!argv.includes('--skip-server')) {
    log(`${dialect}: server start-up and memory`);
    const reads = [
      '/api/v1/cases',
      '/api/v1/cases?q=%E5%81%9C%E8%BD%A6',
      '/api/v1/stats/overview',
      '/api/v1/cases/worklists',
      '/api/v1/cases?status=closed&page=3',
    ];
    const loadBefore = os.loadavg()[0];
    const figures = await measureServerProcess(db, [...reads, ...reads, ...reads], STARTS);
    log(
      `  start-up ${figures.startupMs} ms median of ${figures.starts.length} (fastest ${figures.startupMinMs} ms, CPU ${figures.startupCpuMs} ms), RSS idle ${figures.idleRssMb} MB, after reads ${figures.rssAfterReadsMb} MB (peak ${figures.peakRssMb} MB)`,
    );
    servers.runs = servers.runs.filter((r) => !(r.dialect === dialect && r.cases === db.cases && (r.label ?? null) === LABEL));
    const loadAverage = Number(((loadBefore + os.loadavg()[0]) / 2).toFixed(1));
    servers.runs.push({ dialect, cases: db.cases, at: new Date().toISOString(), label: LABEL, loadAverage, ...figures });
    writeJson('server.json', servers);
  }
}

if (!argv.includes('--skip-web') && !argv.includes('--prepare-only')) {
  const dist = path.join(root, 'apps/web/dist');
  if (fs.existsSync(path.join(dist, 'm.html'))) {
    const weight = measureWebWeight(dist);
    log(`citizen pages: ${weight.initial.gzip} B gzip up front, ${weight.all.gzip} B gzip with every lazy chunk`);
    writeJson('web.json', { at: new Date().toISOString(), goalBytes: 200 * 1024, ...weight });
  } else log('apps/web/dist is not built (npm run build): citizen page weight skipped');
}

if (!argv.includes('--skip-weight') && !argv.includes('--prepare-only')) {
  if (fs.existsSync('/usr/bin/chromium') || process.env.LIANXIN_CHROMIUM) {
    log('web weight as sent and time to a usable form on a throttled phone');
    await runWeight();
  } else log('Chromium is not installed: web weight skipped');
}

if (!argv.includes('--skip-export') && !argv.includes('--prepare-only')) {
  log('an export of every case while a clerk reads (/healthz and a case page)');
  await runExportWhileReading();
}

if (!argv.includes('--skip-intake') && !argv.includes('--prepare-only')) {
  log('intake throughput against the bare-insert baseline');
  await runIntake();
}

if (!argv.includes('--prepare-only')) console.log(writeSummary(resultsDir));
