/**
 * Browser journey of intake (issue #3): open a station's QR link on a phone-sized
 * viewport, submit with a photo, get a tracking code, look it up and see the timeline;
 * axe-core finds no serious or critical violations on the citizen pages; a stored
 * <script> payload is shown as text.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, screenshot, seriousAxeViolations, waitForCondition } from './support/browser';
import { startProduct, type RunningProduct } from './support/server';

const run = browserAvailable();

describe.runIf(run)('citizen intake journey (sqlite)', () => {
  let product: RunningProduct;
  let browser: Browser;

  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct('sqlite'), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('submits from a station QR link with a photo, then tracks it', async () => {
    const units = (await (await fetch(`${product.url}/api/v1/public/units`)).json()) as {
      items: Array<{ id: string; kind: string; region: string | null; name: string }>;
    };
    const station = units.items.find((u) => u.kind === 'station' && u.region === '塘下镇')!;
    const photo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lx-photo-')), 'road.jpg');
    fs.writeFileSync(
      photo,
      await sharp({ create: { width: 800, height: 600, channels: 3, background: '#888' } })
        .jpeg()
        .toBuffer(),
    );

    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));

    await page.goto(`${product.url}/m/submit?unitId=${station.id}`);
    await page.getByTestId('submit-target').waitFor();
    expect(await page.getByTestId('submit-target').textContent()).toContain('塘下镇');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByTestId('submit-kind-complaint').check();
    await page.getByTestId('submit-content').fill('<script>window.hacked=1</script> 塘下镇某路段路面塌陷，雨天积水严重，请尽快修复。');
    await page.getByTestId('submit-phone').fill('13812345678');
    await page.getByTestId('submit-photo-input').setInputFiles(photo);
    await page.locator('[data-testid^="submit-photo-remove-"]').first().waitFor();
    await page.getByTestId('submit-button').click();

    await page.getByTestId('success-code').waitFor({ timeout: 30_000 });
    const code = (await page.getByTestId('success-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}$/);
    await page.getByTestId('success-qr').waitFor();
    await waitForCondition(page, "document.querySelector('[data-testid=success-qr]').naturalWidth > 0");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'citizen-success');

    await page.goto(`${product.url}/m/track`);
    await page.getByTestId('track-code').fill(code);
    await page.getByTestId('track-verify').fill('5678');
    await page.getByTestId('track-submit').click();
    await page.getByTestId('timeline').waitFor();
    expect(await page.getByTestId('opinion-status').textContent()).toContain('待受理');
    expect(await page.getByTestId('timeline').textContent()).toContain('已提交');
    expect(await page.getByTestId('opinion-attachments').locator('a, img').count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await page.evaluate('window.hacked')).toBeUndefined();
    await screenshot(page, 'citizen-track');
    expect(errors).toEqual([]);
    await context.close();
  });
});
