/**
 * The benchmark generator on both engines: 200 cases land with consistent states, events and
 * hash chains (the audit check passes), search finds them, and the output is deterministic.
 * They are loaded the way a million are (per-row upkeep suspended, rebuilt at the end), so the
 * checks below also hold the bulk path to what the server would have stored: every case's events
 * replay through the pure workflow, and the roll-up and search rows agree with a recount and with
 * what the live triggers count for the same cases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorkingCalendar,
  isValidTrackingCode,
  openCase,
  transition,
  type CaseAction,
  type CaseActor,
  type CaseEvent,
  type CaseRating,
  type CaseSnapshot,
} from '@lianxin/core';
import { createRepositories, isBulkLoadSuspended, STATS_KEYS, STATS_MEASURES, type Repositories } from '@lianxin/storage';
import { openTestStorage, testDialects, type TestStorage } from '@lianxin/storage/testing';
import { tokensForIndex, tokensForQuery } from '@lianxin/text';
import { sql } from 'kysely';
import { verifyAuditChains } from '../../apps/server/src/audit/audit-verify';
import { ensureDemoOrganisation, generateCases, trackingCodeFor } from './generate';

const dialects = await testDialects();

type EventRow = {
  id: string;
  case_id: string;
  type: string;
  from_status: string | null;
  to_status: string;
  actor_id: string;
  actor_kind: string;
  at: string | Date;
  reason: string | null;
  payload: string | Record<string, unknown>;
};
type CaseRow = { id: string; status: string; version: number; unit_path: string; category_id: string; department_id: string | null; kind: string };

const iso = (v: string | Date) => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());
const json = (v: string | Record<string, unknown>) => (typeof v === 'string' ? (JSON.parse(v) as Record<string, unknown>) : v);

/** The action (and who took it) that produced a stored event, rebuilt from its payload. */
function actionOf(e: EventRow, c: CaseRow): { action: CaseAction; actor: CaseActor } {
  const p = json(e.payload);
  const actor: CaseActor =
    e.actor_kind === 'citizen'
      ? { kind: 'citizen', caseId: c.id }
      : e.actor_kind === 'system'
        ? { kind: 'system', name: e.actor_id.replace(/^system:/, '') }
        : ['sign', 'reply'].includes(e.type)
          ? { userId: e.actor_id, roles: ['department'], scope: { departmentId: c.department_id ?? undefined } }
          : { userId: e.actor_id, roles: ['admin'], scope: {} };
  const text = (k: string) => {
    const v = p[k];
    return typeof v === 'string' ? v : undefined;
  };
  const actions: Record<string, CaseAction> = {
    accept: { type: 'accept', categoryId: text('categoryId'), kind: text('kind') },
    reject: { type: 'reject', reason: e.reason ?? '', guidance: text('guidance') },
    answer_on_site: { type: 'answer_on_site', content: text('content') ?? '' },
    assign: { type: 'assign', departmentId: text('departmentId') },
    sign: { type: 'sign' },
    reply: { type: 'reply', content: text('content') ?? '' },
    rate: { type: 'rate', rating: p.rating as CaseRating, ...(text('comment') ? { comment: text('comment') } : {}) },
    close: { type: 'close' },
    supervise: { type: 'supervise', note: text('note') ?? '' },
  };
  // The scheduler escalates an overdue case with the level it reached; staff supervise without one.
  if ((e.type === 'urge' || e.type === 'supervise') && e.actor_kind === 'system') {
    return { action: { type: e.type, note: text('note') ?? '', level: p.level as 'station' }, actor };
  }
  const action = actions[e.type];
  if (!action) throw new Error(`event ${e.id}: the generator never takes ${e.type}`);
  return { action, actor };
}

const project = (e: CaseEvent | EventRow) =>
  'fromStatus' in e
    ? { type: e.type, from: e.fromStatus, to: e.toStatus, actorId: e.actorId, actorKind: e.actorKind, at: e.at, reason: e.reason ?? null, payload: e.payload }
    : {
        type: e.type,
        from: e.from_status,
        to: e.to_status,
        actorId: e.actor_id,
        actorKind: e.actor_kind,
        at: iso(e.at),
        reason: e.reason,
        payload: json(e.payload),
      };

