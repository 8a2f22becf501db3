/**
 * A citizen's own reception booking (API.md "Public"): look it up and cancel it with the
 * booking code and the last 4 digits of the phone. Like tracking, failed attempts are
 * counted per address and per code and address, so codes cannot be guessed in bulk and a
 * stranger's guesses never lock the owner out.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BookingCodeParamsSchema, BookingVerifySchema, NoContentSchema, OwnBookingSchema } from '@lianxin/contracts';
import type { AppContext } from '../context';
import { access } from '../platform/route-kit';

export const publicBookingRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/api/v1/public/bookings/:code',
    {
      config: access({ auth: 'public' }),
      schema: {
        tags: ['public'],
        summary: 'Look up a booking with its code and the last 4 digits of the phone',
        description:
          'POST so the digits stay out of URLs and logs. 404 for a wrong code or phone alike; failures are limited per address (20 an hour) and per code from one address (10 an hour, exact under concurrency), so a stranger cannot lock the owner out (429 with Retry-After).',
        params: BookingCodeParamsSchema,
        body: BookingVerifySchema,
        response: { 200: OwnBookingSchema },
      },
    },
    async (request) => ctx.receptions.ownBooking(request.params.code, request.body.verify, request.ip),
  );

  app.post(
    '/api/v1/public/bookings/:code/cancel',
    {
      config: access({ auth: 'public' }),
      schema: {
        tags: ['public'],
        summary: 'Cancel a booking with its code and the last 4 digits of the phone; the place is freed at once',
        description: 'Idempotent for a cancelled booking. 422 ACTION_NOT_ALLOWED once the reception has begun. Failures are limited as for the lookup.',
        params: BookingCodeParamsSchema,
        body: BookingVerifySchema,
        response: { 204: NoContentSchema },
      },
    },
    async (request, reply) => {
      await ctx.receptions.cancelOwnBooking(request.params.code, request.body.verify, request.ip);
      return reply.status(204).send(null);
    },
  );
};
