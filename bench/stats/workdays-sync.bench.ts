/**
 * Benchmark of honouring calendar overrides in the statistics (`CalendarService.syncStatistics`):
 * how long a start-up check takes when nothing changed, how long an admin's save takes (the
 * request: it only queues the recount), and how long the recount job takes to move the roll-up's
 * handling times — one near the end of the history (few replied
 * cases after it: moved through the triggers) and one near its start (nearly every replied
 * case: the roll-up is rebuilt) — on SQLite with cases generated through the real workflow by
 * bench/generate.
 *
 * Run from the repository root:
 *   npx tsx bench/stats/workdays-sync.bench.ts [--cases 20000]
 * Writes bench/results/workdays-sync.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FixedClock } from '@lianxin/core';
import { migrateToLatest, openDatabase } from '@lianxin/storage';
import { sql } from 'kysely';
import { loadConfig } from '../../apps/server/src/config';
import { createContext } from '../../apps/server/src/context';
import { ensureDemoOrganisation, generateCases } from '../generate/generate';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const CASES = Number(argv[argv.indexOf('--cases') + 1] ?? '20000') || 20_000;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-workdays-'));
  const storage = openDatabase({ sqlitePath: path.join(dir, 'bench.db') });
  try {
    await migrateToLatest(storage);
    await ensureDemoOrganisation(storage);
    await generateCases(storage, { cases: CASES, seed: 7, batchSize: 5000 });
    const config = loadConfig({ NODE_ENV: 'test', LIANXIN_DATA_DIR: dir }, { webDist: '/nonexistent' });
    const ctx = createContext({ config, storage, clock: new FixedClock('2026-03-01T00:00:00.000Z'), masterKey: Buffer.alloc(32, 1) });
    const range = (
      await sql<{ first: string; last: string; replied: number }>`
      select min(created_at) as first, max(replied_at) as last, count(replied_at) as replied from cases`.execute(storage.db)
    ).rows[0];
    const timed = async (label: string, run: () => Promise<unknown>) => {
      const t0 = performance.now();
      await run();
      const ms = Math.round(performance.now() - t0);
      console.error(`  ${label}: ${ms} ms`);
      return ms;
    };
    // A weekday a week after the start and a month before the end of the history.
    const weekday = (iso: string, shiftDays: number) => {
      const d = new Date(Date.parse(iso) + shiftDays * 86_400_000);
      while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
      return d.toISOString().slice(0, 10);
    };
    const early = weekday(range.first, 7);
    const late = weekday(range.last, -30);
    const now = '2026-03-01T00:00:00.000Z';
    // Cases whose handling time a holiday on `day` can change: those replied on or after it.
    const affected = async (day: string) =>
      Number(
        (
          await sql<{ n: number }>`select count(*) as n from cases where replied_at >= ${new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString()}`.execute(
            storage.db,
          )
        ).rows[0].n,
      );
    const [lateAffected, earlyAffected] = [await affected(late), await affected(early)];
    const result = {
      cases: CASES,
      repliedCases: Number(range.replied),
      history: { from: range.first, to: range.last },
      noChangeMs: await timed('start-up check, nothing changed', () => ctx.calendars.syncStatistics()),
      lateAffectedCases: lateAffected,
      earlyAffectedCases: earlyAffected,
      // The admin's save (what the request waits for) and the recount job it queues, apart.
      lateHolidaySaveMs: await timed(`save a holiday on ${late}`, () => ctx.calendars.setOverrides([{ date: late, kind: 'holiday' }], [], now)),
      lateHolidayMs: await timed(`recount for it (job)`, () => ctx.calendars.runRecount()),
      earlyHolidaySaveMs: await timed(`save a holiday on ${early} too`, () =>
        ctx.calendars.setOverrides(
          [
            { date: early, kind: 'holiday' },
            { date: late, kind: 'holiday' },
          ],
          [],
          now,
        ),
      ),
      earlyHolidayMs: await timed(`recount for it (job)`, () => ctx.calendars.runRecount()),
      measuredAt: new Date().toISOString(),
      node: process.version,
    };
    fs.mkdirSync(path.join(here, '../results'), { recursive: true });
    fs.writeFileSync(path.join(here, '../results/workdays-sync.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
