/**
 * Benchmark of opinion intake (issue #3): sustained `POST /api/v1/public/opinions` against the
 * real app, and in the same run against a bare Fastify + better-sqlite3 endpoint that inserts the
 * same JSON body into a one-table SQLite file — the floor any intake on this machine stands on.
 *
 * Fairness: both servers run at the same time, each in its own child process (same Node, same
 * loader, so RSS and CPU are their own), on a SQLite file in a fresh temp directory opened with
 * the same pragmas (WAL, synchronous=NORMAL, foreign_keys=ON, busy_timeout=5000). The app is the
 * whole web role as `lianxin serve` builds it (demo organisation seeded, rate limits and
 * proof-of-work off, logger off, no job worker: submissions wait in the intake inbox and jobs
 * queue up, as for a separate worker); a second app target, `direct`, has the inbox off and
 * opens each case in the request. This process drives all with the same number of keep-alive
 * connections, unique Idempotency-Keys and the same bodies (half with a phone number), after a
 * warm-up of each. The measured time is split into rounds that alternate between the targets, so
 * a neighbour's load on a shared machine falls on all alike. Reported per target: requests per
 * second, p50/p99/max latency, server CPU time per request, RSS at the end and its peak; then the
 * ratio app / bare. At the end the rows stored are counted: every 201 must have its case or inbox
 * row (nothing acknowledged is lost); then a worker opens the inbox and its rate is reported.
 *
 * Run from the repository root:
 *   npx tsx bench/intake/intake.bench.ts [--duration 10] [--rounds 2] [--connections 20] [--warmup 2] [--no-direct] [--cpu-prof]
 * `--duration` is the measured seconds per target (split over the rounds); `--no-direct` leaves out
 * the app with the intake inbox off; `--cpu-prof` writes a
 * .cpuprofile of the app server's measured windows into $TMPDIR/lianxin-bench-profiles. Writes bench/results/intake.json.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};

/**
 * `app`: the web role with the intake inbox (how a web-only instance takes submissions);
 * `direct`: the same with the inbox off (cases opened in the request, as `npm start` does with
 * web and worker in one process); `bare`: the floor.
 */
type Target = 'app' | 'direct' | 'bare';
/** Where `--cpu-prof` writes the app server's profile (outside the repository). */
const PROFILE_DIR = path.join(os.tmpdir(), 'lianxin-bench-profiles');
const ENDPOINT = '/api/v1/public/opinions';

// ---------------------------------------------------------------- servers (child side)

interface Served {
  port: number;
  /** Rows stored so far (cases and inbox submissions for the app, opinions for the bare endpoint). */
  count(): Promise<number>;
  /** The app only: opens every inbox submission as a case, as a worker instance would. */
  drain?(): Promise<{ opened: number; seconds: number; cases: number }>;
}

async function serveApp(dir: string, inbox: boolean): Promise<Served> {
  const { buildApp } = await import('../../apps/server/src/app');
  const { loadConfig } = await import('../../apps/server/src/config');
  const { openRuntime } = await import('../../apps/server/src/runtime');
  const { DemoSeedService } = await import('../../apps/server/src/demo/demo-seed.service');
  const { IntakeInboxWorker, INBOX_MAX_ATTEMPTS } = await import('../../apps/server/src/intake/intake-inbox.worker');
  const { INBOX_PAYLOAD_VERSIONS } = await import('../../apps/server/src/intake/inbox-payload');
  const config = loadConfig({
    NODE_ENV: 'development',
    LIANXIN_DATA_DIR: dir,
    LIANXIN_ROLES: 'web',
    LIANXIN_INTAKE_INBOX: inbox ? 'on' : 'off',
    LIANXIN_RATE_LIMITS: 'false',
    LIANXIN_POW_DIFFICULTY: '0',
    LIANXIN_LOG_LEVEL: 'warn',
  });
  const ctx = await openRuntime(config);
  await new DemoSeedService(ctx).seed();
  const app = await buildApp(ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const cases = async () => (await ctx.repos.cases.list({ all: true }, { pageSize: 1 })).total;
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    count: async () => (await cases()) + (await ctx.repos.intakeInbox.counts(INBOX_MAX_ATTEMPTS, INBOX_PAYLOAD_VERSIONS)).waiting,
    drain: async () => {
      const started = performance.now();
      const opened = await new IntakeInboxWorker(ctx.storage.db, { pollMs: 1000, open: (s, earlier) => ctx.intake.open(s, earlier) }).drain();
      return { opened, seconds: (performance.now() - started) / 1000, cases: await cases() };
    },
  };
}

