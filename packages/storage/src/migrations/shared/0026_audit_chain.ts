/**
 * Migration 0026, both dialects: the audit log becomes a hash chain (see audit.repository.ts).
 * Entries already stored are chained in the order they were written (`seq`), so from this
 * migration on a deleted, edited or reordered entry — old or new — fails `lianxin audit verify`.
 * Frozen: a later change is a new migration.
 */
import { GENESIS_HASH, hashEvent } from '@lianxin/core';
import { sql, type Kysely, type Selectable } from 'kysely';
import { auditHashFields } from '../../repositories/audit.repository';
import type { AuditLogTable } from '../../schema';

const PAGE = 1000;

export async function chainAuditLog(db: Kysely<unknown>, t: { bigint: string }): Promise<void> {
  await sql.raw('ALTER TABLE audit_log ADD COLUMN prev_hash TEXT').execute(db);
  await sql.raw('ALTER TABLE audit_log ADD COLUMN hash TEXT').execute(db);
  await sql.raw(`ALTER TABLE audit_log ADD COLUMN chain_index ${t.bigint}`).execute(db);
  await sql.raw(`CREATE TABLE audit_chain_head (id INTEGER PRIMARY KEY CHECK (id = 1), entries ${t.bigint} NOT NULL, hash TEXT NOT NULL)`).execute(db);

  let entries = 0;
  let last = GENESIS_HASH;
  for (let after = -1; ;) {
    const { rows } = await sql<Selectable<AuditLogTable>>`SELECT * FROM audit_log WHERE seq > ${after} ORDER BY seq LIMIT ${PAGE}`.execute(db);
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
