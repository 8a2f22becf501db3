/**
 * The read shapes of issue #17 — what a user or an integrator reaches with two clicks — and a
 * seeded random mix of filters, so that a slow combination cannot hide behind the fixed
 * scenarios of measure.ts: a quarter alone or with a word, a status, a channel or a child
 * category; 路灯 + overdue; overviews by child category and year to date; station-scoped lists;
 * deep pages (by the list's "search after" cursor when the API offers one, else by `page`; set
 * LIANXIN_BENCH_DEEP_PAGES=offset to time them by page number on a build without the window).
 */
import * as storage from '@lianxin/storage';
import type { CategoryRecord, Repositories, UnitRecord } from '@lianxin/storage';
import { rng } from '../../apps/server/src/cases/case-history';
import { visibilityOf } from '../../apps/server/src/cases/case.service';

/** The read paths, as the goals group them. */
export type ReadPath = 'list' | 'search' | 'overview' | 'case';

/** One timed scenario. */
export interface Scenario {
  path: ReadPath;
  name: string;
  user: string;
  /** A URL, or one per run (the case page reads a different case each time). */
  url: string | ((run: number) => string);
  /** Part of the random mix (reported together as well as one by one). */
  mix?: boolean;
}

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
const listUrl = (params: Record<string, string>) => `/api/v1/cases?${q(params)}`;
const overviewUrl = (params: Record<string, string>) => `/api/v1/stats/overview?${q(params)}`;

/** One quarter of the generated history (it spans the two years before 2026-03-01). */
export const QUARTER = { from: '2025-01-01', to: '2025-03-31' } as const;
const PAGE_SIZE = 20;

interface Organisation {
  repos: Repositories;
  units: UnitRecord[];
  categories: CategoryRecord[];
  departmentIds: string[];
  departmentNames: Map<string, string>;
  total: number;
}

/**
 * The cursor of the row at `depth` (0-based) of the list `filters` for `user`, when the storage
 * package offers cursors (`encodeCaseCursor`); null otherwise (the scenario then asks for the page
 * by number). Found once, untimed, by offset.
 */
async function cursorAt(org: Organisation, user: string, filters: storage.CaseListOptions, depth: number): Promise<string | null> {
  const encode = (storage as unknown as Record<string, unknown>).encodeCaseCursor as ((row: { createdAt: string; id: string }) => string) | undefined;
  // LIANXIN_BENCH_DEEP_PAGES=offset: by page number, as before the list had cursors (for "before" figures).
  if (!encode || process.env.LIANXIN_BENCH_DEEP_PAGES === 'offset') return null;
  const account = await org.repos.users.findByUsername(user);
  if (!account) throw new Error(`no user ${user}`);
  const unit = account.unitId ? await org.repos.units.find(account.unitId) : undefined;
  const visibility = visibilityOf({
    roles: account.roles,
    scope: { unitPath: unit?.path ?? null, departmentId: account.departmentId, deputyId: account.deputyId },
  });
  const page = await org.repos.cases.list(visibility, { ...filters, page: depth + 1, pageSize: 1, knownTotal: 0 });
  const row = page.items[0];
  return row ? encode(row) : null;
}

