/**
 * Integration storage contract on both engines: API keys by hash (revocation, throttled
 * last use), webhook subscriptions (version guard) and deliveries (one per subscription and
 * event, attempts counted), Open311 tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from './index';
import { openTestStorage, testDialects, type TestStorage } from './testing/test-databases';

const dialects = await testDialects();
const T0 = '2026-03-02T01:00:00.000Z';
const T1 = '2026-03-02T01:00:30.000Z';
const T2 = '2026-03-02T01:02:00.000Z';

describe.each(dialects)('integration storage on %s', (dialect) => {
  let storage: TestStorage;
  let repos: Repositories;

  beforeAll(async () => {
    storage = await openTestStorage(dialect);
    repos = createRepositories(storage.db);
  });
  afterAll(async () => {
    await storage?.dispose();
  });

  it('finds API keys by hash, notes use at most once a minute, and revokes once', async () => {
    await repos.apiKeys.insert({
      id: 'k1',
      name: '热线',
      keyHash: 'a'.repeat(64),
      keyPrefix: 'lxk_abcd',
      scopes: ['open311'],
      createdBy: 'admin',
      createdAt: T0,
    });
    expect(await repos.apiKeys.findByHash('a'.repeat(64))).toMatchObject({ id: 'k1', scopes: ['open311'], lastUsedAt: null, revokedAt: null });
    expect(await repos.apiKeys.findByHash('b'.repeat(64))).toBeUndefined();
    await repos.apiKeys.touch('k1', T0);
    await repos.apiKeys.touch('k1', T1);
    expect(Date.parse((await repos.apiKeys.find('k1'))!.lastUsedAt!)).toBe(Date.parse(T0));
    await repos.apiKeys.touch('k1', T2);
    expect(Date.parse((await repos.apiKeys.find('k1'))!.lastUsedAt!)).toBe(Date.parse(T2));
    expect(await repos.apiKeys.revoke('k1', 'admin', T2)).toBe(true);
    expect(await repos.apiKeys.revoke('k1', 'admin', T2)).toBe(false);
    expect((await repos.apiKeys.list()).map((k) => [k.id, k.revokedBy])).toEqual([['k1', 'admin']]);
    await expect(
      repos.apiKeys.insert({ id: 'k2', name: 'dup', keyHash: 'a'.repeat(64), keyPrefix: 'x', scopes: [], createdBy: null, createdAt: T0 }),
    ).rejects.toThrow();
  });

  it('keeps subscriptions behind a version and one delivery per subscription and event', async () => {
    expect(await repos.webhooks.hasActive()).toBe(false);
    const sub = await repos.webhooks.insertSubscription({
      id: 'w1',
      name: '平台',
      url: 'http://127.0.0.1:9/x',
      eventTypes: ['case.closed'],
      secretEnc: 'enc',
      active: true,
      createdBy: 'admin',
      createdAt: T0,
    });
    expect(sub).toMatchObject({ version: 1, active: true, eventTypes: ['case.closed'] });
    expect(await repos.webhooks.hasActive()).toBe(true);
    const off = await repos.webhooks.updateSubscription('w1', 1, { active: false, eventTypes: ['*'] }, T1);
    expect(off).toMatchObject({ version: 2, active: false, eventTypes: ['*'] });
    expect(await repos.webhooks.hasActive()).toBe(false);
    await expect(repos.webhooks.updateSubscription('w1', 1, { name: 'x' }, T1)).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    await expect(repos.webhooks.updateSubscription('nope', 1, { name: 'x' }, T1)).rejects.toMatchObject({ code: 'RESOURCE_NOT_FOUND' });

    const delivery = { id: 'd1', subscriptionId: 'w1', eventId: 'e1', eventType: 'case.closed', caseId: null, payload: { a: 1 }, createdAt: T0 };
    expect(await repos.webhooks.insertDelivery(delivery)).toBe(true);
    expect(await repos.webhooks.insertDelivery({ ...delivery, id: 'd2' })).toBe(false);
    await repos.webhooks.recordAttempt('d1', { status: 'retrying', statusCode: 503, error: 'HTTP 503', latencyMs: 12.6, nextAttemptAt: T1, now: T0 });
    await repos.webhooks.recordAttempt('d1', { status: 'dead', statusCode: null, error: 'timeout', latencyMs: 10_000, nextAttemptAt: null, now: T1 });
    expect(await repos.webhooks.findDelivery('d1')).toMatchObject({
      status: 'dead',
      attempts: 2,
      lastStatusCode: null,
      lastLatencyMs: 10_000,
      payload: { a: 1 },
    });
    expect(await repos.webhooks.requeue('d1', T2)).toBe(true);
    expect(await repos.webhooks.requeue('d1', T2)).toBe(false);
    await repos.webhooks.recordAttempt('d1', { status: 'succeeded', statusCode: 200, error: null, latencyMs: 3, nextAttemptAt: null, now: T2 });
    const [logged] = await repos.webhooks.listDeliveries({ subscriptionId: 'w1' });
    expect(logged).toMatchObject({ id: 'd1', status: 'succeeded', attempts: 3, lastStatusCode: 200 });
    expect(Date.parse(logged.deliveredAt!)).toBe(Date.parse(T2));
    expect(await repos.webhooks.listDeliveries({ status: 'dead' })).toEqual([]);
  });

  it('finds Open311 requests by token', async () => {
    expect(await repos.open311.findByToken('nope')).toBeUndefined();
    expect(await repos.open311.listUpdates({ start: T0, end: T2, limit: 10 })).toEqual([]);
    expect(await repos.open311.listRequests({ limit: 10 })).toEqual([]);
  });
});
