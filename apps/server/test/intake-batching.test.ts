/**
 * The fast intake path (issue #3, item 10) on both databases: submissions arriving together are
 * stored in one transaction (group commit) and each is answered only once stored — tracking code,
 * timeline, jobs, search tokens and idempotency answer all there at once; a bad submission in a
 * batch fails alone; an idempotency key used twice in one batch makes one case; and the cached
 * organisation intake checks against follows admins' changes at once.
 */
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type TestApp } from './support';

const dialects = await testDialects();

describe.each(dialects)('intake batching on %s', (dialect) => {
  let t: TestApp;
  const submit = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.request({ method: 'POST', url: '/api/v1/public/opinions', payload, headers });

  beforeAll(async () => {
    // Per-address limits would stop a burst from one test client; they are tested in intake.test.ts.
    t = await createTestApp(dialect, { rateLimits: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores twenty simultaneous submissions, each complete as soon as it is answered', async () => {
    const bodies = Array.from({ length: 20 }, (_, i) => ({
      content: `批量提交测试第${i}件：锦湖街道桥头路灯不亮，请尽快修复。`,
      ...(i % 2 ? { contact: { phone: `1391000${String(1000 + i)}` } } : { anonymous: true }),
    }));
    const answers = await Promise.all(bodies.map((b, i) => submit(b, { 'idempotency-key': `batch-${dialect}-${i}` })));
    expect(answers.map((a) => a.statusCode)).toEqual(bodies.map(() => 201));
    const receipts = answers.map((a) => a.json<{ trackingCode: string; secret?: string }>());
    expect(new Set(receipts.map((r) => r.trackingCode)).size).toBe(20);
    for (const [i, r] of receipts.entries()) {
      const verify = i % 2 ? String(1000 + i).slice(-4) : r.secret!;
      const track = await t.request({ method: 'GET', url: `/api/v1/public/opinions/${r.trackingCode}?verify=${verify}` });
      expect(track.statusCode).toBe(200);
      expect(track.json()).toMatchObject({ status: 'submitted', timeline: [{ type: 'submitted' }] });
      const stored = (await t.ctx.repos.cases.findByTrackingCode(r.trackingCode))!;
      expect(stored.acceptDueAt).not.toBeNull();
      const jobs = await t.ctx.repos.jobs.list({ limit: 1000 });
      expect(jobs.filter((j) => j.payload.caseId === stored.id).map((j) => j.name)).toEqual(expect.arrayContaining(['notify', 'case.deadline']));
      // A retry gets the stored answer and stores nothing more.
      const again = await submit(bodies[i], { 'idempotency-key': `batch-${dialect}-${i}` });
      expect(again.statusCode).toBe(201);
      expect(again.json()).toEqual(r);
    }
    const admin = await t.login('admin');
    const found = await t.request({ method: 'GET', url: `/api/v1/cases?q=${encodeURIComponent('桥头')}&pageSize=100`, session: admin });
    // Far below the search cap: an exact total.
    expect(found.json()).toMatchObject({ total: 20, totalCapped: false });
  });

  it('one key twice in the same batch makes one case; the same key with another body is refused', async () => {
    const before = (await t.ctx.repos.cases.list({ all: true }, { pageSize: 1 })).total;
    const body = { content: '同一批里两次使用同一个键，只应生成一件。', anonymous: true };
    const [a, b] = await Promise.all([submit(body, { 'idempotency-key': `twice-${dialect}` }), submit(body, { 'idempotency-key': `twice-${dialect}` })]);
    // Sent after the pair: which of three simultaneous requests wins the key depends on timing.
    const c = await submit({ ...body, content: '同一个键，不同的内容，应当被拒绝。' }, { 'idempotency-key': `twice-${dialect}` });
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(b.json().trackingCode).toBe(a.json().trackingCode);
    expect(c.statusCode).toBe(409);
    expect(errorCode(c)).toBe('DUPLICATE');
    expect((await t.ctx.repos.cases.list({ all: true }, { pageSize: 1 })).total).toBe(before + 1);
  });

  it('a bad submission in a batch fails alone', async () => {
    const source = (key: string) => ({ channel: 'import', sourceKey: key });
    const results = await Promise.allSettled([
      t.ctx.intake.submit({ content: '导入测试：第一行，路面破损。' }, source(`row-1-${dialect}`)),
      t.ctx.intake.submit({ content: '导入测试：重复的行，应当失败。' }, source(`row-1-${dialect}`)),
      t.ctx.intake.submit({ content: '导入测试：第三行，井盖缺失。' }, source(`row-3-${dialect}`)),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    const failed = results.find((r) => r.status === 'rejected')!;
    expect((failed.reason as { code?: string }).code).toBe('DUPLICATE');
    expect(await t.ctx.repos.cases.findBySourceKey(`row-1-${dialect}`)).toBeDefined();
    expect(await t.ctx.repos.cases.findBySourceKey(`row-3-${dialect}`)).toBeDefined();
  });

  it('follows changes to categories and appeal kinds at once', async () => {
    const admin = await t.login('admin');
    const categories = await t.request({ method: 'GET', url: '/api/v1/categories?pageSize=100', session: admin });
    const category = categories.json<{ items: Array<{ id: string; version: number; active: boolean }> }>().items.find((c) => c.active)!;
    expect((await submit({ content: '分类缓存测试：先用这个分类。', anonymous: true, categoryId: category.id })).statusCode).toBe(201);
    const off = await t.request({
      method: 'PATCH',
      url: `/api/v1/categories/${category.id}`,
      session: admin,
      payload: { active: false, expectedVersion: category.version },
    });
    expect(off.statusCode).toBe(200);
    const refused = await submit({ content: '分类缓存测试：分类停用后。', anonymous: true, categoryId: category.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.map((d: { path: string }) => d.path)).toContain('categoryId');

    expect((await submit({ content: '类型缓存测试：表扬一下。', anonymous: true, kind: 'praise' })).statusCode).toBe(201);
    const kindOff = await t.request({ method: 'PATCH', url: '/api/v1/appeal-kinds/praise', session: admin, payload: { active: false } });
    expect(kindOff.statusCode).toBe(200);
    expect((await submit({ content: '类型缓存测试：停用后再表扬。', anonymous: true, kind: 'praise' })).statusCode).toBe(400);
  });
});
