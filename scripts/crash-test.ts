/**
 * Crash safety (issue #9 item 3): the real server (`lianxin start`) on a data directory of
 * its own takes sustained public submissions and staff actions (accept → assign → sign →
 * reply) while it is killed with SIGKILL at random moments and started again. Then:
 * - every acknowledged (201) submission exists and its tracking code works publicly;
 * - every acknowledged (200) action left its event;
 * - nothing is half-applied: each case's state is its last event's state, its version
 *   counts its events, and each event's notification job exists exactly once;
 * - `lianxin audit verify` passes.
 * It tests behaviour, not how intake commits (group commit or otherwise).
 *
 * Run: `npx tsx scripts/crash-test.ts [sqlite|postgres|both] [--kills N] [--seconds S] [--inbox]`
 * (`--inbox`: public submissions through the intake inbox, LIANXIN_INTAKE_INBOX=on).
 * apps/server/test/crash-safety.test.ts runs a small version in CI.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPostgresDatabase } from '@lianxin/storage/testing';
import { api, signIn, type CaseDetail, type CaseList, type Listing, type Me, type Receipt, type StaffSession } from './support/http';
import { freePort, runCli, serverEnv, startServer, type ServerProcess } from './support/server-process';
import { openSql } from './support/sql';

/** What to run. */
export interface CrashTestOptions {
  dialect: 'sqlite' | 'postgres';
  /** SIGKILLs, each after a random stretch of load. */
  kills: number;
  /** Load between kills, in ms (the stretch is random in [min, max]). */
  loadMs: [number, number];
  /** Parallel submitting clients and parallel case handlers. */
  submitters: number;
  handlers: number;
  /** Extra server environment, e.g. `LIANXIN_INTAKE_INBOX: 'on'` for the intake inbox. */
  env?: Record<string, string>;
  log?: (line: string) => void;
}

/** What happened and what was found wrong (empty `problems` = pass). */
export interface CrashTestReport {
  dialect: string;
  kills: number;
  seconds: number;
  submissionsAcknowledged: number;
  submissionsUnanswered: number;
  actionsAcknowledged: number;
  actionsUnanswered: number;
  casesChecked: number;
  restartMs: number[];
  problems: string[];
}

interface Acked {
  trackingCode: string;
  secret: string;
  /** When it was acknowledged (ms). */
  at: number;
}

/** The next step of the handling flow per status: who acts and what. */
const FLOW: Record<string, { who: 'staff' | 'dept'; action: string }> = {
  submitted: { who: 'staff', action: 'accept' },
  accepted: { who: 'staff', action: 'assign' },
  assigned: { who: 'dept', action: 'sign' },
  in_progress: { who: 'dept', action: 'reply' },
};

/** Notification jobs each event type enqueues for the reporting citizen, one per event. */
const CITIZEN_NOTICE: Record<string, string> = { accept: 'case.accepted', reply: 'case.replied' };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = ([min, max]: [number, number]) => min + Math.random() * (max - min);

