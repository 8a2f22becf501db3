/**
 * Export while reading (issue #17 item 3): the real server (`lianxin start`, web and worker in
 * one process — the default, where an export competes with the requests on one event loop) on a
 * bench database; a client times `/healthz` and a station clerk's case page while idle, then an
 * admin exports every case and the same client keeps timing both until the export is done.
 * Reports p50/p95/p99/max of each, idle and during the export, the export's duration and rows per
 * second, and whether both stayed within the goal (50 ms at p99). Figures only: nothing asserts.
 *
 * Modes: `job` (default) — `POST /api/v1/exports/jobs`, the export of any size, written by the
 * worker to a file (the duration is the job's, from its creation to its end, as the server
 * recorded them); `stream` — `GET /api/v1/exports/cases`, streamed in the request (at most
 * 100,000 cases; the duration is the client's, to the last byte).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dialect } from '@lianxin/storage';
import { summarise, type Timing } from '../read-paths/percentiles';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The goal: both probes within this many ms at p99 while the export runs. */
export const GOAL_P99_MS = 50;

/** One measured export. */
export interface ExportWhileReadingRun {
  dialect: Dialect;
  cases: number;
  mode: 'job' | 'stream';
  format: 'csv' | 'xlsx';
  label: string | null;
  at: string;
  machine: { cpus: number; model: string | null; node: string };
  /** One-minute load average over the run (the machine is shared). */
  loadAverage: number;
  export: { rows: number; seconds: number; rowsPerSecond: number; bytes: number | null; status: string };
  idle: { healthz: Timing; casePage: Timing };
  during: { healthz: Timing; casePage: Timing };
  goalP99Ms: number;
  meetsGoal: boolean;
}

