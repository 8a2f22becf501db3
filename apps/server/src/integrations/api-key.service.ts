/**
 * API keys for outside systems (Open311 clients such as a 12345 hotline platform). A key
 * is random, shown once when created, and stored only as its SHA-256, so a database leak
 * reveals no usable key. Keys can be revoked; every use notes when it was last used;
 * creating and revoking are audited.
 */
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '@lianxin/core';
import { inTransaction, type ApiKeyRecord, type Repositories } from '@lianxin/storage';
import type { ServiceDeps } from '../platform/deps';
import { newId } from '../platform/adapters/ids';
import { authorize, type RequestActor } from '../auth/actor';

/** The demo key of API.md ("The Open311 demo API key is `lianxin-demo-key`"). */
export const DEMO_API_KEY = 'lianxin-demo-key';

/** How a key is stored: its SHA-256 in hex. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The stored row of a key given in clear (the demo key, or a freshly generated one). */
export function apiKeyRow(
  key: string,
  fields: { id: string; name: string; createdBy: string | null; createdAt: string },
): Omit<ApiKeyRecord, 'lastUsedAt' | 'revokedAt' | 'revokedBy'> {
  return { ...fields, keyHash: hashApiKey(key), keyPrefix: key.slice(0, 8), scopes: ['open311'] };
}

/** A key as shown in lists (never the key itself). */
export function presentApiKey(k: ApiKeyRecord) {
  return {
    id: k.id,
    name: k.name,
    prefix: k.keyPrefix,
    scopes: k.scopes,
    createdBy: k.createdBy,
    createdAt: k.createdAt,
    lastUsedAt: k.lastUsedAt,
    revokedAt: k.revokedAt,
    active: !k.revokedAt,
  };
}

/** Creates, lists, revokes and checks API keys. */
export class ApiKeyService {
  constructor(private readonly deps: Pick<ServiceDeps, 'audit' | 'clock' | 'repos' | 'storage'>) {}

  /** Every key (admins). */
  async list(actor: RequestActor): Promise<ApiKeyRecord[]> {
    authorize(actor, 'integration.manage');
    return this.deps.repos.apiKeys.list();
  }

  /** Makes a key; the answer is the only place the key ever appears. */
  async create(actor: RequestActor, name: string): Promise<{ record: ApiKeyRecord; key: string }> {
    authorize(actor, 'integration.manage');
    const key = `lxk_${randomBytes(24).toString('base64url')}`;
    const now = this.deps.clock.now().toISOString();
    const record = await inTransaction(this.deps.storage.db, async (repos: Repositories) => {
      const created = await repos.apiKeys.insert(apiKeyRow(key, { id: newId(), name, createdBy: actor.username, createdAt: now }));
      await this.deps.audit.record(
        actor,
        { action: 'api_key.create', entity: 'api_key', entityId: created.id, summary: `${name} (${created.keyPrefix}…)` },
        repos,
      );
      return created;
    });
    return { record, key };
  }

  /** Revokes a key; it stops working at once. */
  async revoke(actor: RequestActor, id: string): Promise<ApiKeyRecord> {
    authorize(actor, 'integration.manage');
    const now = this.deps.clock.now().toISOString();
    return inTransaction(this.deps.storage.db, async (repos: Repositories) => {
      const existing = await repos.apiKeys.find(id);
      if (!existing) throw new AppError('RESOURCE_NOT_FOUND', { message: 'No such API key.' });
      if (!(await repos.apiKeys.revoke(id, actor.username, now))) throw new AppError('ACTION_NOT_ALLOWED', { message: 'This key is already revoked.' });
      await this.deps.audit.record(
        actor,
        { action: 'api_key.revoke', entity: 'api_key', entityId: id, summary: `${existing.name} (${existing.keyPrefix}…)` },
        repos,
      );
      return (await repos.apiKeys.find(id))!;
    });
  }

  /** The active key matching `key`, or null (unknown and revoked look the same). */
  async authenticate(key: string | undefined): Promise<ApiKeyRecord | null> {
    if (!key || key.length > 200) return null;
    const record = await this.deps.repos.apiKeys.findByHash(hashApiKey(key));
    if (!record || record.revokedAt) return null;
    await this.deps.repos.apiKeys.touch(record.id, this.deps.clock.now().toISOString());
    return record;
  }
}
