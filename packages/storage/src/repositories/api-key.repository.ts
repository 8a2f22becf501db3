/**
 * API keys of outside systems. The key itself is shown once at creation and never stored:
 * only its SHA-256 (to look it up) and its first characters (to recognise it in a list).
 */
import type { Selectable } from 'kysely';
import type { DB } from '../database';
import type { ApiKeysTable } from '../schema';
import { parseJson } from '../sql-helpers';

/** An API key as stored. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  keyHash: string;
  keyPrefix: string;
  scopes: string[];
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

function toRecord(row: Selectable<ApiKeysTable>): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    keyHash: row.key_hash,
    keyPrefix: row.key_prefix,
    scopes: parseJson<string[]>(row.scopes, []),
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
  };
}

/** Reads and writes API keys. */
export class ApiKeyRepository {
  constructor(private readonly db: DB) {}

  /** Stores a new key (by hash). */
  async insert(key: Omit<ApiKeyRecord, 'lastUsedAt' | 'revokedAt' | 'revokedBy'>): Promise<ApiKeyRecord> {
    await this.db
      .insertInto('api_keys')
      .values({
        id: key.id,
        name: key.name,
        key_hash: key.keyHash,
        key_prefix: key.keyPrefix,
        scopes: JSON.stringify(key.scopes),
        created_by: key.createdBy,
        created_at: key.createdAt,
        last_used_at: null,
        revoked_at: null,
        revoked_by: null,
      })
      .execute();
    return (await this.find(key.id))!;
  }

  /** One key by id, or undefined. */
  async find(id: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** The key with this hash, revoked or not, or undefined. */
  async findByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** Every key, newest first. */
  async list(): Promise<ApiKeyRecord[]> {
    const rows = await this.db.selectFrom('api_keys').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    return rows.map(toRecord);
  }

  /** Notes a use of the key (at most once a minute per key, to keep writes down). */
  async touch(id: string, now: string): Promise<void> {
    const minuteAgo = new Date(new Date(now).getTime() - 60_000).toISOString();
    await this.db
      .updateTable('api_keys')
      .set({ last_used_at: now })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', minuteAgo)]))
      .execute();
  }

  /** Revokes a key; true when it was active. */
  async revoke(id: string, by: string | null, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: now, revoked_by: by })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
