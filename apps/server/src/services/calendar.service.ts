/**
 * The working-day calendar and workflow settings in force: the maintained holiday data
 * plus admins' overrides (kept in settings), time limits from appeal kinds and
 * categories. Rebuilt when admins change them; cached in between.
 */
import { createWorkingCalendar, resolveWorkflowSettings, type CalendarOverride, type WorkflowSettings, type WorkingCalendar } from '@lianxin/core';
import { workdayOrdinals, type Repositories } from '@lianxin/storage';

const OVERRIDES_KEY = 'calendar.overrides';
const CONFIRMED_KEY = 'calendar.confirmedYears';
const WORKFLOW_KEY = 'workflow.settings';

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

  /** Replaces the admin overrides (validated by building a calendar first) and recounts handling times. */
  async setOverrides(overrides: CalendarOverride[], confirmedYears: number[], now: string): Promise<void> {
    createWorkingCalendar({ overrides, confirmedYears });
    await this.repos.settings.set(OVERRIDES_KEY, overrides, now);
    await this.repos.settings.set(CONFIRMED_KEY, confirmedYears, now);
    this.invalidate();
    await this.syncStatistics();
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
