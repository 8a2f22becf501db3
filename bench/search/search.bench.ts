/**
 * Benchmark of full-text case search (issue #7) through the real `CaseRepository.list()` path — the
 * query the console's search box runs: first page of 20 plus the total, ranked by relevance — on
 * cases written by the generator (bench/generate: realistic text, states, events, search tokens).
 * Times each scenario (alone, with a status filter, within one station's scope, sorted by date,
 * a station name, a rare phrase) as p50/p95/p99 over repeated runs; for small runs also the old
 * LIKE search as a baseline.
 *
 * Run from the repository root:
 *
 *   npx tsx bench/search/search.bench.ts [--cases 20000] [--runs 50] [--dialect sqlite|postgres|both] [--like]
 *
 * By default every reachable dialect gets a fresh database (SQLite in memory; a new PostgreSQL
 * database next to the test server) filled with --cases generated cases. For one million cases,
 * generate once into a file or a database and point the bench at it (cases are topped up to
 * --cases when fewer are there, never deleted):
 *
 *   npx tsx bench/generate/generate.ts --cases 1000000 --sqlite /tmp/lx-bench/1m.sqlite
 *   npx tsx bench/search/search.bench.ts --cases 1000000 --sqlite /tmp/lx-bench/1m.sqlite
 *   npx tsx bench/search/search.bench.ts --cases 200000 --database-url postgres://postgres@127.0.0.1:5432/lx_bench
 *
 * Results are merged into bench/results/search.json (one entry per dialect and case count).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRepositories, migrateToLatest, openDatabase, type CaseListOptions, type CaseVisibility, type Dialect, type Storage } from '@lianxin/storage';
import { openTestStorage, testDialects } from '@lianxin/storage/testing';
import { tokensForQuery } from '@lianxin/text';
import { ensureDemoOrganisation, generateCases } from '../generate/generate';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const value = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const CASES = Number(value('--cases') ?? 20_000);
const RUNS = Number(value('--runs') ?? 50);
const SQLITE_PATH = value('--sqlite');
const DATABASE_URL = value('--database-url');
const WANTED = value('--dialect') ?? (SQLITE_PATH && !DATABASE_URL ? 'sqlite' : DATABASE_URL && !SQLITE_PATH ? 'postgres' : 'both');
/** LIKE scans every row: only worth timing on small runs unless asked for. */
const WITH_LIKE = argv.includes('--like') || CASES <= 50_000;
const WARMUP = 3;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function open(dialect: Dialect): Promise<{ storage: Storage; dispose: () => Promise<void> }> {
  if (dialect === 'sqlite' && SQLITE_PATH) {
    const storage = openDatabase({ sqlitePath: SQLITE_PATH });
    await migrateToLatest(storage);
    return { storage, dispose: () => storage.close() };
  }
  if (dialect === 'postgres' && DATABASE_URL) {
    const storage = openDatabase({ databaseUrl: DATABASE_URL, poolSize: 4 });
    await migrateToLatest(storage);
    return { storage, dispose: () => storage.close() };
  }
  const storage = await openTestStorage(dialect);
  return { storage, dispose: () => storage.dispose() };
}

