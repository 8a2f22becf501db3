/**
 * The demo outbox (demo mode only): what a demo install sent by mail and text message.
 */
import { z } from 'zod';
import { pageOf, TimestampSchema } from './common';

/** Query of `GET /api/v1/demo/outbox`. */
export const DemoOutboxQuerySchema = z
  .object({
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/** One message sent: the recipient masked, contact data in the text masked. */
export const DemoOutboxMessageSchema = z.object({
  id: z.string(),
  channel: z.enum(['email', 'sms']),
  recipient: z.string(),
  subject: z.string().nullable(),
  text: z.string(),
  sentAt: TimestampSchema,
});
/** One message of the demo outbox. */
export type DemoOutboxMessage = z.infer<typeof DemoOutboxMessageSchema>;

/** A page of the demo outbox, newest first. */
export const DemoOutboxPageSchema = pageOf(DemoOutboxMessageSchema);
/** Inferred from `DemoOutboxPageSchema`. */
export type DemoOutboxPage = z.infer<typeof DemoOutboxPageSchema>;
