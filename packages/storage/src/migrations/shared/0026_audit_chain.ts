/**
 * Migration 0026, both dialects: the audit log becomes a hash chain (see audit.repository.ts).
 * Entries already stored are chained in the order they were written (`seq`), so from this
 * migration on a deleted, edited or reordered entry — old or new — fails `lianxin audit verify`.
 * Frozen: a later change is a new migration.
 */
import { GENESIS_HASH, hashEvent } from '@lianxin/core';
import { sql, type Kysely } from 'kysely';

const PAGE = 1000;

/** An audit entry as this migration reads it (the columns of 0001, before the chain). */
interface AuditRow {
  seq: number;
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  summary: string | null;
  payload: string;
  ip: string | null;
}

/**
 * The fields an entry's hash covers, as `auditHashFields` in `repositories/audit.repository.ts`
 * named them when this migration was written (a migration never imports live repository code).
 * The live repository must hash the same fields, or it rejects the chain this migration built;
 * `lianxin audit verify` and the audit chain tests catch that.
 */
function auditHashFields(row: AuditRow) {
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

export async function chainAuditLog(db: Kysely<unknown>, t: { bigint: string }): Promise<void> {
  await sql.raw('ALTER TABLE audit_log ADD COLUMN prev_hash TEXT').execute(db);
  await sql.raw('ALTER TABLE audit_log ADD COLUMN hash TEXT').execute(db);
  await sql.raw(`ALTER TABLE audit_log ADD COLUMN chain_index ${t.bigint}`).execute(db);
  await sql.raw(`CREATE TABLE audit_chain_head (id INTEGER PRIMARY KEY CHECK (id = 1), entries ${t.bigint} NOT NULL, hash TEXT NOT NULL)`).execute(db);

  let entries = 0;
  let last = GENESIS_HASH;
  for (let after = -1; ;) {
    const { rows } = await sql<AuditRow>`SELECT * FROM audit_log WHERE seq > ${after} ORDER BY seq LIMIT ${PAGE}`.execute(db);
    for (const row of rows) {
      const hash = hashEvent(auditHashFields(row), last);
      entries++;
      await sql`UPDATE audit_log SET prev_hash = ${last}, hash = ${hash}, chain_index = ${entries} WHERE seq = ${row.seq}`.execute(db);
      last = hash;
      after = Number(row.seq);
    }
    if (rows.length < PAGE) break;
  }
  await sql`INSERT INTO audit_chain_head (id, entries, hash) VALUES (1, ${entries}, ${last})`.execute(db);
  await sql.raw('CREATE UNIQUE INDEX audit_log_chain_idx ON audit_log(chain_index)').execute(db);
  // Normally empty: entries an older instance wrote during a rolling upgrade, adopted by the next append.
  await sql.raw('CREATE INDEX audit_log_unchained_idx ON audit_log(seq) WHERE chain_index IS NULL').execute(db);
}