async function benchDialect(dialect: Dialect) {
  const { storage, dispose } = await open(dialect);
  try {
    await ensureDemoOrganisation(storage);
    const repos = createRepositories(storage.db);
    const existing = (await repos.cases.list({ all: true }, { pageSize: 1 })).total;
    let generateSeconds: number | null = null;
    if (existing < CASES) {
      let last = performance.now();
      const report = await generateCases(storage, {
        cases: CASES - existing,
        firstIndex: existing,
        batchSize: 10_000,
        onProgress: (written) => {
          if (performance.now() - last > 10_000) {
            last = performance.now();
            console.error(`${dialect}: ${existing + written} cases`);
          }
        },
      });
      generateSeconds = Number(report.seconds.toFixed(1));
      console.error(`${dialect}: generated ${report.cases} cases, ${report.events} events in ${generateSeconds} s`);
    }
    const total = (await repos.cases.list({ all: true }, { pageSize: 1 })).total;
    const stations = (await repos.units.listActive()).filter((u) => u.kind === 'station');
    const anyang = stations.find((s) => s.region === '安阳街道') ?? stations[0];
    const scenarios: Array<{ name: string; q: string; visibility: CaseVisibility; options?: CaseListOptions }> = [
      { name: 'q=路灯', q: '路灯', visibility: { all: true } },
      { name: 'q=停车', q: '停车', visibility: { all: true } },
      { name: 'q=噪音', q: '噪音', visibility: { all: true } },
      { name: 'q=安阳街道', q: '安阳街道', visibility: { all: true } },
      { name: 'q=油烟直排 (3 bigrams)', q: '油烟直排', visibility: { all: true } },
      { name: 'q=预付卡跑路 (4 bigrams)', q: '预付卡跑路', visibility: { all: true } },
      { name: 'q=路灯 status=in_progress', q: '路灯', visibility: { all: true }, options: { status: ['in_progress'] } },
      { name: 'q=停车 scope=安阳 station', q: '停车', visibility: { unitPath: anyang.path } },
      { name: 'q=噪音 sort=newest', q: '噪音', visibility: { all: true }, options: { sort: 'newest' } },
    ];
    const results = [];
    for (const s of scenarios) {
      const measure = async (tokens: string[] | undefined) => {
        const times: number[] = [];
        const cpu: number[] = [];
        let matches = 0;
        for (let r = 0; r < RUNS + WARMUP; r++) {
          const c = process.cpuUsage();
          const t = performance.now();
          const page = await repos.cases.list(s.visibility, { ...s.options, q: s.q, searchTokens: tokens, pageSize: 20 });
          if (r >= WARMUP) {
            times.push(performance.now() - t);
            const used = process.cpuUsage(c);
            cpu.push((used.user + used.system) / 1000);
          }
          matches = page.total;
        }
        times.sort((a, b) => a - b);
        cpu.sort((a, b) => a - b);
        const ms = (v: number) => Number(v.toFixed(2));
        return {
          p50: ms(percentile(times, 50)),
          p95: ms(percentile(times, 95)),
          p99: ms(percentile(times, 99)),
          // SQLite runs in this process: its CPU time is the query's own work, free of waiting for a
          // core on a loaded machine (on PostgreSQL the work happens in the server, so it is not shown).
          ...(dialect === 'sqlite' ? { cpuP50: ms(percentile(cpu, 50)), cpuP95: ms(percentile(cpu, 95)) } : {}),
          matches,
        };
      };
      const fts = await measure(tokensForQuery(s.q));
      const like = WITH_LIKE ? await measure(undefined) : null;
      results.push({
        scenario: s.name,
        matches: fts.matches,
        ftsMs: { p50: fts.p50, p95: fts.p95, p99: fts.p99 },
        ...(fts.cpuP50 !== undefined ? { ftsCpuMs: { p50: fts.cpuP50, p95: fts.cpuP95 } } : {}),
        ...(like ? { likeMs: { p50: like.p50, p95: like.p95, p99: like.p99 }, likeMatches: like.matches } : {}),
      });
      console.log(
        `${dialect.padEnd(8)} ${s.name.padEnd(30)} matches ${String(fts.matches).padStart(7)}  fts p50 ${fts.p50} p95 ${fts.p95} p99 ${fts.p99} ms` +
          (fts.cpuP50 !== undefined ? ` (cpu p50 ${fts.cpuP50} p95 ${fts.cpuP95} ms)` : '') +
          (like ? ` | like p50 ${like.p50} p95 ${like.p95} ms` : ''),
      );
    }
    const worstP95 = Math.max(...results.map((r) => r.ftsMs.p95));
    // How busy the machine was: latencies on a shared two-core box include waiting for a core.
    const loadAverage = Number(os.loadavg()[0].toFixed(1));
    return { dialect, cases: total, runs: RUNS, generateSeconds, loadAverage, worstFtsP95Ms: worstP95, results };
  } finally {
    await dispose();
  }
}

const dialects = (await testDialects()).filter((d) => WANTED === 'both' || d === WANTED);
const file = path.join(here, '../results/search.json');
const previous = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { runs?: Array<{ dialect: string; cases: number }> }) : {};
const runs = (previous.runs ?? []).filter((r) => typeof r.cases === 'number');
for (const dialect of dialects) {
  const run = await benchDialect(dialect);
  const at = runs.findIndex((r) => r.dialect === run.dialect && Math.abs(r.cases - run.cases) < 1000);
  const entry = { ...run, at: new Date().toISOString() };
  if (at >= 0) runs[at] = entry;
  else runs.push(entry);
}
runs.sort((a, b) => a.dialect.localeCompare(b.dialect) || a.cases - b.cases);
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, `${JSON.stringify({ node: process.version, cpus: os.cpus().length, runs }, null, 2)}\n`);
