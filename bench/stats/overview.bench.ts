/**
 * Benchmark of the statistics overview (issue #8: "at one million cases the overview answers
 * within 100 ms on SQLite"). Generates `--base` cases (default 100,000) through the real
 * workflow with bench/generate into a SQLite file (kept and reused between runs), copies them
 * up to N onto other units and categories (see `amplify`), then times `StatsService.overview` — the same code behind
 * `GET /api/v1/stats/overview` — for the viewers and filters the cockpit uses, as p50/p95/max
 * over repeated runs. Whole months come from the trigger-kept roll-up; partial months and
 * deputies' scopes from the cases. Also checks, once, that the roll-up path and a direct recount
 * give the same figures, and times a case update with the roll-up trigger in place.
 *
 * Run from the repository root:
 *   npx tsx bench/stats/overview.bench.ts [--cases 1000000] [--base 100000] [--sqlite /tmp/lianxin-stats-1000000.db] [--runs 30]
 * Writes bench/results/stats.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FixedClock, type Role } from '@lianxin/core';
import { migrateToLatest, openDatabase, rollupBackfillSql, sqliteTime, type Storage } from '@lianxin/storage';
import { sql } from 'kysely';
import { loadConfig } from '../../apps/server/src/config';
import { createContext, type AppContext } from '../../apps/server/src/context';
import type { RequestActor } from '../../apps/server/src/auth/actor';
import type { StatsQuery } from '../../apps/server/src/stats/stats.service';
import { ensureDemoOrganisation, generateCases } from '../generate/generate';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const value = (name: string, fallback: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const CASES = Number(value('--cases', '1000000'));
const SQLITE = value('--sqlite', path.join(os.tmpdir(), `lianxin-stats-${CASES}.db`));
const RUNS = Number(value('--runs', '30'));
/** Cases generated through the real workflow; the rest are copies (see `amplify`). */
const BASE = Number(value('--base', String(Math.min(CASES, 100_000))));
/** The generated history ends here (bench/generate's default). */
const NOW = '2026-03-01T00:00:00.000Z';

async function ensureCases(storage: Storage): Promise<{ cases: number; generatedSeconds: number | null; amplifiedSeconds: number | null }> {
  await migrateToLatest(storage);
  await ensureDemoOrganisation(storage);
  const count = async () => Number((await sql<{ n: number }>`select count(*) as n from cases`.execute(storage.db)).rows[0]?.n ?? 0);
  let have = await count();
  let generatedSeconds: number | null = null;
  if (have < BASE) {
    let last = performance.now();
    const report = await generateCases(storage, {
      cases: BASE - have,
      seed: 1000 + have,
      batchSize: 10_000,
      onProgress: (written) => {
        if (performance.now() - last > 10_000) {
          last = performance.now();
          console.error(`  ${written} cases written`);
        }
      },
    });
    generatedSeconds = Math.round(report.seconds);
    have = await count();
  }
  if (have >= CASES && !argv.includes('--rebuild')) return { cases: have, generatedSeconds, amplifiedSeconds: null };
  const t0 = performance.now();
  await amplify(storage, have, CASES);
  return { cases: await count(), generatedSeconds, amplifiedSeconds: Math.round((performance.now() - t0) / 1000) };
}

/**
 * Grows the generated cases to `target` by copying them (same times and states, so the
 * density per day grows) onto other units and categories, chosen so that every unit ×
 * category × month combination fills up: the roll-up then is as large as real data of
 * that size could make it (a pessimistic case for its query time). Triggers are off while
 * copying; the roll-up is then rebuilt with the migration's own backfill statement.
 */
