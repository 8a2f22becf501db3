/**
 * Records who changed, revealed or exported what. Called inside the same transaction as
 * the change it describes, so a change is never without its audit entry.
 */
import type { Clock } from '@lianxin/core';
import type { Repositories } from '@lianxin/storage';
import { newId } from '../platform/adapters/ids';
import type { RequestActor } from '../auth/actor';

/** One audit entry to append. */
export interface AuditInput {
  action: string;
  entity: string;
  entityId?: string | null;
  summary?: string | null;
  payload?: Record<string, unknown>;
}

/** Appends audit entries. */
export class AuditService {
  constructor(private readonly deps: { clock: Clock; repos: Repositories }) {}

  /** Appends an entry, inside `repos` when a transaction is under way. */
  async record(actor: RequestActor | null, input: AuditInput, repos: Repositories = this.deps.repos): Promise<void> {
    await repos.audit.append({
      id: newId(),
      at: this.deps.clock.now().toISOString(),
      actorId: actor?.userId ?? null,
      actorName: actor?.username ?? null,
      action: input.action,
      entity: input.entity,
      entityId: input.entityId ?? null,
      summary: input.summary ?? null,
      payload: input.payload ?? {},
      ip: actor?.ip ?? null,
    });
  }
}
