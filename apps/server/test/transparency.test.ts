/**
 * The public transparency API (issue #8) on both databases: figures of every case by station
 * (points under their station) and category, equal to the whole-city overview; published
 * cases are only those whose reporters consented and that were accepted, with personal data
 * masked and nothing about the reporter.
 */
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type Session, type TestApp } from './support';

const dialects = await testDialects();

describe.each(dialects)('transparency on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.login('admin');
    const units = await t.ctx.repos.units.listActive();
    ids.anyang = units.find((u) => u.name.includes('安阳') && u.kind === 'station')!.id;
    ids.point = units.find((u) => u.kind === 'point' && u.parentId === ids.anyang)?.id ?? ids.anyang;
    const submit = async (unitId: string, content: string, consentPublic: boolean, accept: boolean) => {
      const receipt = await t.ctx.intake.submit({ unitId, content, consentPublic, contact: { name: '赵大海', phone: '13700001234' } }, { channel: 'online' });
      if (accept) {
        const res = await t.request({
          method: 'POST',
          url: `/api/v1/cases/${receipt.case.id}/actions/accept`,
          session: admin,
          payload: { expectedVersion: receipt.case.version },
        });
        expect(res.statusCode).toBe(200);
      }
      return receipt.case.id;
    };
    ids.published = await submit(ids.point, '社区健身器材损坏，联系电话13912345678，请尽快维修。', true, true);
    ids.private = await submit(ids.anyang, '这件事不希望公开：邻居装修噪音。', false, true);
    ids.waiting = await submit(ids.anyang, '同意公开但尚未受理的意见：路面坑洼。', true, false);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('publishes figures of every case by station and category, equal to the overview', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/public/transparency' });
    expect(res.statusCode).toBe(200);
    const figures = res.json();
    const overview = (await t.request({ method: 'GET', url: '/api/v1/stats/overview', session: admin })).json();
    expect(figures.received).toBe(overview.received);
    expect(figures.received).toBe(3);
    expect(figures.accepted).toBe(2);
    const anyang = figures.byStation.find((s: { id: string }) => s.id === ids.anyang);
    expect(anyang.received).toBe(3); // its liaison point's case included
    expect(figures.byStation.reduce((n: number, s: { received: number }) => n + s.received, 0)).toBe(3);
    expect(JSON.stringify(figures)).not.toContain('赵大海');
  });

  it('lists only consented, accepted cases, personal data masked', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/public/transparency/cases?unitId=${ids.anyang}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({ id: ids.published, statusLabel: '已受理' });
    expect(body.items[0].content).toContain('139****5678');
    const text = JSON.stringify(body);
    expect(text).not.toContain('13912345678');
    expect(text).not.toContain('13700001234');
    expect(text).not.toContain('赵大海');
    expect(text).not.toContain('不希望公开');
    expect(text).not.toContain('尚未受理');
    expect(errorCode(await t.request({ method: 'GET', url: '/api/v1/public/transparency/cases?pageSize=500' }))).toBe('VALIDATION_FAILED');
  });
});