/** Where the bench database is. */
export interface ServedDatabase {
  dialect: Dialect;
  cases: number;
  /** SQLite: the data directory holding `lianxin.sqlite`; PostgreSQL: null. */
  dataDir: string | null;
  databaseUrl: string | null;
  /** The key its contact data is encrypted with (read-paths/prepare.ts), handed to the server. */
  masterKey: Buffer;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Measures one export of every case while a client reads. */
export async function measureExportWhileReading(
  db: ServedDatabase,
  options: { mode?: 'job' | 'stream'; format?: 'csv' | 'xlsx'; idleSeconds?: number; gapMs?: number; label?: string | null; log?: (line: string) => void },
): Promise<ExportWhileReadingRun> {
  const mode = options.mode ?? 'job';
  const format = options.format ?? 'csv';
  const gapMs = options.gapMs ?? 20;
  const log = options.log ?? (() => {});
  const port = await freePort();
  const dataDir = db.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-export-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    LIANXIN_ROLES: 'web,worker',
    // Only the export runs in the worker: no escalation scan or digest lands in the measurement.
    LIANXIN_CRON: 'false',
    LIANXIN_JOB_POLL_MS: '200',
    LIANXIN_DEMO: '0',
    LIANXIN_LOG_LEVEL: 'warn',
    LIANXIN_RATE_LIMITS: 'false',
    LIANXIN_DATA_DIR: dataDir,
    LIANXIN_SECRET_KEY: db.masterKey.toString('base64'),
  };
  delete env.DATABASE_URL;
  if (db.databaseUrl) env.DATABASE_URL = db.databaseUrl;
  const child = spawn(process.execPath, [path.join(root, 'apps/server/bin/lianxin.mjs'), 'start'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  const loadBefore = os.loadavg()[0];
  try {
    const t0 = performance.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} during start-up`);
      if (
        await fetch(`${base}/readyz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (performance.now() - t0 > 180_000) throw new Error('the server did not answer within 180 s');
      await sleep(50);
    }
    const login = async (username: string) => {
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'lianxin-demo' }),
      });
      if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { csrfToken: string };
      return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], csrf: body.csrfToken };
    };
    const admin = await login('admin');
    const clerk = await login('staff-anyang');
    const listed = (await (await fetch(`${base}/api/v1/cases?pageSize=1`, { headers: { cookie: clerk.cookie } })).json()) as { items: Array<{ id: string }> };
    const caseId = listed.items[0]?.id;
    if (!caseId) throw new Error('the clerk sees no case');

    /** One probe: the request's time to its last byte, in ms. */
    const probe = async (url: string, cookie?: string) => {
      const started = performance.now();
      const res = await fetch(`${base}${url}`, cookie ? { headers: { cookie } } : {});
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${url}: ${res.status}`);
      return performance.now() - started;
    };
    type Samples = { healthz: number[]; casePage: number[]; at: number[] };
    const probes = async (until: () => boolean, into: Samples) => {
      while (!until()) {
        into.at.push(Date.now());
        into.healthz.push(await probe('/healthz'));
        into.casePage.push(await probe(`/api/v1/cases/${caseId}`, clerk.cookie));
        await sleep(gapMs);
      }
    };

    // Warm-up, then the idle baseline.
    for (let i = 0; i < 20; i++) await Promise.all([probe('/healthz'), probe(`/api/v1/cases/${caseId}`, clerk.cookie)]);
    const idle: Samples = { healthz: [], casePage: [], at: [] };
    const idleEnd = performance.now() + (options.idleSeconds ?? 3) * 1000;
    await probes(() => performance.now() >= idleEnd, idle);

    const during: Samples = { healthz: [], casePage: [], at: [] };
    /** The job's end as the server recorded it: probes after it (until the poll saw it) do not count. */
    let endedAt = Infinity;
    let done = false;
    let outcome: ExportWhileReadingRun['export'];
    const reading = probes(() => done, during);
    const exportStarted = performance.now();
    try {
      if (mode === 'job') {
        const res = await fetch(`${base}/api/v1/exports/jobs`, {
          method: 'POST',
          headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
          body: JSON.stringify({ kind: 'cases', format }),
        });
        if (res.status !== 202) throw new Error(`export: ${res.status} ${await res.text()}`);
        const { id } = (await res.json()) as { id: string };
        let lastLog = performance.now();
        for (;;) {
          await sleep(500);
          const job = (await (await fetch(`${base}/api/v1/exports/jobs/${id}`, { headers: { cookie: admin.cookie } })).json()) as {
            status: string;
            total: number | null;
            processed: number;
            fileSize: number | null;
            createdAt: string;
            finishedAt: string | null;
          };
          if (performance.now() - lastLog > 15_000) {
            lastLog = performance.now();
            log(`  ${job.processed} / ${job.total ?? '?'} rows`);
          }
          if (job.status === 'done' || job.status === 'failed') {
            if (job.finishedAt) endedAt = Date.parse(job.finishedAt);
            const seconds = job.finishedAt ? (Date.parse(job.finishedAt) - Date.parse(job.createdAt)) / 1000 : (performance.now() - exportStarted) / 1000;
            const rows = job.total ?? job.processed;
            outcome = { rows, seconds: Number(seconds.toFixed(1)), rowsPerSecond: Math.round(rows / seconds), bytes: job.fileSize, status: job.status };
            break;
          }
        }
      } else {
        const res = await fetch(`${base}/api/v1/exports/cases?format=${format}`, { headers: { cookie: admin.cookie } });
        if (!res.ok) throw new Error(`export: ${res.status} ${await res.text()}`);
        const rows = Number(res.headers.get('x-total-count'));
        let bytes = 0;
        for await (const chunk of res.body!) bytes += (chunk as Uint8Array).byteLength;
        const seconds = (performance.now() - exportStarted) / 1000;
        outcome = { rows, seconds: Number(seconds.toFixed(1)), rowsPerSecond: Math.round(rows / seconds), bytes, status: 'done' };
      }
    } finally {
      done = true;
      await reading;
    }
    const running = (values: number[]) => values.filter((_, i) => during.at[i] < endedAt);
    const summary = {
      idle: { healthz: summarise(idle.healthz), casePage: summarise(idle.casePage) },
      during: { healthz: summarise(running(during.healthz)), casePage: summarise(running(during.casePage)) },
    };
    return {
      dialect: db.dialect,
      cases: db.cases,
      mode,
      format,
      label: options.label ?? null,
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? null, node: process.version },
      loadAverage: Number(((loadBefore + os.loadavg()[0]) / 2).toFixed(1)),
      export: outcome!,
      ...summary,
      goalP99Ms: GOAL_P99_MS,
      meetsGoal: outcome!.status === 'done' && summary.during.healthz.p99 <= GOAL_P99_MS && summary.during.casePage.p99 <= GOAL_P99_MS,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    // The exported file is the bench's, not the cached database's.
    fs.rmSync(path.join(dataDir, 'exports'), { recursive: true, force: true });
    if (!db.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