async function amplify(storage: Storage, have: number, target: number): Promise<void> {
  const db = storage.sqlite!;
  console.error(`  copying ${have} generated cases up to ${target} (triggers off, roll-up rebuilt after)`);
  // The triggers as a freshly migrated database has them (an interrupted run may have left them dropped here).
  const fresh = openDatabase({ sqlitePath: ':memory:' });
  await migrateToLatest(fresh);
  const triggers = fresh.sqlite!.prepare(`select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'cases'`).all() as Array<{
    name: string;
    sql: string;
  }>;
  await fresh.close();
  for (const t of triggers) db.exec(`drop trigger if exists ${t.name}`);
  const columns = (db.prepare('pragma table_info(cases)').all() as Array<{ name: string }>).map((c) => c.name).filter((c) => c !== 'search_vector');
  db.exec('drop table if exists temp.bench_units; drop table if exists temp.bench_categories');
  db.exec(`create temp table bench_units as select row_number() over (order by id) - 1 as i, id, path from units where active = 1`);
  db.exec(`create temp table bench_categories as select row_number() over (order by id) - 1 as i, id from categories where active = 1`);
  const nu = (db.prepare('select count(*) as n from bench_units').get() as { n: number }).n;
  const nc = (db.prepare('select count(*) as n from bench_categories').get() as { n: number }).n;
  const run = Date.now().toString(36); // copies of an earlier, interrupted run keep their own suffixes
  for (let k = 1; have < target; k++) {
    // Copies per pass at most 200,000 rows, so an interrupted run loses little.
    const take = Math.min(have, target - have, 200_000);
    const value = (c: string) => {
      if (c === 'id') return `c.id || '-${run}${k}'`;
      if (c === 'tracking_code') return `c.tracking_code || '-${run}${k}'`;
      if (c === 'source_key') return 'null';
      if (c === 'unit_id') return `(select id from bench_units where i = (c.rowid * 7 + ${k * 13}) % ${nu})`;
      if (c === 'unit_path') return `(select path from bench_units where i = (c.rowid * 7 + ${k * 13}) % ${nu})`;
      if (c === 'category_id') return `(select id from bench_categories where i = (c.rowid * 11 + ${k * 17}) % ${nc})`;
      return `c.${c}`;
    };
    db.exec(`insert into cases (${columns.join(', ')}) select ${columns.map(value).join(', ')} from cases c limit ${take}`);
    have += take;
    console.error(`  ${have} cases`);
  }
  console.error('  rebuilding the roll-up');
  db.exec('delete from case_stats');
  for (const statement of rollupBackfillSql(sqliteTime)) db.exec(statement);
  for (const t of triggers) db.exec(t.sql);
  db.exec('analyze');
}

function actor(roles: Role[], scope: RequestActor['scope']): RequestActor {
  return { userId: 'bench', username: 'bench', displayName: 'bench', ip: null, roles, scope };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function time(ctx: AppContext, who: RequestActor, query: StatsQuery): Promise<{ p50: number; p95: number; max: number; received: number }> {
  let received = 0;
  const samples: number[] = [];
  for (let i = 0; i < RUNS + 2; i++) {
    const t0 = performance.now();
    const o = await ctx.stats.overview(who, query, 'zh');
    const ms = performance.now() - t0;
    received = o.received;
    if (i >= 2) samples.push(ms); // two warm-up runs
  }
  samples.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), max: round(samples.at(-1)!), received };
}