/** The fixed shapes of issue #17. */
export async function issue17Shapes(org: Organisation): Promise<Scenario[]> {
  const { categories, units } = org;
  const tops = categories.filter((c) => !c.parentId);
  const top = tops.find((c) => c.name.includes('城市')) ?? tops[0];
  // Four child categories of different parents, the figures of issue #17's "four categories tried".
  const children = tops
    .map((t) => categories.find((c) => c.parentId === t.id))
    .filter((c): c is CategoryRecord => !!c)
    .slice(0, 4);
  const tangxia = units.find((u) => u.kind === 'station' && u.region === '塘下镇') ?? units.find((u) => u.kind === 'station')!;
  const list = (name: string, params: Record<string, string>, user = 'admin'): Scenario => ({ path: 'list', name, user, url: listUrl(params) });
  const search = (name: string, params: Record<string, string>, user = 'admin'): Scenario => ({ path: 'search', name, user, url: listUrl(params) });
  const overview = (name: string, params: Record<string, string>, user = 'admin'): Scenario => ({
    path: 'overview',
    name,
    user,
    url: overviewUrl(params),
  });
  /** Rows `depth`…`depth + 20` of a list: by cursor when the API has one, else by page number. */
  const deep = async (name: string, depth: number, user = 'admin', limit = org.total): Promise<Scenario[]> => {
    if (depth >= limit) return [];
    const cursor = await cursorAt(org, user, {}, depth - 1);
    const params: Record<string, string> = cursor ? { after: cursor } : { page: String(Math.floor(depth / PAGE_SIZE) + 1) };
    return [list(name, params, user)];
  };
  const stationTotal = (await org.repos.cases.list({ unitPath: tangxia.path }, { pageSize: 1 })).total;
  const child = children[0];
  return [
    list('quarter (2025-Q1)', { ...QUARTER }),
    list('quarter + status=closed', { ...QUARTER, status: 'closed' }),
    list('quarter + status=in_progress', { ...QUARTER, status: 'in_progress' }),
    list('quarter + status=submitted,accepted', { ...QUARTER, status: 'submitted,accepted' }),
    list('quarter + channel=phone', { ...QUARTER, channel: 'phone' }),
    ...(child ? [list('quarter + child category', { ...QUARTER, categoryId: child.id })] : []),
    list('quarter, station staff', { ...QUARTER }, 'staff-tangxia'),
    list('quarter + station subtree', { ...QUARTER, underUnitId: tangxia.id }),
    list('overdue + top-level category', { overdue: '1', categoryId: top.id }),
    list('station staff, newest', {}, 'staff-tangxia'),
    search('q=停车 in the quarter', { q: '停车', ...QUARTER }),
    search('q=停车 in the quarter, newest', { q: '停车', ...QUARTER, sort: 'newest' }),
    search('q=停车 in the quarter, station staff', { q: '停车', ...QUARTER }, 'staff-tangxia'),
    search('q=路灯 + overdue', { q: '路灯', overdue: '1' }),
    search('q=路灯 + quarter + status=closed', { q: '路灯', ...QUARTER, status: 'closed' }),
    search('q=噪音 + last 30 days', { q: '噪音', from: '2026-01-30', to: '2026-02-28' }),
    // The window's last numbered page (the console's pager reaches it by number), then deeper rows by cursor.
    list('page 500 by number (the window’s end)', { page: '500' }),
    ...(await deep('rows 10,000 (page 500)', 9_980)),
    ...(await deep('rows 100,000 (page 5,000)', 99_980)),
    ...(await deep('rows 500,000 (page 25,000)', 499_980)),
    ...(await deep('last page', Math.max(PAGE_SIZE, org.total - PAGE_SIZE))),
    ...(await deep('station staff, rows 20,000 (page 1,000)', 19_980, 'staff-tangxia', stationTotal)),
    ...children.map((c, i) => overview(`child category #${i + 1} (${c.name})`, { categoryId: c.id })),
    ...(child ? [overview('child category, year to date', { categoryId: child.id, from: '2026-01-01', to: '2026-02-20' })] : []),
    ...(child ? [overview('child category, quarter', { categoryId: child.id, ...QUARTER })] : []),
    overview('quarter', { ...QUARTER }),
    overview('year to date, station staff', { from: '2026-01-01', to: '2026-02-20' }, 'staff-tangxia'),
    overview('year to date, department staff', { from: '2026-01-01', to: '2026-02-20' }, 'dept-zhujian'),
  ];
}