async function serveBare(dir: string): Promise<Served> {
  const { default: Fastify } = await import('fastify');
  const { default: Database } = await import('better-sqlite3');
  const { randomUUID } = await import('node:crypto');
  const db = new Database(path.join(dir, 'bare.sqlite'));
  // The pragmas the app opens its database with (packages/storage/src/database.ts).
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec('CREATE TABLE opinions (id TEXT PRIMARY KEY, idempotency_key TEXT UNIQUE, body TEXT NOT NULL, created_at TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO opinions (id, idempotency_key, body, created_at) VALUES (?, ?, ?, ?)');
  const count = db.prepare('SELECT count(*) AS n FROM opinions');
  const app = Fastify({ logger: false });
  app.post(ENDPOINT, async (request, reply) => {
    const id = randomUUID();
    const key = request.headers['idempotency-key'];
    insert.run(id, typeof key === 'string' ? key : null, JSON.stringify(request.body), new Date().toISOString());
    return reply.status(201).send({ id });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, count: async () => (count.get() as { n: number }).n };
}

/** Profiles the measured windows only (start-up, warm-up and the drain left out). */
async function windowProfiler() {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  let started = false;
  return {
    async start() {
      if (started) return;
      started = true;
      await session.post('Profiler.start');
    },
    async stop() {
      if (!started) return;
      started = false;
      const { profile } = await session.post('Profiler.stop');
      fs.mkdirSync(PROFILE_DIR, { recursive: true });
      fs.writeFileSync(path.join(PROFILE_DIR, `app-${Date.now()}.cpuprofile`), JSON.stringify(profile));
    },
  };
}

async function child(target: Target, dir: string): Promise<void> {
  const served = target === 'bare' ? await serveBare(dir) : await serveApp(dir, target === 'app');
  const profiler = process.argv.includes('--cpu-prof') ? await windowProfiler() : null;
  let peak = process.memoryUsage().rss;
  setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100).unref();
  process.on('message', (message: { type: string }) => {
    if (message.type === 'stats') {
      const rss = process.memoryUsage().rss;
      const cpu = process.cpuUsage();
      process.send?.({ type: 'stats', rss, peak: Math.max(peak, rss), cpuMicros: cpu.user + cpu.system });
    }
    if (message.type === 'count') void served.count().then((rows) => process.send?.({ type: 'count', rows }));
    if (message.type === 'drain') void served.drain?.().then((drained) => process.send?.({ type: 'drain', ...drained }));
    if (message.type === 'profile-start') void (profiler?.start() ?? Promise.resolve()).then(() => process.send?.({ type: 'profile-start' }));
    if (message.type === 'profile-stop') void (profiler?.stop() ?? Promise.resolve()).then(() => process.send?.({ type: 'profile-stop' }));
    if (message.type === 'stop') process.exit(0);
  });
  process.send?.({ type: 'ready', port: served.port });
}

// ---------------------------------------------------------------- load (parent side)

const PLACES = ['安阳街道', '玉海街道', '锦湖街道', '东山街道', '塘下镇', '飞云街道', '仙降街道', '马屿镇', '陶山镇'];
const ISSUES = [
  '路灯坏了好几天，晚上很黑',
  '小区门口垃圾无人清运',
  '夜间施工噪音扰民',
  '公交班次太少，老人出行不便',
  '学校门口上下学时段拥堵',
  '河道有异味，希望尽快治理',
];
const KINDS = ['help', 'complaint', 'suggestion', 'consultation'];

function body(i: number): string {
  const place = PLACES[i % PLACES.length];
  const issue = ISSUES[(i * 7) % ISSUES.length];
  const withPhone = i % 2 === 0;
  return JSON.stringify({
    content: `${place}第${i}号意见：${issue}，请有关部门尽快处理。编号${(i * 2654435761) % 1_000_003}`,
    kind: KINDS[i % KINDS.length],
    ...(withPhone ? { contact: { name: '测试居民', phone: `139${String(10_000_000 + (i % 89_999_999)).padStart(8, '0')}` } } : { anonymous: true }),
  });
}

/** What one measured window saw. */
interface Window {
  latencies: number[];
  statusCounts: Record<string, number>;
  created: number;
  seconds: number;
  cpuMicros: number;
}

