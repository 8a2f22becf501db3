/**
 * The working-day calendar for admins (API.md "Calendar"): a year with its special days and
 * coverage warnings, the overrides, ICS import, and a deadline calculator.
 */
import { z } from 'zod';

/** Body of one override: an admin's correction for one date. */
export const CalendarOverrideBodySchema = z
  .object({ date: z.iso.date(), kind: z.enum(['holiday', 'workday']), note: z.string().trim().max(100).optional() })
  .strict();

/** An override as answered (looser than the body: ICS imports may carry longer notes). */
export const CalendarOverrideSchema = z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), note: z.string().optional() });
/** An admin's correction for one date. */
export type CalendarOverride = z.infer<typeof CalendarOverrideSchema>;

/** How well a year is known: holiday data, confirmed by an admin, or statutory holidays only. */
export const CalendarCoverageSchema = z.enum(['library', 'confirmed', 'fallback']);
/** How well a year is known. */
export type CalendarCoverage = z.infer<typeof CalendarCoverageSchema>;

/** A day that differs from a plain Monday–Friday week. */
export const SpecialDaySchema = z.object({
  date: z.string(),
  workday: z.boolean(),
  kind: z.enum(['workday', 'weekend', 'holiday', 'makeup_workday']),
  /** Holiday name (e.g. `国庆节`) or the override note. */
  name: z.string().optional(),
  /** Which rule decided: admin override, holiday data, statutory fallback or the weekday. */
  source: z.enum(['override', 'library', 'statutory', 'weekday']),
});
/** A day that differs from a plain week. */
export type SpecialDay = z.infer<typeof SpecialDaySchema>;

/** A problem an admin should see on the calendar page. */
export const CalendarWarningSchema = z.object({
  year: z.number().int(),
  code: z.enum(['CALENDAR_FALLBACK', 'CALENDAR_LUNAR_UNKNOWN']),
  message: z.string(),
  messageZh: z.string(),
});
/** A coverage warning. */
export type CalendarWarning = z.infer<typeof CalendarWarningSchema>;

/** Query of `GET /api/v1/calendar`. */
export const CalendarYearQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100) }).strict();

/** True while the statistics are being recounted in the background for a changed calendar. */
const statsRecountPending = z.boolean();

/** Answer of `GET /api/v1/calendar?year=`. */
export const CalendarYearSchema = z.object({
  year: z.number().int(),
  coverage: CalendarCoverageSchema,
  warnings: z.array(CalendarWarningSchema),
  specialDays: z.array(SpecialDaySchema),
  overrides: z.array(CalendarOverrideSchema),
  statsRecountPending,
});
/** A year of the calendar. */
export type CalendarYear = z.infer<typeof CalendarYearSchema>;

/** Answer of `GET /api/v1/calendar/overrides`: every override and the years declared complete. */
export const CalendarOverrideListSchema = z.object({ overrides: z.array(CalendarOverrideSchema), confirmedYears: z.array(z.number().int()) });
/** Every override and the confirmed years. */
export type CalendarOverrideList = z.infer<typeof CalendarOverrideListSchema>;

/** Body of `PUT /api/v1/calendar/overrides`: replaces both lists. */
export const CalendarOverridesBodySchema = z
  .object({
    overrides: z.array(CalendarOverrideBodySchema).max(2000),
    confirmedYears: z.array(z.number().int().min(2000).max(2100)).max(100).default([]),
  })
  .strict();
/** Answer of `PUT /api/v1/calendar/overrides`. */
export const CalendarOverridesSavedSchema = z.object({ overrides: z.array(CalendarOverrideSchema), statsRecountPending });

/** Body of `POST /api/v1/calendar/import-ics`. */
export const IcsImportBodySchema = z.object({ ics: z.string().min(10).max(2_000_000) }).strict();
/** Answer of the ICS import: how many dates it brought, and the merged overrides. */
export const IcsImportedSchema = z.object({ imported: z.number().int(), overrides: z.array(CalendarOverrideSchema), statsRecountPending });
/** Answer of the ICS import. */
export type IcsImported = z.infer<typeof IcsImportedSchema>;

/** Query of `GET /api/v1/calendar/deadline`. */
export const DeadlineQuerySchema = z.object({ start: z.iso.datetime({ offset: true }), workdays: z.coerce.number().int().min(0).max(365) }).strict();
/** Answer of the deadline calculator. */
export const DeadlineSchema = z.object({ deadline: z.string() });
/** Inferred from `DeadlineSchema`. */
export type Deadline = z.infer<typeof DeadlineSchema>;