describe.each(dialects)('case generator on %s', (dialect) => {
  let storage: TestStorage;
  let repos: Repositories;
  let report: Awaited<ReturnType<typeof generateCases>>;
  let schemaBefore: string[];

  /** Index and trigger names on the loaded tables (the bulk load takes some off and must put them back). */
  const schemaObjects = async () =>
    dialect === 'sqlite'
      ? (
          await sql<{ n: string }>`SELECT type || ':' || name AS n FROM sqlite_master WHERE tbl_name IN ('cases', 'case_events') ORDER BY 1`.execute(storage.db)
        ).rows.map((r) => r.n)
      : [
          ...(
            await sql<{ n: string }>`SELECT 'index:' || indexname || ':' || indexdef AS n FROM pg_indexes WHERE tablename IN ('cases', 'case_events')`.execute(
              storage.db,
            )
          ).rows,
          ...(
            await sql<{ n: string }>`SELECT 'trigger:' || pg_get_triggerdef(g.oid) AS n FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid
              WHERE NOT g.tgisinternal AND t.relname IN ('cases', 'case_events')`.execute(storage.db)
          ).rows,
        ]
          .map((r) => r.n)
          .sort();

  const rollup = async () => {
    const rows = (await sql<Record<string, unknown>>`SELECT * FROM case_stats`.execute(storage.db)).rows;
    return new Map(rows.map((r) => [STATS_KEYS.map((k) => r[k]).join('|'), STATS_MEASURES.map((m) => Number(r[m]))]));
  };

  beforeAll(async () => {
    storage = await openTestStorage(dialect);
    repos = createRepositories(storage.db);
    await ensureDemoOrganisation(storage);
    schemaBefore = await schemaObjects();
    report = await generateCases(storage, { cases: 200, batchSize: 64, suspendUpkeep: true });
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
    // Case numbers follow submission time, so rows are stored in the order a live database holds them.
    const created = (await sql<{ created_at: string | Date }>`SELECT created_at FROM cases ORDER BY id`.execute(storage.db)).rows.map((r) => iso(r.created_at));
    expect(created).toEqual([...created].sort());
    expect(new Set(created.map((c) => c.slice(0, 7))).size).toBeGreaterThan(12); // spread over the two years
  });

  it('puts back every index and trigger the bulk load took off', async () => {
    expect(await isBulkLoadSuspended(storage)).toBe(false);
    expect(await schemaObjects()).toEqual(schemaBefore);
  });

  it('stores hash chains the audit check accepts', async () => {
    const result = await verifyAuditChains(repos);
    expect(result).toMatchObject({ ok: true, cases: 200, events: report.events });
    const closed = (await repos.cases.list({ all: true }, { status: ['closed'], pageSize: 1 })).items[0];
    const events = await repos.cases.events(closed.id);
    expect(events[0].type).toBe('submitted');
    expect(events.at(-1)!.toStatus).toBe('closed');
  });

  it("stores for every case events the pure workflow produces, step by step, ending in the case's state", async () => {
    const calendar = createWorkingCalendar();
    const cases = (await sql<CaseRow>`SELECT id, status, version, unit_path, category_id, department_id, kind FROM cases`.execute(storage.db)).rows;
    const events = (
      await sql<EventRow>`SELECT id, case_id, type, from_status, to_status, actor_id, actor_kind, at, reason, payload FROM case_events`.execute(storage.db)
    ).rows;
    const byCase = new Map<string, EventRow[]>();
    for (const e of events) byCase.set(e.case_id, [...(byCase.get(e.case_id) ?? []), e]);
    const seq = (e: EventRow) => Number(e.id.slice(e.id.lastIndexOf('-e') + 2));
    const paths = new Set<string>();
    for (const c of cases) {
      const stored = (byCase.get(c.id) ?? []).sort((a, b) => seq(a) - seq(b));
      expect(stored[0].type).toBe('submitted');
      const opened = openCase(
        { id: c.id, unitPath: c.unit_path, categoryId: c.category_id, kind: c.kind, payload: json(stored[0].payload) },
        { kind: 'citizen', caseId: c.id },
        new Date(iso(stored[0].at)),
        calendar,
      );
      const replayed: CaseEvent[] = [...opened.events];
      let snapshot: CaseSnapshot = opened.case;
      while (replayed.length < stored.length) {
        const next = stored[replayed.length];
        const { action, actor } = actionOf(next, c);
        // Throws (CASE_INVALID_TRANSITION, PERMISSION_DENIED, …) on any step the workflow refuses.
        const r = transition(snapshot, action, actor, new Date(iso(next.at)), calendar);
        snapshot = r.case;
        replayed.push(...r.events);
      }
      expect(replayed.map(project)).toEqual(stored.map(project));
      expect(snapshot.status).toBe(c.status);
      expect(snapshot.version).toBe(Number(c.version));
      paths.add(stored.map((e) => e.type).join('>'));
    }
    // Not one happy path: rejections, on-site answers, 不满意 loops and unrated closes are there.
    expect(paths.size).toBeGreaterThanOrEqual(5);
  });

  it('keeps a roll-up that agrees with a recount of the cases', async () => {
    const count = async (where: string) =>
      Number((await sql.raw<{ n: number }>(`SELECT count(*) AS n FROM cases WHERE ${where}`).execute(storage.db)).rows[0].n);
    const totals = (
      await sql<Record<string, unknown>>`SELECT ${sql.raw(STATS_MEASURES.map((m) => `sum(${m}) AS ${m}`).join(', '))} FROM case_stats
      GROUP BY grain, dims`.execute(storage.db)
    ).rows.map((r) => STATS_MEASURES.map((m) => Number(r[m])));
    expect(totals.length).toBe(3 * 8); // three grains × eight axis combinations, each summing to the same totals
    for (const t of totals) expect(t).toEqual(totals[0]);
    const sum = Object.fromEntries(STATS_MEASURES.map((m, i) => [m, totals[0][i]]));
    expect(sum.received).toBe(200);
    expect(sum.closed).toBe(await count(`status = 'closed'`));
    expect(sum.replied).toBe(await count('replied_at IS NOT NULL'));
    expect(sum.rated).toBe(await count(`rating IN ('satisfied', 'basically_satisfied', 'unsatisfied')`));
    expect(sum.satisfied).toBe(await count(`rating IN ('satisfied', 'basically_satisfied')`));
    expect(sum.accepted).toBe(await count(`status NOT IN ('submitted', 'rejected')`));
    // Supervision counts while the case is not finished; a few cases were put under it, as live.
    expect(sum.supervised).toBe(await count(`supervised = 1 AND status NOT IN ('closed', 'rejected', 'merged', 'converted')`));
    expect(await count('supervised = 1')).toBeGreaterThan(0);
  });

  it('rebuilds the roll-up and search rows exactly as the live triggers keep them', async () => {
    const before = await rollup();
    const first = await repos.cases.get((await repos.cases.list({ all: true }, { pageSize: 1 })).items[0].id);
    const term = tokensForQuery(first.title)[0];
    // Plain and filtered search (SQLite answers a filtered one from a second, facet-aware index).
    const hits = async (status?: string) =>
      (await repos.cases.list({ all: true }, { q: term, searchTokens: [term], pageSize: 1, ...(status ? { status: [status] } : {}) })).total;
    const recount = async (status?: string) =>
      Number(
        (
          await sql<{ n: number }>`SELECT count(*) AS n FROM cases WHERE ' ' || search_tokens || ' ' LIKE ${`% ${term} %`}
            ${status ? sql`AND status = ${status}` : sql``}`.execute(storage.db)
        ).rows[0].n,
      );
    const hitsBefore = await hits();
    const closedBefore = await hits('closed');
    expect(hitsBefore).toBe(await recount());
    expect(closedBefore).toBe(await recount('closed'));
    expect(closedBefore).toBeGreaterThan(0);
    // Copies of every case inserted with the triggers on: the triggers must count each copy
    // exactly as the rebuild counted its original, so every figure of the roll-up doubles.
    const columns =
      dialect === 'sqlite'
        ? (await sql<{ name: string }>`SELECT name FROM pragma_table_info('cases')`.execute(storage.db)).rows.map((r) => r.name)
        : (
            await sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns
              WHERE table_name = 'cases' AND table_schema = current_schema() AND is_generated = 'NEVER'`.execute(storage.db)
          ).rows.map((r) => r.name);
    const value = (c: string) => (c === 'id' || c === 'tracking_code' ? `c.${c} || '-copy'` : c === 'source_key' ? 'NULL' : `c.${c}`);
    await sql.raw(`INSERT INTO cases (${columns.join(', ')}) SELECT ${columns.map(value).join(', ')} FROM cases c`).execute(storage.db);
    const after = await rollup();
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [key, figures] of before) expect(after.get(key), key).toEqual(figures.map((f) => 2 * f));
    expect(await hits()).toBe(2 * hitsBefore);
    expect(await hits('closed')).toBe(2 * closedBefore);
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
