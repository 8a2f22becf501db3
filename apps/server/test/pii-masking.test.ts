/**
 * Personal data written into a case (issue #15, item 3) on both databases: a phone number, an
 * ID card number, a bank card number, an email and a detailed street address in the title and
 * text are masked on every public route (transparency, Open311, the receipt's similar cases,
 * public suggestions and voting, the cockpit's hot issues) and in every export (cases as CSV and
 * XLSX, suggestions as XLSX); staff read phone and ID card numbers masked in the list, the case,
 * search snippets and similar cases until the audited reveal, which shows them and writes one
 * audit entry.
 */
import ExcelJS from 'exceljs';
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from './support';

const dialects = await testDialects();

// Made-up personal data (checksum-valid where the kind needs it).
const PHONE = '13912345678';
const ID_CARD = '330381199003071237';
const BANK = '6222021234567890128';
const EMAIL = 'zhang.san@example.com';
const HOUSE = '万松路88号3幢2单元501室';
const TITLE = `${HOUSE}门口路灯坏了请回电${PHONE}`;
const CONTENT = `小区门口路灯坏了一个月，晚上出行不便。我住安阳街道${HOUSE}，手机${PHONE}，身份证${ID_CARD}，银行卡${BANK}，邮箱${EMAIL}。`;
const MASKED = { phone: '139****5678', idCard: '3303**********1237', bank: '6222 **** **** 0128', house: '万松路**号*幢*单元***室' };
const PUBLIC_TITLE = `${MASKED.house}门口路灯坏了请回电${MASKED.phone}`;

/** Nothing of any kind readable. */
function expectAllMasked(text: string) {
  for (const raw of [PHONE, ID_CARD, BANK, EMAIL, '88号3幢2单元501室']) expect(text).not.toContain(raw);
}

