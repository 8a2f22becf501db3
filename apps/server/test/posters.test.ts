/**
 * "码上见代表" posters (issue #3) over app.inject on both databases: SVG with the name,
 * the escaped text and the QR path, PNG rendered from it, 404 and 401.
 */
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeXml, posterSvg, qrPath, wrapText } from '../src/intake/poster.service';
import { createTestApp, errorCode, type Session, type TestApp } from './support';

const dialects = await testDialects();
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('poster building', () => {
  it('escapes every piece of text and keeps the link verifiable', () => {
    const svg = posterSvg({
      name: '<script>alert(1)</script>联络站',
      subtitle: 'A & B',
      url: 'https://example.org/m/submit?unitId=a--b&x="1"',
      details: [{ label: '地址', value: '"><svg onload=alert(1)>' }],
    });
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<svg onload');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;联络站');
    expect(svg).toContain('A &amp; B');
    expect(svg).toContain('https://example.org/m/submit?unitId=a--b&amp;x=&quot;1&quot;');
    // An XML comment must not contain "--".
    const comment = /<!-- qr: (.*) -->/.exec(svg)![1];
    expect(comment).not.toContain('--');
    expect(svg.match(/<svg /g)).toHaveLength(1);
  });

  it('draws the QR code as one path of dark modules and wraps long text', () => {
    const { size, d } = qrPath('https://example.org/m/submit?unitId=0190');
    expect(size).toBeGreaterThanOrEqual(21);
    expect(d).toMatch(/^(M\d+ \d+h\d+v1h-\d+z)+$/);
    expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&#39;');
    const lines = wrapText('瑞安市安阳街道万松东路一百八十八号人大代表联络站二楼接待室东侧', 10, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1].endsWith('…')).toBe(true);
  });
});

describe.each(dialects)('posters on %s', (dialect) => {
  let t: TestApp;
  let staff: Session;
  let unitId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    staff = await t.login('staff-anyang');
    unitId = staff.user.scope.unitId as string;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives a station poster as SVG with its name, address and a QR of the deep link', async () => {
    const unit = await t.ctx.repos.units.get(unitId);
    const res = await t.request({ method: 'GET', url: `/api/v1/units/${unitId}/poster.svg`, session: staff, headers: { host: 'lianxin.example:8080' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="poster-unit-${unitId}\\.svg"; filename\\*=UTF-8''`));
    const svg = res.body;
    // The link carries the QR marker, so a submission through it counts as 扫码提交.
    const url = `http://lianxin.example:8080/m/submit?unitId=${unitId}&via=qr`;
    expect(svg).toContain(`<!-- qr: ${url} -->`);
    expect(svg).toContain(escapeXml(unit.name));
    expect(svg).toContain('扫码反映意见 · 码上见代表');
    if (unit.address) expect(svg).toContain(escapeXml(unit.address));
    expect(svg).toContain(`d="${qrPath(url).d}"`);
    expect(svg).toMatch(/<path id="qr" d="M/);
    expect(svg).toContain('font-family="Noto Sans CJK SC, Noto Sans SC, sans-serif"');
  });

  it('uses the configured public URL and renders a deputy poster as PNG', async () => {
    const other = await createTestApp(dialect, { publicUrl: 'https://lianxin.example.gov.cn/' });
    try {
      const session = await other.login('admin');
      const deputyId = (await other.login('deputy-demo')).user.scope.deputyId as string;
      const svg = await other.request({ method: 'GET', url: `/api/v1/deputies/${deputyId}/poster.svg`, session });
      expect(svg.statusCode).toBe(200);
      expect(svg.body).toContain(`<!-- qr: https://lianxin.example.gov.cn/m/submit?deputyId=${deputyId}&via=qr -->`);
      const deputy = await other.ctx.repos.deputies.get(deputyId);
      expect(svg.body).toContain(escapeXml(deputy.name));
      const png = await other.request({ method: 'GET', url: `/api/v1/deputies/${deputyId}/poster.png`, session });
      expect(png.statusCode).toBe(200);
      expect(png.headers['content-type']).toBe('image/png');
      expect(png.headers['content-disposition']).toContain(`filename="poster-deputy-${deputyId}.png"`);
      expect(png.rawPayload.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      // 148 mm at 300 dpi.
      expect(png.rawPayload.readUInt32BE(16)).toBe(1748);
    } finally {
      await other.close();
    }
  });

  it('answers 404 for unknown ids and formats, 401 when signed out', async () => {
    for (const url of ['/api/v1/units/no-such-unit/poster.svg', '/api/v1/deputies/no-such-deputy/poster.png']) {
      const res = await t.request({ method: 'GET', url, session: staff });
      expect(res.statusCode).toBe(404);
      expect(errorCode(res)).toBe('RESOURCE_NOT_FOUND');
    }
    expect((await t.request({ method: 'GET', url: `/api/v1/units/${unitId}/poster.gif`, session: staff })).statusCode).toBe(400);
    const signedOut = await t.request({ method: 'GET', url: `/api/v1/units/${unitId}/poster.svg` });
    expect(signedOut.statusCode).toBe(401);
    expect(errorCode(signedOut)).toBe('AUTH_REQUIRED');
  });
});
