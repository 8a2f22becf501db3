/**
 * Browser journey of the foundation (issue #2): log in as admin, add a liaison point
 * under a station in the console, see it in the public unit list and on the citizen
 * pages; axe-core finds no serious or critical violations on the pages visited.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@lianxin/storage/testing';
import { browserAvailable, launchBrowser, screenshot, seriousAxeViolations } from './support/browser';
import { startProduct, type RunningProduct } from './support/server';

const dialects = browserAvailable() ? await testDialects() : [];

describe.each(dialects)('console organisation journey on %s', (dialect) => {
  let product: RunningProduct;
  let browser: Browser;

  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct(dialect), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('admin adds a point under a station and the public sees it', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));

    await page.goto(`${product.url}/console/login`);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('lianxin-demo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-units').waitFor();
    expect(await page.getByTestId('current-user-name').textContent()).toContain('系统管理员');

    await page.getByTestId('nav-units').click();
    const units = (await (await fetch(`${product.url}/api/v1/public/units`)).json()) as { items: Array<{ id: string; kind: string; region: string | null }> };
    const station = units.items.find((u) => u.kind === 'station' && u.region === '塘下镇')!;
    await page.getByTestId(`unit-add-point-${station.id}`).click();
    await page.getByTestId('unit-form-name').fill('塘下镇测试社区联络点（浏览器）');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByTestId('unit-form-submit').click();
    await page.getByTestId('unit-form').waitFor({ state: 'hidden' });

    const after = (await (await fetch(`${product.url}/api/v1/public/units`)).json()) as {
      items: Array<{ name: string; parentId: string | null; kind: string }>;
    };
    expect(after.items).toContainEqual(expect.objectContaining({ name: '塘下镇测试社区联络点（浏览器）', parentId: station.id, kind: 'point' }));
    // The console finds it too.
    await page.getByTestId('unit-search').fill('浏览器');
    await page.getByTestId('unit-search-submit').click();
    await page.getByText('塘下镇测试社区联络点（浏览器）').first().waitFor();
    await screenshot(page, `console-units-${dialect}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('citizen pages list the stations on a phone-sized screen without serious accessibility violations', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${product.url}/m`);
    await page.getByText('塘下镇人大代表联络站').first().waitFor();
    expect(await page.locator('[data-testid^="station-open-"]').count()).toBe(24);
    expect(await seriousAxeViolations(page)).toEqual([]);
    const scrollWidth = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(scrollWidth).toBeLessThanOrEqual(360);
    await screenshot(page, `citizen-home-${dialect}`);
    await context.close();
  });
});
