/**
 * Repository contract: the same assertions on SQLite and on PostgreSQL over a real
 * connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from './index';
import { knownMigrations, migrateToLatest, pendingMigrations } from './migrate';
import { openTestStorage, testDialects, type TestStorage } from './testing/test-databases';

const dialects = await testDialects();
const T0 = '2026-01-05T01:00:00.000Z';
const T1 = '2026-01-06T02:30:00.000Z';

describe.each(dialects)('repositories on %s', (dialect) => {
  let storage: TestStorage;
  let repos: Repositories;

  beforeAll(async () => {
    storage = await openTestStorage(dialect);
    repos = createRepositories(storage.db);
  });
  afterAll(async () => {
    await storage?.dispose();
  });

  it('is fully migrated and a second migrate does nothing', async () => {
    expect(await pendingMigrations(storage)).toEqual([]);
    expect((await migrateToLatest(storage)).applied).toEqual([]);
    expect(knownMigrations(dialect)).toContain('0001_foundation');
  });

  it('builds the unit tree with materialized paths and lists a subtree', async () => {
    const hub = await repos.units.create({ id: 'hub', kind: 'hub', parent: null, name: '总站', now: T0 });
    const st1 = await repos.units.create({
      id: 'st1',
      kind: 'station',
      parent: hub,
      name: '安阳街道联络站',
      region: '安阳街道',
      regionType: '街道',
      brands: ['护水e路行'],
      now: T0,
    });
    const st2 = await repos.units.create({ id: 'st2', kind: 'station', parent: hub, name: '塘下镇联络站', region: '塘下镇', regionType: '镇', now: T0 });
    await repos.units.create({ id: 'p1', kind: 'point', parent: st1, name: '村联络点A', pointKind: '村（社区）联络点', now: T0 });
    await repos.units.create({ id: 'p2', kind: 'point', parent: st2, name: '企业联络点B', now: T0 });

    expect(st1.path).toBe('/hub/st1/');
    expect(st1.brands).toEqual(['护水e路行']);
    expect(st1.createdAt).toBe(T0);
    const sub = await repos.units.list({ underPath: st1.path });
    expect(sub.items.map((u) => u.id)).toEqual(['st1', 'p1']);
    expect((await repos.units.list({ kind: 'station' })).total).toBe(2);
    expect((await repos.units.list({ q: '塘下' })).items.map((u) => u.id)).toEqual(['st2']);
    expect(await repos.units.countByKind()).toEqual({ hub: 1, station: 2, point: 2 });
  });

  it('treats LIKE wildcards in search text literally', async () => {
    expect((await repos.units.list({ q: '%' })).total).toBe(0);
    expect((await repos.units.list({ q: '_' })).total).toBe(0);
  });

  it('pages with a stable total', async () => {
    const page1 = await repos.units.list({ page: 1, pageSize: 2 });
    const page3 = await repos.units.list({ page: 3, pageSize: 2 });
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBe(5);
    expect(page3.items.map((u) => u.id)).toHaveLength(1);
  });

  it('updates with optimistic locking: a stale version changes nothing', async () => {
    const before = await repos.units.get('p1');
    const updated = await repos.units.update('p1', { address: '幸福路1号' }, { expectedVersion: before.version, now: T1 });
    expect(updated.version).toBe(before.version + 1);
    expect(updated.updatedAt).toBe(T1);
    await expect(repos.units.update('p1', { address: '别处' }, { expectedVersion: before.version, now: T1 })).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    expect((await repos.units.get('p1')).address).toBe('幸福路1号');
    await expect(repos.units.update('nope', { name: 'x' }, { now: T1 })).rejects.toMatchObject({ code: 'RESOURCE_NOT_FOUND' });
  });

  it('deactivated units leave default lists but stay readable', async () => {
    await repos.units.update('p2', { active: false }, { now: T1 });
    expect((await repos.units.list({})).items.map((u) => u.id)).not.toContain('p2');
    expect((await repos.units.list({ includeInactive: true })).items.map((u) => u.id)).toContain('p2');
    expect((await repos.units.listActive()).map((u) => u.id)).not.toContain('p2');
    expect((await repos.units.get('p2')).active).toBe(false);
  });

  it('rejects a unit whose parent does not exist', async () => {
    const ghost = { id: 'ghost', path: '/ghost/' } as never;
    await expect(repos.units.create({ id: 'x1', kind: 'point', parent: ghost, name: 'x', now: T0 })).rejects.toMatchObject({ code: 'REFERENCE_INVALID' });
  });

  it('stores departments with unique names', async () => {
    await repos.departments.create({ id: 'd1', name: '市住房和城乡建设局', shortName: '住建局', now: T0 });
    await expect(repos.departments.create({ id: 'd2', name: '市住房和城乡建设局', now: T0 })).rejects.toMatchObject({ code: 'DUPLICATE' });
    expect((await repos.departments.findByName('市住房和城乡建设局'))?.id).toBe('d1');
    expect((await repos.departments.list({ q: '住建' })).total).toBe(1);
  });

  it('lists categories parents first, then their children', async () => {
    await repos.categories.create({ id: 'c2', parentId: null, name: '环境保护', sortOrder: 2, now: T0 });
    await repos.categories.create({ id: 'c1', parentId: null, name: '城乡建设', sortOrder: 1, defaultDepartmentId: 'd1', timeLimitWorkdays: 10, now: T0 });
    await repos.categories.create({ id: 'c1a', parentId: 'c1', name: '工程质量', now: T0 });
    const all = await repos.categories.list({ pageSize: 50 });
    const ids = all.items.map((c) => c.id);
    expect(ids.indexOf('c1')).toBeLessThan(ids.indexOf('c1a'));
    expect((await repos.categories.get('c1')).timeLimitWorkdays).toBe(10);
    expect((await repos.categories.list({ parentId: 'c1' })).items.map((c) => c.id)).toEqual(['c1a']);
  });

  it('filters deputies by level, home unit and subtree', async () => {
    await repos.deputies.create({
      id: 'dep1',
      name: '测试代表甲',
      levels: ['county', 'township'],
      homeUnitId: 'st1',
      phoneEnc: 'cipher',
      phoneHash: 'h1',
      now: T0,
    });
    await repos.deputies.create({ id: 'dep2', name: '测试代表乙', levels: ['provincial'], homeUnitId: 'p2', now: T0 });
    expect((await repos.deputies.list({ level: 'county' })).items.map((d) => d.id)).toEqual(['dep1']);
    expect((await repos.deputies.list({ homeUnitId: 'p2' })).items.map((d) => d.id)).toEqual(['dep2']);
    expect((await repos.deputies.list({ underPath: '/hub/st1/' })).items.map((d) => d.id)).toEqual(['dep1']);
    const dep1 = await repos.deputies.get('dep1');
    expect(dep1.levels).toEqual(['county', 'township']);
    expect(dep1.phoneEnc).toBe('cipher');
  });

  it('counts failed logins atomically and locks at the limit', async () => {
    await repos.users.create({ id: 'u1', username: 'alice', displayName: 'Alice', passwordHash: 'x', roles: ['staff'], unitId: 'st1', now: T0 });
    await expect(repos.users.create({ id: 'u2', username: 'alice', displayName: 'A2', passwordHash: 'x', roles: ['staff'], now: T0 })).rejects.toMatchObject({
      code: 'DUPLICATE',
    });
    // Twelve attempts at once: exactly five are let through to the password check, the fifth locks (issue #15 item 9).
    const lock = { maxFailures: 5, now: T0, lockedUntil: T1 };
    const claims = await Promise.all(Array.from({ length: 12 }, () => repos.users.claimLoginAttempt('u1', lock)));
    expect(claims.filter((c) => c !== null).sort()).toEqual([1, 2, 3, 4, 5]);
    expect((await repos.users.get('u1')).lockedUntil).toBe(T1);
    expect(await repos.users.claimLoginAttempt('u1', lock)).toBeNull();
    // Once the lock has run out, attempts count afresh.
    expect(await repos.users.claimLoginAttempt('u1', { ...lock, now: T1, lockedUntil: '2030-01-01T00:00:00.000Z' })).toBe(1);
    expect((await repos.users.get('u1')).lockedUntil).toBeNull();
    await repos.users.recordLoginSuccess('u1', T1);
    const after = await repos.users.get('u1');
    expect(after).toMatchObject({ failedLogins: 0, lockedUntil: null, lastLoginAt: T1, roles: ['staff'], unitId: 'st1' });
  });

  it('takes rate-limit places atomically: parallel takers never exceed the limit (issue #15 item 9)', async () => {
    const taken = await Promise.all(Array.from({ length: 30 }, () => repos.rateCounters.take('guess:code:x:ip:y', T0, 10)));
    expect(taken.filter((n) => n !== null).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await repos.rateCounters.count('guess:code:x:ip:y', T0)).toBe(10);
    await repos.rateCounters.giveBack('guess:code:x:ip:y', T0);
    expect(await repos.rateCounters.take('guess:code:x:ip:y', T0, 10)).toBe(10);
    expect(await repos.rateCounters.take('guess:code:x:ip:y', T0, 10)).toBeNull();
    // Another window counts afresh; giving back never goes below zero.
    expect(await repos.rateCounters.take('guess:code:x:ip:y', T1, 10)).toBe(1);
    await repos.rateCounters.giveBack('guess:code:x:ip:y', T1);
    await repos.rateCounters.giveBack('guess:code:x:ip:y', T1);
    expect(await repos.rateCounters.count('guess:code:x:ip:y', T1)).toBe(0);
  });

  it('keeps sessions and drops expired ones', async () => {
    await repos.sessions.create({ id: 's1', userId: 'u1', csrfToken: 'c', createdAt: T0, expiresAt: T0, lastSeenAt: T0, ip: null, userAgent: null });
    await repos.sessions.create({
      id: 's2',
      userId: 'u1',
      csrfToken: 'c',
      createdAt: T0,
      expiresAt: '2030-01-01T00:00:00.000Z',
      lastSeenAt: T0,
      ip: '127.0.0.1',
      userAgent: 'ua',
    });
    expect(await repos.sessions.deleteExpired(T1)).toBe(1);
    expect(await repos.sessions.find('s1')).toBeUndefined();
    expect((await repos.sessions.find('s2'))?.expiresAt).toBe('2030-01-01T00:00:00.000Z');
  });

  it('appends audit entries and lists them newest first', async () => {
    await repos.audit.append({
      id: 'a1',
      at: T0,
      actorId: 'u1',
      actorName: 'alice',
      action: 'unit.create',
      entity: 'unit',
      entityId: 'p1',
      summary: null,
      payload: { n: 1 },
      ip: null,
    });
    await repos.audit.append({
      id: 'a2',
      at: T1,
      actorId: 'u1',
      actorName: 'alice',
      action: 'deputy.contact.reveal',
      entity: 'deputy',
      entityId: 'dep1',
      summary: null,
      payload: {},
      ip: null,
    });
    const page = await repos.audit.list({});
    expect(page.items.map((e) => e.id)).toEqual(['a2', 'a1']);
    expect(page.items[1].payload).toEqual({ n: 1 });
    expect((await repos.audit.list({ entity: 'deputy' })).total).toBe(1);
  });

  it('stores settings and appeal kinds', async () => {
    await repos.settings.set('demo', { seededAt: T0 }, T0);
    await repos.settings.set('demo', { seededAt: T1 }, T1);
    expect(await repos.settings.get('demo')).toEqual({ seededAt: T1 });
    await repos.appealKinds.upsert({ code: 'complaint', name: '投诉', nameEn: 'Complaint', handleWorkdays: 7, sortOrder: 3, active: true });
    expect((await repos.appealKinds.update('complaint', { handleWorkdays: 5 })).handleWorkdays).toBe(5);
  });
});

describe.runIf(dialects.includes('postgres'))('migrations on postgres', () => {
  it('several instances migrating one empty database at once: schema migrated exactly once', async () => {
    const first = await openTestStorage('postgres', { migrate: false });
    const { openDatabase } = await import('./database');
    const others = [1, 2, 3].map(() => openDatabase({ databaseUrl: first.url, poolSize: 2 }));
    try {
      const results = await Promise.all([first, ...others].map((s) => migrateToLatest(s)));
      const applied = results.flatMap((r) => r.applied);
      expect(applied).toEqual(knownMigrations('postgres'));
      expect(await pendingMigrations(first)).toEqual([]);
    } finally {
      await Promise.all(others.map((s) => s.close()));
      await first.dispose();
    }
  });
});

describe.each(dialects)('settings claims on %s', (dialect) => {
  it('exactly one of several concurrent claimers wins', async () => {
    const storage = await openTestStorage(dialect);
    try {
      const repos = createRepositories(storage.db);
      const results = await Promise.all([1, 2, 3, 4].map((i) => repos.settings.claim('once', i, T0)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect([1, 2, 3, 4]).toContain(await repos.settings.get('once'));
    } finally {
      await storage.dispose();
    }
  });
});
