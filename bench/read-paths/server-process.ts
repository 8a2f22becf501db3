/**
 * Start-up time and memory of the real server process (`lianxin start`, web role only so no
 * job touches the bench data) on a bench database: time from spawn until `/readyz` answers 200
 * over several starts (median and fastest, and the process's CPU time to ready — on a shared
 * machine the figure that does not include waiting for a core), RSS when idle, and peak RSS
 * after a round of reads (list, search, overview, case pages) over real HTTP. Linux only (/proc).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** What the server process measured. */
export interface ServerProcessFigures {
  /** Median of the starts: spawn → `/readyz` 200. */
  startupMs: number;
  /** Fastest start. */
  startupMinMs: number;
  /** Median CPU time of the server process from spawn to ready (user + system): what the start costs, free of waiting for a core. */
  startupCpuMs: number;
  /** Every start's time, in order. */
  starts: number[];
  idleRssMb: number;
  /** Peak RSS (VmHWM) after the reads. */
  peakRssMb: number;
  rssAfterReadsMb: number;
  reads: number;
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

/** CPU time (user + system) a process used so far, in ms (Linux: /proc, clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

function memoryMb(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), hwm: Math.round(kb('VmHWM') / 1024) };
}

/**
 * Starts `node apps/server/bin/lianxin.mjs start` `starts` times (the server runs in the spawned
 * process itself, so its pid is the server's) and times spawn → `/readyz` 200 each time; after
 * the last start reads `urls` as admin, then stops it.
 */
export async function measureServerProcess(
  db: { dataDir: string | null; databaseUrl: string | null; masterKey: Buffer },
  urls: string[],
  starts = 5,
): Promise<ServerProcessFigures> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    LIANXIN_ROLES: 'web',
    LIANXIN_DEMO: '0',
    LIANXIN_LOG_LEVEL: 'warn',
    LIANXIN_RATE_LIMITS: 'false',
    LIANXIN_DATA_DIR: db.dataDir ?? fs.mkdtempSync('/tmp/lianxin-bench-server-'),
  };
  // SQLite unless the bench database is PostgreSQL, whatever the caller's environment says.
  delete env.DATABASE_URL;
  delete env.LIANXIN_SECRET_KEY;
  // SQLite: the key file in the data dir, as a generated database is served; PostgreSQL: its key.
  if (db.databaseUrl) {
    env.DATABASE_URL = db.databaseUrl;
    env.LIANXIN_SECRET_KEY = db.masterKey.toString('base64');
  }
  const base = `http://127.0.0.1:${port}`;
  const times: number[] = [];
  const cpu: number[] = [];
  for (let n = 1; ; n++) {
    const t0 = performance.now();
    const child = spawn(process.execPath, [path.join(root, 'apps/server/bin/lianxin.mjs'), 'start'], {
      cwd: root,
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    try {
      for (;;) {
        if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} during start-up`);
        const ok = await fetch(`${base}/readyz`)
          .then((r) => r.ok)
          .catch(() => false);
        if (ok) {
          times.push(Math.round(performance.now() - t0));
          cpu.push(cpuMs(child.pid!));
          break;
        }
        if (performance.now() - t0 > 120_000) throw new Error('the server did not answer within 120 s');
        await new Promise((r) => setTimeout(r, 10));
      }
      if (n < starts) continue;
      const idle = memoryMb(child.pid!);
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'lianxin-demo' }),
      });
      if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
      let reads = 0;
      for (const url of urls) {
        const res = await fetch(`${base}${url}`, { headers: { cookie } });
        if (!res.ok) throw new Error(`${url}: ${res.status}`);
        await res.arrayBuffer();
        reads++;
      }
      const after = memoryMb(child.pid!);
      return {
        startupMs: median(times),
        startupMinMs: Math.min(...times),
        startupCpuMs: median(cpu),
        starts: times,
        idleRssMb: idle.rss,
        rssAfterReadsMb: after.rss,
        peakRssMb: after.hwm,
        reads,
      };
    } finally {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    }
  }
}
