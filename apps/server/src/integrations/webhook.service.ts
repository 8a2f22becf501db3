/**
 * Webhooks for outside systems (e.g. a 12345 hotline platform): admins subscribe a URL to
 * case events; each event becomes one delivery per subscription, POSTed as JSON and signed
 * with the subscription's secret (see webhook-signature.ts), through the DB job queue —
 * retried with exponential backoff, and a dead letter after the last attempt. Every
 * attempt is logged on the delivery (status code, attempts, latency). Payloads carry no
 * personal data: ids, states, deadlines, and titles and notes with personal data masked.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { AppError } from '@lianxin/core';
import {
  inTransaction,
  type CaseEventRecord,
  type CaseRecord,
  type Repositories,
  type WebhookDeliveryRecord,
  type WebhookSubscriptionRecord,
} from '@lianxin/storage';
import { maskPii } from '@lianxin/text';
import type { ServiceDeps } from '../platform/deps';
import { AddressPolicy } from '../platform/adapters/address-policy';
import { newId } from '../platform/adapters/ids';
import { enqueue } from '../platform/jobs/enqueue';
import { backoffDelay } from '../platform/jobs/job-runner';
import { WEBHOOK_DELIVER } from './webhook-job-types';
import { authorize, type RequestActor } from '../auth/actor';
import { open311Status } from './open311.service';
import { subscribes, WEBHOOK_EVENT_OF } from './webhook-events';
import { DELIVERY_HEADER, EVENT_HEADER, signatureHeader, SIGNATURE_HEADER } from './webhook-signature';

/** How long one attempt may take. */
const TIMEOUT_MS = 10_000;

/** A subscription as shown (never the secret). */
export function presentSubscription(s: WebhookSubscriptionRecord) {
  return { id: s.id, name: s.name, url: s.url, eventTypes: s.eventTypes, active: s.active, version: s.version, createdAt: s.createdAt, updatedAt: s.updatedAt };
}

/** A delivery as shown in the log (without its payload). */
export function presentDelivery(d: WebhookDeliveryRecord) {
  return {
    id: d.id,
    subscriptionId: d.subscriptionId,
    eventId: d.eventId,
    eventType: d.eventType,
    caseId: d.caseId,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    lastLatencyMs: d.lastLatencyMs,
    nextAttemptAt: d.nextAttemptAt,
    createdAt: d.createdAt,
    deliveredAt: d.deliveredAt,
  };
}

/** Deterministic delivery id: one delivery per subscription and event, however often fanned out. */
function deliveryId(subscriptionId: string, eventId: string): string {
  return `whd_${createHash('sha256').update(`${subscriptionId}:${eventId}`).digest('hex').slice(0, 32)}`;
}

/** What one HTTP attempt gave. */
interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  latencyMs: number;
}

/** What one POST answered (or why it could not be made). */
interface PostResult {
  statusCode: number;
}

/**
 * Manages subscriptions and delivers events. Targets must be public addresses unless their
 * network is allow-listed (`LIANXIN_WEBHOOK_ALLOW_NETWORKS`): checked when a URL is saved, and
 * again on every delivery on the addresses the connection really uses (see address-policy.ts).
 */
export class WebhookService {
  private readonly targets: AddressPolicy;

  constructor(
    private readonly deps: Pick<ServiceDeps, 'audit' | 'cipher' | 'clock' | 'config' | 'repos' | 'storage'>,
    private readonly options: { backoffMs?: number; maxBackoffMs?: number } = {},
  ) {
    this.targets = new AddressPolicy(deps.config.webhookAllowNetworks);
  }

  /** Refuses a URL whose host is or resolves to an address webhooks may not reach. */
  private async checkTarget(url: string): Promise<void> {
    const why = await this.targets.checkHost(new URL(url).hostname);
    if (why)
      throw new AppError('VALIDATION_FAILED', {
        message: 'Webhooks may only be sent to public addresses.',
        details: [{ path: 'url', code: 'address_not_allowed', message: `${why}; allow its network with LIANXIN_WEBHOOK_ALLOW_NETWORKS` }],
      });
  }

