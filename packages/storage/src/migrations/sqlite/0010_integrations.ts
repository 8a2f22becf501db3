import { sql, type Kysely } from 'kysely';

/**
 * Integrations (SQLite): API keys of outside systems (only a SHA-256 of the key is kept),
 * Open311 requests (which key filed which case, and its token), webhook subscriptions
 * (secret encrypted, it signs every delivery) and the webhook delivery log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE api_keys (
      id TEXT PRIMARY KEY, name TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE, key_prefix TEXT NOT NULL,
      scopes TEXT NOT NULL DEFAULT '["open311"]', created_by TEXT, created_at TEXT NOT NULL,
      last_used_at TEXT, revoked_at TEXT, revoked_by TEXT
    )`.execute(db);
  await sql`
    CREATE TABLE open311_requests (
      case_id TEXT PRIMARY KEY REFERENCES cases(id), token TEXT NOT NULL UNIQUE, api_key_id TEXT REFERENCES api_keys(id),
      service_code TEXT NOT NULL, attributes TEXT NOT NULL DEFAULT '{}', created_at TEXT NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX open311_requests_key_idx ON open311_requests(api_key_id)`.execute(db);
  await sql`
    CREATE TABLE webhook_subscriptions (
      id TEXT PRIMARY KEY, name TEXT NOT NULL, url TEXT NOT NULL, event_types TEXT NOT NULL DEFAULT '["*"]',
      secret_enc TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1, version INTEGER NOT NULL DEFAULT 1,
      created_by TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
    )`.execute(db);
  await sql`
    CREATE TABLE webhook_deliveries (
      id TEXT PRIMARY KEY, subscription_id TEXT NOT NULL REFERENCES webhook_subscriptions(id), event_id TEXT NOT NULL,
      event_type TEXT NOT NULL, case_id TEXT, payload TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
      last_status_code INTEGER, last_error TEXT, last_latency_ms INTEGER, next_attempt_at TEXT,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, delivered_at TEXT,
      UNIQUE (subscription_id, event_id)
    )`.execute(db);
  await sql`CREATE INDEX webhook_deliveries_sub_idx ON webhook_deliveries(subscription_id, created_at)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