async function main(): Promise<void> {
  console.error(`statistics overview bench: ${CASES} cases in ${SQLITE}`);
  const storage = openDatabase({ sqlitePath: SQLITE });
  try {
    const { cases, generatedSeconds, amplifiedSeconds } = await ensureCases(storage);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-stats-bench-'));
    const config = loadConfig({ NODE_ENV: 'test', LIANXIN_DATA_DIR: dir }, { webDist: '/nonexistent' });
    const ctx = createContext({ config, storage, clock: new FixedClock(NOW), masterKey: Buffer.alloc(32, 1) });
    const units = await ctx.repos.units.listActive();
    const station = units.find((u) => u.kind === 'station' && u.name.includes('塘下')) ?? units.find((u) => u.kind === 'station')!;
    const categories = await ctx.repos.categories.listActive();
    const topCategory = categories.find((c) => !c.parentId)!;
    const department = (await ctx.repos.departments.list({ pageSize: 1, q: '住房和城乡建设' })).items[0];
    const deputyId = (
      await sql<{ id: string }>`select deputy_id as id from cases where deputy_id is not null group by deputy_id order by count(*) desc limit 1`.execute(
        storage.db,
      )
    ).rows[0]?.id;
    const rollupRows = Number((await sql<{ n: number }>`select count(*) as n from case_stats`.execute(storage.db)).rows[0]?.n ?? 0);

    const admin = actor(['admin'], {});
    const scenarios: Array<{ name: string; who: RequestActor; query: StatsQuery }> = [
      { name: 'city, all time', who: admin, query: {} },
      { name: 'city, last 12 months (whole months)', who: admin, query: { from: '2025-03-01', to: '2026-02-28' } },
      { name: 'city, this year to date (partial month)', who: admin, query: { from: '2026-01-01', to: '2026-02-20' } },
      { name: 'city, last 30 days (day trend)', who: admin, query: { from: '2026-01-31', to: '2026-02-28' } },
      { name: 'city, all time, one station subtree', who: admin, query: { underUnitId: station.id } },
      { name: 'city, all time, one top-level category', who: admin, query: { categoryId: topCategory.id } },
      { name: 'city, all time, phone channel', who: admin, query: { channel: 'phone' } },
      { name: 'station staff, all time', who: actor(['staff'], { unitPath: station.path }), query: {} },
      { name: 'department, all time', who: actor(['department'], { departmentId: department.id }), query: {} },
      ...(deputyId ? [{ name: 'deputy, all time (direct, no roll-up)', who: actor(['deputy'], { deputyId }), query: {} }] : []),
    ];
    const results = [];
    for (const s of scenarios) {
      const r = await time(ctx, s.who, s.query);
      console.error(`  ${s.name.padEnd(44)} p50 ${String(r.p50).padStart(6)} ms  p95 ${String(r.p95).padStart(6)} ms  (${r.received} cases)`);
      results.push({ scenario: s.name, ...r });
    }

    // The roll-up must equal a direct recount (the triggers kept it through the bulk load).
    const t0 = performance.now();
    const direct = await ctx.repos.stats.directGroups({ visibility: { all: true } }, {});
    const directMs = Math.round(performance.now() - t0);
    const rollup = await ctx.repos.stats.rollupByUnit({ unitPaths: [] }, { pins: {} }, [{ grain: 'y', from: '0', to: '9~' }]);
    const sum = (rows: Array<{ received: number; closed: number; handleDays: number }>) =>
      rows.reduce((n, r) => n + r.received * 7 + r.closed * 3 + r.handleDays, 0);
    const rollupMatchesRecount = sum(direct) === sum(rollup);
    console.error(`  roll-up equals a recount: ${rollupMatchesRecount} (a recount over all cases takes ${directMs} ms)`);

    // A case update that moves it between buckets, with the triggers in place.
    const victim = (await sql<{ id: string; status: string }>`select id, status from cases where status = 'in_progress' limit 1`.execute(storage.db)).rows[0];
    let updateMs: number | null = null;
    if (victim) {
      const t1 = performance.now();
      for (let i = 0; i < 200; i++) {
        await sql`update cases set status = ${i % 2 ? victim.status : 'replied'}, department_id = ${i % 2 ? department.id : null} where id = ${victim.id}`.execute(
          storage.db,
        );
      }
      updateMs = Math.round(((performance.now() - t1) / 200) * 1000) / 1000;
      console.error(`  one case update with the roll-up trigger: ${updateMs} ms`);
    }

    const out = {
      ranAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? null, node: process.version },
      dialect: 'sqlite',
      cases,
      rollupRows,
      generatedSeconds,
      generatedThroughWorkflow: BASE,
      amplifiedSeconds,
      runs: RUNS,
      targetMs: 100,
      results,
      rollupMatchesRecount,
      recountAllCasesMs: directMs,
      caseUpdateWithTriggerMs: updateMs,
    };
    fs.mkdirSync(path.join(here, '..', 'results'), { recursive: true });
    fs.writeFileSync(path.join(here, '..', 'results', 'stats.json'), `${JSON.stringify(out, null, 2)}\n`);
    fs.rmSync(dir, { recursive: true, force: true });
  } finally {
    await storage.close();
  }
}

await main();