describe.each(dialects)('personal data in case texts on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let staff: Session;
  let deputy: Session;
  let caseId: string;
  let trackingCode: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    [admin, staff, deputy] = await Promise.all(['admin', 'staff-anyang', 'deputy-demo'].map((u) => t.login(u)));
    const units = await t.ctx.repos.units.listActive();
    const anyang = units.find((u) => u.name.includes('安阳') && u.kind === 'station')!.id;
    const submit = async (title: string, content: string) => {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/public/opinions',
        payload: { title, content, unitId: anyang, consentPublic: true, address: `安阳街道${HOUSE}`, contact: { phone: '13700001234' } },
      });
      expect(res.statusCode, res.body).toBe(201);
      const record = (await t.ctx.repos.cases.findByTrackingCode(res.json().trackingCode))!;
      const accepted = await t.request({ method: 'POST', url: `/api/v1/cases/${record.id}/actions/accept`, session: staff, payload: { expectedVersion: 1 } });
      expect(accepted.statusCode, accepted.body).toBe(200);
      return { res, record };
    };
    const first = await submit(TITLE, CONTENT);
    caseId = first.record.id;
    trackingCode = first.record.trackingCode;
    // A near-duplicate: the receipt lists the first as similar, and the two make a hot issue.
    await submit(`路灯坏了请回电${PHONE}，身份证${ID_CARD}`, CONTENT.replace('一个月', '两个月'));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('masks every kind on the public transparency list', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/public/transparency/cases' });
    expect(res.statusCode).toBe(200);
    const item = res.json().items.find((i: { id: string }) => i.id === caseId);
    expect(item.title).toBe(PUBLIC_TITLE);
    for (const masked of Object.values(MASKED)) expect(item.content).toContain(masked);
    expect(item.content).toContain('z***@example.com');
    expectAllMasked(res.body);
  });

  it('masks every kind in Open311 requests, JSON and XML, the address included', async () => {
    for (const url of ['/open311/v2/requests.json', '/open311/v2/requests.xml', `/open311/v2/requests/${caseId}.json`]) {
      const res = await t.request({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain(MASKED.house);
      expectAllMasked(res.body);
    }
  });

  it('masks every kind in the similar cases a citizen is shown on submitting', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/public/opinions',
      payload: { title: TITLE, content: CONTENT.replace('一个月', '三个月'), anonymous: true },
    });
    expect(res.statusCode).toBe(201);
    // Similar cases name no tracking code (never hand one citizen's code to another): find it by title.
    const similar = res.json().similar as Array<{ title: string; trackingCode?: string }>;
    expect(similar.map((s) => s.title)).toContain(PUBLIC_TITLE);
    expect(similar.every((s) => s.trackingCode === undefined)).toBe(true);
    expectAllMasked(JSON.stringify(res.json().similar));
  });

  it('masks every kind on public suggestion and voting pages', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/suggestions',
      session: deputy,
      payload: { type: 'suggestion', title: `关于${HOUSE}路灯的建议`, body: CONTENT },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().proposal.id as string;
    const submitted = await t.request({ method: 'POST', url: `/api/v1/suggestions/${id}/actions/submit`, session: deputy, payload: { expectedVersion: 1 } });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const shown = await t.request({ method: 'GET', url: `/api/v1/public/suggestions/${id}` });
    expect(shown.statusCode).toBe(200);
    expect(shown.json().body).toContain(MASKED.house);
    expectAllMasked(shown.body);

    const office = await t.login('supervisor');
    const round = await t.request({
      method: 'POST',
      url: '/api/v1/voting/rounds',
      session: office,
      payload: { year: 2027, title: '2027年民生实事项目票决', choose: 1 },
    });
    expect(round.statusCode, round.body).toBe(201);
    const roundId = round.json().id as string;
    const proposed = await t.request({
      method: 'POST',
      url: `/api/v1/public/voting/rounds/${roundId}/candidates`,
      payload: { title: '增设公共充电桩', description: CONTENT },
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const reviewed = await t.request({
      method: 'POST',
      url: `/api/v1/voting/candidates/${proposed.json().id}/review`,
      session: office,
      payload: { decision: 'accepted' },
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    const publicRound = await t.request({ method: 'GET', url: `/api/v1/public/voting/rounds/${roundId}` });
    expect(publicRound.statusCode).toBe(200);
    expect(publicRound.json().candidates[0].description).toContain(MASKED.idCard);
    expectAllMasked(publicRound.body);
  });

  it('masks every kind in the hot issues the cockpit and the big screen show', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/stats/hot-issues', session: admin });
    expect(res.statusCode).toBe(200);
    expect(res.json().clusters.length).toBeGreaterThan(0);
    expectAllMasked(res.body);
  });

  it('masks every kind in case exports (contact columns aside) and suggestion exports', async () => {
    for (const query of ['format=csv', 'format=csv&includeContact=1']) {
      const res = await t.request({ method: 'GET', url: `/api/v1/exports/cases?${query}`, session: admin });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(MASKED.house);
      expectAllMasked(res.body);
    }
    const readXlsx = async (url: string) => {
      const res = await t.request({ method: 'GET', url, session: admin });
      expect(res.statusCode, url).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      return workbook.worksheets.flatMap((w) => w.getSheetValues().flat().map(String)).join('|');
    };
    const cases = await readXlsx('/api/v1/exports/cases?format=xlsx');
    expect(cases).toContain(MASKED.idCard);
    expectAllMasked(cases);
    const suggestions = await readXlsx('/api/v1/suggestions/export.xlsx');
    expect(suggestions).toContain(MASKED.house);
    expectAllMasked(suggestions);
  });

  it('shows staff phone and ID card numbers masked until one audited reveal shows them', async () => {
    const list = await t.request({ method: 'GET', url: '/api/v1/cases?pageSize=50', session: staff });
    const listed = list.json().items.find((c: { id: string }) => c.id === caseId);
    expect(listed.title).toBe(`${HOUSE}门口路灯坏了请回电${MASKED.phone}`);
    for (const raw of [PHONE, ID_CARD]) expect(list.body).not.toContain(raw);

    const search = await t.request({ method: 'GET', url: `/api/v1/cases?q=${encodeURIComponent('路灯')}`, session: staff });
    expect(search.json().items.some((c: { snippet: string | null }) => c.snippet)).toBe(true);
    for (const raw of [PHONE, ID_CARD]) expect(search.body).not.toContain(raw);

    const detail = await t.request({ method: 'GET', url: `/api/v1/cases/${caseId}`, session: staff });
    const shown = detail.json();
    expect(shown.case.textMasked).toBe(true);
    expect(shown.case.content).toContain(MASKED.phone);
    expect(shown.case.content).toContain(MASKED.idCard);
    // What handlers need to do the work stays readable.
    expect(shown.case.content).toContain(HOUSE);
    expect(shown.case.content).toContain(BANK);
    for (const raw of [PHONE, ID_CARD]) expect(detail.body).not.toContain(raw);
    expect(shown.similar.length).toBeGreaterThan(0);

    const audits = async () => (await t.ctx.repos.audit.list({ action: 'case.contact.reveal' })).items.filter((a) => a.entityId === caseId);
    expect(await audits()).toHaveLength(0);
    const revealed = await t.request({ method: 'POST', url: `/api/v1/cases/${caseId}/reveal-contact`, session: staff });
    expect(revealed.statusCode).toBe(200);
    expect(revealed.json()).toEqual({ reporter: { name: null, phone: '13700001234', email: null }, text: { title: TITLE, content: CONTENT } });
    expect(await audits()).toHaveLength(1);
    expect((await audits())[0]).toMatchObject({ actorName: 'staff-anyang', summary: trackingCode });

    // A station outside the case's scope learns nothing and leaves no trace.
    const foreign = await t.login('staff-tangxia');
    expect((await t.request({ method: 'POST', url: `/api/v1/cases/${caseId}/reveal-contact`, session: foreign })).statusCode).toBe(404);
    expect(await audits()).toHaveLength(1);
  });
});
