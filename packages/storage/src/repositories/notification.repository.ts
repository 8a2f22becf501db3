/**
 * The in-app inbox and the log of outgoing deliveries (email, SMS).
 */
import type { Selectable } from 'kysely';
import type { DB } from '../database';
import type { NotificationsTable } from '../schema';
import type { Page } from '../sql-helpers';

/** One inbox message. */
export interface NotificationRecord {
  id: string;
  userId: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  caseId: string | null;
  readAt: string | null;
  createdAt: string;
}

/** One outgoing message attempt. */
export interface DeliveryRecord {
  id: string;
  channel: 'email' | 'sms';
  recipientHash: string | null;
  template: string;
  caseId: string | null;
  status: 'sent' | 'failed' | 'skipped';
  error: string | null;
  createdAt: string;
  sentAt: string | null;
}

function toRecord(r: Selectable<NotificationsTable>): NotificationRecord {
  return {
    id: r.id,
    userId: r.user_id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    caseId: r.case_id,
    readAt: r.read_at,
    createdAt: r.created_at,
  };
}

/** Reads and writes inbox messages and deliveries. */
export class NotificationRepository {
  constructor(private readonly db: DB) {}

  /** Adds inbox messages; one whose id is already stored (a re-run job's) is left as it is. */
  async add(items: NotificationRecord[]): Promise<void> {
    if (!items.length) return;
    await this.db
      .insertInto('notifications')
      .values(
        items.map((n) => ({
          id: n.id,
          user_id: n.userId,
          kind: n.kind,
          title: n.title,
          body: n.body,
          link: n.link,
          case_id: n.caseId,
          read_at: n.readAt,
          created_at: n.createdAt,
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  /** A user's messages, newest first. */
  async list(userId: string, options: { unreadOnly?: boolean; limit?: number } = {}): Promise<Page<NotificationRecord>> {
    let query = this.db.selectFrom('notifications').where('user_id', '=', userId);
    if (options.unreadOnly) query = query.where('read_at', 'is', null);
    const [rows, count] = await Promise.all([
      query
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(options.limit ?? 50)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toRecord), total: Number(count.n) };
  }

  /** A user's messages created in [from, to), oldest first (the supervisors' mail digest). */
  async createdBetween(userId: string, from: string, to: string): Promise<NotificationRecord[]> {
    const rows = await this.db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', userId)
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toRecord);
  }

  /** Marks one of the user's messages read; false if it is not theirs. */
  async markRead(userId: string, id: string, now: string): Promise<boolean> {
    const result = await this.db.updateTable('notifications').set({ read_at: now }).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Records a delivery attempt. */
  async logDelivery(d: DeliveryRecord): Promise<void> {
    await this.db
      .insertInto('deliveries')
      .values({
        id: d.id,
        channel: d.channel,
        recipient_hash: d.recipientHash,
        template: d.template,
        case_id: d.caseId,
        status: d.status,
        error: d.error,
        created_at: d.createdAt,
        sent_at: d.sentAt,
      })
      .execute();
  }

  /** Deliveries of a case. */
  async deliveriesFor(caseId: string): Promise<DeliveryRecord[]> {
    const rows = await this.db.selectFrom('deliveries').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();
    return rows.map((r) => ({
      id: r.id,
      channel: r.channel as DeliveryRecord['channel'],
      recipientHash: r.recipient_hash,
      template: r.template,
      caseId: r.case_id,
      status: r.status as DeliveryRecord['status'],
      error: r.error,
      createdAt: r.created_at,
      sentAt: r.sent_at,
    }));
  }
}
