/**
 * Browser journey of the integrations (issue #8): an admin creates an API key in the
 * console, an Open311 client uses it against the running product (form-encoded POST, XML
 * answer; read back in JSON); the admin subscribes a real local receiver to case events and
 * sends a test ping whose signature the receiver verifies; axe-core finds no serious or
 * critical violations on the page.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@lianxin/storage/testing';
import { verifySignature } from '../apps/server/src/integrations/webhook-signature';
import { browserAvailable, launchBrowser, screenshot, seriousAxeViolations } from './support/browser';
import { startProduct, type RunningProduct } from './support/server';

const dialects = browserAvailable() ? await testDialects() : [];

describe.each(dialects)('integrations journey on %s', (dialect) => {
  let product: RunningProduct;
  let browser: Browser;
  let receiver: http.Server;
  const received: Array<{ body: string; signature: string | undefined }> = [];

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: req.headers['x-lianxin-webhook-signature'] as string | undefined });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    [product, browser] = await Promise.all([startProduct(dialect), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    await new Promise<void>((resolve) => receiver?.close(() => resolve()));
  });

  it('admin creates an API key an Open311 client then uses, and pings a signed webhook', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));

    await page.goto(`${product.url}/console/login`);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('lianxin-demo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-integrations').click();
    await page.getByTestId('api-key-create').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByTestId('api-key-create').click();
    await page.getByTestId('api-key-name').fill('12345 热线平台（浏览器）');
    await page.getByTestId('api-key-submit').click();
    const key = ((await page.getByTestId('secret-once').textContent()) ?? '').trim();
    expect(key).toMatch(/^lxk_[A-Za-z0-9_-]{32}$/);
    await page.getByTestId('secret-once-close').click();

    // An Open311 client with that key: services, then a form-encoded POST with an XML answer.
    const services = (await (await fetch(`${product.url}/open311/v2/services.json`)).json()) as Array<{ service_code: string }>;
    const posted = await fetch(`${product.url}/open311/v2/requests.xml`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: key,
        service_code: services[0].service_code,
        description: '安阳街道万松路路灯不亮已经一周。',
        address_string: '安阳街道万松路',
      }),
    });
    expect(posted.status).toBe(201);
    const xml = await posted.text();
    const id = /<service_request_id>([^<]+)<\/service_request_id>/.exec(xml)?.[1];
    expect(id).toBeTruthy();
    const back = (await (await fetch(`${product.url}/open311/v2/requests/${id}.json?api_key=${key}`)).json()) as Array<{ status: string }>;
    expect(back[0]).toMatchObject({ status: 'open' });

    // A webhook to the local receiver, and a test ping it can verify.
    await page.getByRole('tab', { name: 'Webhook' }).click();
    await page.getByTestId('webhook-create').click();
    await page.getByTestId('webhook-name').fill('本地接收端');
    const { port } = receiver.address() as AddressInfo;
    await page.getByTestId('webhook-url').fill(`http://127.0.0.1:${port}/hook`);
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    const secret = ((await page.getByTestId('secret-once').textContent()) ?? '').trim();
    expect(secret).toMatch(/^whsec_/);
    await page.getByTestId('secret-once-close').click();
    await page.locator('[data-testid^="webhook-ping-"]').first().click();
    await page.getByText(/测试成功：HTTP 204/).waitFor();
    // axe judges what is on screen: move the pointer off the row so no hover colours are measured.
    await page.mouse.move(0, 0);
    // …and judge the page at rest, once the toast has gone.
    await page.locator('.ant-message-notice').waitFor({ state: 'detached' });
    const ping = received.find((r) => r.body.includes('"type":"ping"'))!;
    expect(verifySignature(secret, ping.signature, ping.body, Math.floor(Date.now() / 1000))).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, `console-integrations-${dialect}`);
    expect(errors).toEqual([]);
    await context.close();
  });
});
