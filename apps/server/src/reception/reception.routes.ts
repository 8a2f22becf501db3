/**
 * The reception rota: public "who is on duty" and booking (API.md "Public"; looking up and
 * cancelling a booking is in public-bookings.routes.ts), and the staff side — rules, the dated rota, attendance, no-shows, cancellations, settings.
 */
import { IdParamsSchema, IdSchema } from '@lianxin/contracts';
import { isCalendarDate } from '@lianxin/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context';
import { access } from '../platform/route-kit';

const DateSchema = z.string().refine(isCalendarDate, { message: 'YYYY-MM-DD' });
const TimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const PublicReceptionSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  address: z.string().nullable(),
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  deputies: z.array(z.object({ id: z.string(), name: z.string() })),
  capacity: z.number().int(),
  booked: z.number().int(),
  available: z.number().int(),
  status: z.enum(['scheduled', 'cancelled']),
});
const AttendanceSchema = z.object({ deputyId: z.string(), status: z.enum(['attended', 'absent', 'excused']), note: z.string().nullable() });
/** Where a reception stands, derived from its time and attendance (core `receptionPhase`). */
const PhaseSchema = z.enum(['scheduled', 'held', 'not_held', 'to_record', 'cancelled']);
const StaffReceptionSchema = PublicReceptionSchema.extend({ cancelReason: z.string().nullable(), attendance: z.array(AttendanceSchema), phase: PhaseSchema });
const ReceptionDetailSchema = PublicReceptionSchema.extend({
  phase: PhaseSchema,
  cancelReason: z.string().nullable(),
  version: z.number().int(),
  attendance: z.array(AttendanceSchema.extend({ recordedAt: z.string() })),
  bookings: z.array(
    z.object({
      id: z.string(),
      name: z.string().nullable(),
      phone: z.string().nullable(),
      topic: z.string().nullable(),
      status: z.enum(['booked', 'cancelled', 'attended', 'no_show']),
      createdAt: z.string(),
    }),
  ),
});
const RuleBodySchema = z
  .object({
    unitId: IdSchema,
    kind: z.enum(['weekly', 'once']),
    weekday: z.number().int().min(1).max(7).nullable().optional(),
    date: DateSchema.nullable().optional(),
    startTime: TimeSchema,
    endTime: TimeSchema,
    capacity: z.number().int().min(0).max(500).optional(),
    deputyIds: z.array(IdSchema).min(1).max(20),
    validFrom: DateSchema,
    validTo: DateSchema.nullable().optional(),
    note: z.string().max(500).nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();
const RuleSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  kind: z.enum(['weekly', 'once']),
  weekday: z.number().int().nullable(),
  date: z.string().nullable(),
  startTime: z.string(),
  endTime: z.string(),
  capacity: z.number().int(),
  deputyIds: z.array(z.string()),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  note: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const SettingsSchema = z.object({ publishDays: z.number().int().min(1).max(90), reminderHours: z.number().int().min(1).max(168) }).strict();
const tags = ['receptions'];

function presentRule(r: z.infer<typeof RuleSchema> & { createdBy?: unknown }) {
  const { createdBy: _c, ...rest } = r;
  return rest;
}

export const receptionRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const receptions = ctx.receptions;

  app.get(
    '/api/v1/public/receptions',
    {
      schema: {
        tags: ['public'],
        summary: 'Reception rota: who is on duty, when and where (inside the publication window)',
        querystring: z.object({ from: DateSchema.optional(), to: DateSchema.optional(), unitId: IdSchema.optional() }).strict(),
        response: { 200: z.object({ items: z.array(PublicReceptionSchema), publishedUntil: z.string() }) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return receptions.publicList(request.query);
    },
  );

  app.post(
    '/api/v1/public/receptions/:id/bookings',
    {
      config: access({ auth: 'public', limits: [{ name: 'booking', max: 20, windowSeconds: 3600 }] }),
      schema: {
        tags: ['public'],
        summary: 'Book a place at a reception (one per phone; 409 RECEPTION_FULL when full)',
        description:
          'The phone is stored encrypted. Keep the returned code: with the last 4 digits of the phone it cancels the booking. 429 RATE_LIMITED when one address already holds 3 places of this reception, when one phone already holds 3 upcoming bookings (details path `phone`), or after 20 booking requests from one address in an hour.',
        params: IdParamsSchema,
        body: z
          .object({ name: z.string().trim().max(50).optional(), phone: z.string().trim().min(7).max(20), topic: z.string().trim().max(200).optional() })
          .strict(),
        response: { 201: z.object({ bookingCode: z.string(), reception: PublicReceptionSchema }) },
      },
    },
    async (request, reply) => {
      const result = await receptions.book(request.params.id, request.body, request.ip);
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/v1/reception-rules',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'Rota rules in the caller’s scope',
        querystring: z.object({ unitId: IdSchema.optional() }).strict(),
        response: { 200: z.object({ items: z.array(RuleSchema) }) },
      },
    },
    async (request) => ({ items: (await receptions.listRules(request.actor, request.query.unitId)).map(presentRule) }),
  );

  app.post(
    '/api/v1/reception-rules',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'Create a rota rule (weekly or one-off); its receptions are published at once',
        body: RuleBodySchema,
        response: { 201: RuleSchema },
      },
    },
    async (request, reply) => reply.status(201).send(presentRule(await receptions.createRule(request.actor, request.body))),
  );

  app.put(
    '/api/v1/reception-rules/:id',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'Change a rota rule; future receptions follow (booked ones that disappear are cancelled)',
        params: IdParamsSchema,
        body: RuleBodySchema.extend({ expectedVersion: z.number().int().optional() }),
        response: { 200: RuleSchema },
      },
    },
    async (request) => {
      const { expectedVersion, ...input } = request.body;
      return presentRule(await receptions.updateRule(request.actor, request.params.id, input, expectedVersion));
    },
  );

  app.get(
    '/api/v1/receptions',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'The rota with attendance (cancelled receptions included)',
        description:
          'Within the caller’s scope: station staff their station (and its points), admins and the office every station, a deputy the receptions they are on duty at, a department account none.',
        querystring: z.object({ from: DateSchema, to: DateSchema, unitId: IdSchema.optional(), deputyId: IdSchema.optional() }).strict(),
        response: { 200: z.object({ items: z.array(StaffReceptionSchema) }) },
      },
    },
    async (request) => receptions.staffList(request.actor, request.query),
  );

  app.get(
    '/api/v1/receptions/:id',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'One reception with bookings (contact masked) and attendance',
        description: 'For its station’s staff, admins, the office and the deputies on duty at it; 404 for anyone else, as for a missing one.',
        params: IdParamsSchema,
        response: { 200: ReceptionDetailSchema },
      },
    },
    async (request) => receptions.detail(request.actor, request.params.id),
  );

  app.post(
    '/api/v1/receptions/:id/attendance',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'Record which deputies came (attended / absent / excused)',
        params: IdParamsSchema,
        body: z
          .object({
            entries: z
              .array(z.object({ deputyId: IdSchema, status: z.enum(['attended', 'absent', 'excused']), note: z.string().max(200).optional() }).strict())
              .min(1)
              .max(30),
          })
          .strict(),
        response: { 200: ReceptionDetailSchema },
      },
    },
    async (request) => receptions.recordAttendance(request.actor, request.params.id, request.body.entries),
  );

  app.post(
    '/api/v1/receptions/:id/bookings/:bookingId/outcome',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'Mark whether a citizen who booked came (no-show)',
        params: z.object({ id: IdSchema, bookingId: IdSchema }).strict(),
        body: z.object({ status: z.enum(['attended', 'no_show']) }).strict(),
        response: { 200: ReceptionDetailSchema },
      },
    },
    async (request) => receptions.setBookingOutcome(request.actor, request.params.id, request.params.bookingId, request.body.status),
  );

  app.post(
    '/api/v1/receptions/:id/cancel',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: 'Cancel one reception',
        params: IdParamsSchema,
        body: z.object({ reason: z.string().trim().min(2).max(200) }).strict(),
        response: { 200: ReceptionDetailSchema },
      },
    },
    async (request) => receptions.cancel(request.actor, request.params.id, request.body.reason),
  );

  app.get(
    '/api/v1/reception-settings',
    {
      config: access({ auth: 'session' }),
      schema: { tags, summary: 'How far ahead the rota is published; when deputies are reminded', response: { 200: SettingsSchema } },
    },
    async () => {
      return receptions.settings();
    },
  );

  app.put(
    '/api/v1/reception-settings',
    {
      config: access({ auth: 'session' }),
      schema: { tags, summary: 'Change the rota settings (admins)', body: SettingsSchema, response: { 200: SettingsSchema } },
    },
    async (request) => receptions.updateSettings(request.actor, request.body),
  );
};
