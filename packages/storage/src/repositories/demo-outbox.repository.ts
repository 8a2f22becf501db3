/**
 * The demo outbox: copies of the mail and text messages a demo install sent, recipient masked
 * before it is stored (migration 0040). Newest first.
 */
import type { Selectable } from 'kysely';
import type { DB } from '../database';
import type { DemoOutboxTable } from '../schema';
import { pageWindow, type ListOptions, type Page } from '../sql-helpers';

/** One message sent. */
export interface DemoOutboxRecord {
  id: string;
  channel: 'email' | 'sms';
  /** Masked address or phone number. */
  recipient: string;
  subject: string | null;
  body: string;
  sentAt: string;
}

function toRecord(r: Selectable<DemoOutboxTable>): DemoOutboxRecord {
  return { id: r.id, channel: r.channel as DemoOutboxRecord['channel'], recipient: r.recipient, subject: r.subject, body: r.body, sentAt: r.sent_at };
}

/** Reads and writes the demo outbox. */
export class DemoOutboxRepository {
  constructor(private readonly db: DB) {}

  /** Keeps a copy of a sent message. */
  async add(m: DemoOutboxRecord): Promise<void> {
    await this.db
      .insertInto('demo_outbox')
      .values({ id: m.id, channel: m.channel, recipient: m.recipient, subject: m.subject, body: m.body, sent_at: m.sentAt })
      .execute();
  }

  /** A page of messages, newest first. */
  async list(options: ListOptions = {}): Promise<Page<DemoOutboxRecord>> {
    const { limit, offset } = pageWindow(options);
    const [rows, count] = await Promise.all([
      this.db.selectFrom('demo_outbox').selectAll().orderBy('sent_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      this.db
        .selectFrom('demo_outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toRecord), total: Number(count.n) };
  }
}
