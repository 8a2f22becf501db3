/**
 * Benchmark of full-text case search (issue #7) through the real `CaseRepository.list()` path:
 * generates N synthetic cases (default 20,000) over the demo organisation on each reachable
 * dialect (SQLite in memory; a fresh PostgreSQL database), stores their app-side tokens, and times
 * searches — alone, with a status filter, within one station's scope, sorted by date — as p50/p95
 * over repeated runs, next to the old LIKE search as a baseline.
 *
 * Run from the repository root: `npx tsx bench/search/search.bench.ts [--cases 20000] [--runs 50]`.
 * Writes bench/results/search.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FixedClock } from '@lianxin/core';
import { type CaseListOptions, type CasesTable, type CaseVisibility, type Dialect } from '@lianxin/storage';
import { sql, type Insertable } from 'kysely';
import { openTestStorage, testDialects } from '@lianxin/storage/testing';
import { tokensForIndex, tokensForQuery } from '@lianxin/text';
import { loadConfig } from '../../apps/server/src/config';
import { createContext } from '../../apps/server/src/context';
import { DemoSeedService } from '../../apps/server/src/services/demo-seed.service';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CASES = arg('--cases', 20_000);
const RUNS = arg('--runs', 50);

const PROBLEMS = [
  '路灯坏了晚上很黑',
  '小区门口乱停车堵塞通道',
  '夜间施工噪音扰民',
  '垃圾清运不及时气味难闻',
  '公交班次太少等车太久',
  '道路积水排水不畅',
  '餐馆油烟直排影响居民',
  '学校门口接送车辆拥堵',
  '老旧小区电梯经常故障',
  '菜市场占道经营',
  '河道污水发黑发臭',
  '停车场收费太贵',
  '农田灌溉水渠堵塞',
  '养老服务中心床位不足',
  '企业拖欠工资',
  '人行道地砖破损',
];
const FILLERS = ['希望尽快处理', '已经持续一个月', '多次反映未解决', '请相关部门重视', '影响居民正常生活', '存在安全隐患', '恳请代表关注'];
const STATUSES = ['submitted', 'accepted', 'assigned', 'in_progress', 'replied', 'closed'];

/** Deterministic pseudo-random numbers. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function benchDialect(dialect: Dialect) {
  const storage = await openTestStorage(dialect);
  try {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-search-bench-'));
    const config = loadConfig({ NODE_ENV: 'test', LIANXIN_DATA_DIR: dir }, { webDist: '/nonexistent' });
    const ctx = createContext({ config, storage, clock: new FixedClock('2026-03-02T01:00:00.000Z'), masterKey: Buffer.alloc(32, 1) });
    await new DemoSeedService(ctx).seed();
    const stations = (await ctx.repos.units.listActive()).filter((u) => u.kind === 'station');
    const random = rng(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const t0 = performance.now();
    let tokenMs = 0;
    for (let start = 0; start < CASES; start += 500) {
      const rows: Insertable<CasesTable>[] = [];
      for (let i = start; i < Math.min(CASES, start + 500); i++) {
        const station = pick(stations);
        const problem = pick(PROBLEMS);
        const title = `${station.region}${problem}`;
        const content = `${station.region}某社区${problem}，${pick(FILLERS)}，${pick(FILLERS)}。编号${i}`;
        const t = performance.now();
        const tokens = tokensForIndex(`${title}\n${content}`);
        tokenMs += performance.now() - t;
        const at = new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 420 * 86_400_000)).toISOString();
        rows.push({
          id: `bench-${String(i).padStart(7, '0')}`,
          tracking_code: `B${String(i).padStart(9, '0')}`,
          channel: 'online',
          status: pick(STATUSES),
          kind: 'complaint',
          unit_id: station.id,
          unit_path: station.path,
          title,
          content,
          created_at: at,
          updated_at: at,
          search_tokens: tokens,
        });
      }
      await storage.db.transaction().execute((trx) => trx.insertInto('cases').values(rows).execute());
    }
    if (dialect === 'postgres') await sql`ANALYZE cases`.execute(storage.db);
    const loadSeconds = (performance.now() - t0) / 1000;
    const anyang = stations.find((s) => s.region === '安阳街道')!;
    const scenarios: Array<{ name: string; q: string; visibility: CaseVisibility; options?: CaseListOptions }> = [
      { name: 'q=路灯', q: '路灯', visibility: { all: true } },
      { name: 'q=停车', q: '停车', visibility: { all: true } },
      { name: 'q=噪音', q: '噪音', visibility: { all: true } },
      { name: 'q=安阳街道', q: '安阳街道', visibility: { all: true } },
      { name: 'q=油烟直排 (3 bigrams)', q: '油烟直排', visibility: { all: true } },
      { name: 'q=路灯 status=accepted', q: '路灯', visibility: { all: true }, options: { status: ['accepted'] } },
      { name: 'q=停车 scope=安阳 station', q: '停车', visibility: { unitPath: anyang.path } },
      { name: 'q=噪音 sort=newest', q: '噪音', visibility: { all: true }, options: { sort: 'newest' } },
    ];
    const results = [];
    for (const s of scenarios) {
      const measure = async (tokens: string[] | undefined) => {
        const times: number[] = [];
        let total = 0;
        for (let r = 0; r < RUNS + 3; r++) {
          const t = performance.now();
          const page = await ctx.repos.cases.list(s.visibility, { ...s.options, q: s.q, searchTokens: tokens, pageSize: 20 });
          if (r >= 3) times.push(performance.now() - t);
          total = page.total;
        }
        times.sort((a, b) => a - b);
        return { p50: Number(percentile(times, 50).toFixed(2)), p95: Number(percentile(times, 95).toFixed(2)), total };
      };
      const fts = await measure(tokensForQuery(s.q));
      const like = await measure(undefined);
      results.push({
        scenario: s.name,
        matches: fts.total,
        ftsMs: { p50: fts.p50, p95: fts.p95 },
        likeMs: { p50: like.p50, p95: like.p95 },
        likeMatches: like.total,
      });
      console.log(
        `${dialect.padEnd(8)} ${s.name.padEnd(28)} matches ${String(fts.total).padStart(6)}  fts p50 ${fts.p50} ms p95 ${fts.p95} ms | like p50 ${like.p50} ms p95 ${like.p95} ms`,
      );
    }
    fs.rmSync(dir, { recursive: true, force: true });
    return { dialect, cases: CASES, runs: RUNS, loadSeconds: Number(loadSeconds.toFixed(1)), tokenizeMsPerCase: Number((tokenMs / CASES).toFixed(3)), results };
  } finally {
    await storage.dispose();
  }
}

const out = [];
for (const dialect of await testDialects()) out.push(await benchDialect(dialect));
fs.mkdirSync(path.join(here, '../results'), { recursive: true });
fs.writeFileSync(
  path.join(here, '../results/search.json'),
  `${JSON.stringify({ at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, runs: out }, null, 2)}\n`,
);
