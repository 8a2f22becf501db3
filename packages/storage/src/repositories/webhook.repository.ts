/**
 * Webhook subscriptions and their delivery log. A delivery is one event for one
 * subscription; its id is deterministic, so fanning the same event out twice never sends
 * it twice. Each attempt updates the row: attempts, last status code, error and latency.
 */
import type { Selectable } from 'kysely';
import { AppError } from '@lianxin/core';
import type { DB } from '../database';
import type { WebhookDeliveriesTable, WebhookSubscriptionsTable } from '../schema';
import { fromBool, parseJson, toBool } from '../sql-helpers';

/** A subscription as stored (the secret stays encrypted). */
export interface WebhookSubscriptionRecord {
  id: string;
  name: string;
  url: string;
  eventTypes: string[];
  secretEnc: string;
  active: boolean;
  version: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Where a delivery stands. */
export type WebhookDeliveryStatus = 'pending' | 'retrying' | 'succeeded' | 'dead';

/** One event for one subscription, with the outcome of its latest attempt. */
export interface WebhookDeliveryRecord {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  caseId: string | null;
  payload: Record<string, unknown>;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastLatencyMs: number | null;
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
}

function toSubscription(row: Selectable<WebhookSubscriptionsTable>): WebhookSubscriptionRecord {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    eventTypes: parseJson<string[]>(row.event_types, []),
    secretEnc: row.secret_enc,
    active: toBool(Number(row.active)),
    version: Number(row.version),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toDelivery(row: Selectable<WebhookDeliveriesTable>): WebhookDeliveryRecord {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    eventId: row.event_id,
    eventType: row.event_type,
    caseId: row.case_id,
    payload: parseJson<Record<string, unknown>>(row.payload, {}),
    status: row.status as WebhookDeliveryStatus,
    attempts: Number(row.attempts),
    lastStatusCode: row.last_status_code === null ? null : Number(row.last_status_code),
    lastError: row.last_error,
    lastLatencyMs: row.last_latency_ms === null ? null : Number(row.last_latency_ms),
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deliveredAt: row.delivered_at,
  };
}

/** Reads and writes webhook subscriptions and deliveries. */
export class WebhookRepository {
  constructor(private readonly db: DB) {}

  /** Stores a new subscription. */
  async insertSubscription(s: Omit<WebhookSubscriptionRecord, 'version' | 'updatedAt'>): Promise<WebhookSubscriptionRecord> {
    await this.db
      .insertInto('webhook_subscriptions')
      .values({
        id: s.id,
        name: s.name,
        url: s.url,
        event_types: JSON.stringify(s.eventTypes),
        secret_enc: s.secretEnc,
        active: fromBool(s.active),
        created_by: s.createdBy,
        created_at: s.createdAt,
        updated_at: s.createdAt,
      })
      .execute();
    return (await this.findSubscription(s.id))!;
  }

  /** One subscription, or undefined. */
  async findSubscription(id: string): Promise<WebhookSubscriptionRecord | undefined> {
    const row = await this.db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toSubscription(row) : undefined;
  }

  /** Every subscription, newest first. */
  async listSubscriptions(options: { activeOnly?: boolean } = {}): Promise<WebhookSubscriptionRecord[]> {
    let query = this.db.selectFrom('webhook_subscriptions').selectAll();
    if (options.activeOnly) query = query.where('active', '=', 1);
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    return rows.map(toSubscription);
  }

  /** True when at least one subscription is active (cheap check on every case change). */
  async hasActive(): Promise<boolean> {
    const row = await this.db.selectFrom('webhook_subscriptions').select('id').where('active', '=', 1).limit(1).executeTakeFirst();
    return !!row;
  }

  /** Changes a subscription, guarded by its version (409 VERSION_CONFLICT when stale). */
  async updateSubscription(
    id: string,
    expectedVersion: number,
    changes: Partial<Pick<WebhookSubscriptionRecord, 'name' | 'url' | 'eventTypes' | 'active' | 'secretEnc'>>,
    now: string,
  ): Promise<WebhookSubscriptionRecord> {
    const result = await this.db
      .updateTable('webhook_subscriptions')
      .set((eb) => ({
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.url !== undefined ? { url: changes.url } : {}),
        ...(changes.eventTypes !== undefined ? { event_types: JSON.stringify(changes.eventTypes) } : {}),
        ...(changes.active !== undefined ? { active: fromBool(changes.active) } : {}),
        ...(changes.secretEnc !== undefined ? { secret_enc: changes.secretEnc } : {}),
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      if (!(await this.findSubscription(id))) throw new AppError('RESOURCE_NOT_FOUND');
      throw new AppError('VERSION_CONFLICT');
    }
    return (await this.findSubscription(id))!;
  }

  /** Adds a delivery unless one for the same subscription and event exists; true when added. */
  async insertDelivery(
    d: Pick<WebhookDeliveryRecord, 'id' | 'subscriptionId' | 'eventId' | 'eventType' | 'caseId' | 'payload' | 'createdAt'>,
  ): Promise<boolean> {
    const result = await this.db
      .insertInto('webhook_deliveries')
      .values({
        id: d.id,
        subscription_id: d.subscriptionId,
        event_id: d.eventId,
        event_type: d.eventType,
        case_id: d.caseId,
        payload: JSON.stringify(d.payload),
        status: 'pending',
        last_status_code: null,
        last_error: null,
        last_latency_ms: null,
        next_attempt_at: d.createdAt,
        created_at: d.createdAt,
        updated_at: d.createdAt,
        delivered_at: null,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** One delivery, or undefined. */
  async findDelivery(id: string): Promise<WebhookDeliveryRecord | undefined> {
    const row = await this.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toDelivery(row) : undefined;
  }

  /** Records one attempt's outcome. */
  async recordAttempt(
    id: string,
    outcome: { status: WebhookDeliveryStatus; statusCode: number | null; error: string | null; latencyMs: number; nextAttemptAt: string | null; now: string },
  ): Promise<void> {
    await this.db
      .updateTable('webhook_deliveries')
      .set((eb) => ({
        status: outcome.status,
        attempts: eb('attempts', '+', 1),
        last_status_code: outcome.statusCode,
        last_error: outcome.error?.slice(0, 1000) ?? null,
        last_latency_ms: Math.round(outcome.latencyMs),
        next_attempt_at: outcome.nextAttemptAt,
        updated_at: outcome.now,
        ...(outcome.status === 'succeeded' ? { delivered_at: outcome.now } : {}),
      }))
      .where('id', '=', id)
      .execute();
  }

  /** Puts a dead delivery back to pending (a manual redelivery). */
  async requeue(id: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('webhook_deliveries')
      .set({ status: 'pending', next_attempt_at: now, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'dead')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** The delivery log of a subscription (or all), newest first. */
  async listDeliveries(
    options: { subscriptionId?: string | undefined; status?: WebhookDeliveryStatus | undefined; limit?: number } = {},
  ): Promise<WebhookDeliveryRecord[]> {
    let query = this.db.selectFrom('webhook_deliveries').selectAll();
    if (options.subscriptionId) query = query.where('subscription_id', '=', options.subscriptionId);
    if (options.status) query = query.where('status', '=', options.status);
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit ?? 100)
      .execute();
    return rows.map(toDelivery);
  }
}
