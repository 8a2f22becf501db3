/**
 * Issue #9 item 7, the server side: security headers and cookie flags (Secure when configured),
 * CSRF on cookie-authenticated changes, login lockout and throttling, SQL-injection strings inert
 * in search and filters, uploaded files served with safe headers, stored XSS returned as plain
 * text, and secrets (passwords, session and CSRF tokens, API keys, phone numbers, tracking
 * secrets) never in the log — the pino stream of a whole run is captured and searched. The
 * browser half (XSS rendered inert) is e2e/security.test.ts.
 */
import { Writable } from 'node:stream';
import { testDialects } from '@lianxin/storage/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactUrl } from '../src/platform/plugins/log-redaction';
import { tableCounts } from './openapi-operations';
import { createTestApp, DEMO_PASSWORD, errorCode, type Session, type TestApp } from './support';

const dialects = await testDialects();

const INJECTIONS = ["' OR '1'='1", "'; DROP TABLE cases; --", '" OR ""="', '1) OR (1=1', "%' OR 1=1 --", '\\', "' UNION SELECT password_hash FROM users --"];

function multipart(bytes: Buffer, fileName: string, type: string) {
  const boundary = 'security-boundary';
  return {
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('redactUrl', () => {
  it('hides the values of secret query parameters and keeps the rest', () => {
    expect(redactUrl('/open311/v2/requests.json?api_key=lxk_abc&status=open')).toBe('/open311/v2/requests.json?api_key=[redacted]&status=open');
    expect(redactUrl('/api/v1/public/opinions/K7QX-M4RT-9P?verify=5678')).toBe('/api/v1/public/opinions/K7QX-M4RT-9P?verify=[redacted]');
    expect(redactUrl('/x?%61pi_key=1&q=%')).toBe('/x?%61pi_key=[redacted]&q=%');
    expect(redactUrl('/healthz')).toBe('/healthz');
  });
});

// The cookie and HSTS settings do not depend on the database: checked once, on SQLite.
describe('with LIANXIN_COOKIE_SECURE', () => {
  it('marks the session cookie Secure and sends HSTS', async () => {
    const secure = await createTestApp('sqlite', { cookieSecure: true });
    try {
      const login = await secure.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
      expect(login.cookies.find((c) => c.name === 'lx_session')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict' });
      expect(String(login.headers['strict-transport-security'])).toMatch(/max-age=\d+/);
    } finally {
      await secure.close();
    }
  });
});

describe.each(dialects)('security on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  const log: string[] = [];
  const secrets: string[] = [];

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        log.push(chunk.toString('utf8'));
        done();
      },
    });
    t = await createTestApp(dialect, { logLevel: 'trace' }, { logger: { level: 'trace', stream } });
    admin = await t.login('admin');
    secrets.push(DEMO_PASSWORD, admin.csrf, admin.cookie.replace('lx_session=', ''));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends the security headers on pages, API answers and errors, without X-Powered-By', async () => {
    for (const res of [
      await t.request({ method: 'GET', url: '/api/v1/public/units' }),
      await t.request({ method: 'GET', url: '/api/v1/cases' }),
      await t.request({ method: 'GET', url: '/no/such/page' }),
    ]) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('sets the session cookie HttpOnly, SameSite=Strict, path /, not Secure unless configured', async () => {
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'supervisor', password: DEMO_PASSWORD } });
    const cookie = res.cookies.find((c) => c.name === 'lx_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.secure).toBeFalsy();
    secrets.push(cookie.value, res.json().csrfToken);
    expect(res.body).not.toContain(cookie.value);
  });

  it('refuses a cookie-authenticated change without the session’s CSRF token, and changes nothing', async () => {
    const other = await t.login('supervisor');
    const before = await tableCounts(t.storage);
    const body = { name: '跨站请求伪造测试专题' };
    for (const csrf of ['', 'forged-token', other.csrf]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/topics',
        payload: body,
        headers: { cookie: admin.cookie, ...(csrf ? { 'x-csrf-token': csrf } : {}) },
      });
      expect(res.statusCode).toBe(403);
      expect(errorCode(res)).toBe('AUTH_CSRF_INVALID');
    }
    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: admin.cookie } });
    expect(logout.statusCode).toBe(403);
    expect(await tableCounts(t.storage)).toEqual(before);
    expect((await t.request({ method: 'GET', url: '/api/v1/me', session: admin })).statusCode).toBe(200);
    expect((await t.request({ method: 'POST', url: '/api/v1/topics', payload: body, session: admin })).statusCode).toBe(201);
  });

  it('locks an account after repeated failures (423, Retry-After, even the right password) and throttles one address (429)', async () => {
    const attempts = [];
    for (let i = 0; i < t.ctx.config.loginMaxFailures; i++) {
      attempts.push(
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: `10.0.0.${i + 1}`,
          payload: { username: 'staff-tangxia', password: `wrong-${i}` },
        }),
      );
    }
    expect(attempts.slice(0, -1).every((r) => r.statusCode === 401)).toBe(true);
    expect(attempts.at(-1)!.statusCode).toBe(423);
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '10.0.1.1',
      payload: { username: 'staff-tangxia', password: DEMO_PASSWORD },
    });
    expect(right.statusCode).toBe(423);
    expect(errorCode(right)).toBe('AUTH_ACCOUNT_LOCKED');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    expect(right.cookies.find((c) => c.name === 'lx_session')).toBeUndefined();

    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '10.0.2.2',
        payload: { username: `nobody-${i}`, password: 'x' },
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(errorCode(res)).toBe('RATE_LIMITED');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
  });

  it('treats SQL-injection strings as plain text in search, filters and stored content', async () => {
    const staff = await t.login('staff-anyang');
    const before = await tableCounts(t.storage);
    const visible = (await t.request({ method: 'GET', url: '/api/v1/cases?pageSize=1', session: staff })).json().total as number;
    for (const text of INJECTIONS) {
      const q = encodeURIComponent(text);
      const search = await t.request({ method: 'GET', url: `/api/v1/cases?q=${q}`, session: staff });
      expect(search.statusCode, text).toBeLessThan(500);
      if (search.statusCode === 200) expect(search.json().total).toBeLessThanOrEqual(visible);
      for (const url of [
        `/api/v1/cases?status=${q}`,
        `/api/v1/cases?unitId=${q}`,
        `/api/v1/stats/overview?unitId=${q}`,
        `/api/v1/exports/cases?format=csv&categoryId=${q}`,
      ]) {
        const res = await t.request({ method: 'GET', url, session: staff });
        expect([400, 404], `${url}`).toContain(res.statusCode);
      }
      for (const url of [
        `/api/v1/users?q=${q}`,
        `/api/v1/deputies?q=${q}`,
        `/api/v1/units?q=${q}`,
        `/open311/v2/requests.json?service_code=${q}`,
        `/api/v1/public/deputies?unitId=${q}`,
      ]) {
        const res = await t.request({ method: 'GET', url, session: admin });
        expect(res.statusCode, url).toBeLessThan(500);
      }
    }
    const stored = '\'; DROP TABLE cases; -- 以及 " OR 1=1 是一段普通的文字。';
    const res = await t.request({ method: 'POST', url: '/api/v1/public/opinions', payload: { content: stored, anonymous: true } });
    expect(res.statusCode).toBe(201);
    const record = (await t.ctx.repos.cases.findByTrackingCode(res.json().trackingCode))!;
    expect(record.content).toBe(stored);
    const after = await tableCounts(t.storage);
    expect(after.cases).toBe(before.cases + 1);
    expect(after.users).toBe(before.users);
    // Search finds the stored text by a word in it, not by the quote tricks.
    const found = (await t.request({ method: 'GET', url: `/api/v1/cases?q=${encodeURIComponent('普通的文字')}&pageSize=50`, session: admin })).json();
    expect(found.items.map((c: { id: string }) => c.id)).toContain(record.id);
  });

  it('returns stored XSS as literal text and serves uploads with safe headers', async () => {
    const xss = '<img src=x onerror=alert(1)><script>alert(2)</script>路灯不亮请修理';
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#08c' } })
      .png()
      .toBuffer();
    const up = await t.request({ method: 'POST', url: '/api/v1/public/attachments', ...multipart(png, '<script>x</script>.png', 'image/png') });
    expect(up.statusCode).toBe(201);
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/public/opinions',
      payload: { content: xss, title: '<b>标题</b>', anonymous: true, attachmentIds: [up.json().id] },
      headers: { cookie: `lx_upload=${up.cookies.find((c) => c.name === 'lx_upload')!.value}` },
    });
    expect(created.statusCode).toBe(201);
    const { trackingCode, secret } = created.json();
    const id = (await t.ctx.repos.cases.findByTrackingCode(trackingCode))!.id;
    const detail = await t.request({ method: 'GET', url: `/api/v1/cases/${id}`, session: admin });
    expect(detail.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.stringify(detail.json())).toContain(xss);

    for (const url of [`/api/v1/attachments/${up.json().id}`, `/api/v1/public/opinions/${trackingCode}/attachments/${up.json().id}?verify=${secret}`]) {
      const file = await t.request({ method: 'GET', url, session: url.includes('/public/') ? undefined : admin });
      expect(file.statusCode, url).toBe(200);
      expect(file.headers['content-type']).toBe('image/png');
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(String(file.headers['content-security-policy'])).toContain('sandbox');
      expect(String(file.headers['content-security-policy'])).toContain("default-src 'none'");
      expect(String(file.headers['content-disposition'])).toMatch(/^inline; filename="attachment-[\w-]+\.png"$/);
    }
    // Active content is refused by its bytes, whatever it is called.
    for (const [bytes, name, type] of [
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'a.svg', 'image/svg+xml'],
      [Buffer.from('<html><script>alert(1)</script></html>'), 'a.png', 'image/png'],
    ] as const) {
      const res = await t.request({ method: 'POST', url: '/api/v1/public/attachments', ...multipart(bytes, name, type) });
      expect(res.statusCode).toBe(415);
    }
  });

  it('never writes passwords, session or CSRF tokens, API keys, phone numbers or tracking secrets to the log', async () => {
    const phone = '13987654321';
    const submitted = await t.request({
      method: 'POST',
      url: '/api/v1/public/opinions',
      payload: { content: '小区门口的路灯坏了，请尽快维修。', contact: { name: '王五', phone } },
    });
    expect(submitted.statusCode).toBe(201);
    await t.request({ method: 'GET', url: `/api/v1/public/opinions/${submitted.json().trackingCode}?verify=4321` });
    const key = (await t.request({ method: 'POST', url: '/api/v1/integrations/api-keys', session: admin, payload: { name: '日志测试' } })).json().key as string;
    secrets.push(key);
    const services = (await t.request({ method: 'GET', url: `/open311/v2/services.json?api_key=${key}` })).json();
    await t.request({ method: 'GET', url: `/open311/v2/requests.json?api_key=${key}` });
    await t.request({
      method: 'POST',
      url: `/open311/v2/requests.json?api_key=${key}`,
      payload: { api_key: key, service_code: services[0].service_code, description: '路面坑洼需要修补，车辆经过很危险。', lat: '27.78', long: '120.63', phone },
    });
    await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'a-wrong-password-123' } });
    await t.request({ method: 'GET', url: '/api/v1/me', session: admin });
    // A failing request is logged with more detail; it must not carry them either.
    await t.request({ method: 'POST', url: '/api/v1/topics', session: { ...admin, csrf: 'forged' }, payload: { name: '失败' } });

    const text = log.join('');
    expect(text).toContain('request completed'); // the stream really captured the run
    expect(text).toContain('/open311/v2/requests.json?api_key=[redacted]');
    for (const secret of [...secrets, phone, 'a-wrong-password-123', 'verify=4321', submitted.json().trackingCode + '?verify=4321']) {
      expect(text.includes(secret), `log contains ${secret.slice(0, 6)}…`).toBe(false);
    }
  });
});
