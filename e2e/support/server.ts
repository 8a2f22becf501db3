/**
 * Starts the real product for browser journeys: `lianxin start` as a child process on a
 * free port, with a fresh data directory (SQLite) or a fresh PostgreSQL database, demo
 * data seeded by the start command itself (without the year of history unless asked for).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createPostgresDatabase } from '@lianxin/storage/testing';
import type { Dialect } from '@lianxin/storage';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A running product instance. */
export interface RunningProduct {
  url: string;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, output: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server not ready after ${timeoutMs} ms:\n${output()}`);
}

async function waitForOutput(child: ChildProcess, output: () => string, text: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}:\n${output()}`);
    if (output().includes(text)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`"${text}" not seen after ${timeoutMs} ms:\n${output()}`);
}

/**
 * Starts `lianxin start` with demo data on the given database (a worker-only process has no HTTP
 * port). `readyTimeoutMs`: how long to wait for it (the full demo history takes a while to load).
 */
export async function startProduct(
  dialect: Dialect = 'sqlite',
  env: Record<string, string> = {},
  options: { readyTimeoutMs?: number } = {},
): Promise<RunningProduct> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-e2e-'));
  const port = await freePort();
  const pg = dialect === 'postgres' ? await createPostgresDatabase() : null;
  let log = '';
  const child = spawn(process.execPath, [path.join(ROOT, 'apps/server/bin/lianxin.mjs'), 'start'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      LIANXIN_DATA_DIR: dataDir,
      LIANXIN_LOG_LEVEL: 'warn',
      // The organisation and accounts only: journeys build their own scenarios. The demo
      // journey asks for the full year (LIANXIN_DEMO_CASES in `env`).
      LIANXIN_DEMO_CASES: '0',
      ...(pg ? { DATABASE_URL: pg.url } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const output = () => log;
  if (env.LIANXIN_ROLES === 'worker') await waitForOutput(child, output, 'worker running', options.readyTimeoutMs);
  else await waitReady(url, child, output, options.readyTimeoutMs);
  return {
    url,
    dataDir,
    output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await pg?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