  /** Every subscription. */
  async list(actor: RequestActor): Promise<WebhookSubscriptionRecord[]> {
    authorize(actor, 'integration.manage');
    return this.deps.repos.webhooks.listSubscriptions();
  }

  /** Subscribes a URL; the answer is the only place the secret appears. */
  async create(
    actor: RequestActor,
    input: { name: string; url: string; eventTypes: string[] },
  ): Promise<{ subscription: WebhookSubscriptionRecord; secret: string }> {
    authorize(actor, 'integration.manage');
    await this.checkTarget(input.url);
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const now = this.deps.clock.now().toISOString();
    const subscription = await inTransaction(this.deps.storage.db, async (repos: Repositories) => {
      const created = await repos.webhooks.insertSubscription({
        id: newId(),
        name: input.name,
        url: input.url,
        eventTypes: [...new Set(input.eventTypes)],
        secretEnc: this.deps.cipher.encrypt(secret)!,
        active: true,
        createdBy: actor.username,
        createdAt: now,
      });
      await this.deps.audit.record(
        actor,
        {
          action: 'webhook.create',
          entity: 'webhook',
          entityId: created.id,
          summary: `${input.name} → ${input.url}`,
          payload: { eventTypes: created.eventTypes },
        },
        repos,
      );
      return created;
    });
    return { subscription, secret };
  }

  /** Changes a subscription (name, URL, events, on/off). */
  async update(
    actor: RequestActor,
    id: string,
    input: { expectedVersion: number; name?: string | undefined; url?: string | undefined; eventTypes?: string[] | undefined; active?: boolean | undefined },
  ): Promise<WebhookSubscriptionRecord> {
    authorize(actor, 'integration.manage');
    if (input.url !== undefined) await this.checkTarget(input.url);
    const now = this.deps.clock.now().toISOString();
    return inTransaction(this.deps.storage.db, async (repos: Repositories) => {
      const updated = await repos.webhooks.updateSubscription(
        id,
        input.expectedVersion,
        {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.url !== undefined ? { url: input.url } : {}),
          ...(input.eventTypes !== undefined ? { eventTypes: [...new Set(input.eventTypes)] } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
        },
        now,
      );
      await this.deps.audit.record(actor, { action: 'webhook.update', entity: 'webhook', entityId: id, summary: updated.name, payload: { ...input } }, repos);
      return updated;
    });
  }

  /** Replaces the secret; the old one stops signing at once. */
  async rotateSecret(actor: RequestActor, id: string, expectedVersion: number): Promise<{ subscription: WebhookSubscriptionRecord; secret: string }> {
    authorize(actor, 'integration.manage');
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const now = this.deps.clock.now().toISOString();
    const subscription = await inTransaction(this.deps.storage.db, async (repos: Repositories) => {
      const updated = await repos.webhooks.updateSubscription(id, expectedVersion, { secretEnc: this.deps.cipher.encrypt(secret)! }, now);
      await this.deps.audit.record(actor, { action: 'webhook.rotate_secret', entity: 'webhook', entityId: id, summary: updated.name }, repos);
      return updated;
    });
    return { subscription, secret };
  }

  /** The delivery log (of one subscription, or all). */
  async deliveries(
    actor: RequestActor,
    options: { subscriptionId?: string | undefined; status?: WebhookDeliveryRecord['status'] | undefined; limit?: number },
  ): Promise<WebhookDeliveryRecord[]> {
    authorize(actor, 'integration.manage');
    return this.deps.repos.webhooks.listDeliveries(options);
  }

