/**
 * Migration 0025, both dialects: nothing stored may link a deputy to their ballot.
 *
 * Until now a cast wrote the participation row and the ballot row in one transaction, so the
 * ballots' physical order (SQLite rowid, PostgreSQL heap order and `xmin`) followed the order
 * of the votes, which the participations and the audit log's timestamps also record. From now
 * on ballots wait in `vote_ballot_pool` — one sealed (encrypted) blob per round and phase,
 * rewritten whole by every cast — and reach `vote_ballots` only when the vote closes, all in
 * one statement in hash order (see voting.repository.ts). This migration rewrites the ballots
 * already stored in hash order, into a fresh table, so their old order goes with the old table.
 * SQLite: both tables are WITHOUT ROWID (clustered on their key, no insertion-ordered rowid),
 * and the old table's pages are zeroed as they are freed (`secure_delete`).
 * Frozen: a later change is a new migration.
 */
import { sql, type Kysely } from 'kysely';

export async function separateBallots(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const withoutRowid = dialect === 'sqlite' ? ' WITHOUT ROWID' : '';
  const statements = [
    `CREATE TABLE vote_ballot_pool (
      round_id TEXT NOT NULL REFERENCES vote_rounds(id), phase TEXT NOT NULL, sealed TEXT NOT NULL,
      PRIMARY KEY (round_id, phase)
    )${withoutRowid}`,
    `CREATE TABLE vote_ballots_sorted (
      hash TEXT NOT NULL PRIMARY KEY, round_id TEXT NOT NULL REFERENCES vote_rounds(id), phase TEXT NOT NULL,
      choices TEXT NOT NULL, nonce TEXT NOT NULL
    )${withoutRowid}`,
    'INSERT INTO vote_ballots_sorted (hash, round_id, phase, choices, nonce) SELECT hash, round_id, phase, choices, nonce FROM vote_ballots ORDER BY hash',
    'DROP TABLE vote_ballots',
    'ALTER TABLE vote_ballots_sorted RENAME TO vote_ballots',
    ...(dialect === 'postgres'
      ? [
          'ALTER INDEX vote_ballots_sorted_pkey RENAME TO vote_ballots_pkey',
          'ALTER TABLE vote_ballots RENAME CONSTRAINT vote_ballots_sorted_round_id_fkey TO vote_ballots_round_id_fkey',
        ]
      : []),
    'CREATE INDEX vote_ballots_round_idx ON vote_ballots(round_id, phase, hash)',
  ];
  if (dialect === 'sqlite') await sql.raw('PRAGMA secure_delete = 1').execute(db);
  try {
    for (const statement of statements) await sql.raw(statement).execute(db);
  } finally {
    if (dialect === 'sqlite') await sql.raw('PRAGMA secure_delete = 0').execute(db);
  }
}
