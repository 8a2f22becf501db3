/**
 * Case generator for benchmarks: writes N realistic cases — channels, appeal kinds, categories,
 * stations and liaison points, departments, states, replies, ratings and the hash-chained events
 * that led there — into SQLite or PostgreSQL through the storage package's bulk loader.
 *
 * Every case walks the real workflow (`openCase` / `transition` of @lianxin/core on the working
 * calendar), so deadlines, events and the hash chain are exactly what the server would have
 * stored; `lianxin audit verify` passes on a generated database. Older cases are mostly closed,
 * recent ones are still open; case numbers follow submission time, so rows are stored in the
 * order a live database would hold them. Search tokens come from `tokensForIndex` over title,
 * content and reply, as the search index service computes them. Deterministic for a seed.
 *
 * Run from the repository root (the organisation is the demo one, seeded when missing):
 *
 *   npx tsx bench/generate/generate.ts --cases 1000000 --sqlite /tmp/lianxin-1m/lianxin.sqlite
 *   npx tsx bench/generate/generate.ts --cases 200000 --database-url postgres://postgres@127.0.0.1:5432/lianxin_bench --data-dir /tmp/lianxin-pg
 *
 * Options: `--seed N` (default 1), `--batch N` (cases per transaction, default 5000), `--data-dir
 * DIR` (where the serving server keeps its data; default the SQLite file's directory, else
 * LIANXIN_DATA_DIR or ./data). Rows get ids `gen<seed>-<n>`, so a second run with another seed
 * adds to the same database.
 *
 * The secret key is handled as the server handles it: LIANXIN_SECRET_KEY when set, else
 * `secret.key` in the data dir, created there for a new database — so `LIANXIN_DATA_DIR=DIR
 * npx lianxin start` (with DATABASE_URL for PostgreSQL) serves the generated database as it is.
 *
 * Speed: each case's life is derived in memory (pure workflow, no services, no reads), and
 * batches go in through the storage package's bulk loader. From 10,000 cases on, the per-row
 * upkeep — the statistics roll-up's trigger (two dozen upserts per case, most of the cost),
 * SQLite's full-text trigger and the secondary indexes — is suspended for the load and redone
 * set-based at the end (`suspendUpkeepForBulkLoad` / `resumeUpkeepAfterBulkLoad`), which the
 * tests check gives exactly what the triggers would have stored. Measured figures for a million
 * cases are in docs/OPERATIONS.md (sizing).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { FixedClock, type CaseAction, type CaseActor } from '@lianxin/core';
import {
  analyzeAfterBulkLoad,
  bulkInsertCases,
  createRepositories,
  migrateToLatest,
  openDatabase,
  resumeUpkeepAfterBulkLoad,
  suspendUpkeepForBulkLoad,
  type CaseEventsTable,
  type CasesTable,
  type Storage,
} from '@lianxin/storage';
import type { Insertable } from 'kysely';
import { loadConfig } from '../../apps/server/src/config';
import { createContext } from '../../apps/server/src/context';
import { CaseLife, memoisedCalendar, rng, TokenCache, trackingCodeFor, weighted } from '../../apps/server/src/cases/case-history';
import { DemoSeedService } from '../../apps/server/src/demo/demo-seed.service';
import { openMasterKey } from '../../apps/server/src/platform/adapters/master-key';
import { CLOSINGS, FALLBACK_PROBLEMS, FILLERS, OPENINGS, PLACE_HEADS, PLACE_TAILS, PROBLEMS, RATING_COMMENTS, REPLIES } from './templates';

/** Options of {@link generateCases}. */
export interface GenerateOptions {
  /** How many cases to write. */
  cases: number;
  /** Seed (default 1); also part of the ids, so different seeds never collide. */
  seed?: number;
  /** Number of the first case (default 0): a later run continues where an earlier one stopped. */
  firstIndex?: number;
  /** Cases per transaction (default 5000). */
  batchSize?: number;
  /** The generated history ends here (default 2026-03-01); cases span the two years before. */
  now?: Date;
  /** Called after every batch with the number of cases written so far. */
  onProgress?: (written: number) => void;
  /**
   * Take the roll-up trigger, the full-text trigger and the secondary indexes off while loading
   * and rebuild them set-based at the end (storage's `suspendUpkeepForBulkLoad`); the rebuild
   * reads every case, so this pays off for large loads only. Default: from 10,000 cases on.
   */
  suspendUpkeep?: boolean;
  /**
   * Generate in a worker thread while this thread writes (default: from 10,000 cases on, when the
   * machine has more than one core). The cases are the same either way; only the wall time differs.
   * Needs the module loadable by a plain worker (as under `tsx`), not by a bundler's test runner.
   */
  worker?: boolean;
}

