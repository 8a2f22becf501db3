/**
 * Issue #15 item 19, demo mail and SMS made visible, on both databases: the log drivers' lines
 * are printed at the default log level (info), and in demo mode the worker keeps a copy of each
 * message it sent for `GET /api/v1/demo/outbox` — admins only, recipients and contact data in the
 * text masked, newest first; outside demo mode the route is a 404, nothing is kept and the
 * console is not offered the page.
 */
import { FixedClock } from '@lianxin/core';
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { createContext } from '../src/context';
import { workerLog } from '../src/server';
import { createWorker, type Worker } from '../src/worker';
import { createTestApp, errorCode, type TestApp } from './support';

const dialects = await testDialects();
const PHONE = '13712345678';

describe('the worker log', () => {
  it('prints the log drivers’ mail and SMS lines at the default level, and not above it', () => {
    const lines: string[] = [];
    workerLog('info', (l) => lines.push(l))('info', `sms to=137****5678 text=您的意见已收到`);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'info', msg: 'sms to=137****5678 text=您的意见已收到' });
    workerLog('warn', (l) => lines.push(l))('info', 'mail (no SMTP configured) to=a***@example.com subject=x');
    workerLog('silent', (l) => lines.push(l))('error', 'job failed');
    expect(lines).toHaveLength(1);
    workerLog('debug', (l) => lines.push(l))('warn', 'job failed, will retry');
    expect(lines).toHaveLength(2);
  });
});

describe.each(dialects)('the demo outbox on %s', (dialect) => {
  let t: TestApp;
  let worker: Worker;
  const logged: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    worker = createWorker(
      t.ctx,
      workerLog(t.ctx.config.logLevel, (l) => logged.push(l)),
      { schedules: false },
    );
    const submitted = await t.request({
      method: 'POST',
      url: '/api/v1/public/opinions',
      payload: {
        content: '安阳街道某小区路灯坏了，晚上很黑，联系我 13700009999 也可以。',
        contact: { name: '测试群众', phone: PHONE, email: 'citizen@example.com' },
      },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    await worker.runner.drain();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists what was sent, newest first, recipients and contact data masked, for admins', async () => {
    const admin = await t.login('admin');
    expect(admin.user.permissions).toContain('demo.outbox');
    const res = await t.request({ method: 'GET', url: '/api/v1/demo/outbox?pageSize=50', session: admin });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<{ items: Array<{ channel: string; recipient: string; subject: string | null; text: string; sentAt: string }>; total: number }>();
    expect(page.total).toBe(page.items.length);
    const sms = page.items.filter((m) => m.channel === 'sms');
    const mail = page.items.filter((m) => m.channel === 'email');
    expect(sms.length).toBeGreaterThan(0);
    expect(mail.some((m) => m.recipient === 'c***@example.com')).toBe(true);
    expect(sms[0]).toMatchObject({ recipient: '137****5678', subject: null });
    expect(sms[0].text.length).toBeGreaterThan(0);
    expect(mail.every((m) => !!m.subject)).toBe(true);
    // Never a full phone number or address anywhere in the answer.
    expect(res.body).not.toContain(PHONE);
    expect(res.body).not.toContain('13700009999');
    expect(res.body).not.toContain('citizen@example.com');
    expect(page.items.map((m) => m.sentAt)).toEqual([...page.items.map((m) => m.sentAt)].sort().reverse());
    expect(page.items.every((m) => !Number.isNaN(Date.parse(m.sentAt)))).toBe(true);
    // The log drivers printed the same messages at the default level.
    expect(logged.some((l) => l.includes('sms to=137****5678'))).toBe(true);
    expect(logged.some((l) => l.includes('mail (no SMTP configured)'))).toBe(true);
  });

  it('refuses everyone but admins', async () => {
    expect((await t.request({ method: 'GET', url: '/api/v1/demo/outbox' })).statusCode).toBe(401);
    for (const username of ['supervisor', 'staff-anyang', 'dept-zhujian', 'deputy-demo']) {
      const session = await t.login(username);
      expect(session.user.permissions).not.toContain('demo.outbox');
      const res = await t.request({ method: 'GET', url: '/api/v1/demo/outbox', session });
      expect(res.statusCode, username).toBe(403);
      expect(errorCode(res)).toBe('PERMISSION_DENIED');
    }
    const bad = await t.request({ method: 'GET', url: '/api/v1/demo/outbox?pageSize=1000', session: await t.login('admin') });
    expect(bad.statusCode).toBe(400);
    expect(errorCode(bad)).toBe('VALIDATION_FAILED');
  });

  it('does not exist outside demo mode: 404, nothing kept, no menu permission', async () => {
    const config = { ...t.ctx.config, demo: false, env: 'production' as const, production: true };
    const ctx = createContext({ config, storage: t.storage, clock: new FixedClock(t.clock.now()), masterKey: Buffer.alloc(32, 1) });
    const app = await buildApp(ctx, { logger: false });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'lianxin-demo' } });
      expect(login.statusCode, login.body).toBe(200);
      expect(login.json<{ user: { permissions: string[] } }>().user.permissions).not.toContain('demo.outbox');
      const cookie = login.cookies.find((c) => c.name === 'lx_session')!;
      const res = await app.inject({ method: 'GET', url: '/api/v1/demo/outbox', headers: { cookie: `lx_session=${cookie.value}` } });
      expect(res.statusCode).toBe(404);
      expect(errorCode(res)).toBe('RESOURCE_NOT_FOUND');
      const before = (await t.ctx.repos.demoOutbox.list()).total;
      const production = createWorker(ctx, () => {}, { schedules: false });
      await production.sms.send(PHONE, '测试短信');
      await production.mailer.send({ to: 'citizen@example.com', subject: '测试', text: '测试邮件' });
      expect((await t.ctx.repos.demoOutbox.list()).total).toBe(before);
    } finally {
      await app.close();
    }
  });
});
