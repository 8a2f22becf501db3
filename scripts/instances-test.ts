/**
 * Many instances on one PostgreSQL database (issue #9 item 4): several `lianxin start`
 * processes (web and worker each), clients spread across them. Checks:
 * - a session made on one instance is valid on every instance (reads and CSRF-checked writes);
 * - concurrent actions on the same cases from every instance: each stale one gets 409, and
 *   every acknowledged change is in the record (version and events count them all: no lost update);
 * - every job runs exactly once: reminders inserted for assigned cases and the notifications
 *   the assign actions queued, counted per reminder and per case in the inboxes;
 * - the public submission limit (20 per address per 10 minutes) is counted across instances.
 *
 * Run: `npx tsx scripts/instances-test.ts [--instances 3] [--cases 30] [--writers 12] [--reminders 60]`.
 * apps/server/test/instances-scale.test.ts runs a small version in CI.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPostgresDatabase } from '@lianxin/storage/testing';
import { api, signIn, type CaseDetail, type CaseList, type Listing, type Me, type Receipt } from './support/http';
import { serverEnv, startServer, type ServerProcess } from './support/server-process';
import { openSql } from './support/sql';

/** What to run. */
export interface InstancesTestOptions {
  instances: number;
  /** Cases driven through accept and assign, then reminded. */
  cases: number;
  /** Clients adding notes to one shared case at once (each retries on 409 until it lands). */
  writers: number;
  /** Notes each writer lands. */
  notesPerWriter: number;
  /** Simultaneous same-version actions per case, spread across instances. */
  racers: number;
  log?: (line: string) => void;
}

/** What happened and what was found wrong (empty `problems` = pass). */
export interface InstancesTestReport {
  instances: number;
  seconds: number;
  cases: number;
  raceWinners: number;
  raceConflicts: number;
  notesLanded: number;
  noteConflicts: number;
  remindersRun: number;
  rateLimitedAfter: number | null;
  problems: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the check on a fresh PostgreSQL database; never throws for a found problem. */
export async function runInstancesTest(options: InstancesTestOptions): Promise<InstancesTestReport> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const database = await createPostgresDatabase();
  const dirs: string[] = [];
  const servers: ServerProcess[] = [];
  const problems: string[] = [];
  // Instances share one key, as in production (docs/OPERATIONS.md); clients reach them through a proxy.
  const shared = { LIANXIN_SECRET_KEY: Buffer.alloc(32, 9).toString('base64'), LIANXIN_TRUST_PROXY: '1', LIANXIN_JOB_POLL_MS: '100' };
  try {
    const launched = await Promise.all(
      Array.from({ length: options.instances }, () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-inst-'));
        dirs.push(dir);
        return startServer(serverEnv(dir, database.url, shared));
      }),
    );
    servers.push(...launched);
    const urls = servers.map((s) => s.url);
    const at = (i: number) => urls[i % urls.length];
    log(`${urls.length} instances ready`);

    // Sessions: made on one instance, used on all.
    const staff = await signIn(urls[0], 'staff-anyang');
    const dept = await signIn(at(1), 'dept-zhujian');
    for (const url of urls) {
      for (const [name, session] of [
        ['staff', staff],
        ['dept', dept],
      ] as const) {
        const me = await api(url, 'GET', '/api/v1/me', { session });
        if (me.status !== 200) problems.push(`${name} session made elsewhere refused by ${url}: ${me.status}`);
      }
    }
    const unitId = (await api<Me>(urls[0], 'GET', '/api/v1/me', { session: staff })).body.user.scope.unitId!;
    const departmentId = (await api<Listing>(at(2), 'GET', `/api/v1/departments?q=${encodeURIComponent('住房和城乡建设')}`, { session: staff })).body.items[0]
      .id;

    // Cases, submitted through every instance from distinct addresses.
    const caseIds: string[] = [];
    for (let i = 0; i < options.cases; i++) {
      const res = await api<Receipt>(at(i), 'POST', '/api/v1/public/opinions', {
        body: { content: `安阳街道第${i + 1}号楼楼道灯损坏，请维修（多实例测试）。`, anonymous: true, unitId },
        headers: { 'x-forwarded-for': `10.9.${i >> 8}.${i & 255}` },
      });
      if (res.status !== 201) throw new Error(`submission refused: ${res.status} ${JSON.stringify(res.body)}`);
      const found = await api<CaseList>(at(i + 1), 'GET', `/api/v1/cases?q=${res.body.trackingCode}`, { session: staff });
      caseIds.push(found.body.items[0].id);
    }

    // Same-version races: one winner per case, the rest 409, whichever instance they hit.
    let raceWinners = 0;
    let raceConflicts = 0;
    for (const [n, id] of caseIds.entries()) {
      const version = (await api<CaseDetail>(at(n), 'GET', `/api/v1/cases/${id}`, { session: staff })).body.case.version;
      const results = await Promise.all(
        Array.from({ length: options.racers }, (_, i) =>
          api(at(i), 'POST', `/api/v1/cases/${id}/actions/accept`, { session: staff, body: { expectedVersion: version } }),
        ),
      );
      const codes = results.map((r) => r.status);
      const wins = codes.filter((c) => c === 200).length;
      raceWinners += wins;
      raceConflicts += codes.filter((c) => c === 409).length;
      if (wins !== 1 || codes.some((c) => c !== 200 && c !== 409)) problems.push(`race on ${id}: answers ${codes.join(',')}`);
      const assign = await api(at(n + 1), 'POST', `/api/v1/cases/${id}/actions/assign`, {
        session: staff,
        body: { expectedVersion: version + 1, departmentId },
      });
      if (assign.status !== 200) problems.push(`assign ${id}: ${assign.status} ${JSON.stringify(assign.body)}`);
    }

