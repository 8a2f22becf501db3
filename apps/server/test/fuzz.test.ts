/**
 * Issue #9 item 5: every operation of the served OpenAPI document gets seeded random and malformed
 * requests (wrong types, huge values, invalid UTF-8, NUL, SQL/XSS/path-traversal/`__proto__`
 * strings, malformed JSON and multipart, bad path parameters), as an admin, as station staff, a
 * department and a deputy (against other stations' records too, issue #15) and anonymously, on
 * both databases. No 5xx, every 4xx in the shared error shape, nothing stored by a rejected
 * request. Small here (a few requests per operation); `npx tsx scripts/fuzz.ts` runs it at size.
 * The regression tests at the end pin the 500s fuzzing found.
 */
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFuzz } from './fuzz-runner';
import { tableCounts } from './openapi-operations';
import { createTestApp, errorCode, type Session, type TestApp } from './support';

const dialects = await testDialects();

describe.each(dialects)('fuzzing every operation on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect, { rateLimits: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers every fuzzed request without a 5xx, in the shared error shape, storing nothing when it refuses', async () => {
    const report = await runFuzz(t, { iterations: 2, seed: dialect === 'sqlite' ? 9 : 10 });
    expect(report.operations).toBeGreaterThan(150);
    expect(report.actors).toEqual(['admin', 'staff', 'department', 'deputy', 'anonymous']);
    // The run must reach the handlers, not only the validators: some requests succeed.
    expect(Object.keys(report.byStatus).some((s) => s.startsWith('2'))).toBe(true);
    expect(report.findings.map((f) => `${f.actor} ${f.op} [${f.label}] → ${f.status}: ${f.problem} ${f.url} ${f.payload.slice(0, 120)}`)).toEqual([]);
  }, 240_000);

  describe('regressions found by fuzzing', () => {
    let admin: Session;
    beforeAll(async () => {
      admin = await t.login('admin');
    });

    it('a URL with invalid UTF-8 escapes or an over-long path parameter gets the shared error shape', async () => {
      const badUtf8 = await t.request({ method: 'GET', url: '/api/v1/cases/%ED%A0%80', session: admin });
      expect(badUtf8.statusCode).toBe(400);
      expect(errorCode(badUtf8)).toBe('REQUEST_MALFORMED');
      const tooLong = await t.request({ method: 'GET', url: `/api/v1/units/${'a'.repeat(300)}`, session: admin });
      expect(tooLong.statusCode).toBe(400);
      expect(errorCode(tooLong)).toBe('REQUEST_MALFORMED');
      const open311 = await t.request({ method: 'GET', url: '/open311/v2/requests/%ED%A0%80.json' });
      expect(open311.statusCode).toBe(400);
      expect(open311.json()).toEqual([{ code: 400, description: expect.any(String) }]);
      // A URL no Open311 route matches still answers in the spec's error format.
      const unmatched = await t.request({ method: 'GET', url: '/open311/v2/requests/%0D%0AX-Injected%3A%201.json' });
      expect(unmatched.statusCode).toBe(404);
      expect(unmatched.json()).toEqual([{ code: 404, description: expect.any(String) }]);
    });

    it('text with a NUL character is refused with 400 (PostgreSQL cannot store it) and stores nothing', async () => {
      const before = await tableCounts(t.storage);
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/integrations/webhooks',
        session: admin,
        payload: { name: 'a\u0000b', url: 'https://example.com/hook', eventTypes: ['case.created'] },
      });
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
      expect(res.json().error.details).toContainEqual(expect.objectContaining({ path: 'name' }));
      const opinion = await t.request({ method: 'POST', url: '/api/v1/public/opinions', payload: { content: '路灯坏了很久了\u0000请尽快修理。' } });
      expect(opinion.statusCode).toBe(400);
      const open311 = await t.request({ method: 'GET', url: '/open311/v2/services/%00.json' });
      expect(open311.statusCode).toBe(400);
      expect(await tableCounts(t.storage)).toEqual(before);
    });

    it('a version number beyond the database integer is a 4xx, not a 500', async () => {
      const deputy = (await t.request({ method: 'GET', url: '/api/v1/deputies?pageSize=1', session: admin })).json().items[0];
      const res = await t.request({
        method: 'PATCH',
        url: `/api/v1/deputies/${deputy.id}`,
        session: admin,
        payload: { position: '某职务', expectedVersion: 3077046003564545 },
      });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      errorCode(res);
    });
  });
});
