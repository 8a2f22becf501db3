/**
 * The audit log of administrative changes, contact reveals and exports. Rows are only
 * ever appended, as a hash chain like the case events (core's event-chain.ts): each entry
 * stores the previous entry's hash (`prev_hash`), its own (`hash`) and its place
 * (`chain_index`), and `audit_chain_head` holds the count and the last hash. An append locks
 * the head row (`FOR UPDATE` on PostgreSQL; SQLite has one writer), so concurrent appends from
 * many instances still form one chain; deleting, editing or reordering entries, or cutting
 * the newest ones off, no longer verifies (`lianxin audit verify`).
 */
import { GENESIS_HASH, hashEvent } from '@lianxin/core';
import { PostgresAdapter, type Selectable } from 'kysely';
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

/** What an entry's hash covers: every stored field as stored (the payload as its JSON text). */
export function auditHashFields(
  row: Pick<Selectable<AuditLogTable>, 'id' | 'at' | 'actor_id' | 'actor_name' | 'action' | 'entity' | 'entity_id' | 'summary' | 'payload' | 'ip'>,
) {
  return {
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    summary: row.summary,
    payload: row.payload,
    ip: row.ip,
  };
}

/** An entry as the chain check reads it. */
export interface ChainedAuditEntry {
  seq: number;
  chainIndex: number | null;
  /** The hashed fields (see `auditHashFields`). */
  fields: ReturnType<typeof auditHashFields>;
  prevHash: string | null;
  hash: string | null;
}

/** The end of the chain as the head row records it. */
export interface AuditChainHead {
  entries: number;
  hash: string;
}

function toChained(row: Selectable<AuditLogTable>): ChainedAuditEntry {
  return {
    seq: Number(row.seq),
    chainIndex: row.chain_index === null ? null : Number(row.chain_index),
    fields: auditHashFields(row),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Appends to and reads the audit log. */
export class AuditRepository {
  private readonly postgres: boolean;

  constructor(private readonly db: DB) {
    this.postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  }

  /** Appends one entry to the chain, in the caller's transaction or in one of its own. */
  async append(entry: AuditEntry): Promise<void> {
    if (this.db.isTransaction) return this.appendIn(this.db, entry);
    return this.db.transaction().execute((trx) => this.appendIn(trx, entry));
  }

  private async appendIn(db: DB, entry: AuditEntry): Promise<void> {
    // The head row is the lock: a concurrent append waits here until this transaction ends.
    let head = db.selectFrom('audit_chain_head').select(['entries', 'hash']).where('id', '=', 1);
    if (this.postgres) head = head.forUpdate();
    const current = await head.executeTakeFirst();
    let entries = current ? Number(current.entries) : 0;
    let last = current?.hash ?? GENESIS_HASH;
    // Entries written without a link (by an instance still on the previous version during a rolling
    // upgrade) join the chain now, in the order they were written.
    const loose = await db.selectFrom('audit_log').selectAll().where('chain_index', 'is', null).orderBy('seq').execute();
    for (const row of loose) {
      const hash = hashEvent(auditHashFields(row), last);
      entries++;
      await db.updateTable('audit_log').set({ prev_hash: last, hash, chain_index: entries }).where('seq', '=', row.seq).execute();
      last = hash;
    }
    const row = {
      id: entry.id,
      // Stored as PostgreSQL gives it back, so the hash recomputes from what is read.
      at: new Date(entry.at).toISOString(),
      actor_id: entry.actorId,
      actor_name: entry.actorName,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      summary: entry.summary,
      payload: JSON.stringify(entry.payload),
      ip: entry.ip,
    };
    const hash = hashEvent(auditHashFields(row), last);
    entries++;
    await db
      .insertInto('audit_log')
      .values({ ...row, prev_hash: last, hash, chain_index: entries })
      .execute();
    await db
      .insertInto('audit_chain_head')
      .values({ id: 1, entries, hash })
      .onConflict((oc) => oc.column('id').doUpdateSet({ entries, hash }))
      .execute();
  }

  /** Entries in chain order after `afterIndex`, for the chain check. */
  async chainPage(afterIndex: number, limit: number): Promise<ChainedAuditEntry[]> {
    const rows = await this.db.selectFrom('audit_log').selectAll().where('chain_index', '>', afterIndex).orderBy('chain_index').limit(limit).execute();
    return rows.map(toChained);
  }

  /** The first entry outside the chain (in write order), if any. */
  async firstUnchained(): Promise<ChainedAuditEntry | undefined> {
    const row = await this.db.selectFrom('audit_log').selectAll().where('chain_index', 'is', null).orderBy('seq').limit(1).executeTakeFirst();
    return row ? toChained(row) : undefined;
  }

  /** The head row, or undefined when it is missing. */
  async chainHead(): Promise<AuditChainHead | undefined> {
    const head = await this.db.selectFrom('audit_chain_head').select(['entries', 'hash']).where('id', '=', 1).executeTakeFirst();
    return head ? { entries: Number(head.entries), hash: head.hash } : undefined;
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