    // Writers on one case through every instance: each retries its note until it lands.
    const target = caseIds[0];
    const before = (await api<CaseDetail>(urls[0], 'GET', `/api/v1/cases/${target}`, { session: dept })).body.case.version;
    let noteConflicts = 0;
    let notesLanded = 0;
    await Promise.all(
      Array.from({ length: options.writers }, async (_, w) => {
        for (let k = 0; k < options.notesPerWriter; k++) {
          for (let attempt = 0; ; attempt++) {
            const url = at(w + attempt);
            const current = await api<CaseDetail>(url, 'GET', `/api/v1/cases/${target}`, { session: dept });
            const res = await api(url, 'POST', `/api/v1/cases/${target}/actions/note`, {
              session: dept,
              body: { expectedVersion: current.body.case.version, content: `并发备注 ${w}-${k}` },
            });
            if (res.status === 200) {
              notesLanded++;
              break;
            }
            if (res.status !== 409 || attempt > 200) {
              problems.push(`note ${w}-${k}: ${res.status} ${JSON.stringify(res.body)}`);
              break;
            }
            noteConflicts++;
          }
        }
      }),
    );
    const after = (await api<CaseDetail>(at(2), 'GET', `/api/v1/cases/${target}`, { session: dept })).body;
    const notes = after.events.filter((e) => e.type === 'note');
    if (after.case.version !== before + notesLanded) problems.push(`lost update: version ${before} + ${notesLanded} notes landed = ${after.case.version}`);
    if (notes.length !== notesLanded) problems.push(`lost update: ${notesLanded} notes acknowledged, ${notes.length} in the timeline`);

    // Reminders: one job per assigned case, inserted due now; every instance's worker competes for them.
    const sql = await openSql({ sqlitePath: '', databaseUrl: database.url });
    const pg = await import('pg');
    const writer = new pg.default.Client({ connectionString: database.url });
    await writer.connect();
    try {
      const now = new Date().toISOString();
      for (const id of caseIds) {
        await writer.query(
          "INSERT INTO jobs (id, name, payload, status, run_at, created_at, updated_at) VALUES ($1, 'case.reminder', $2, 'pending', $3, $3, $3)",
          [`reminder-test:${id}`, JSON.stringify({ caseId: id, at: now }), now],
        );
      }
      const deadline = Date.now() + 90_000;
      let open = Infinity;
      while (Date.now() < deadline) {
        open = Number(
          (await sql.all<{ n: string }>("SELECT count(*) AS n FROM jobs WHERE (id LIKE 'reminder-test:%' OR name = 'notify') AND status <> 'done'"))[0].n,
        );
        if (open === 0) break;
        await sleep(250);
      }
      if (open !== 0) problems.push(`${open} jobs still not done after 90 s`);
      const recipients = Number((await sql.all<{ n: string }>(`SELECT count(*) AS n FROM users WHERE active = 1 AND department_id = '${departmentId}'`))[0].n);
      const counts = new Map<string, number>();
      for (const row of await sql.all<{ case_id: string; kind: string; n: string }>(
        "SELECT case_id, kind, count(*) AS n FROM notifications WHERE kind IN ('handler.reminder', 'case.assigned') GROUP BY case_id, kind",
      )) {
        counts.set(`${row.case_id}:${row.kind}`, Number(row.n));
      }
      if (recipients < 1) problems.push('no handler accounts in the department: the reminder check would prove nothing');
      for (const id of caseIds) {
        for (const kind of ['handler.reminder', 'case.assigned']) {
          const n = counts.get(`${id}:${kind}`) ?? 0;
          if (n !== recipients) problems.push(`${kind} for ${id}: ${n} inbox messages for ${recipients} handlers`);
        }
      }
    } finally {
      await writer.end();
      await sql.close();
    }

    // The submission limit per address counts hits on every instance together.
    const windowLeft = 600_000 - (Date.now() % 600_000);
    if (windowLeft < 15_000) await sleep(windowLeft + 500); // stay inside one fixed window
    let rateLimitedAfter: number | null = null;
    for (let i = 0; i < 25 && rateLimitedAfter === null; i++) {
      const res = await api(at(i), 'POST', '/api/v1/public/opinions', {
        body: { content: `同一地址的第${i + 1}条意见，用于检验限流（多实例测试）。`, anonymous: true, unitId },
        headers: { 'x-forwarded-for': '192.0.2.77' },
      });
      if (res.status === 429) rateLimitedAfter = i;
      else if (res.status !== 201) problems.push(`rate-limit probe ${i}: ${res.status}`);
    }
    if (rateLimitedAfter !== 20) problems.push(`the shared submission limit (20) hit after ${rateLimitedAfter} submissions`);

    return {
      instances: options.instances,
      seconds: Math.round((Date.now() - started) / 1000),
      cases: caseIds.length,
      raceWinners,
      raceConflicts,
      notesLanded,
      noteConflicts,
      remindersRun: caseIds.length,
      rateLimitedAfter,
      problems,
    };
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${servers.map((s) => `--- ${s.url} ---\n${s.output()}`).join('\n')}`, {
      cause: error,
    });
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await database.drop();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<void> {
  const flag = (name: string, fallback: number) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const report = await runInstancesTest({
    instances: flag('--instances', 3),
    cases: flag('--cases', 30),
    writers: flag('--writers', 12),
    notesPerWriter: flag('--notes', 5),
    racers: flag('--racers', 9),
    log: (l) => console.log(l),
  });
  console.log(JSON.stringify(report, null, 2));
  if (report.problems.length) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main(process.argv.slice(2));