  /** Sends a `ping` now and logs it like any delivery (no retries: the answer is the result). */
  async ping(actor: RequestActor, id: string): Promise<WebhookDeliveryRecord> {
    authorize(actor, 'integration.manage');
    const subscription = await this.deps.repos.webhooks.findSubscription(id);
    if (!subscription) throw new AppError('RESOURCE_NOT_FOUND', { message: 'No such webhook.' });
    const now = this.deps.clock.now().toISOString();
    const eventId = `ping:${newId()}`;
    const delivery = {
      id: deliveryId(subscription.id, eventId),
      subscriptionId: subscription.id,
      eventId,
      eventType: 'ping',
      caseId: null,
      payload: { type: 'ping', occurredAt: now, webhook: { id: subscription.id, name: subscription.name } },
      createdAt: now,
    };
    await inTransaction(this.deps.storage.db, async (repos: Repositories) => {
      await repos.webhooks.insertDelivery(delivery);
      await this.deps.audit.record(actor, { action: 'webhook.ping', entity: 'webhook', entityId: id, summary: subscription.name }, repos);
    });
    const stored = (await this.deps.repos.webhooks.findDelivery(delivery.id))!;
    const result = await this.send(subscription, stored);
    await this.deps.repos.webhooks.recordAttempt(stored.id, {
      status: result.ok ? 'succeeded' : 'dead',
      statusCode: result.statusCode,
      error: result.error,
      latencyMs: result.latencyMs,
      nextAttemptAt: null,
      now: this.deps.clock.now().toISOString(),
    });
    return (await this.deps.repos.webhooks.findDelivery(stored.id))!;
  }

  /** Sends a dead delivery again (a fresh round of attempts). */
  async redeliver(actor: RequestActor, deliveryIdToRetry: string): Promise<WebhookDeliveryRecord> {
    authorize(actor, 'integration.manage');
    const now = this.deps.clock.now().toISOString();
    return inTransaction(this.deps.storage.db, async (repos: Repositories) => {
      const delivery = await repos.webhooks.findDelivery(deliveryIdToRetry);
      if (!delivery) throw new AppError('RESOURCE_NOT_FOUND', { message: 'No such delivery.' });
      if (delivery.eventType === 'ping' || !(await repos.webhooks.requeue(delivery.id, now)))
        throw new AppError('ACTION_NOT_ALLOWED', { message: 'Only dead event deliveries can be sent again.' });
      await enqueue(repos, WEBHOOK_DELIVER.name, { deliveryId: delivery.id }, { id: `webhook:${delivery.id}:${now}`, runAt: now, now });
      await this.deps.audit.record(
        actor,
        { action: 'webhook.redeliver', entity: 'webhook_delivery', entityId: delivery.id, summary: delivery.eventType },
        repos,
      );
      return (await repos.webhooks.findDelivery(delivery.id))!;
    });
  }

  /** One delivery per active subscription that wants each event (idempotent). */
  async fanOut(caseId: string, eventIds: string[]): Promise<number> {
    const { repos } = this.deps;
    const subscriptions = await repos.webhooks.listSubscriptions({ activeOnly: true });
    const record = await repos.cases.find(caseId);
    if (!record || !subscriptions.length) return 0;
    const wanted = new Set(eventIds);
    const events = (await repos.cases.events(caseId)).filter((e) => wanted.has(e.id));
    const now = this.deps.clock.now().toISOString();
    let created = 0;
    await inTransaction(this.deps.storage.db, async (trx: Repositories) => {
      for (const event of events) {
        const type = WEBHOOK_EVENT_OF[event.type];
        if (!type) continue;
        for (const subscription of subscriptions.filter((s) => subscribes(s.eventTypes, type))) {
          const id = deliveryId(subscription.id, event.id);
          const added = await trx.webhooks.insertDelivery({
            id,
            subscriptionId: subscription.id,
            eventId: event.id,
            eventType: type,
            caseId,
            payload: this.payload(type, event, record),
            createdAt: now,
          });
          if (!added) continue;
          created++;
          await enqueue(trx, WEBHOOK_DELIVER.name, { deliveryId: id }, { id: `webhook:${id}`, runAt: now, now });
        }
      }
    });
    return created;
  }

