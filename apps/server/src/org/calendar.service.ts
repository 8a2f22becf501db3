/**
 * The working-day calendar and workflow settings in force: the maintained holiday data
 * plus admins' overrides (kept in settings), time limits from appeal kinds and
 * categories. Rebuilt when admins change them; cached in between.
 */
import { randomUUID } from 'node:crypto';
import { createWorkingCalendar, resolveWorkflowSettings, type CalendarOverride, type WorkflowSettings, type WorkingCalendar } from '@lianxin/core';
import { workdayOrdinals, type Repositories } from '@lianxin/storage';
import { enqueue } from '../platform/jobs/enqueue';
import { WORKDAYS_RECOUNT } from '../stats/stats-job-types';

const OVERRIDES_KEY = 'calendar.overrides';
const CONFIRMED_KEY = 'calendar.confirmedYears';
const WORKFLOW_KEY = 'workflow.settings';
/** The job that recounts handling times after the calendar changed. */
export const RECOUNT_JOB = WORKDAYS_RECOUNT.name;
/** Saves within this delay share one recount. */
const RECOUNT_DELAY_MS = 3_000;

/** Builds and caches the calendar and the workflow settings. */
export class CalendarService {
  private calendar: Promise<WorkingCalendar> | null = null;
  private settings: Promise<WorkflowSettings> | null = null;

  constructor(private readonly repos: Repositories) {}

  /** The calendar in force. */
  current(): Promise<WorkingCalendar> {
    this.calendar ??= (async () => {
      const overrides = (await this.repos.settings.get<CalendarOverride[]>(OVERRIDES_KEY)) ?? [];
      const confirmedYears = (await this.repos.settings.get<number[]>(CONFIRMED_KEY)) ?? [];
      return createWorkingCalendar({ overrides, confirmedYears });
    })();
    return this.calendar;
  }

  /** Workflow time limits: admin settings over defaults, appeal-kind and category limits from the organisation. */
  workflowSettings(): Promise<WorkflowSettings> {
    this.settings ??= (async () => {
      const stored = (await this.repos.settings.get<Partial<WorkflowSettings>>(WORKFLOW_KEY)) ?? {};
      const kinds = await this.repos.appealKinds.list();
      const categories = await this.repos.categories.listActive();
      const byId = new Map(categories.map((c) => [c.id, c]));
      const categoryWorkdays: Record<string, number | null> = {};
      for (const c of categories) {
        // A second-level category without its own limit inherits its parent's.
        categoryWorkdays[c.id] = c.timeLimitWorkdays ?? (c.parentId ? (byId.get(c.parentId)?.timeLimitWorkdays ?? null) : null);
      }
      return resolveWorkflowSettings({
        ...stored,
        handleWorkdaysByKind: Object.fromEntries(kinds.filter((k) => k.active).map((k) => [k.code, k.handleWorkdays])),
        categoryWorkdays,
      });
    })();
    return this.settings;
  }

  /** Forgets the cache after admins changed overrides, limits or categories. */
  invalidate(): void {
    this.calendar = null;
    this.settings = null;
  }

  /** Admin overrides as stored. */
  async overrides(): Promise<CalendarOverride[]> {
    return (await this.repos.settings.get<CalendarOverride[]>(OVERRIDES_KEY)) ?? [];
  }

  /**
   * Replaces the admin overrides (validated by building a calendar first) and queues the
   * recount of handling times: at a million cases it takes longer than an admin should wait
   * for a save, so it runs as job `stats.workdays_sync` (see `requestRecount`).
   */
  async setOverrides(overrides: CalendarOverride[], confirmedYears: number[], now: string): Promise<void> {
    createWorkingCalendar({ overrides, confirmedYears });
    await this.repos.settings.set(OVERRIDES_KEY, overrides, now);
    await this.repos.settings.set(CONFIRMED_KEY, confirmedYears, now);
    this.invalidate();
    await this.requestRecount(now);
  }

  /**
   * Queues the statistics' recount for the calendar in force, unless one is already waiting:
   * the job reads the calendar when it runs, so a waiting job covers every save before it, and
   * a burst of saves (a few days corrected one after another) costs one recount. A job already
   * running may have read the older calendar, so it does not count as waiting. Two instances
   * saving at the same instant may queue two jobs; the second then finds nothing to change.
   */
  async requestRecount(now: string): Promise<void> {
    const waiting = await this.repos.jobs.list({ status: 'pending', name: RECOUNT_JOB, limit: 1 });
    if (waiting.length) return;
    await enqueue(
      this.repos,
      WORKDAYS_RECOUNT.name,
      {},
      { id: `${RECOUNT_JOB}:${randomUUID()}`, runAt: new Date(new Date(now).getTime() + RECOUNT_DELAY_MS).toISOString(), now },
    );
  }

  /** Whether a recount of the statistics is queued or running (the calendar page shows it). */
  async recountPending(): Promise<boolean> {
    for (const status of ['pending', 'running'] as const) {
      if ((await this.repos.jobs.list({ status, name: RECOUNT_JOB, limit: 1 })).length) return true;
    }
    return false;
  }

  /** The recount job: the calendar as stored now (this process's cache may predate another instance's save). */
  async runRecount(): Promise<number> {
    this.invalidate();
    return this.syncStatistics();
  }

  /**
   * Brings the statistics' working-day ordinals in line with the calendar in force, so
   * average handling times honour holidays and make-up workdays (after admins change
   * overrides, and at start-up, when a newer build may carry newer holiday data).
   * Returns how many days changed.
   */
  async syncStatistics(): Promise<number> {
    return this.repos.stats.syncWorkdays(workdayOrdinals(await this.current()));
  }
}