/** Runs one crash test; never throws for a found problem (it is in `problems`). */
export async function runCrashTest(options: CrashTestOptions): Promise<CrashTestReport> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-crash-'));
  const database = options.dialect === 'postgres' ? await createPostgresDatabase() : null;
  const env = serverEnv(dataDir, database?.url ?? null, { LIANXIN_RATE_LIMITS: '0', LIANXIN_JOB_POLL_MS: '200', ...options.env });
  const port = await freePort();
  const problems: string[] = [];
  const restartMs: number[] = [];
  const acked: Acked[] = [];
  const ackedActions: Array<{ caseId: string; action: string }> = [];
  let unansweredSubmissions = 0;
  let unansweredActions = 0;
  let server: ServerProcess | null = await startServer(env, { port });
  const url = server.url;
  try {
    const sql = await openSql({ sqlitePath: path.join(dataDir, 'lianxin.sqlite'), databaseUrl: database?.url ?? null });
    const seeded = new Set((await sql.all<{ id: string }>('SELECT id FROM cases')).map((r) => r.id));
    await sql.close();
    const sessions: Record<'staff' | 'dept', StaffSession> = { staff: await signIn(url, 'staff-anyang'), dept: await signIn(url, 'dept-zhujian') };
    const me = await api<Me>(url, 'GET', '/api/v1/me', { session: sessions.staff });
    const unitId = me.body.user.scope.unitId!;
    const departments = await api<Listing>(url, 'GET', `/api/v1/departments?q=${encodeURIComponent('住房和城乡建设')}`, { session: sessions.staff });
    const departmentId = departments.body.items[0].id;

    let running = true;
    let serial = 0;
    const queue: Acked[] = [];

    const submitter = async () => {
      while (running) {
        const n = ++serial;
        const res = await api<Receipt>(url, 'POST', '/api/v1/public/opinions', {
          body: { content: `安阳街道第${n}号楼前的路灯不亮，晚上出行不便，请尽快维修（崩溃测试 ${n}）。`, anonymous: true, unitId },
        });
        if (res.status === 201) {
          const receipt = { trackingCode: res.body.trackingCode, secret: res.body.secret ?? '', at: Date.now() };
          acked.push(receipt);
          queue.push(receipt);
        } else if (res.status === 0) {
          unansweredSubmissions++;
          await sleep(100);
        } else problems.push(`submission answered ${res.status}: ${JSON.stringify(res.body)}`);
      }
    };

    /** Takes a case through the flow; an unanswered request (server down) is retried from a fresh read. */
    const handleCase = async (receipt: Acked) => {
      let caseId: string | null = null;
      while (running) {
        if (!caseId) {
          const found = await api<CaseList>(url, 'GET', `/api/v1/cases?q=${receipt.trackingCode}`, { session: sessions.staff });
          if (found.status === 0) {
            await sleep(100);
            continue;
          }
          caseId = found.body.items?.find((c) => c.trackingCode === receipt.trackingCode)?.id ?? null;
          if (!caseId) {
            // With the intake inbox a worker opens the case a little after the acknowledgement.
            if (Date.now() - receipt.at < 30_000) {
              await sleep(200);
              continue;
            }
            problems.push(`acknowledged case ${receipt.trackingCode} not found by staff`);
            return;
          }
        }
        const current = await api<CaseDetail>(url, 'GET', `/api/v1/cases/${caseId}`, { session: sessions.staff });
        if (current.status === 0) {
          await sleep(100);
          continue;
        }
        const step = FLOW[current.body.case.status];
        if (!step) return;
        const body: Record<string, unknown> = { expectedVersion: current.body.case.version };
        if (step.action === 'assign') body.departmentId = departmentId;
        if (step.action === 'reply') body.content = '已安排维修人员更换灯具，3日内恢复照明。';
        const res = await api(url, 'POST', `/api/v1/cases/${caseId}/actions/${step.action}`, { session: sessions[step.who], body });
        if (res.status === 200) ackedActions.push({ caseId, action: step.action });
        else if (res.status === 0) {
          unansweredActions++;
          await sleep(100);
        } else if (res.status !== 409) problems.push(`${step.action} on ${receipt.trackingCode} answered ${res.status}: ${JSON.stringify(res.body)}`);
      }
    };

    const handler = async () => {
      while (running) {
        const next = queue.shift();
        if (next) await handleCase(next);
        else await sleep(50);
      }
    };

    const load = [...Array.from({ length: options.submitters }, submitter), ...Array.from({ length: options.handlers }, handler)];
    for (let k = 0; k < options.kills; k++) {
      await sleep(between(options.loadMs));
      await server.kill();
      log(`[${options.dialect}] kill ${k + 1}: ${acked.length} submissions and ${ackedActions.length} actions acknowledged so far`);
      const t0 = Date.now();
      server = await startServer(env, { port });
      restartMs.push(Date.now() - t0);
    }
    await sleep(between(options.loadMs));
    running = false;
    await Promise.all(load);
    log(`[${options.dialect}] load stopped: ${acked.length} submissions, ${ackedActions.length} actions acknowledged`);

    // 1. Every acknowledged submission is tracked publicly with its code.
    const pending = [...acked];
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let r = pending.shift(); r; r = pending.shift()) {
          const res = await api<Receipt>(url, 'GET', `/api/v1/public/opinions/${r.trackingCode}?verify=${encodeURIComponent(r.secret)}`);
          if (res.status !== 200 || res.body.trackingCode !== r.trackingCode) problems.push(`acknowledged ${r.trackingCode} not trackable: ${res.status}`);
        }
      }),
    );
    await server.stop();
    server = null;

    // 2. and 3. Straight in the database, with no server running.
    const db = await openSql({ sqlitePath: path.join(dataDir, 'lianxin.sqlite'), databaseUrl: database?.url ?? null });
    const casesChecked = await checkDatabase(db, seeded, ackedActions, problems);
    await db.close();

    // 4. The hash chains.
    const audit = await runCli(['audit', 'verify'], env);
    if (audit.code !== 0) problems.push(`audit verify failed: ${audit.stderr || audit.stdout}`);
    else log(`[${options.dialect}] ${audit.stdout.trim()}`);

    return {
      dialect: options.dialect,
      kills: options.kills,
      seconds: Math.round((Date.now() - started) / 1000),
      submissionsAcknowledged: acked.length,
      submissionsUnanswered: unansweredSubmissions,
      actionsAcknowledged: ackedActions.length,
      actionsUnanswered: unansweredActions,
      casesChecked,
      restartMs,
      problems,
    };
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- server output ---\n${server?.output() ?? ''}`, { cause: error });
  } finally {
    await server?.stop();
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The whole-database checks; returns how many cases were checked. */
async function checkDatabase(
  db: Awaited<ReturnType<typeof openSql>>,
  seeded: Set<string>,
  ackedActions: Array<{ caseId: string; action: string }>,
  problems: string[],
): Promise<number> {
  const cases = (
    await db.all<{ id: string; tracking_code: string; status: string; version: number }>('SELECT id, tracking_code, status, version FROM cases')
  ).filter((c) => !seeded.has(c.id));
  const events = new Map<string, Array<{ type: string; to_status: string | null }>>();
  for (const e of await db.all<{ case_id: string; type: string; to_status: string | null }>('SELECT case_id, type, to_status FROM case_events ORDER BY seq')) {
    if (seeded.has(e.case_id)) continue;
    events.set(e.case_id, [...(events.get(e.case_id) ?? []), e]);
  }
  const notices = new Map<string, number>();
  for (const j of await db.all<{ payload: string | Record<string, unknown> }>("SELECT payload FROM jobs WHERE name = 'notify'")) {
    const p = (typeof j.payload === 'string' ? JSON.parse(j.payload) : j.payload) as { caseId: string; to: string; template: string };
    if (p.to === 'citizen') notices.set(`${p.caseId}:${p.template}`, (notices.get(`${p.caseId}:${p.template}`) ?? 0) + 1);
  }
  const known = new Set(cases.map((c) => c.id));
  for (const id of events.keys()) if (!known.has(id)) problems.push(`events without a case: ${id}`);
  for (const c of cases) {
    const list = events.get(c.id) ?? [];
    if (list[0]?.type !== 'submitted') problems.push(`${c.tracking_code}: first event is ${list[0]?.type ?? 'missing'}`);
    const last = list.at(-1);
    if (last && last.to_status !== c.status) problems.push(`${c.tracking_code}: state ${c.status} but last event ${last.type} → ${last.to_status}`);
    // Every action of the flow adds one event and one version.
    if (Number(c.version) !== list.length) problems.push(`${c.tracking_code}: version ${c.version} with ${list.length} events`);
    for (const [type, template] of Object.entries(CITIZEN_NOTICE)) {
      const expected = list.filter((e) => e.type === type).length;
      const queued = notices.get(`${c.id}:${template}`) ?? 0;
      if (queued !== expected) problems.push(`${c.tracking_code}: ${expected} ${type} events but ${queued} ${template} jobs`);
    }
  }
  for (const a of ackedActions) {
    if (!(events.get(a.caseId) ?? []).some((e) => e.type === a.action)) problems.push(`acknowledged ${a.action} on ${a.caseId} has no event`);
  }
  return cases.length;
}

async function main(argv: string[]): Promise<void> {
  const which = argv.find((a) => ['sqlite', 'postgres', 'both'].includes(a)) ?? 'both';
  const flag = (name: string, fallback: number) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const kills = flag('--kills', 6);
  const env: Record<string, string> = argv.includes('--inbox') ? { LIANXIN_INTAKE_INBOX: 'on' } : {};
  const seconds = flag('--seconds', 6);
  const reports: CrashTestReport[] = [];
  for (const dialect of which === 'both' ? (['sqlite', 'postgres'] as const) : [which as 'sqlite' | 'postgres']) {
    reports.push(await runCrashTest({ dialect, kills, loadMs: [seconds * 500, seconds * 1500], submitters: 8, handlers: 4, env, log: (l) => console.log(l) }));
  }
  console.log(JSON.stringify(reports, null, 2));
  if (reports.some((r) => r.problems.length)) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main(process.argv.slice(2));
