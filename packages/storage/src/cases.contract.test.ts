/**
 * Case storage contract on both engines: insert with events, version-guarded updates,
 * visibility by scope, list filters, idempotency keys and shared rate counters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, inTransaction, type CaseEventRecord, type Repositories } from './index';
import { openTestStorage, testDialects, type TestStorage } from './testing/test-databases';

const dialects = await testDialects();
const T0 = '2026-03-02T01:00:00.000Z';

function event(caseId: string, n: number, type = 'note'): CaseEventRecord {
  return {
    id: `${caseId}-e${n}`,
    caseId,
    type,
    fromStatus: null,
    toStatus: null,
    actorId: null,
    actorKind: 'system',
    actorName: null,
    at: T0,
    reason: null,
    payload: { n },
    public: n === 0,
    prevHash: `h${n - 1}`,
    hash: `h${n}`,
  };
}

describe.each(dialects)('case storage on %s', (dialect) => {
  let storage: TestStorage;
  let repos: Repositories;

  beforeAll(async () => {
    storage = await openTestStorage(dialect);
    repos = createRepositories(storage.db);
    const hub = await repos.units.create({ id: 'hub', kind: 'hub', parent: null, name: '总站', now: T0 });
    await repos.units.create({ id: 'st1', kind: 'station', parent: hub, name: '一站', now: T0 });
    await repos.units.create({ id: 'st2', kind: 'station', parent: hub, name: '二站', now: T0 });
    await repos.departments.create({ id: 'd1', name: '住建局', now: T0 });
    const base = { channel: 'online', status: 'submitted', kind: 'complaint', createdAt: T0 };
    await repos.cases.insert(
      {
        ...base,
        id: 'c1',
        trackingCode: 'AAAA-1',
        title: '路灯不亮',
        content: '万松路路灯坏了',
        unitId: 'st1',
        unitPath: '/hub/st1/',
        reporterPhoneHash: 'p1',
        consentPublic: true,
        spamFlags: [],
      },
      [event('c1', 0, 'submitted')],
    );
    await repos.cases.insert(
      {
        ...base,
        id: 'c2',
        trackingCode: 'AAAA-2',
        title: '噪音扰民',
        content: '夜间施工',
        unitId: 'st2',
        unitPath: '/hub/st2/',
        departmentId: 'd1',
        reporterPhoneHash: 'p1',
        createdAt: '2026-03-03T01:00:00.000Z',
      },
      [event('c2', 0, 'submitted')],
    );
    await repos.cases.insert(
      {
        ...base,
        id: 'c3',
        trackingCode: 'AAAA-3',
        title: '停车难',
        content: '小区停车位不足',
        unitId: 'st2',
        unitPath: '/hub/st2/',
        status: 'assigned',
        replyDueAt: '2026-03-01T00:00:00.000Z',
      },
      [event('c3', 0, 'submitted')],
    );
  });
  afterAll(async () => {
    await storage?.dispose();
  });

  it('reads a case back with its booleans, JSON and events', async () => {
    const c1 = await repos.cases.get('c1');
    expect(c1).toMatchObject({
      trackingCode: 'AAAA-1',
      consentPublic: true,
      anonymous: false,
      spamFlags: [],
      version: 1,
      eventCount: 1,
      lastEventHash: 'h0',
      createdAt: T0,
    });
    expect((await repos.cases.findByTrackingCode('AAAA-2'))?.id).toBe('c2');
    expect(await repos.cases.events('c1')).toEqual([expect.objectContaining({ type: 'submitted', public: true, payload: { n: 0 } })]);
  });

  it('scopes lists by unit subtree, department, or everything', async () => {
    const ids = async (v: Parameters<Repositories['cases']['list']>[0], o = {}) => (await repos.cases.list(v, o)).items.map((c) => c.id).sort();
    expect(await ids({ all: true })).toEqual(['c1', 'c2', 'c3']);
    expect(await ids({ unitPath: '/hub/st1/' })).toEqual(['c1']);
    expect(await ids({ departmentId: 'd1' })).toEqual(['c2']);
    expect(await ids({ unitPath: '/hub/st1/', departmentId: 'd1' })).toEqual(['c1', 'c2']);
    expect(await ids({})).toEqual([]);
    expect(await ids({ all: true }, { q: '停车' })).toEqual(['c3']);
    expect(await ids({ all: true }, { status: ['submitted'], from: '2026-03-03T00:00:00.000Z' })).toEqual(['c2']);
    expect(await ids({ all: true }, { overdueAt: T0 })).toEqual(['c3']);
    expect(await repos.cases.countByPhoneSince('p1', T0)).toBe(2);
  });

  it('of twenty concurrent updates at one version exactly one wins; the others change nothing', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        inTransaction(storage.db, (trx) => trx.cases.update('c1', 1, { status: 'accepted', replyContent: `w${i}` }, [event('c1', i + 1)], T0)),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.every((r) => (r.reason as { code?: string }).code === 'VERSION_CONFLICT')).toBe(true);
    const after = await repos.cases.get('c1');
    expect(after.version).toBe(2);
    expect(after.eventCount).toBe(2);
    expect(await repos.cases.events('c1')).toHaveLength(2);
  });

  it('claims an idempotency key once and returns the stored answer', async () => {
    const claims = await Promise.all([1, 2, 3].map(() => repos.idempotency.claim('submit', 'k1', 'req', T0)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    await repos.idempotency.complete('submit', 'k1', 201, { trackingCode: 'X' });
    expect(await repos.idempotency.find('submit', 'k1')).toEqual({ requestHash: 'req', status: 201, response: { trackingCode: 'X' } });
  });

  it('counts rate-limit hits exactly under concurrency', async () => {
    const counts = await Promise.all(Array.from({ length: 10 }, () => repos.rateCounters.hit('ip:1', T0)));
    expect(counts.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await repos.rateCounters.count('ip:1', T0)).toBe(10);
  });

  it('links uploads to a case once', async () => {
    await repos.attachments.insert({
      id: 'a1',
      sha256: 'abc',
      mime: 'image/jpeg',
      size: 10,
      width: 1,
      height: 1,
      originalName: null,
      caseId: null,
      eventId: null,
      uploaderKind: 'citizen',
      uploaderId: null,
      createdAt: T0,
    });
    expect(await repos.attachments.link(['a1'], 'c2', null)).toBe(1);
    expect(await repos.attachments.link(['a1'], 'c3', null)).toBe(0);
    expect((await repos.attachments.forCase('c2')).map((a) => a.id)).toEqual(['a1']);
  });
});