/** What {@link generateCases} wrote. */
export interface GenerateReport {
  cases: number;
  events: number;
  byStatus: Record<string, number>;
  seconds: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const PLACES_PER_UNIT = 30;
const CHANNELS: Array<[string, number]> = [
  ['online', 45],
  ['qr', 15],
  ['visit', 15],
  ['phone', 10],
  ['deputy_visit', 8],
  ['import', 7],
];
const KINDS: Array<[string, number]> = [
  ['complaint', 35],
  ['help', 25],
  ['suggestion', 25],
  ['consultation', 12],
  ['praise', 3],
];

export { trackingCodeFor };

interface Organisation {
  units: Array<{ id: string; path: string; region: string | null; name: string }>;
  topCategories: Array<{ id: string; name: string; children: string[]; departmentId: string | null }>;
  departments: string[];
  staff: { userId: string; name: string };
  departmentUser: { userId: string; name: string };
}

async function loadOrganisation(storage: Storage): Promise<Organisation> {
  const repos = createRepositories(storage.db);
  const units = (await repos.units.listActive()).filter((u) => u.kind !== 'hub');
  const categories = await repos.categories.listActive();
  const departments = (await repos.departments.list({ pageSize: 1000 })).items.map((d) => d.id);
  const users = (await repos.users.list({ pageSize: 1000 })).items;
  if (!units.length || !categories.length || !departments.length || !users.length) {
    throw new Error('generateCases: the organisation is empty — seed it first (npx lianxin seed --demo)');
  }
  const tops = categories.filter((c) => !c.parentId);
  const admin = (await repos.users.list({ role: 'admin', pageSize: 1 })).items[0] ?? users[0];
  const dept = (await repos.users.list({ role: 'department', pageSize: 1 })).items[0] ?? admin;
  return {
    units: units.map((u) => ({ id: u.id, path: u.path, region: u.region, name: u.name })),
    topCategories: tops.map((t) => ({
      id: t.id,
      name: t.name,
      children: categories.filter((c) => c.parentId === t.id).map((c) => c.id),
      departmentId: t.defaultDepartmentId,
    })),
    departments,
    staff: { userId: admin.id, name: admin.displayName },
    departmentUser: { userId: dept.id, name: dept.displayName },
  };
}

/** One generated case: its row and its events. */
interface Generated {
  row: Insertable<CasesTable>;
  events: Insertable<CaseEventsTable>[];
}

class CaseFactory {
  private readonly calendar = memoisedCalendar();
  private readonly tokens = new TokenCache();
  /** Named places (compounds, roads, villages) of each unit: a town has a fixed set of them. */
  private readonly places: string[][];
  private readonly staffActor: CaseActor;
  private readonly start: number;
  private readonly span: number;

  constructor(
    private readonly org: Organisation,
    private readonly seed: number,
    private readonly now: Date,
    /** Cases of the whole run (the first case number of a resumed run plus what it adds). */
    private readonly total: number,
  ) {
    this.staffActor = { userId: org.staff.userId, roles: ['admin'], scope: {} };
    this.places = org.units.map((_, u) => {
      const random = rng(seed * 7919 + u);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
      return Array.from({ length: PLACES_PER_UNIT }, () => `${pick(PLACE_HEADS)}${pick(PLACE_HEADS)}${pick(PLACE_TAILS)}`);
    });
    this.span = 730 * DAY;
    this.start = now.getTime() - this.span;
  }

