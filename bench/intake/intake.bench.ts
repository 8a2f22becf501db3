/**
 * Benchmark of opinion intake (issue #3): sustained `POST /api/v1/public/opinions` against
 * the real app (fresh SQLite file, demo seeded, rate limits and proof-of-work off, logger
 * off) and, in the same run, against a bare Fastify + better-sqlite3 endpoint that inserts
 * the same JSON body into a one-table SQLite file (WAL, synchronous=NORMAL). Each server
 * runs in its own child process (so its RSS is its own); this process drives the same
 * bounded load at both with keep-alive connections and unique Idempotency-Keys.
 *
 * Run from the repository root: `npx tsx bench/intake/intake.bench.ts [--duration 10]
 * [--connections 20] [--warmup 2]`. Profile the app side with `--cpu-prof` (writes a
 * .cpuprofile of the app server into $TMPDIR/lianxin-bench-profiles). Writes
 * bench/results/intake.json.
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

type Target = 'app' | 'bare';
/** Where `--cpu-prof` writes the app server's profile (outside the repository). */
const PROFILE_DIR = path.join(os.tmpdir(), 'lianxin-bench-profiles');

// ---------------------------------------------------------------- servers (child side)

async function serveApp(dir: string): Promise<number> {
  const { buildApp } = await import('../../apps/server/src/app');
  const { loadConfig } = await import('../../apps/server/src/config');
  const { openRuntime } = await import('../../apps/server/src/runtime');
  const { DemoSeedService } = await import('../../apps/server/src/services/demo-seed.service');
  const config = loadConfig({
    NODE_ENV: 'development',
    LIANXIN_DATA_DIR: dir,
    LIANXIN_RATE_LIMITS: 'false',
    LIANXIN_POW_DIFFICULTY: '0',
    LIANXIN_LOG_LEVEL: 'warn',
  });
  const ctx = await openRuntime(config);
  await new DemoSeedService(ctx).seed();
  const app = await buildApp(ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

async function serveBare(dir: string): Promise<number> {
  const { default: Fastify } = await import('fastify');
  const { default: Database } = await import('better-sqlite3');
  const { randomUUID } = await import('node:crypto');
  const db = new Database(path.join(dir, 'bare.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE opinions (id TEXT PRIMARY KEY, idempotency_key TEXT UNIQUE, body TEXT NOT NULL, created_at TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO opinions (id, idempotency_key, body, created_at) VALUES (?, ?, ?, ?)');
  const app = Fastify({ logger: false });
  app.post('/api/v1/public/opinions', async (request, reply) => {
    const id = randomUUID();
    const key = request.headers['idempotency-key'];
    insert.run(id, typeof key === 'string' ? key : null, JSON.stringify(request.body), new Date().toISOString());
    return reply.status(201).send({ id });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

async function child(target: Target, dir: string): Promise<void> {
  const port = target === 'app' ? await serveApp(dir) : await serveBare(dir);
  let peak = process.memoryUsage().rss;
  setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 200).unref();
  process.on('message', (message: { type: string }) => {
    if (message.type === 'rss') process.send?.({ type: 'rss', rss: process.memoryUsage().rss, peak: Math.max(peak, process.memoryUsage().rss) });
    if (message.type === 'stop') process.exit(0);
  });
  process.send?.({ type: 'ready', port });
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

interface LoadResult {
  requests: number;
  errors: number;
  statusCounts: Record<string, number>;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

let sequence = 0;
async function drive(port: number, seconds: number, connections: number, label: string): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  let errors = 0;
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
          path: '/api/v1/public/opinions',
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
        if (status !== 201) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Number((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(2));
  const ok = latencies.length - errors;
  return {
    requests: latencies.length,
    errors,
    statusCounts,
    seconds: Number(elapsed.toFixed(2)),
    perSecond: Math.round(ok / elapsed),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: Number((latencies.at(-1) ?? 0).toFixed(2)),
  };
}

function start(target: Target, dir: string, cpuProf: boolean): Promise<{ proc: ChildProcess; port: number }> {
  const execArgv = [...process.execArgv, ...(cpuProf && target === 'app' ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [])];
  const proc = fork(fileURLToPath(import.meta.url), ['--serve', target, '--dir', dir], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.once('exit', (code) => reject(new Error(`${target} server exited with ${code}`)));
    proc.on('message', (m: { type: string; port?: number }) => {
      if (m.type === 'ready') resolve({ proc, port: m.port! });
    });
  });
}

function rss(proc: ChildProcess): Promise<{ rss: number; peak: number }> {
  return new Promise((resolve) => {
    const onMessage = (m: { type: string; rss: number; peak: number }) => {
      if (m.type !== 'rss') return;
      proc.off('message', onMessage);
      resolve(m);
    };
    proc.on('message', onMessage);
    proc.send({ type: 'rss' });
  });
}

function stop(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    proc.removeAllListeners('exit');
    proc.once('exit', () => resolve());
    proc.send({ type: 'stop' });
  });
}

async function main(): Promise<void> {
  const seconds = Number(arg('--duration', '10'));
  const connections = Number(arg('--connections', '20'));
  const warmup = Number(arg('--warmup', '2'));
  const cpuProf = process.argv.includes('--cpu-prof');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-'));
  const rows: Array<{ target: string; rssMb: number; peakRssMb: number } & LoadResult> = [];
  try {
    for (const target of ['bare', 'app'] as const) {
      const targetDir = path.join(dir, target);
      fs.mkdirSync(targetDir);
      const { proc, port } = await start(target, targetDir, cpuProf);
      try {
        await drive(port, warmup, connections, `${target}-warmup`);
        const result = await drive(port, seconds, connections, target);
        const memory = await rss(proc);
        rows.push({ target, ...result, rssMb: Math.round(memory.rss / 1e6), peakRssMb: Math.round(memory.peak / 1e6) });
      } finally {
        await stop(proc);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const bare = rows.find((r) => r.target === 'bare')!;
  const app = rows.find((r) => r.target === 'app')!;
  const ratio = Number((app.perSecond / bare.perSecond).toFixed(3));
  const result = {
    node: process.version,
    cpus: os.cpus().length,
    durationSeconds: seconds,
    warmupSeconds: warmup,
    connections,
    endpoint: 'POST /api/v1/public/opinions',
    rows,
    ratio,
    requirement: { minimum: 0.6, goal: 0.8, met: ratio >= 0.6 },
    note: 'Each server in its own child process on a fresh SQLite file (WAL, synchronous=NORMAL); load from the parent process over keep-alive HTTP/1.1; half the bodies carry a phone number; every request has a unique Idempotency-Key.',
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
      'RSS MB': r.rssMb,
      'peak RSS MB': r.peakRssMb,
    })),
  );
  if (cpuProf) console.log(`CPU profile of the app server: ${PROFILE_DIR}`);
  console.log(`intake / bare = ${(ratio * 100).toFixed(1)}% (minimum 60%, goal 80%) → ${ratio >= 0.6 ? 'met' : 'NOT met'}`);
}

if (process.argv.includes('--serve')) {
  await child(arg('--serve', 'app') as Target, arg('--dir', os.tmpdir()));
} else {
  await main();
}
