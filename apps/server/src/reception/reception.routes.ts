/**
 * The reception rota: public "who is on duty" and booking (API.md "Public"; looking up and
 * cancelling a booking is in public-bookings.routes.ts), and the staff side — rules, the dated rota, attendance, no-shows, cancellations, settings.
 */
import {
  AttendanceBodySchema,
  BookingCreatedSchema,
  BookingCreateSchema,
  BookingOutcomeParamsSchema,
  BookingOutcomeSchema,
  IdParamsSchema,
  PublicReceptionListSchema,
  PublicReceptionQuerySchema,
  ReceptionCancelSchema,
  ReceptionDetailSchema,
  ReceptionRuleBodySchema,
  ReceptionRuleListSchema,
  ReceptionRuleQuerySchema,
  ReceptionRuleSchema,
  ReceptionRuleUpdateSchema,
  ReceptionSettingsSchema,
  StaffReceptionListSchema,
  StaffReceptionQuerySchema,
  type ReceptionRule,
} from '@lianxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context';
import { access } from '../platform/route-kit';

const tags = ['receptions'];

function presentRule(r: ReceptionRule & { createdBy?: unknown }): ReceptionRule {
  const { createdBy: _c, ...rest } = r;
  return rest;
}

export const receptionRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const receptions = ctx.receptions;

  app.get(
    '/api/v1/public/receptions',
    {
      config: access({ auth: 'public' }),
      schema: {
        tags: ['public'],
        summary: 'Reception rota: who is on duty, when and where (inside the publication window)',
        querystring: PublicReceptionQuerySchema,
        response: { 200: PublicReceptionListSchema },
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
        body: BookingCreateSchema,
        response: { 201: BookingCreatedSchema },
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
        querystring: ReceptionRuleQuerySchema,
        response: { 200: ReceptionRuleListSchema },
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
        body: ReceptionRuleBodySchema,
        response: { 201: ReceptionRuleSchema },
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
        body: ReceptionRuleUpdateSchema,
        response: { 200: ReceptionRuleSchema },
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
        querystring: StaffReceptionQuerySchema,
        response: { 200: StaffReceptionListSchema },
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
        body: AttendanceBodySchema,
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
        params: BookingOutcomeParamsSchema,
        body: BookingOutcomeSchema,
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
        body: ReceptionCancelSchema,
        response: { 200: ReceptionDetailSchema },
      },
    },
    async (request) => receptions.cancel(request.actor, request.params.id, request.body.reason),
  );

  app.get(
    '/api/v1/reception-settings',
    {
      config: access({ auth: 'session' }),
      schema: { tags, summary: 'How far ahead the rota is published; when deputies are reminded', response: { 200: ReceptionSettingsSchema } },
    },
    async () => {
      return receptions.settings();
    },
  );

  app.put(
    '/api/v1/reception-settings',
    {
      config: access({ auth: 'session' }),
      schema: { tags, summary: 'Change the rota settings (admins)', body: ReceptionSettingsSchema, response: { 200: ReceptionSettingsSchema } },
    },
    async (request) => receptions.updateSettings(request.actor, request.body),
  );
};
