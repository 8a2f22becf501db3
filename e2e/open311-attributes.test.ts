/**
 * Browser journey of per-category Open311 attributes (issue #8): an admin makes the demo's
 * street-light pole number required in the category form; an Open311 client then sees it in
 * the service definition, gets the spec's error without it and files a request with it; the
 * admin finds the answer on the console's case page. axe-core finds no serious or critical
 * violations on the form and the case page.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@lianxin/storage/testing';
import { browserAvailable, launchBrowser, newJourneyPage, screenshot, seriousAxeViolations, signInConsole } from './support/browser';
import { startProduct, type RunningProduct } from './support/server';

const dialects = browserAvailable() ? await testDialects() : [];
const DEMO_API_KEY = 'lianxin-demo-key';
const WORKS = '城市建设和市政管理';

describe.each(dialects)('Open311 attributes in the browser on %s', (dialect) => {
  let product: RunningProduct;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct(dialect), launchBrowser()]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await product?.stop();
  });

  it('admin requires a pole number; a client must give it; the case page shows it', async () => {
    const page = await newJourneyPage(browser, contexts, errors, false);
    await signInConsole(page, product.url, 'admin', 'lianxin-demo');
    const services = (await (await fetch(`${product.url}/open311/v2/services.json`)).json()) as Array<{ service_code: string; service_name: string }>;
    const works = services.find((s) => s.service_name === WORKS)!;
    const definition = async () =>
      (
        (await (await fetch(`${product.url}/open311/v2/services/${works.service_code}.json`)).json()) as {
          attributes: Array<{ code: string; required: boolean }>;
        }
      ).attributes;
    expect((await definition()).find((a) => a.code === 'pole_number')).toMatchObject({ required: false });

    // The category form: the demo's attribute is there; the admin makes it required.
    await page.goto(`${product.url}/console/categories`);
    await page.getByTestId('category-search').fill(WORKS);
    await page.getByTestId('category-search-submit').click();
    await page.getByTestId(`category-edit-${works.service_code}`).click();
    await page.getByTestId('attribute-0-code').waitFor();
    expect(await page.getByTestId('attribute-0-code').inputValue()).toBe('pole_number');
    await page.getByTestId('attribute-0-required').check();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, `category-attributes-${dialect}`);
    await page.getByTestId('category-form-submit').click();
    await page.getByTestId('category-form').waitFor({ state: 'detached' });
    expect((await definition()).find((a) => a.code === 'pole_number')).toMatchObject({ required: true });

    // An Open311 client without the pole number gets the spec's error; with it, a request.
    const fields = {
      api_key: DEMO_API_KEY,
      service_code: works.service_code,
      description: '万松路与虹桥路口的路灯连续三晚不亮，行人过马路很危险。',
      address_string: '安阳街道万松路',
    };
    const post = (more: Record<string, string>) =>
      fetch(`${product.url}/open311/v2/requests.xml`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...fields, ...more }),
      });
    const refused = await post({});
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/<errors>\s*<error>\s*<code>400<\/code>\s*<description>attribute\[pole_number\] is required/);
    const filed = await post({ 'attribute[pole_number]': 'AY-0123' });
    expect(filed.status).toBe(201);
    const id = /<service_request_id>([^<]+)<\/service_request_id>/.exec(await filed.text())?.[1];
    expect(id).toBeTruthy();

    // The case page shows the question and the answer.
    await page.goto(`${product.url}/console/cases/${id}`);
    const answers = page.getByTestId('case-service-attributes');
    await answers.waitFor();
    expect(await answers.textContent()).toContain('路灯杆号');
    expect(await answers.textContent()).toContain('AY-0123');
    await page.mouse.move(0, 0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, `case-service-attributes-${dialect}`);
    expect(errors).toEqual([]);
  });
});