let sequence = 0;
async function drive(port: number, seconds: number, connections: number, label: string): Promise<Omit<Window, 'cpuMicros'>> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  let created = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const one = (i: number) =>
    new Promise<number>((resolve) => {
      const payload = body(i);
      const t = performance.now();
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: ENDPOINT,
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'idempotency-key': `bench-${label}-${i}` },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - t);
            resolve(res.statusCode ?? 0);
          });
        },
      );
      req.on('error', () => resolve(0));
      req.end(payload);
    });
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const status = await one(sequence++);
        statusCounts[status] = (statusCounts[status] ?? 0) + 1;
        if (status === 201) created++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return { latencies, statusCounts, created, seconds: elapsed };
}

interface Server {
  target: Target;
  proc: ChildProcess;
  port: number;
}

function start(target: Target, dir: string, cpuProf: boolean): Promise<Server> {
  const args = ['--serve', target, '--dir', dir, ...(cpuProf && target === 'app' ? ['--cpu-prof'] : [])];
  const proc = fork(fileURLToPath(import.meta.url), args, { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.once('exit', (code) => reject(new Error(`${target} server exited with ${code}`)));
    proc.on('message', (m: { type: string; port?: number }) => {
      if (m.type === 'ready') resolve({ target, proc, port: m.port! });
    });
  });
}

function ask<T>(proc: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (m: { type: string } & T) => {
      if (m.type !== type) return;
      proc.off('message', onMessage);
      resolve(m);
    };
    proc.on('message', onMessage);
    proc.send({ type });
  });
}

type Stats = { rss: number; peak: number; cpuMicros: number };

function stop(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    proc.removeAllListeners('exit');
    proc.once('exit', () => resolve());
    proc.send({ type: 'stop' });
  });
}

/** One measured window on `server`, with the server's CPU time spent in it. */
async function measure(server: Server, seconds: number, connections: number, label: string): Promise<Window> {
  await ask(server.proc, 'profile-start');
  const before = await ask<Stats>(server.proc, 'stats');
  const load = await drive(server.port, seconds, connections, label);
  const after = await ask<Stats>(server.proc, 'stats');
  await ask(server.proc, 'profile-stop');
  return { ...load, cpuMicros: after.cpuMicros - before.cpuMicros };
}

const round2 = (n: number) => Number(n.toFixed(2));

