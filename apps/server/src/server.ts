/**
 * `lianxin start`: migrate, seed the demo on an empty database in demo mode, serve.
 */
import type { FastifyInstance } from 'fastify';
import { isBulkLoadSuspended, resumeUpkeepAfterBulkLoad } from '@lianxin/storage';
import type { Config } from './config';
import { buildApp } from './app';
import { openRuntime } from './runtime';
import { DEMO_ACCOUNTS } from './demo/demo-seed.service';
import { describeTimings, seedDemo } from './demo/history/demo-history';
import { createWorker } from './worker';

/** A running server. */
export interface RunningServer {
  app: FastifyInstance | null;
  url: string | null;
  stop(): Promise<void>;
}

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

/** How long after the start the statistics' working days are brought in line with the calendar. */
const CALENDAR_SYNC_DELAY_MS = 1000;

/**
 * The worker's log: a JSON line per message at or above `LIANXIN_LOG_LEVEL` (pino's order), so
 * at the default `info` the log drivers' mail and SMS lines are printed — a demo install shows
 * what it sent.
 */
export function workerLog(logLevel: string, print: (line: string) => void) {
  const threshold = logLevel === 'silent' ? Infinity : LEVELS.indexOf(logLevel);
  return (level: 'info' | 'warn' | 'error', message: string, data?: Record<string, unknown>): void => {
    if (LEVELS.indexOf(level) >= threshold) print(JSON.stringify({ level, msg: message, ...data }));
  };
}

/** Starts the roles this process runs (`web`, `worker`). */
export async function startServer(config: Config): Promise<RunningServer> {
  // Start to ready does no work proportional to the data (issue #17 item 8): migrations are read
  // from one table when current, heavy libraries load on first use, and the calendar sync below
  // (which may rewrite the statistics roll-up) runs once the server serves.
  const ctx = await openRuntime(config, undefined, { syncCalendar: false });
  // A bulk load interrupted with the statistics and search upkeep off (a first demo start stopped
  // half-way, a generator killed) is finished before serving: figures would be wrong without it.
  // Both rebuild statistics with the working days, so the calendar sync goes first for them.
  if (await isBulkLoadSuspended(ctx.storage)) {
    await ctx.calendars.syncStatistics();
    await resumeUpkeepAfterBulkLoad(ctx.storage);
    console.log('已完成中断的批量导入 Finished an interrupted bulk load.');
  }
  if (config.demo && (await ctx.repos.users.count()) === 0) {
    await ctx.calendars.syncStatistics();
    const { history } = await seedDemo(ctx);
    console.log('已载入演示数据 Demo data loaded.');
    if (history) console.log(`  一年的演示历史 A year of demo history: ${history.cases.cases} opinions (${describeTimings(history.timings)})`);
    console.log(`  演示账号 Demo accounts: ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')}`);
    console.log(`  密码 Password: ${config.demoPassword === 'lianxin-demo' ? 'lianxin-demo' : '(LIANXIN_DEMO_PASSWORD)'}`);
  }
  let app: FastifyInstance | null = null;
  let url: string | null = null;
  if (config.roles.includes('web')) {
    app = await buildApp(ctx);
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
    console.log(`连心 Lianxin 已启动 is running at ${url} (${ctx.storage.dialect}: ${ctx.storage.location})`);
    console.log(`  管理后台 Console: ${url}/console   群众端 Citizens: ${url}/m   API: ${url}/docs`);
    if (config.demo) console.log('  登录 Sign in: admin / lianxin-demo (demo mode)');
  }
  // Handling times in the statistics follow the calendar in force (overrides, newer holiday data):
  // a moment after the server answers, so the first requests (a balancer's /readyz) do not wait
  // behind the working-day computation.
  let calendarSync: Promise<void> = Promise.resolve();
  const calendarTimer = setTimeout(() => {
    calendarSync = ctx.calendars
      .syncStatistics()
      .then((days) => {
        if (days) console.log(`统计工作日已按日历更新 Statistics follow the calendar again (${days} days changed).`);
      })
      .catch((error: unknown) =>
        console.error(`统计工作日同步失败 Calendar sync of the statistics failed: ${error instanceof Error ? error.message : String(error)}`),
      );
  }, CALENDAR_SYNC_DELAY_MS);
  calendarTimer.unref();
  let worker: ReturnType<typeof createWorker> | null = null;
  if (config.roles.includes('worker')) {
    worker = createWorker(
      ctx,
      workerLog(config.logLevel, (line) => console.log(line)),
      { schedules: config.cron },
    );
    // Jobs, cron schedules and the intake inbox's opener.
    worker.runner.start();
    if (!app) console.log(`连心 Lianxin worker running (${ctx.storage.dialect}: ${ctx.storage.location})`);
  }
  const stop = async () => {
    clearTimeout(calendarTimer);
    await calendarSync;
    await worker?.runner.stop();
    await app?.close();
    await ctx.storage.close();
  };
  return { app, url, stop };
}
