/**
 * The reception rota (API.md "Public" and "Duty and evaluation"): the public rota and booking,
 * a citizen's own booking, and the staff side — rules, the dated rota, attendance, no-shows,
 * cancellations, settings.
 */
import { isCalendarDate } from '@lianxin/core';
import { z } from 'zod';
import { IdSchema } from './common';

/** A calendar date, `YYYY-MM-DD`. */
export const CalendarDateSchema = z.string().refine(isCalendarDate, { message: 'YYYY-MM-DD' });
/** A time of day, `HH:MM`. */
export const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

/** A reception as the public sees it: who is on duty, when and where, and the places left. */
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
/** Whether a deputy came. */
export const AttendanceSchema = z.object({ deputyId: z.string(), status: z.enum(['attended', 'absent', 'excused']), note: z.string().nullable() });
/** Where a reception stands, derived from its time and attendance (core `receptionPhase`). */
export const ReceptionPhaseSchema = z.enum(['scheduled', 'held', 'not_held', 'to_record', 'cancelled']);
/** A reception in the staff's rota. */
export const StaffReceptionSchema = PublicReceptionSchema.extend({
  cancelReason: z.string().nullable(),
  attendance: z.array(AttendanceSchema),
  phase: ReceptionPhaseSchema,
});
/** One reception with its bookings (contact masked) and attendance. */
export const ReceptionDetailSchema = PublicReceptionSchema.extend({
  phase: ReceptionPhaseSchema,
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
/** Body of `POST /api/v1/reception-rules`. */
export const ReceptionRuleBodySchema = z
  .object({
    unitId: IdSchema,
    kind: z.enum(['weekly', 'once']),
    weekday: z.number().int().min(1).max(7).nullable().optional(),
    date: CalendarDateSchema.nullable().optional(),
    startTime: TimeOfDaySchema,
    endTime: TimeOfDaySchema,
    capacity: z.number().int().min(0).max(500).optional(),
    deputyIds: z.array(IdSchema).min(1).max(20),
    validFrom: CalendarDateSchema,
    validTo: CalendarDateSchema.nullable().optional(),
    note: z.string().max(500).nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();
/** A rota rule (weekly or one-off). */
export const ReceptionRuleSchema = z.object({
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
/** How far ahead the rota is published; when deputies are reminded. */
export const ReceptionSettingsSchema = z.object({ publishDays: z.number().int().min(1).max(90), reminderHours: z.number().int().min(1).max(168) }).strict();
/** A reception as the public sees it. */
export type PublicReception = z.infer<typeof PublicReceptionSchema>;
/** A reception in the staff's rota. */
export type StaffReception = z.infer<typeof StaffReceptionSchema>;
/** One reception with its bookings and attendance. */
export type ReceptionDetail = z.infer<typeof ReceptionDetailSchema>;
/** A rota rule. */
export type ReceptionRule = z.infer<typeof ReceptionRuleSchema>;
/** The rota settings. */
export type ReceptionSettings = z.infer<typeof ReceptionSettingsSchema>;
/** Attendance of a deputy. */
export type AttendanceStatus = z.infer<typeof AttendanceSchema>['status'];

/** Query of `GET /api/v1/public/receptions`. */
export const PublicReceptionQuerySchema = z
  .object({ from: CalendarDateSchema.optional(), to: CalendarDateSchema.optional(), unitId: IdSchema.optional() })
  .strict();
/** Answer of `GET /api/v1/public/receptions`. */
export const PublicReceptionListSchema = z.object({ items: z.array(PublicReceptionSchema), publishedUntil: z.string() });
/** Answer of `GET /api/v1/public/receptions`. */
export type PublicReceptionList = z.infer<typeof PublicReceptionListSchema>;

/** Body of `POST /api/v1/public/receptions/{id}/bookings`. */
export const BookingCreateSchema = z
  .object({ name: z.string().trim().max(50).optional(), phone: z.string().trim().min(7).max(20), topic: z.string().trim().max(200).optional() })
  .strict();
/** Answer of a booking: the code that, with the phone's last 4 digits, finds and cancels it. */
export const BookingCreatedSchema = z.object({ bookingCode: z.string(), reception: PublicReceptionSchema });
/** Answer of a booking. */
export type BookingCreated = z.infer<typeof BookingCreatedSchema>;

/** Path of a citizen's booking. */
export const BookingCodeParamsSchema = z.object({ code: z.string().trim().min(4).max(20) }).strict();
/** Body of a citizen's booking look-up and cancellation. */
export const BookingVerifySchema = z.object({ verify: z.string().regex(/^\d{4}$/, 'last 4 digits of the phone') }).strict();
/** A citizen's own booking. */
export const OwnBookingSchema = z.object({
  bookingCode: z.string(),
  status: z.enum(['booked', 'cancelled', 'attended', 'no_show']),
  topic: z.string().nullable(),
  createdAt: z.string(),
  cancellable: z.boolean(),
  reception: PublicReceptionSchema,
});
/** A citizen's own booking. */
export type OwnBooking = z.infer<typeof OwnBookingSchema>;

/** Body of a rota rule. */
export type ReceptionRuleBody = z.input<typeof ReceptionRuleBodySchema>;

/** Query of `GET /api/v1/reception-rules`. */
export const ReceptionRuleQuerySchema = z.object({ unitId: IdSchema.optional() }).strict();
/** Answer of `GET /api/v1/reception-rules`. */
export const ReceptionRuleListSchema = z.object({ items: z.array(ReceptionRuleSchema) });
/** Body of `PUT /api/v1/reception-rules/{id}`. */
export const ReceptionRuleUpdateSchema = ReceptionRuleBodySchema.extend({ expectedVersion: z.number().int().optional() });

/** Query of `GET /api/v1/receptions`. */
export const StaffReceptionQuerySchema = z
  .object({ from: CalendarDateSchema, to: CalendarDateSchema, unitId: IdSchema.optional(), deputyId: IdSchema.optional() })
  .strict();
/** Answer of `GET /api/v1/receptions`. */
export const StaffReceptionListSchema = z.object({ items: z.array(StaffReceptionSchema) });

/** Body of `POST /api/v1/receptions/{id}/attendance`. */
export const AttendanceBodySchema = z
  .object({
    entries: z
      .array(z.object({ deputyId: IdSchema, status: z.enum(['attended', 'absent', 'excused']), note: z.string().max(200).optional() }).strict())
      .min(1)
      .max(30),
  })
  .strict();
/** Path of `POST /api/v1/receptions/{id}/bookings/{bookingId}/outcome`. */
export const BookingOutcomeParamsSchema = z.object({ id: IdSchema, bookingId: IdSchema }).strict();
/** Body of the booking outcome. */
export const BookingOutcomeSchema = z.object({ status: z.enum(['attended', 'no_show']) }).strict();
/** Body of `POST /api/v1/receptions/{id}/cancel`. */
export const ReceptionCancelSchema = z.object({ reason: z.string().trim().min(2).max(200) }).strict();