function summarize(target: Target, windows: Window[], stats: Stats, stored: number) {
  const latencies = windows.flatMap((w) => w.latencies).sort((a, b) => a - b);
  const at = (q: number) => round2(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  const statusCounts: Record<string, number> = {};
  for (const w of windows) for (const [s, n] of Object.entries(w.statusCounts)) statusCounts[s] = (statusCounts[s] ?? 0) + n;
  const created = windows.reduce((n, w) => n + w.created, 0);
  const seconds = windows.reduce((n, w) => n + w.seconds, 0);
  const cpuMicros = windows.reduce((n, w) => n + w.cpuMicros, 0);
  return {
    target,
    requests: latencies.length,
    created,
    errors: latencies.length - created,
    statusCounts,
    seconds: round2(seconds),
    perSecond: Math.round(created / seconds),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: round2(latencies.at(-1) ?? 0),
    serverCpuMsPerRequest: round2(cpuMicros / 1000 / Math.max(1, latencies.length)),
    /** Share of the measured time the server process was on a CPU (1 = one core busy). */
    serverCpuShare: round2(cpuMicros / 1e6 / seconds),
    rssMb: Math.round(stats.rss / 1e6),
    peakRssMb: Math.round(stats.peak / 1e6),
    rowsStored: stored,
  };
}

async function main(): Promise<void> {
  const seconds = Number(arg('--duration', '10'));
  const rounds = Math.max(1, Number(arg('--rounds', '2')));
  const connections = Number(arg('--connections', '20'));
  const warmup = Number(arg('--warmup', '2'));
  const cpuProf = process.argv.includes('--cpu-prof');
  const withDirect = !process.argv.includes('--no-direct');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-'));
  const loadBefore = os.loadavg();
  const servers: Server[] = [];
  let rows: Array<ReturnType<typeof summarize>> = [];
  let drained: { opened: number; seconds: number; cases: number } | null = null;
  try {
    for (const target of withDirect ? (['bare', 'app', 'direct'] as const) : (['bare', 'app'] as const)) {
      const targetDir = path.join(dir, target);
      fs.mkdirSync(targetDir);
      servers.push(await start(target, targetDir, cpuProf));
    }
    for (const s of servers) await drive(s.port, warmup, connections, `${s.target}-warmup`);
    const afterWarmup = await Promise.all(servers.map((s) => ask<{ rows: number }>(s.proc, 'count')));
    const windows = new Map<Target, Window[]>(servers.map((s) => [s.target, []]));
    for (let r = 0; r < rounds; r++) {
      for (const s of servers) windows.get(s.target)!.push(await measure(s, seconds / rounds, connections, `${s.target}-${r}`));
    }
    rows = await Promise.all(
      servers.map(async (s, i) => {
        const stats = await ask<Stats>(s.proc, 'stats');
        const stored = (await ask<{ rows: number }>(s.proc, 'count')).rows - afterWarmup[i].rows;
        return summarize(s.target, windows.get(s.target)!, stats, stored);
      }),
    );
    // A web-only instance queues submissions in the intake inbox; a worker opens them as cases.
    // Measured after the load, alone: how fast one worker opens what was acknowledged.
    const app = servers.find((s) => s.target === 'app')!;
    drained = await ask<{ opened: number; seconds: number; cases: number }>(app.proc, 'drain');
  } finally {
    for (const s of servers) await stop(s.proc);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const bare = rows.find((r) => r.target === 'bare')!;
  const app = rows.find((r) => r.target === 'app')!;
  const ratio = Number((app.perSecond / bare.perSecond).toFixed(3));
  const direct = rows.find((r) => r.target === 'direct');
  const lost = rows.filter((r) => r.rowsStored < r.created).map((r) => r.target);
  const result = {
    at: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    loadAverage: { before: loadBefore.map(round2), after: os.loadavg().map(round2) },
    durationSeconds: seconds,
    rounds,
    warmupSeconds: warmup,
    connections,
    endpoint: `POST ${ENDPOINT}`,
    rows,
    ratio,
    cpuRatio: round2(bare.serverCpuMsPerRequest / app.serverCpuMsPerRequest),
    requirement: { minimum: 0.6, goal: 0.8, met: ratio >= 0.6 },
    /** Cases opened in the request (inbox off) against the same floor. */
    directRatio: direct ? Number((direct.perSecond / bare.perSecond).toFixed(3)) : null,
    acknowledgedAllStored: lost.length === 0,
    /** The worker opening the acknowledged submissions as cases afterwards (cases per second, and vs the bare insert rate). */
    inboxDrain: drained
      ? {
          opened: drained.opened,
          seconds: round2(drained.seconds),
          perSecond: Math.round(drained.opened / Math.max(drained.seconds, 0.001)),
          ratioToBare: round2(drained.opened / Math.max(drained.seconds, 0.001) / bare.perSecond),
          casesAfter: drained.cases,
        }
      : null,
    note: 'Both servers in their own child process at the same time on fresh SQLite files with the same pragmas (WAL, synchronous=NORMAL); measured windows alternate between them; load from the parent process over keep-alive HTTP/1.1; half the bodies carry a phone number; every request has a unique Idempotency-Key. cpuRatio compares server CPU time per request (less sensitive to other load on the machine than req/s).',
  };
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench/results/intake.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.table(
    rows.map((r) => ({
      target: r.target,
      'req/s': r.perSecond,
      requests: r.requests,
      errors: r.errors,
      'p50 ms': r.p50Ms,
      'p99 ms': r.p99Ms,
      'max ms': r.maxMs,
      'CPU ms/req': r.serverCpuMsPerRequest,
      'RSS MB': r.rssMb,
      'peak RSS MB': r.peakRssMb,
      stored: r.rowsStored,
    })),
  );
  if (cpuProf) console.log(`CPU profile of the app server: ${PROFILE_DIR}`);
  console.log(`load average ${result.loadAverage.before.join(' ')} → ${result.loadAverage.after.join(' ')} on ${result.cpus} CPUs`);
  console.log(
    `intake / bare = ${(ratio * 100).toFixed(1)}% (minimum 60%, goal 80%) → ${ratio >= 0.6 ? 'met' : 'NOT met'}; CPU per request bare / app = ${result.cpuRatio}`,
  );
  if (result.directRatio !== null) console.log(`with the inbox off (cases opened in the request): ${(result.directRatio * 100).toFixed(1)}% of bare`);
  if (result.inboxDrain)
    console.log(`worker opened ${result.inboxDrain.opened} inbox submissions as cases in ${result.inboxDrain.seconds} s (${result.inboxDrain.perSecond}/s)`);
  if (lost.length) console.log(`NOT every acknowledged submission was stored: ${lost.join(', ')}`);
}

if (process.argv.includes('--serve')) {
  await child(arg('--serve', 'app') as Target, arg('--dir', os.tmpdir()));
} else {
  await main();
}