  make(n: number): Generated {
    const random = rng(this.seed * 1_000_003 + n);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const id = `gen${this.seed}-${String(n).padStart(8, '0')}`;
    const unitIndex = Math.floor(random() * this.org.units.length);
    const unit = this.org.units[unitIndex];
    const top = pick(this.org.topCategories);
    const categoryId = top.children.length && random() < 0.8 ? pick(top.children) : top.id;
    const problems = PROBLEMS[top.name] ?? FALLBACK_PROBLEMS;
    const [problemTitle, problemBody] = pick(problems);
    const region = unit.region ?? '';
    const place = pick(this.places[unitIndex]);
    const title = random() < 0.5 ? `${region}${place}${problemTitle}` : `关于${place}${problemTitle}的问题`;
    const content = `${pick(OPENINGS)}我是${region}${place}的居民，${problemBody}，${pick(FILLERS)}，${pick(FILLERS)}。${pick(CLOSINGS)}`;
    const channel = weighted(random, CHANNELS);
    const kind = weighted(random, KINDS);
    // Skewed towards recent dates (more recent cases, as intake grows), and rising with the case
    // number: rows land in the order they were submitted, as in a live database, so "newest
    // first" walks neighbouring pages instead of the whole table.
    const created = new Date(this.start + Math.floor(Math.sqrt(Math.min(1, (n + random()) / this.total)) * this.span));
    const departmentId = top.departmentId ?? pick(this.org.departments);
    const handler: CaseActor = { userId: this.org.departmentUser.userId, roles: ['department'], scope: { departmentId } };
    const citizen: CaseActor = { kind: 'citizen', caseId: id };

    const life = new CaseLife({
      input: { id, unitPath: unit.path, categoryId, kind, payload: { channel } },
      opener: citizen,
      openerName: null,
      created,
      end: this.now,
      calendar: this.calendar,
    });
    let replyContent: string | null = null;
    let ratingComment: string | null = null;
    let ratedAt: string | null = null;
    const staff = (delay: number, action: CaseAction) => life.step(delay, action, this.staffActor, this.org.staff.name);
    const dept = (delay: number, action: CaseAction) => life.step(delay, action, handler, this.org.departmentUser.name);
    const hours = (lo: number, hi: number) => Math.floor((lo + random() * (hi - lo)) * HOUR);

    const walk = () => {
      if (random() < 0.04) return staff(hours(1, 20), { type: 'reject', reason: '不属于受理范围', guidance: '请向有关部门反映' });
      if (!staff(hours(0.5, 20), { type: 'accept', categoryId })) return;
      if (random() < 0.08) {
        replyContent = pick(REPLIES);
        if (!staff(hours(1, 48), { type: 'answer_on_site', content: replyContent })) return (replyContent = null);
      } else {
        if (!staff(hours(2, 30), { type: 'assign', departmentId })) return;
        if (!dept(hours(2, 24), { type: 'sign' })) return;
        // A few cases the congress office puts under supervision while the department works on them.
        if (random() < 0.03 && !staff(hours(4, 72), { type: 'supervise', note: '请加快办理，按期答复' })) return;
        const reply = pick(REPLIES);
        if (!dept(hours(24, 240), { type: 'reply', content: reply })) return;
        replyContent = reply;
      }
      const rating = weighted(random, [
        ['satisfied', 70],
        ['basically_satisfied', 18],
        ['unsatisfied', 7],
        ['none', 5],
      ] as const);
      if (rating === 'none') {
        const due = life.snapshot.deadlines.rating ? Date.parse(life.snapshot.deadlines.rating) : life.at + 8 * DAY;
        return staffClose(due + HOUR - life.at);
      }
      const comment = pick(RATING_COMMENTS[rating]);
      if (!life.step(hours(2, 96), { type: 'rate', rating, ...(comment ? { comment } : {}) }, citizen, null)) return;
      ratingComment = comment || null;
      ratedAt = new Date(life.at).toISOString();
      if (rating === 'unsatisfied' && life.snapshot.status === 'in_progress') {
        // The first 不满意 sends the case back to its handler (who signed for it before, so it is
        // in progress at once); most are then resolved.
        const again = pick(REPLIES);
        if (!dept(hours(24, 120), { type: 'reply', content: again })) return;
        replyContent = again;
        if (!life.step(hours(2, 96), { type: 'rate', rating: 'satisfied' }, citizen, null)) return;
        ratingComment = null;
        ratedAt = new Date(life.at).toISOString();
      }
    };
    const staffClose = (delay: number) => life.step(delay, { type: 'close' }, { kind: 'system', name: 'rating-window' }, null);
    walk();

    const { workflow, events } = life.rows((k) => `${id}-e${k + 1}`);
    const row: Insertable<CasesTable> = {
      ...workflow,
      id,
      tracking_code: trackingCodeFor(this.seed, n),
      channel,
      kind: workflow.kind ?? kind,
      unit_id: unit.id,
      title,
      content,
      address: `${region}${place}`,
      anonymous: random() < 0.2 ? 1 : 0,
      reply_content: replyContent,
      rating_comment: ratingComment,
      rated_at: ratedAt,
      created_at: created.toISOString(),
      search_tokens: this.tokens.tokens([title, content, replyContent ?? ''].filter(Boolean).join('\n')),
    };
    return { row, events };
  }
}

/** Cases `start` ≤ n < `end` (numbered from the run's first case), ready for the bulk loader. */
interface Batch {
  cases: Insertable<CasesTable>[];
  events: Insertable<CaseEventsTable>[];
}

function makeBatch(factory: CaseFactory, start: number, end: number): Batch {
  const cases: Insertable<CasesTable>[] = [];
  const events: Insertable<CaseEventsTable>[] = [];
  for (let n = start; n < end; n++) {
    const g = factory.make(n);
    cases.push(g.row);
    for (const e of g.events) events.push(e);
  }
  return { cases, events };
}

/** What a generating worker thread is started with. */
interface WorkerInput {
  lianxinGenerate: true;
  org: Organisation;
  seed: number;
  now: string;
  total: number;
}

/**
 * Batches made by a worker thread, one request at a time: asking for the next batch before
 * writing the current one lets the worker generate while this thread writes.
 */
class WorkerBatches {
  private readonly worker: Worker;
  private waiting: { resolve: (b: Batch) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;

  constructor(input: WorkerInput) {
    // Under tsx a worker does not inherit its TypeScript loader: register it first there.
    const self = import.meta.url;
    this.worker = self.endsWith('.ts')
      ? new Worker(`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(self)}); })`, {
          eval: true,
          workerData: input,
        })
      : new Worker(new URL(self), { workerData: input });
    this.worker.on('message', (b: Batch) => {
      this.waiting?.resolve(b);
      this.waiting = null;
    });
    const fail = (e: Error) => {
      this.failure = e;
      this.waiting?.reject(e);
      this.waiting = null;
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => code && fail(new Error(`generator worker exited with ${code}`)));
  }

  request(start: number, end: number): Promise<Batch> {
    if (this.failure) return Promise.reject(this.failure);
    const p = new Promise<Batch>((resolve, reject) => (this.waiting = { resolve, reject }));
    this.worker.postMessage({ start, end });
    return p;
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/**
 * Writes `options.cases` generated cases (and their events) into `storage`, whose organisation
 * must already exist (units, categories, departments, users).
 */
export async function generateCases(storage: Storage, options: GenerateOptions): Promise<GenerateReport> {
  const t0 = performance.now();
  const seed = options.seed ?? 1;
  const batchSize = options.batchSize ?? 5000;
  const now = options.now ?? new Date('2026-03-01T00:00:00.000Z');
  const org = await loadOrganisation(storage);
  const byStatus: Record<string, number> = {};
  let events = 0;
  const first = options.firstIndex ?? 0;
  const end = first + options.cases;
  const large = options.cases >= 10_000;
  const suspend = options.suspendUpkeep ?? large;
  const worker =
    (options.worker ?? (large && os.cpus().length > 1 && typeof import.meta.resolve === 'function'))
      ? new WorkerBatches({ lianxinGenerate: true, org, seed, now: now.toISOString(), total: end })
      : null;
  const factory = worker ? null : new CaseFactory(org, seed, now, end);
  const batch = (start: number): Promise<Batch> =>
    worker ? worker.request(start, Math.min(end, start + batchSize)) : Promise.resolve(makeBatch(factory!, start, Math.min(end, start + batchSize)));
  try {
    if (suspend) await suspendUpkeepForBulkLoad(storage);
    // One batch is written while the next is generated: by the worker thread, or — on
    // PostgreSQL, which works in its own process — by this thread.
    let next = batch(first);
    let writing: Promise<void> | null = null;
    for (let start = first; start < end; start += batchSize) {
      const b = await next;
      if (start + batchSize < end) next = batch(start + batchSize);
      next.catch(() => {}); // awaited on the next round; this only keeps Node from reporting it early
      for (const c of b.cases) byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
      events += b.events.length;
      if (writing) await writing;
      const written = Math.min(end, start + batchSize) - first;
      writing = bulkInsertCases(storage, b).then(() => options.onProgress?.(written));
      writing.catch(() => {});
    }
    if (writing) await writing;
  } finally {
    await worker?.close();
  }
  if (suspend) await resumeUpkeepAfterBulkLoad(storage);
  else await analyzeAfterBulkLoad(storage);
  return { cases: options.cases, events, byStatus, seconds: (performance.now() - t0) / 1000 };
}

/**
 * Seeds the demo organisation (units, categories, departments, accounts) when the database has
 * none; contact data is encrypted with `masterKey` (pass the key the server will open the
 * database with: {@link openGeneratedKey}; the fixed default suits throwaway databases only).
 */
export async function ensureDemoOrganisation(storage: Storage, masterKey: Buffer = Buffer.alloc(32, 1)): Promise<void> {
  const repos = createRepositories(storage.db);
  if ((await repos.units.listActive()).length) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-generate-'));
  try {
    const config = loadConfig({ NODE_ENV: 'test', LIANXIN_DATA_DIR: dir }, { webDist: '/nonexistent' });
    const ctx = createContext({ config, storage, clock: new FixedClock('2024-03-01T00:00:00.000Z'), masterKey });
    await new DemoSeedService(ctx).seed();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The secret key of a generated database, taken as the server takes it (`openMasterKey`):
 * `LIANXIN_SECRET_KEY` when set, else the key file `secret.key` in `dataDir` — created there for a
 * new database, so the server started with `LIANXIN_DATA_DIR=dataDir` serves the database as it
 * is; an existing database is checked against it (the process stops on a mismatch, before
 * writing). The database keeps the key's check value.
 */
export async function openGeneratedKey(
  storage: Storage,
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ key: Buffer; keyFile: string | null }> {
  const secretKey = env.LIANXIN_SECRET_KEY || null;
  const keyFile = path.join(dataDir, 'secret.key');
  const key = await openMasterKey({ secretKey, keyFile }, createRepositories(storage.db), new Date());
  return { key, keyFile: secretKey ? null : keyFile };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const cases = Number(value('--cases') ?? 10_000);
  const databaseUrl = value('--database-url');
  const sqlitePath = value('--sqlite');
  if (!Number.isInteger(cases) || cases < 1 || (!databaseUrl && !sqlitePath)) {
    console.error('usage: npx tsx bench/generate/generate.ts --cases N (--sqlite PATH | --database-url URL) [--data-dir DIR] [--seed N] [--batch N]');
    process.exit(2);
  }
  // Where the server serving this database keeps its data (and the key file): the SQLite file's
  // directory (the server's LIANXIN_DATA_DIR holds lianxin.sqlite), else LIANXIN_DATA_DIR or ./data as the server defaults.
  const dataDir = path.resolve(value('--data-dir') ?? (sqlitePath && !databaseUrl ? path.dirname(sqlitePath) : (process.env.LIANXIN_DATA_DIR ?? './data')));
  const storage = openDatabase({ databaseUrl, sqlitePath });
  try {
    await migrateToLatest(storage);
    const { key, keyFile } = await openGeneratedKey(storage, dataDir);
    console.error(keyFile ? `secret key: ${keyFile} (serve with LIANXIN_DATA_DIR=${dataDir})` : 'secret key: LIANXIN_SECRET_KEY');
    await ensureDemoOrganisation(storage, key);
    let last = performance.now();
    const report = await generateCases(storage, {
      cases,
      seed: Number(value('--seed') ?? 1),
      batchSize: Number(value('--batch') ?? 5000),
      onProgress: (written) => {
        if (performance.now() - last > 5000 || written === cases) {
          last = performance.now();
          console.error(`${written} cases`);
        }
      },
    });
    console.log(JSON.stringify({ location: storage.location, ...report }));
  } finally {
    await storage.close();
  }
}

if (!isMainThread && (workerData as Partial<WorkerInput> | null)?.lianxinGenerate) {
  const input = workerData as WorkerInput;
  const factory = new CaseFactory(input.org, input.seed, new Date(input.now), input.total);
  parentPort!.on('message', ({ start, end }: { start: number; end: number }) => parentPort!.postMessage(makeBatch(factory, start, end)));
} else if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
