/**
 * The audit log of administrative changes, contact reveals and exports. Rows are only
 * ever appended.
 */
import type { Selectable } from 'kysely';
import type { DB } from '../database';
import type { AuditLogTable } from '../schema';
import { pageWindow, parseJson, type ListOptions, type Page } from '../sql-helpers';

/** One audit entry. */
export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  /** What happened, e.g. `unit.create`, `deputy.contact.reveal`. */
  action: string;
  entity: string;
  entityId: string | null;
  summary: string | null;
  payload: Record<string, unknown>;
  ip: string | null;
}

function toEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    summary: row.summary,
    payload: parseJson<Record<string, unknown>>(row.payload, {}),
    ip: row.ip,
  };
}

/** Appends to and reads the audit log. */
export class AuditRepository {
  constructor(private readonly db: DB) {}

  /** Appends one entry. */
  async append(entry: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        id: entry.id,
        at: entry.at,
        actor_id: entry.actorId,
        actor_name: entry.actorName,
        action: entry.action,
        entity: entry.entity,
        entity_id: entry.entityId,
        summary: entry.summary,
        payload: JSON.stringify(entry.payload),
        ip: entry.ip,
      })
      .execute();
  }

  /** Newest first, optionally for one entity or one action. */
  async list(
    options: ListOptions & { entity?: string | undefined; entityId?: string | undefined; action?: string | undefined } = {},
  ): Promise<Page<AuditEntry>> {
    let query = this.db.selectFrom('audit_log');
    if (options.entity) query = query.where('entity', '=', options.entity);
    if (options.entityId) query = query.where('entity_id', '=', options.entityId);
    if (options.action) query = query.where('action', '=', options.action);
    const { limit, offset } = pageWindow(options);
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy('seq', 'desc').limit(limit).offset(offset).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toEntry), total: Number(count.n) };
  }
}