const WORDS = ['路灯', '停车', '噪音', '油烟', '漏水', '垃圾', '物业', '拖欠工资', '公交', '电梯', '排水', '学校', '医保', '违章建筑', '河道'];
const STATUSES = ['submitted', 'accepted', 'assigned', 'in_progress', 'replied', 'closed', 'rejected'];
const CHANNELS = ['online', 'qr', 'visit', 'phone', 'deputy_visit', 'import'];
const USERS: Array<[string, number]> = [
  ['admin', 6],
  ['staff-tangxia', 2],
  ['staff-anyang', 1],
  ['dept-zhujian', 1],
];

/** A China-time date `days` after 2024-03-01 (the generated history's start). */
const dateAfterStart = (days: number) => new Date(Date.UTC(2024, 2, 1) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * `count` seeded random combinations of the list's and the overview's filters (two lists or
 * searches for each overview): users, statuses, categories (top-level or child), departments,
 * channels, stations, date ranges (a week, a month, a quarter, a year, year to date), words,
 * overdue and the newest-first order. The same seed gives the same combinations.
 */
export function randomMix(org: Organisation, seed: number, count: number): Scenario[] {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const chance = (p: number) => random() < p;
  const stations = org.units.filter((u) => u.kind === 'station');
  const tops = org.categories.filter((c) => !c.parentId);
  const kids = org.categories.filter((c) => c.parentId);
  const user = () => {
    const total = USERS.reduce((n, [, w]) => n + w, 0);
    let r = random() * total;
    for (const [name, w] of USERS) if ((r -= w) < 0) return name;
    return 'admin';
  };
  const range = (): Record<string, string> => {
    const kind = pick(['week', 'month', 'quarter', 'year', 'ytd'] as const);
    if (kind === 'ytd') return { from: pick(['2025-01-01', '2026-01-01']), to: '2026-02-20' };
    const length = { week: 7, month: 30, quarter: 90, year: 365 }[kind];
    const start = Math.floor(random() * (730 - length));
    return { from: dateAfterStart(start), to: dateAfterStart(start + length - 1) };
  };
  const scenarios: Scenario[] = [];
  for (let i = 0; i < count; i++) {
    const params: Record<string, string> = {};
    const isOverview = i % 3 === 2;
    if (chance(0.55)) Object.assign(params, range());
    if (chance(0.35)) params.categoryId = chance(0.6) ? pick(kids).id : pick(tops).id;
    if (chance(0.15)) params.departmentId = pick(org.departmentIds);
    if (chance(0.2)) params.channel = pick(CHANNELS);
    if (chance(0.2)) params.underUnitId = pick(stations).id;
    let path: ReadPath = 'overview';
    if (!isOverview) {
      path = 'list';
      if (chance(0.35)) params.status = chance(0.7) ? pick(STATUSES) : `${pick(STATUSES)},${pick(STATUSES)}`;
      if (chance(0.12)) params.overdue = '1';
      if (chance(0.4)) {
        params.q = pick(WORDS);
        path = 'search';
        if (chance(0.3)) params.sort = 'newest';
      }
      if (chance(0.15)) params.page = String(2 + Math.floor(random() * 9));
    }
    const who = user();
    const shown = Object.entries(params)
      .map(
        ([k, v]) =>
          `${k}=${k.endsWith('Id') ? (org.categories.find((c) => c.id === v)?.name ?? org.units.find((u) => u.id === v)?.name ?? org.departmentNames.get(v) ?? v) : v}`,
      )
      .join(' ');
    scenarios.push({
      path,
      name: `mix #${i + 1}: ${shown || 'no filter'}${who === 'admin' ? '' : `, ${who}`}`,
      user: who,
      url: isOverview ? overviewUrl(params) : listUrl(params),
      mix: true,
    });
  }
  return scenarios;
}

/** What the shapes need to know of the organisation. */
export async function organisationOf(repos: Repositories, total: number): Promise<Organisation> {
  const departments = (await repos.departments.list({ pageSize: 1000 })).items;
  return {
    repos,
    units: await repos.units.listActive(),
    categories: await repos.categories.listActive(),
    departmentIds: departments.map((d) => d.id),
    departmentNames: new Map(departments.map((d) => [d.id, d.name])),
    total,
  };
}
