/**
 * The benchmark generator on both engines: 200 cases land with consistent states, events and
 * hash chains (the audit check passes), search finds them, and the output is deterministic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidTrackingCode } from '@lianxin/core';
import { createRepositories, type Repositories } from '@lianxin/storage';
import { openTestStorage, testDialects, type TestStorage } from '@lianxin/storage/testing';
import { tokensForIndex, tokensForQuery } from '@lianxin/text';
import { verifyAuditChains } from '../../apps/server/src/services/audit-verify';
import { ensureDemoOrganisation, generateCases, trackingCodeFor } from './generate';

const dialects = await testDialects();

describe.each(dialects)('case generator on %s', (dialect) => {
  let storage: TestStorage;
  let repos: Repositories;
  let report: Awaited<ReturnType<typeof generateCases>>;

  beforeAll(async () => {
    storage = await openTestStorage(dialect);
    repos = createRepositories(storage.db);
    await ensureDemoOrganisation(storage);
    report = await generateCases(storage, { cases: 200, batchSize: 64 });
  });
  afterAll(() => storage.dispose());

  it('writes the asked number of cases across several states, with their events', async () => {
    const all = await repos.cases.list({ all: true }, { pageSize: 500 });
    expect(all.total).toBe(200);
    expect(Object.values(report.byStatus).reduce((a, b) => a + b, 0)).toBe(200);
    expect(Object.keys(report.byStatus).length).toBeGreaterThanOrEqual(3);
    expect(report.byStatus.closed).toBeGreaterThan(100);
    for (const c of all.items) {
      expect(isValidTrackingCode(c.trackingCode)).toBe(true);
      if (c.status === 'closed') expect(c.closedAt).not.toBeNull();
      if (['replied', 'closed'].includes(c.status) && c.departmentId) expect(c.replyContent).toBeTruthy();
      if (c.status === 'submitted') expect(c.acceptedAt).toBeNull();
    }
  });

  it('stores hash chains the audit check accepts', async () => {
    const result = await verifyAuditChains(repos);
    expect(result).toMatchObject({ ok: true, cases: 200, events: report.events });
    const closed = (await repos.cases.list({ all: true }, { status: ['closed'], pageSize: 1 })).items[0];
    const events = await repos.cases.events(closed.id);
    expect(events[0].type).toBe('submitted');
    expect(events.at(-1)!.toStatus).toBe('closed');
  });

  it('stores the search tokens the index service would compute, so search finds the cases', async () => {
    const page = await repos.cases.list({ all: true }, { pageSize: 5 });
    const row = await repos.cases.get(page.items[0].id);
    const found = await repos.cases.list({ all: true }, { q: row.title, searchTokens: tokensForQuery(row.title), pageSize: 200 });
    expect(found.items.map((c) => c.id)).toContain(row.id);
    expect(tokensForIndex([row.title, row.content, row.replyContent ?? ''].filter(Boolean).join('\n')).length).toBeGreaterThan(0);
  });
});

describe('tracking codes of generated cases', () => {
  it('are valid and distinct', () => {
    const codes = new Set(Array.from({ length: 5000 }, (_, n) => trackingCodeFor(1, n)));
    expect(codes.size).toBe(5000);
    for (const code of [...codes].slice(0, 50)) expect(isValidTrackingCode(code)).toBe(true);
  });
});
