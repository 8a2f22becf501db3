/**
 * Read paths over HTTP: the case list with the console's filters and worklists, full-text
 * search, the statistics overview and a case page, each timed as p50/p95/p99 through the real
 * app (routes, services, presenters, JSON) with `inject` — no sockets, so the figures are the
 * server's own work. The clock is pinned to the generated history's end, so worklists and
 * overdue clocks see the same data on every run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FixedClock } from '@lianxin/core';
import type { Storage } from '@lianxin/storage';
import { buildApp } from '../../apps/server/src/app';
import { loadConfig } from '../../apps/server/src/config';
import { createContext } from '../../apps/server/src/context';
import { summarise, type Timing } from './percentiles';
import { issue17Shapes, organisationOf, randomMix, type ReadPath, type Scenario } from './shapes';

/** The generated history ends here (bench/generate's default). */
export const BENCH_NOW = '2026-03-01T00:00:00.000Z';
const DEMO_PASSWORD = 'lianxin-demo';

export type { ReadPath } from './shapes';

/** One timed scenario. */
export interface ScenarioResult extends Timing {
  path: ReadPath;
  scenario: string;
  /**
   * CPU time of this process per request (p50/p95): on SQLite the whole query runs here, so this
   * is the work itself, free of waiting for a core on a loaded machine; on PostgreSQL the query
   * runs in the database server and only the app's share shows.
   */
  cpu: { p50: number; p95: number };
  /** `total` of the list, `received` of the overview. */
  count: number | null;
  /** Part of the seeded random mix of filters (shapes.ts); "mix, all …" rows sum up its samples. */
  mix?: boolean;
}

