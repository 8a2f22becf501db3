/**
 * A lived-in demo: what a station network holds after a year, added to the demo organisation
 * on a fresh install in demo mode (`LIANXIN_DEMO_CASES` opinions; 0 keeps the organisation
 * only). The present is the clock's; everything else is replayed on a moved clock through the
 * workflow and the services — cases (demo-cases.ts), rota, receptions and activities
 * (demo-duty-year.ts), suggestions and motions with key supervision (demo-proposals.ts), the
 * 民生实事 vote (demo-voting.ts), published evaluations and comparisons (demo-rankings.ts) —
 * so every figure, chain and board agrees with the rest of the product. Fictional people only.
 *
 * Runs once: the first instance to claim the marker loads it (others starting at the same
 * moment skip). It is not one transaction; an interrupted load leaves part of the history,
 * and a fresh database is the way to start over.
 */
import { AppError, FixedClock } from '@lianxin/core';
import { analyzeAfterBulkLoad } from '@lianxin/storage';
import type { AppContext } from '../../context';
import { newId } from '../../platform/adapters/ids';
import { memoisedCalendar } from '../../cases/case-history';
import { DemoSeedService } from '../demo-seed.service';
import { seedDemoCases, type DemoCasesReport } from './demo-cases';
import { seedDemoDutyYear } from './demo-duty-year';
import { prepareDemoOrg } from './demo-org';
import { seedDemoProposals } from './demo-proposals';
import { seedDemoRankings } from './demo-rankings';
import { seedDemoVoting } from './demo-voting';

const MARKER = 'demo.historySeededAt';
/** How far back the history goes. */
const DAYS = 365;

/** What {@link seedDemoHistory} loaded, with the time each part took (ms). */
export interface DemoHistoryReport {
  cases: DemoCasesReport;
  receptions: number;
  activities: number;
  proposals: Record<string, number>;
  ballots: { selection: number; satisfaction: number };
  published: Record<string, string[]>;
  timings: Record<string, number>;
}

/**
 * Loads a year of history with `cases` opinions ending at the clock's present. Refused outside
 * demo mode; null when it was loaded before (or by another instance).
 */
export async function seedDemoHistory(ctx: AppContext, options: { cases: number }): Promise<DemoHistoryReport | null> {
  if (!ctx.config.demo) throw new AppError('ACTION_NOT_ALLOWED', { message: 'Demo data is refused outside demo mode (NODE_ENV=production).' });
  const end = ctx.clock.now();
  const nowIso = end.toISOString();
  if (!(await ctx.repos.settings.claim(MARKER, nowIso, nowIso))) return null;
  const timings: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (name: string) => {
    const t = performance.now();
    timings[name] = Math.round(t - t0);
    t0 = t;
  };
  const clock = new FixedClock(end);
  const past = ctx.withClock(clock);
  const org = await prepareDemoOrg(past, new Date(end.getTime() - DAYS * 86_400_000).toISOString());
  lap('accounts');
  const { stored, ...cases } = await seedDemoCases(ctx, org, {
    cases: options.cases,
    end,
    days: DAYS,
    calendar: memoisedCalendar(await ctx.calendars.current()),
    settings: await ctx.calendars.workflowSettings(),
  });
  lap('cases');
  const duty = await seedDemoDutyYear(past, clock, org, { end, days: DAYS, cases: stored });
  lap('duty');
  const proposals = await seedDemoProposals(past, clock, org, { end, days: DAYS });
  lap('proposals');
  const voting = await seedDemoVoting(past, clock, org, { end, days: DAYS });
  lap('voting');
  const published = await seedDemoRankings(past, clock, org, { end, months: 6 });
  lap('rankings');
  await ctx.repos.notifications.add([
    {
      id: newId(),
      userId: org.admin.userId,
      kind: 'demo.loaded',
      title: '演示数据已载入 Demo data loaded',
      body: `已载入一年的虚构演示数据：${cases.cases} 件群众意见、建议议案、票决、接待和考评。Fictional demo data of one year: ${cases.cases} opinions, suggestions, a vote, receptions and evaluations.`,
      link: '/console/cockpit',
      caseId: null,
      readAt: null,
      createdAt: nowIso,
    },
  ]);
  await analyzeAfterBulkLoad(ctx.storage);
  lap('analyze');
  return {
    cases,
    receptions: duty.receptions,
    activities: duty.activities,
    proposals: proposals.byStatus,
    ballots: { selection: voting.selection, satisfaction: voting.satisfaction },
    published,
    timings,
  };
}

/**
 * The demo organisation and accounts, then — when this call loaded them and `config.demoCases`
 * is above 0 — the year of history. What `lianxin start` (on an empty database) and
 * `lianxin seed --demo` run.
 */
export async function seedDemo(ctx: AppContext): Promise<{ seeded: boolean; history: DemoHistoryReport | null }> {
  const seeded = await new DemoSeedService(ctx).seed();
  const history = seeded && ctx.config.demoCases > 0 ? await seedDemoHistory(ctx, { cases: ctx.config.demoCases }) : null;
  return { seeded, history };
}

/** `cases 2.1 s, duty 0.4 s, …` for the start-up message. */
export function describeTimings(timings: Record<string, number>): string {
  return Object.entries(timings)
    .map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`)
    .join(', ');
}
