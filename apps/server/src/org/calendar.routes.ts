/**
 * The working-day calendar for admins: what a year looks like (holidays, make-up
 * workdays, where each fact comes from, warnings for years the data does not cover),
 * their overrides, ICS import, and a deadline calculator.
 */
import { parseIcsOverrides } from '@lianxin/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context';
import { access } from '../platform/route-kit';

const OverrideSchema = z.object({ date: z.iso.date(), kind: z.enum(['holiday', 'workday']), note: z.string().trim().max(100).optional() }).strict();
const loose = z.record(z.string(), z.unknown());

export const calendarRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/calendar',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['calendar'],
        summary: 'A year of the working-day calendar, with coverage warnings',
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }).strict(),
        response: { 200: loose },
      },
    },
    async (request) => {
      const calendar = await ctx.calendars.current();
      const year = request.query.year;
      return {
        year,
        coverage: calendar.coverage(year),
        warnings: calendar.warnings([year]),
        specialDays: calendar.specialDays(year),
        overrides: (await ctx.calendars.overrides()).filter((o) => o.date.startsWith(String(year))),
        // True while the statistics are being recounted for a changed calendar (a background job).
        statsRecountPending: await ctx.calendars.recountPending(),
      };
    },
  );

  // The whole override list with the confirmed years: the PUT below replaces both, so an
  // editor must start from this, not from one year's slice, or it would drop other years.
  app.get(
    '/api/v1/calendar/overrides',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['calendar'],
        summary: 'Every admin override and the years declared complete',
        response: {
          200: z.object({
            // Looser than the request schema: ICS imports may carry longer notes.
            overrides: z.array(z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), note: z.string().optional() })),
            confirmedYears: z.array(z.number().int()),
          }),
        },
      },
    },
    async () => {
      return {
        overrides: await ctx.calendars.overrides(),
        confirmedYears: (await ctx.repos.settings.get<number[]>('calendar.confirmedYears')) ?? [],
      };
    },
  );

  app.put(
    '/api/v1/calendar/overrides',
    {
      config: access({ auth: 'session', policy: 'calendar.manage' }),
      schema: {
        tags: ['calendar'],
        summary: 'Replace the admin overrides (holidays and make-up workdays)',
        description:
          'Saves at once; the statistics’ handling times in working days are recounted by background job `stats.workdays_sync` (`statsRecountPending` is true until it finished; GET /api/v1/calendar reports it too).',
        body: z
          .object({ overrides: z.array(OverrideSchema).max(2000), confirmedYears: z.array(z.number().int().min(2000).max(2100)).max(100).default([]) })
          .strict(),
        response: { 200: loose },
      },
    },
    async (request) => {
      const { actor } = request;
      await ctx.calendars.setOverrides(request.body.overrides, request.body.confirmedYears, ctx.clock.now().toISOString());
      await ctx.audit.record(actor, { action: 'calendar.update', entity: 'calendar', payload: { overrides: request.body.overrides.length } });
      return { overrides: await ctx.calendars.overrides(), statsRecountPending: await ctx.calendars.recountPending() };
    },
  );

  app.post(
    '/api/v1/calendar/import-ics',
    {
      config: access({ auth: 'session', policy: 'calendar.manage' }),
      schema: {
        tags: ['calendar'],
        summary: 'Merge holidays and make-up workdays from an ICS calendar',
        description: 'Events whose summary contains 班, 补班, 上班 or "workday" become make-up workdays; other all-day events become holidays.',
        body: z.object({ ics: z.string().min(10).max(2_000_000) }).strict(),
        response: { 200: loose },
      },
    },
    async (request) => {
      const { actor } = request;
      const imported = parseIcsOverrides(request.body.ics);
      const merged = new Map((await ctx.calendars.overrides()).map((o) => [o.date, o]));
      for (const o of imported) merged.set(o.date, o);
      const confirmed = (await ctx.repos.settings.get<number[]>('calendar.confirmedYears')) ?? [];
      await ctx.calendars.setOverrides(
        [...merged.values()].sort((a, b) => a.date.localeCompare(b.date)),
        confirmed,
        ctx.clock.now().toISOString(),
      );
      await ctx.audit.record(actor, { action: 'calendar.import', entity: 'calendar', payload: { imported: imported.length } });
      return { imported: imported.length, overrides: await ctx.calendars.overrides(), statsRecountPending: await ctx.calendars.recountPending() };
    },
  );

  app.get(
    '/api/v1/calendar/deadline',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['calendar'],
        summary: 'The deadline n working days after a moment',
        querystring: z.object({ start: z.iso.datetime({ offset: true }), workdays: z.coerce.number().int().min(0).max(365) }).strict(),
        response: { 200: z.object({ deadline: z.string() }) },
      },
    },
    async (request) => {
      const calendar = await ctx.calendars.current();
      return { deadline: calendar.addWorkdays(new Date(request.query.start), request.query.workdays) };
    },
  );
};