/** Runs every scenario `runs` times (after `warmup` untimed runs) on `storage`. */
export async function measureReadPaths(
  storage: Storage,
  options: {
    runs: number;
    warmup: number;
    generated: number;
    /** The database's secret key (its contact data is read back through the app). */
    masterKey: Buffer;
    log: (line: string) => void;
    /** The seeded random mix: how many combinations, their seed and runs of each (default: none). */
    mix?: { count: number; seed: number; runs: number } | undefined;
    /** Only scenarios whose path/name matches (e.g. `quarter|overview/child`). */
    only?: RegExp | undefined;
  },
): Promise<ScenarioResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-read-bench-'));
  const config = loadConfig({ NODE_ENV: 'test', LIANXIN_DATA_DIR: dir, LIANXIN_RATE_LIMITS: '0' }, { webDist: '/nonexistent' });
  const ctx = createContext({ config, storage, clock: new FixedClock(BENCH_NOW), masterKey: options.masterKey });
  const app = await buildApp(ctx, { logger: false });
  await app.ready();
  try {
    const cookies = new Map<string, string>();
    const login = async (username: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'lx_session');
      if (!cookie) throw new Error(`login ${username}: no session cookie`);
      cookies.set(username, `lx_session=${cookie.value}`);
    };
    for (const user of ['admin', 'staff-anyang', 'staff-tangxia', 'dept-zhujian']) await login(user);

    const units = await ctx.repos.units.listActive();
    const tangxia = units.find((u) => u.kind === 'station' && u.region === '塘下镇') ?? units.find((u) => u.kind === 'station')!;
    const categories = await ctx.repos.categories.listActive();
    const top = categories.find((c) => !c.parentId && c.name.includes('城市')) ?? categories.find((c) => !c.parentId)!;
    const child = categories.find((c) => c.parentId === top.id);
    const department =
      (await ctx.repos.departments.list({ pageSize: 1, q: '住房和城乡建设' })).items[0] ?? (await ctx.repos.departments.list({ pageSize: 1 })).items[0];
    // Case pages of generated cases (with their events) spread over the whole table: their ids are numbered.
    const caseUrl = (run: number) => {
      const n = Math.floor(((((run + 1) * 2_654_435_761) % 4_294_967_296) / 4_294_967_296) * options.generated);
      return `/api/v1/cases/gen1-${String(n).padStart(8, '0')}`;
    };
    if (!options.generated) throw new Error('no generated cases to read');

    const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
    const list = (name: string, params: Record<string, string>, user = 'admin'): Scenario => ({ path: 'list', name, user, url: `/api/v1/cases?${q(params)}` });
    const search = (name: string, params: Record<string, string>, user = 'admin'): Scenario => ({
      path: 'search',
      name,
      user,
      url: `/api/v1/cases?${q(params)}`,
    });
    const overview = (name: string, params: Record<string, string>, user = 'admin'): Scenario => ({
      path: 'overview',
      name,
      user,
      url: `/api/v1/stats/overview?${q(params)}`,
    });
    const scenarios: Scenario[] = [
      list('newest, no filter', {}),
      list('status=in_progress', { status: 'in_progress' }),
      list('status=submitted,accepted', { status: 'submitted,accepted' }),
      list('station subtree (塘下)', { underUnitId: tangxia.id }),
      list('top-level category', { categoryId: top.id }),
      ...(child ? [list('child category', { categoryId: child.id })] : []),
      list('department', { departmentId: department.id }),
      list('channel=phone', { channel: 'phone' }),
      list('last 30 days', { from: '2026-01-30', to: '2026-02-28' }),
      list('channel=phone + status=closed', { channel: 'phone', status: 'closed' }),
      list('category + status=replied', { categoryId: top.id, status: 'replied' }),
      list('overdue', { overdue: '1' }),
      list('worklist due_soon', { worklist: 'due_soon' }),
      list('worklist awaiting_rating', { worklist: 'awaiting_rating' }),
      list('worklist supervised', { worklist: 'supervised' }),
      list('page 50', { page: '50' }),
      list('station staff, status=closed', { status: 'closed' }, 'staff-tangxia'),
      list('department staff, newest', {}, 'dept-zhujian'),
      { path: 'list', name: 'worklist counts', user: 'admin', url: '/api/v1/cases/worklists' },
      { path: 'list', name: 'worklist counts, station staff', user: 'staff-tangxia', url: '/api/v1/cases/worklists' },
      { path: 'list', name: 'worklist counts, department staff', user: 'dept-zhujian', url: '/api/v1/cases/worklists' },
      search('q=路灯', { q: '路灯' }),
      search('q=停车', { q: '停车' }),
      search('q=噪音', { q: '噪音' }),
      search('q=安阳街道', { q: '安阳街道' }),
      search('q=油烟直排', { q: '油烟直排' }),
      search('q=预付卡跑路', { q: '预付卡跑路' }),
      search('q=路灯 status=in_progress', { q: '路灯', status: 'in_progress' }),
      search('q=停车 channel=phone', { q: '停车', channel: 'phone' }),
      search('q=噪音 sort=newest', { q: '噪音', sort: 'newest' }),
      search('q=停车, station staff', { q: '停车' }, 'staff-anyang'),
      search('q=路灯, department staff', { q: '路灯' }, 'dept-zhujian'),
      overview('city, all time', {}),
      overview('city, last 12 months', { from: '2025-03-01', to: '2026-02-28' }),
      overview('city, year to date', { from: '2026-01-01', to: '2026-02-20' }),
      overview('city, last 30 days', { from: '2026-01-30', to: '2026-02-28' }),
      overview('station subtree', { underUnitId: tangxia.id }),
      overview('top-level category', { categoryId: top.id }),
      overview('channel=phone', { channel: 'phone' }),
      overview('department filter', { departmentId: department.id }),
      overview('category + channel', { categoryId: top.id, channel: 'phone' }),
      overview('station staff', {}, 'staff-tangxia'),
      overview('department staff', {}, 'dept-zhujian'),
      overview('department staff, category', { categoryId: top.id }, 'dept-zhujian'),
      { path: 'case', name: 'case page (a different case each run)', user: 'admin', url: caseUrl },
    ];
    const total = (await ctx.repos.cases.list({ all: true }, { pageSize: 1 })).total;
    const org = await organisationOf(ctx.repos, total);
    scenarios.push(...(await issue17Shapes(org)));
    if (options.mix) scenarios.push(...randomMix(org, options.mix.seed, options.mix.count));

    if (options.only) {
      const only = options.only;
      scenarios.splice(0, scenarios.length, ...scenarios.filter((s) => only.test(`${s.path}/${s.name}`)));
    }
    const results: ScenarioResult[] = [];
    const mixSamples = new Map<ReadPath, { wall: number[]; cpu: number[] }>();
    for (const s of scenarios) {
      const samples: number[] = [];
      const cpu: number[] = [];
      let count: number | null = null;
      const warmup = s.mix ? 1 : options.warmup;
      const runs = s.mix ? (options.mix?.runs ?? options.runs) : options.runs;
      for (let run = 0; run < warmup + runs; run++) {
        const url = typeof s.url === 'string' ? s.url : s.url(run);
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const res = await app.inject({ method: 'GET', url, headers: { cookie: cookies.get(s.user)!, 'accept-language': 'zh-CN' } });
        const ms = performance.now() - t0;
        const used = process.cpuUsage(c0);
        if (res.statusCode !== 200) throw new Error(`${s.name}: ${url} answered ${res.statusCode} ${res.body.slice(0, 300)}`);
        if (run >= warmup) {
          samples.push(ms);
          cpu.push((used.user + used.system) / 1000);
        }
        const body = res.json<{ total?: number; received?: number }>();
        count = body.total ?? body.received ?? null;
      }
      const timing = summarise(samples);
      const cpuTiming = summarise(cpu);
      results.push({ path: s.path, scenario: s.name, count, ...timing, cpu: { p50: cpuTiming.p50, p95: cpuTiming.p95 }, ...(s.mix ? { mix: true } : {}) });
      if (s.mix) {
        const all = mixSamples.get(s.path) ?? { wall: [], cpu: [] };
        all.wall.push(...samples);
        all.cpu.push(...cpu);
        mixSamples.set(s.path, all);
      }
      options.log(
        `  ${s.path.padEnd(8)} ${s.name.padEnd(36)} p50 ${String(timing.p50).padStart(7)}  p95 ${String(timing.p95).padStart(7)}  p99 ${String(timing.p99).padStart(7)} ms  cpu p95 ${cpuTiming.p95} ms  (${count ?? '-'})`,
      );
    }
    for (const [p, all] of mixSamples) {
      const timing = summarise(all.wall);
      const cpuTiming = summarise(all.cpu);
      results.push({ path: p, scenario: `mix, all ${p} combinations`, count: null, ...timing, cpu: { p50: cpuTiming.p50, p95: cpuTiming.p95 }, mix: true });
      options.log(`  ${p.padEnd(8)} mix, all combinations                 p50 ${timing.p50}  p95 ${timing.p95}  p99 ${timing.p99} ms`);
    }
    return results;
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