  /** One attempt of a delivery; throws on failure so the queue retries (or dead-letters) it. */
  async deliver(id: string, attempt: number, maxAttempts: number): Promise<void> {
    const { repos } = this.deps;
    const delivery = await repos.webhooks.findDelivery(id);
    if (!delivery || delivery.status === 'succeeded' || delivery.status === 'dead') return;
    const subscription = await repos.webhooks.findSubscription(delivery.subscriptionId);
    const now = () => this.deps.clock.now();
    if (!subscription?.active) {
      await repos.webhooks.recordAttempt(id, {
        status: 'dead',
        statusCode: null,
        error: 'subscription switched off',
        latencyMs: 0,
        nextAttemptAt: null,
        now: now().toISOString(),
      });
      return;
    }
    const result = await this.send(subscription, delivery);
    const last = attempt >= maxAttempts;
    const retryAt = new Date(now().getTime() + backoffDelay(attempt, this.options.backoffMs ?? 5_000, this.options.maxBackoffMs ?? 3_600_000)).toISOString();
    await repos.webhooks.recordAttempt(id, {
      status: result.ok ? 'succeeded' : last ? 'dead' : 'retrying',
      statusCode: result.statusCode,
      error: result.error,
      latencyMs: result.latencyMs,
      nextAttemptAt: result.ok || last ? null : retryAt,
      now: now().toISOString(),
    });
    if (!result.ok) throw new Error(`webhook ${subscription.url} answered ${result.statusCode ?? result.error}`);
  }

  /** POSTs the delivery, signed; never throws. */
  private async send(subscription: WebhookSubscriptionRecord, delivery: WebhookDeliveryRecord): Promise<AttemptResult> {
    const secret = this.deps.cipher.decrypt(subscription.secretEnc) ?? '';
    const body = JSON.stringify({ id: delivery.id, ...delivery.payload });
    const timestamp = Math.floor(this.deps.clock.now().getTime() / 1000);
    const started = performance.now();
    try {
      const { statusCode } = await this.post(subscription.url, body, {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Lianxin-Webhook/1',
        [SIGNATURE_HEADER]: signatureHeader(secret, timestamp, body),
        [DELIVERY_HEADER]: delivery.id,
        [EVENT_HEADER]: delivery.eventType,
      });
      const ok = statusCode >= 200 && statusCode < 300;
      return { ok, statusCode, error: ok ? null : `HTTP ${statusCode}`, latencyMs: performance.now() - started };
    } catch (error) {
      const message = error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error);
      return { ok: false, statusCode: null, error: message, latencyMs: performance.now() - started };
    }
  }

  /**
   * One POST with node's http(s) client, whose `lookup` is the address policy: the socket can
   * only connect to an address checked at this moment, whatever the name resolved to when the
   * URL was saved (DNS rebinding). An IP literal is checked directly (no lookup happens). No
   * redirects are followed; the answer's body is read and dropped.
   */
  private async post(url: string, body: string, headers: Record<string, string>): Promise<PostResult> {
    const target = new URL(url);
    const literal = target.hostname.replace(/^\[|\]$/g, '');
    const refused = net.isIP(literal) ? this.targets.refusal(literal) : null;
    if (refused) throw new Error(`address not allowed: ${refused}`);
    const client = target.protocol === 'https:' ? https : http;
    return new Promise<PostResult>((resolve, reject) => {
      const request = client.request(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          lookup: this.targets.lookup(),
          signal: AbortSignal.timeout(TIMEOUT_MS),
          agent: false,
        },
        (response) => {
          response.on('data', () => undefined);
          response.on('end', () => resolve({ statusCode: response.statusCode ?? 0 }));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  /** What the receiver gets: ids, states and deadlines; free text masked; no contact data. */
  private payload(type: string, event: CaseEventRecord, record: CaseRecord): Record<string, unknown> {
    return {
      type,
      occurredAt: event.at,
      eventId: event.id,
      case: {
        id: record.id,
        serviceRequestId: record.id,
        status: record.status,
        open311Status: open311Status(record.status),
        channel: record.channel,
        kind: record.kind,
        title: maskPii(record.title),
        categoryId: record.categoryId,
        unitId: record.unitId,
        departmentId: record.departmentId,
        replyDueAt: record.replyDueAt,
        createdAt: record.createdAt,
        updatedAt: record.updatedAt,
      },
      event: {
        type: event.type,
        fromStatus: event.fromStatus,
        toStatus: event.toStatus,
        note: event.reason ? maskPii(event.reason) : null,
      },
    };
  }
}
