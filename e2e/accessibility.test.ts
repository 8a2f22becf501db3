/**
 * Accessibility sweep (issue #9 item 9): axe-core on every citizen page (phone-sized) and the
 * main console pages (desktop, signed in as the administrator, who sees them all), each once
 * its data has loaded. No serious or critical violation on any of them.
 * The pages are one bundle over either database, so one product (SQLite) is enough here; the
 * journeys on PostgreSQL run axe on their own pages too.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, newJourneyPage, seriousAxeViolations, signInConsole, waitForCondition, type AxeViolation } from './support/browser';
import { startProduct, type RunningProduct } from './support/server';

const run = browserAvailable();

/**
 * Waits until the page's requests settled, no spinner or skeleton is left and no transition
 * runs (a button fading in from disabled would otherwise be measured at half contrast).
 */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await waitForCondition(
    page,
    "!document.querySelector('.ant-spin-spinning, .ant-skeleton-active') && document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)",
  );
}

describe.runIf(run)('accessibility of the citizen and console pages (sqlite)', () => {
  let product: RunningProduct;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  const found: Record<string, AxeViolation[]> = {};

  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct('sqlite'), launchBrowser()]);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await product?.stop();
  });

  const check = async (page: Page, name: string) => {
    await settled(page);
    const violations = await seriousAxeViolations(page);
    if (violations.length) found[name] = violations;
  };

  it('has no serious or critical violations on any page', async () => {
    const units = (await (await fetch(`${product.url}/api/v1/public/units`)).json()) as { items: Array<{ id: string; kind: string }> };
    const station = units.items.find((u) => u.kind === 'station')!;
    const submitted = await fetch(`${product.url}/api/v1/public/opinions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content: '安阳街道某小区门口路灯不亮，晚上出行不便，请尽快维修。', contact: { phone: '13900002468' }, unitId: station.id }),
    });
    const { trackingCode } = (await submitted.json()) as { trackingCode: string };

    // Citizen pages, on a phone.
    const phone = await newJourneyPage(browser, contexts, errors, true);
    for (const [name, url] of [
      ['citizen home', '/m'],
      ['citizen submit', `/m/submit?unitId=${station.id}`],
      ['citizen station', `/m/stations/${station.id}`],
      ['citizen open data', '/m/open'],
      ['citizen comparison', '/m/comparison'],
      ['citizen voting', '/m/voting'],
      ['citizen bookings', '/m/bookings'],
      ['citizen track form', '/m/track'],
    ] as const) {
      await phone.goto(`${product.url}${url}`);
      await check(phone, name);
    }
    await phone.getByTestId('track-code').fill(trackingCode);
    await phone.getByTestId('track-verify').fill('2468');
    await phone.getByTestId('track-submit').click();
    await phone.getByTestId('timeline').waitFor();
    await check(phone, 'citizen tracking result');

    // Console pages, on a desktop.
    const desk = await newJourneyPage(browser, contexts, errors, false);
    await desk.goto(`${product.url}/console/login`);
    await check(desk, 'console login');
    await signInConsole(desk, product.url, 'admin', 'lianxin-demo');
    await check(desk, 'console home');
    for (const [name, url] of [
      ['console case list', '/console/cases'],
      ['console cockpit', '/console/cockpit'],
      ['console proposals', '/console/proposals'],
      ['console receptions', '/console/receptions'],
      ['console evaluations', '/console/evaluations'],
      ['console calendar', '/console/calendar'],
      ['console users', '/console/users'],
    ] as const) {
      await desk.goto(`${product.url}${url}`);
      await check(desk, name);
    }
    await desk.goto(`${product.url}/console/cases?q=${trackingCode}`);
    await settled(desk);
    await desk.getByText(trackingCode).first().click();
    await desk.waitForURL(/\/console\/cases\/[^/?]+$/);
    await check(desk, 'console case page');

    expect(found).toEqual({});
    expect(errors).toEqual([]);
  }, 240_000);
});
