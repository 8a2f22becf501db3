/**
 * Browser journey of 限时销号 (issue #6) against the real product (`lianxin start`): the
 * owning department closes an issue-list item in the console with a statement and an
 * uploaded evidence file (a real multipart upload, checked by content and stored by hash);
 * the supervising office then downloads that file from the list, and sees the other item,
 * past its deadline, in the overdue list. Setup that is not the journey (the key item and its
 * issue items) goes through the HTTP API.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@lianxin/storage/testing';
import { browserAvailable, launchBrowser, newJourneyPage, seriousAxeViolations, signInConsole } from './support/browser';
import { startProduct, type RunningProduct } from './support/server';

const dialects = browserAvailable() ? await testDialects() : [];
const PASSWORD = 'lianxin-demo';
const PDF = '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n';

interface ApiSession {
  cookie: string;
  csrf: string;
  user: { scope: { departmentId?: string } };
}

describe.each(dialects)('issue evidence journey in the browser on %s', (dialect) => {
  let product: RunningProduct;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct(dialect, { LIANXIN_RATE_LIMITS: 'false' }), launchBrowser()]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await product?.stop();
  });

  async function api<T>(method: string, url: string, session: ApiSession, body?: unknown): Promise<T> {
    const res = await fetch(`${product.url}${url}`, {
      method,
      headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  async function apiLogin(username: string): Promise<ApiSession> {
    const res = await fetch(`${product.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    if (!res.ok) throw new Error(`login ${username} → ${res.status}`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .find((c) => c.startsWith('lx_session='))!;
    const body = (await res.json()) as { csrfToken: string; user: ApiSession['user'] };
    return { cookie, csrf: body.csrfToken, user: body.user };
  }

  it('the department closes an item with an uploaded file; the office downloads it and sees the overdue one', async () => {
    const [deputy, office, dept] = [await apiLogin('deputy-demo'), await apiLogin('supervisor'), await apiLogin('dept-zhujian')];
    const created = await api<{ proposal: { id: string } }>('POST', '/api/v1/suggestions', deputy, {
      type: 'suggestion',
      title: '关于加快老旧小区改造的建议',
      body: '建议加快推进老旧小区改造。',
    });
    const id = created.proposal.id;
    const act = async (session: ApiSession, action: string, body: Record<string, unknown> = {}) => {
      const current = await api<{ proposal: { version: number } }>('GET', `/api/v1/suggestions/${id}`, session);
      await api('POST', `/api/v1/suggestions/${id}/actions/${action}`, session, { expectedVersion: current.proposal.version, ...body });
    };
    await act(deputy, 'submit');
    await act(office, 'register');
    await act(office, 'assign', { leadUnitId: dept.user.scope.departmentId });
    await act(office, 'designate_key', { leader: '王副市长' });
    const departmentId = dept.user.scope.departmentId;
    const future = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const item = await api<{ id: string }>('POST', `/api/v1/suggestions/${id}/issues`, office, { title: '完成首批设计方案', dueDate: future, departmentId });
    await api('POST', `/api/v1/suggestions/${id}/issues`, office, { title: '落实改造资金', dueDate: '2026-01-05', departmentId });

    // The department closes the first item: the dialog insists on a file, uploads it, then closes.
    const page = await newJourneyPage(browser, contexts, errors, false);
    await signInConsole(page, product.url, 'dept-zhujian', PASSWORD);
    await page.goto(`${product.url}/console/supervision/${id}`);
    await page.getByTestId(`issue-close-${item.id}`).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await page.getByTestId('issue-evidence').fill('设计方案已通过评审并批复（文号2026-12）');
    await page.getByTestId('issue-close-ok').click();
    await dialog.getByText('请至少上传一份证据材料').waitFor();
    await dialog.locator('input[type="file"]').setInputFiles({ name: '批复.pdf', mimeType: 'application/pdf', buffer: Buffer.from(PDF) });
    await dialog.locator('.ant-upload-list-item-done').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByTestId('issue-close-ok').click();
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByTestId(`issue-files-${item.id}`).getByText('批复.pdf').waitFor();

    // The office downloads the evidence through the list and sees the overdue item.
    const officePage = await newJourneyPage(browser, contexts, errors, false);
    await signInConsole(officePage, product.url, 'supervisor', PASSWORD);
    await officePage.goto(`${product.url}/console/supervision/${id}`);
    const link = officePage.getByTestId(`issue-files-${item.id}`).locator('a');
    const href = (await link.getAttribute('href'))!;
    const download = await officePage.evaluate(async (url) => {
      const res = await fetch(url);
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    }, href);
    expect(download).toEqual({ status: 200, type: 'application/pdf', text: PDF });
    await officePage.goto(`${product.url}/console/supervision`);
    await officePage.getByTestId('overdue-issues').getByText('落实改造资金').waitFor();
    expect(await officePage.getByTestId('overdue-issues').textContent()).not.toContain('完成首批设计方案');
    expect(await seriousAxeViolations(officePage)).toEqual([]);
    expect(errors).toEqual([]);
  }, 180_000);
});
