/**
 * `npx tsx bench/export-while-reading/blocking.bench.ts`: the longest time the event loop is held
 * by the large statistics and import paths (issue #17 item 3), on a bench database of N cases
 * (read-paths/prepare.ts): the statistics overview, hot issues and hot words of the last month,
 * an evaluation month's results (what the station report is built on), and reading a spreadsheet
 * of `--rows` rows (CSV and XLSX). A 1 ms interval timer records the longest gap between its
 * ticks while each runs, beside the time the whole call took. Each path runs twice: the first
 * call of a process pays for loading (the word segmenter's dictionary, ExcelJS, compiling the
 * code), the second is what a running server sees. Figures only.
 *
 *   LIANXIN_BENCH_CASES=1000000 npx tsx bench/export-while-reading/blocking.bench.ts --db sqlite
 *
 * Options: `--cases N` (default `LIANXIN_BENCH_CASES` or 20,000), `--db sqlite|postgres`,
 * `--rows N` (sheet rows, default 50,000), `--label TEXT`. Writes bench/results/blocking.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FixedClock } from '@lianxin/core';
import type { Dialect } from '@lianxin/storage';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { loadConfig } from '../../apps/server/src/config';
import { createContext } from '../../apps/server/src/context';
import type { RequestActor } from '../../apps/server/src/auth/actor';
import { readSheet } from '../../apps/server/src/intake/import-sheet';
import { prepareDatabase } from '../read-paths/prepare';

const here = path.dirname(fileURLToPath(import.meta.url));
const resultsFile = path.join(here, '../results/blocking.json');
const argv = process.argv.slice(2);
const value = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const CASES = Number(value('--cases') ?? process.env.LIANXIN_BENCH_CASES ?? 20_000);
const DB = (value('--db') ?? 'sqlite') as Dialect;
const ROWS = Number(value('--rows') ?? 50_000);
const LABEL = value('--label') ?? null;

/** One measured path. */
interface Blocking {
  path: string;
  totalMs: number;
  longestBlockMs: number;
  /** The first call's longest block (loading included). */
  firstCallBlockMs: number;
}

/** Runs `work`, timing it and the longest gap between ticks of a 1 ms timer meanwhile. */
async function once(work: () => Promise<unknown>): Promise<{ totalMs: number; longestBlockMs: number }> {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  await work();
  const totalMs = performance.now() - started;
  clearInterval(timer);
  worst = Math.max(worst, performance.now() - last);
  return { totalMs: Math.round(totalMs), longestBlockMs: Math.round(worst) };
}

/** The path twice: the first call, then the one that counts. */
async function measure(name: string, work: () => Promise<unknown>): Promise<Blocking> {
  const first = await once(work);
  const again = await once(work);
  const result = { path: name, ...again, firstCallBlockMs: first.longestBlockMs };
  console.error(`  ${name}: ${result.totalMs} ms in all, longest block ${result.longestBlockMs} ms (first call ${result.firstCallBlockMs} ms)`);
  return result;
}

const db = await prepareDatabase(DB, CASES, CASES, (line) => console.error(line));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-blocking-'));
const newest = (await sql<{ at: string }>`select max(created_at) as at from cases`.execute(db.storage.db)).rows[0]?.at;
const end = newest ? new Date(newest) : new Date();
const monthStart = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 1, 1));
const config = loadConfig({ NODE_ENV: 'test', LIANXIN_DATA_DIR: dataDir }, { webDist: '/nonexistent' });
const ctx = createContext({ config, storage: db.storage, clock: new FixedClock(end.toISOString()), masterKey: db.masterKey });
const admin = { userId: 'bench', username: 'admin', displayName: 'bench', ip: null, roles: ['admin'], scope: {} } as unknown as RequestActor;
const window = { from: monthStart.toISOString(), to: new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), 1)).toISOString() };
const period = window.from.slice(0, 7);
const results: Blocking[] = [];
try {
  console.error(`${DB}: ${db.cases} cases; the month ${period}`);
  results.push(await measure('stats overview (all time)', () => ctx.stats.overview(admin, {}, 'zh')));
  results.push(await measure('hot issues (a month)', () => ctx.insights.hotIssues({ all: true }, window)));
  results.push(await measure('hot words (a month)', () => ctx.insights.hotWords({ all: true }, window)));
  for (const scheme of (await ctx.evaluations.listSchemes(admin)).slice(0, 2))
    results.push(await measure(`evaluation results (${scheme.subject}, ${period})`, () => ctx.evaluations.results(admin, scheme.id, period)));
  const lines = [
    '标题,内容,电话,日期',
    ...Array.from(
      { length: ROWS },
      (_, i) => `路灯坏了${i},小区门口路灯坏了一个月了，晚上很黑，请尽快修理，谢谢。第${i}条,1370000${String(i % 10000).padStart(4, '0')},2025-01-02`,
    ),
  ];
  results.push(await measure(`read a CSV sheet (${ROWS} rows)`, () => readSheet(Buffer.from(lines.join('\n')), 'bench.csv')));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('登记簿');
  for (const line of lines) sheet.addRow(line.split(','));
  const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
  results.push(await measure(`read an XLSX sheet (${ROWS} rows)`, () => readSheet(xlsx, 'bench.xlsx')));
} finally {
  await db.storage.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

const stored: { runs: Array<{ dialect: Dialect; cases: number; label: string | null; at: string; loadAverage: number; results: Blocking[] }> } = fs.existsSync(
  resultsFile,
)
  ? JSON.parse(fs.readFileSync(resultsFile, 'utf8'))
  : { runs: [] };
stored.runs = stored.runs.filter((r) => !(r.dialect === DB && r.cases === db.cases && r.label === LABEL));
stored.runs.push({ dialect: DB, cases: db.cases, label: LABEL, at: new Date().toISOString(), loadAverage: Number(os.loadavg()[0].toFixed(1)), results });
fs.writeFileSync(resultsFile, `${JSON.stringify(stored, null, 2)}\n`);
console.log(
  [
    '| path | total ms | longest block ms | first call: longest block ms |',
    '|---|---:|---:|---:|',
    ...results.map((r) => `| ${r.path} | ${r.totalMs} | ${r.longestBlockMs} | ${r.firstCallBlockMs} |`),
  ].join('\n'),
);
