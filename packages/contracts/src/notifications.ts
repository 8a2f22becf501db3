/**
 * The in-app inbox of the signed-in user (API.md "Accounts").
 */
import { z } from 'zod';

/** Query of `GET /api/v1/notifications`: `unread=1` for unread messages only. */
export const NotificationListQuerySchema = z.object({ unread: z.enum(['0', '1', 'true', 'false']).optional() }).strict();

/** One message of the inbox. */
export const NotificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  caseId: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
/** One message of the inbox. */
export type Notification = z.infer<typeof NotificationSchema>;

/** Answer of `GET /api/v1/notifications`, newest first. */
export const NotificationListSchema = z.object({ items: z.array(NotificationSchema), total: z.number() });
/** Answer of `GET /api/v1/notifications`. */
export type NotificationList = z.infer<typeof NotificationListSchema>;
