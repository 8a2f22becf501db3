/**
 * Exports that do not hold up the server (issue #17 item 3), on both databases: the cases come
 * out complete and in the list's order across keyset slices (slices, counts and windows forced
 * small, ties on the creation time included); a background export reports its progress, offers
 * its file to its requester only (404 for anybody else, admins included) until it expires, is
 * audited, and goes back to the queue when the worker stops; and other requests are answered
 * while an export is paused between two slices. Orderings and events, never timings.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWorker, type Worker } from '../src/worker';
import { createTestApp, errorCode, type Session, type TestApp } from './support';

const dialects = await testDialects();

/** A gate an export waits at after a given number of rows, until opened. */
function gate(afterRows: number) {
  let reach!: () => void;
  let open!: () => void;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    reached,
    open,
    afterSlice: async (rows: number) => {
      if (rows < afterRows) return;
      reach();
      await opened;
    },
  };
}

/** Tracking codes of a CSV export, in file order. */
const codesOf = (csv: string) =>
  csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .slice(1)
    .map((line) => line.split(',')[0]);

describe.each(dialects)('exports in slices and as jobs on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let staff: Session;
  let supervisor: Session;
  let worker: Worker;
  let dataDir: string;
  let anyang: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-export-'));
    t = await createTestApp(dialect, { dataDir });
    [admin, staff, supervisor] = await Promise.all(['admin', 'staff-anyang', 'supervisor'].map((u) => t.login(u)));
    const units = (await t.ctx.repos.units.listActive()) as Array<{ id: string; name: string }>;
    anyang = units.find((u) => u.name.includes('安阳'))!.id;
    const tangxia = units.find((u) => u.name.includes('塘下'))!.id;
    // 23 cases over several hours, several created at the same instant (ties broken by id).
    for (let i = 0; i < 23; i++) {
      if (i % 4 === 0) t.clock.advance(3_600_000);
      await t.ctx.intake.submit(
        { unitId: i % 3 ? anyang : tangxia, content: `第${i}件：小区门口路灯坏了，联系电话13700001234。`, contact: { name: '王小明', phone: '13700001234' } },
        { channel: i % 2 ? 'phone' : 'online' },
      );
    }
    worker = createWorker(t.ctx, () => {}, { schedules: false });
  });
  afterEach(() => {
    t.ctx.exports.reading = {};
  });
  afterAll(async () => {
    await worker?.runner.stop();
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const listCodes = async (session: Session, query = '') =>
    (await t.request({ method: 'GET', url: `/api/v1/cases?pageSize=200&sort=newest${query}`, session }))
      .json<{ items: Array<{ trackingCode: string }> }>()
      .items.map((c) => c.trackingCode);
  const exportCodes = async (session: Session, query = '') => {
    const res = await t.request({ method: 'GET', url: `/api/v1/exports/cases?format=csv${query}`, session });
    expect(res.statusCode).toBe(200);
    return { codes: codesOf(res.body), total: Number(res.headers['x-total-count']) };
  };

  it('exports every case once, in the list’s order, whatever the slice, count and window sizes', async () => {
    const expected = await listCodes(admin);
    expect(expected.length).toBeGreaterThanOrEqual(23);
    const shapes = [
      {},
      { sliceSize: 1, countSize: 1 },
      { sliceSize: 4, countSize: 3 },
      { sliceSize: 5, countSize: 2, windowMs: 1000 },
      { sliceSize: 3, windowMs: 5_400_000 },
    ];
    for (const reading of shapes) {
      t.ctx.exports.reading = reading;
      const { codes, total } = await exportCodes(admin);
      expect(codes, JSON.stringify(reading)).toEqual(expected);
      expect(total).toBe(expected.length);
    }
    // Filtered and scoped alike (the count walks the slices too: no roll-up total for a status filter).
    t.ctx.exports.reading = { sliceSize: 2, countSize: 2, windowMs: 1000 };
    const phone = await exportCodes(staff, '&channel=phone&status=submitted');
    expect(phone.codes).toEqual(await listCodes(staff, '&channel=phone&status=submitted'));
    expect(phone.total).toBe(phone.codes.length);
    expect(phone.codes.length).toBeGreaterThan(2);
  });

  it('runs a background export: queued, progress while it runs, the file for its requester only, audited', async () => {
    t.ctx.exports.reading = { sliceSize: 2 };
    const started = await t.request({ method: 'POST', url: '/api/v1/exports/jobs', session: staff, payload: { kind: 'cases', format: 'csv', filters: {} } });
    expect(started.statusCode).toBe(202);
    const job = started.json<{ id: string; status: string; downloadUrl: string | null }>();
    expect(job).toMatchObject({ status: 'queued', downloadUrl: null });

    const paused = gate(4);
    t.ctx.exports.reading = { sliceSize: 2, afterSlice: paused.afterSlice };
    const running = worker.runner.drain();
    await paused.reached;
    const during = (await t.request({ method: 'GET', url: `/api/v1/exports/jobs/${job.id}`, session: staff })).json<{
      status: string;
      processed: number;
      total: number;
    }>();
    expect(during.status).toBe('running');
    expect(during.processed).toBeGreaterThan(0);
    expect(during.processed).toBeLessThan(during.total);
    paused.open();
    await running;

    const done = (await t.request({ method: 'GET', url: `/api/v1/exports/jobs/${job.id}`, session: staff })).json<{
      status: string;
      processed: number;
      total: number;
      downloadUrl: string;
      fileName: string;
      expiresAt: string;
    }>();
    expect(done).toMatchObject({ status: 'done', downloadUrl: `/api/v1/exports/jobs/${job.id}/file` });
    expect(done.fileName).toMatch(/^cases-\d{12}\.csv$/);
    expect(done.processed).toBe(done.total);
    const file = await t.request({ method: 'GET', url: done.downloadUrl, session: staff });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain(done.fileName);
    expect(codesOf(file.body)).toEqual(await listCodes(staff));
    // Contact data masked, as in every export asked without it.
    expect(file.body).toContain('137****1234');
    expect(file.body).not.toContain('13700001234');

    // Nobody else sees the job or reads the file — not even an admin.
    for (const other of [admin, supervisor]) {
      expect(errorCode(await t.request({ method: 'GET', url: done.downloadUrl, session: other }))).toBe('RESOURCE_NOT_FOUND');
      expect((await t.request({ method: 'GET', url: `/api/v1/exports/jobs/${job.id}`, session: other })).statusCode).toBe(404);
      const theirs = (await t.request({ method: 'GET', url: '/api/v1/exports/jobs', session: other })).json<{ items: Array<{ id: string }> }>();
      expect(theirs.items.map((i) => i.id)).not.toContain(job.id);
    }
    expect((await t.request({ method: 'GET', url: done.downloadUrl })).statusCode).toBe(401);
    const mine = (await t.request({ method: 'GET', url: '/api/v1/exports/jobs', session: staff })).json<{ items: Array<{ id: string }> }>();
    expect(mine.items[0].id).toBe(job.id);

    const audit = await t.ctx.repos.audit.list({ entityId: job.id });
    expect(audit.items.map((a) => a.action).sort()).toEqual(['export.cases', 'export.download']);

    // After its expiry the file is gone for its requester too, and the hourly job removes it.
    const sha = (await t.ctx.repos.exports.find(job.id))!.fileSha256!;
    t.clock.set(new Date(Date.parse(done.expiresAt) + 1000));
    [admin, staff, supervisor] = await Promise.all(['admin', 'staff-anyang', 'supervisor'].map((u) => t.login(u))); // a day later
    expect((await t.request({ method: 'GET', url: `/api/v1/exports/jobs/${job.id}`, session: staff })).json()).toMatchObject({
      status: 'expired',
      downloadUrl: null,
    });
    expect((await t.request({ method: 'GET', url: done.downloadUrl, session: staff })).statusCode).toBe(404);
    expect(await t.ctx.exports.expire()).toBe(1);
    expect(t.ctx.exports['files'].has(sha)).toBe(false);
    expect((await t.ctx.repos.exports.find(job.id))!.status).toBe('expired');
  });

  it('writes XLSX in the background that a spreadsheet library reads back', async () => {
    t.ctx.exports.reading = { sliceSize: 3 };
    const started = await t.request({
      method: 'POST',
      url: '/api/v1/exports/jobs',
      session: admin,
      payload: { kind: 'cases', format: 'xlsx', includeContact: true, filters: { underUnitId: anyang } },
    });
    expect(started.statusCode).toBe(202);
    await worker.runner.drain();
    const done = (await t.request({ method: 'GET', url: `/api/v1/exports/jobs/${started.json().id}`, session: admin })).json();
    expect(done.status).toBe('done');
    const file = await t.request({ method: 'GET', url: done.downloadUrl, session: admin });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const expected = await listCodes(admin, `&underUnitId=${anyang}`);
    expect(sheet.rowCount).toBe(expected.length + 1);
    expect(sheet.getColumn(1).values.slice(2)).toEqual(expected);
    // Full contact data was asked for by a role that may, and audited as such.
    expect(sheet.getSheetValues().flat().map(String).join('|')).toContain('13700001234');
    const audit = await t.ctx.repos.audit.list({ entityId: done.id, action: 'export.cases' });
    expect(audit.items[0]).toMatchObject({ payload: { includeContact: true, format: 'xlsx' } });
  });

  it('refuses contact data to a role that may only export it masked, before queueing anything', async () => {
    const dept = await t.login('dept-zhujian');
    const refused = await t.request({
      method: 'POST',
      url: '/api/v1/exports/jobs',
      session: dept,
      payload: { kind: 'cases', format: 'csv', includeContact: true },
    });
    expect(errorCode(refused)).toBe('PERMISSION_DENIED');
    expect((await t.request({ method: 'GET', url: '/api/v1/exports/jobs', session: dept })).json().items).toEqual([]);
  });

  it('answers /healthz and a case page while an export is paused between two slices', async () => {
    const events: string[] = [];
    const caseId = (await t.request({ method: 'GET', url: '/api/v1/cases?pageSize=1', session: admin })).json().items[0].id;

    // Streamed in the request.
    let paused = gate(2);
    t.ctx.exports.reading = { sliceSize: 1, afterSlice: paused.afterSlice };
    const streaming = t.request({ method: 'GET', url: '/api/v1/exports/cases?format=csv', session: admin }).then((res) => {
      events.push('stream done');
      return res;
    });
    await paused.reached;
    expect((await t.request({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    events.push('healthz');
    expect((await t.request({ method: 'GET', url: `/api/v1/cases/${caseId}`, session: staff })).statusCode).toBeLessThan(500);
    events.push('case page');
    paused.open();
    expect((await streaming).statusCode).toBe(200);

    // As a job.
    const job = (await t.request({ method: 'POST', url: '/api/v1/exports/jobs', session: admin, payload: { kind: 'cases', format: 'xlsx' } })).json();
    paused = gate(2);
    t.ctx.exports.reading = { sliceSize: 1, afterSlice: paused.afterSlice };
    const running = worker.runner.drain().then(() => events.push('job done'));
    await paused.reached;
    expect((await t.request({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    events.push('healthz');
    expect((await t.request({ method: 'GET', url: `/api/v1/cases/${caseId}`, session: admin })).statusCode).toBe(200);
    events.push('case page');
    paused.open();
    await running;
    expect(events).toEqual(['healthz', 'case page', 'stream done', 'healthz', 'case page', 'job done']);
    expect((await t.ctx.repos.exports.find(job.id))!.status).toBe('done');
  });

  it('goes back to the queue when the worker stops mid-way, and finishes on the next worker', async () => {
    const job = (await t.request({ method: 'POST', url: '/api/v1/exports/jobs', session: staff, payload: { kind: 'cases', format: 'csv' } })).json();
    const paused = gate(2);
    t.ctx.exports.reading = { sliceSize: 1, afterSlice: paused.afterSlice };
    const stopping = createWorker(t.ctx, () => {}, { schedules: false });
    const running = stopping.runner.drain();
    await paused.reached;
    const stopped = stopping.runner.stop();
    paused.open();
    await Promise.all([stopped, running]);
    expect((await t.ctx.repos.exports.find(job.id))!).toMatchObject({ status: 'queued', processed: 0 });

    t.ctx.exports.reading = {};
    await worker.runner.drain();
    const done = (await t.request({ method: 'GET', url: `/api/v1/exports/jobs/${job.id}`, session: staff })).json();
    expect(done.status).toBe('done');
    const file = await t.request({ method: 'GET', url: done.downloadUrl, session: staff });
    expect(codesOf(file.body)).toEqual(await listCodes(staff));
  });
});
