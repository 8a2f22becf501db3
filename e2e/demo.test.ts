/**
 * Issue #15 acceptance, a lived-in demo: `lianxin start` on a fresh database loads the full demo
 * (a year of history) by itself; in Chromium at a phone's 390×844 and a desktop's 1440×900, the
 * cockpit, the big screen (/screen) and the public figures (/m/open) show non-zero figures that
 * equal the case list's totals for the same filters; the demo outbox page lists the messages the
 * worker sent, which the log drivers also printed at the default log level. On both databases.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@lianxin/storage/testing';
import { DEFAULT_DEMO_CASES } from '../apps/server/src/config';
import { browserAvailable, launchBrowser, screenshot, seriousAxeViolations, signInConsole, waitForCondition } from './support/browser';
import { startProduct, type RunningProduct } from './support/server';

const dialects = browserAvailable() ? await testDialects() : [];
const PASSWORD = 'lianxin-demo';
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844, mobile: true },
  { name: 'desktop', width: 1440, height: 900, mobile: false },
] as const;

/** An API client signed in as `username`, for the case list's totals. */
async function apiClient(baseUrl: string, username: string) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    get,
    /** The case list's total for a query. */
    total: async (query: Record<string, string>) =>
      (await get<{ total: number }>(`/api/v1/cases?${new URLSearchParams({ ...query, pageSize: '1' }).toString()}`)).total,
  };
}

/** The number an element shows (group separators and units removed). */
async function shownNumber(page: Page, selector: string): Promise<number> {
  const text = (await page.locator(selector).first().textContent()) ?? '';
  return Number(text.replace(/[^0-9.]/g, ''));
}

/** The query behind a cockpit figure's drill-down link. */
async function drillQuery(page: Page, key: string): Promise<Record<string, string>> {
  const href = (await page.getByTestId(`kpi-link-${key}`).getAttribute('href')) ?? '';
  return Object.fromEntries(new URL(href, 'http://x').searchParams);
}

/** This year in China, as the cockpit's and the screen's `year` preset and /m/open count it. */
function thisYear(): { from: string; to: string } {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

describe.each(dialects)('the lived-in demo in the browser on %s', (dialect) => {
  let product: RunningProduct;
  let browser: Browser;
  let api: Awaited<ReturnType<typeof apiClient>>;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    [product, browser] = await Promise.all([
      startProduct(
        dialect,
        { LIANXIN_DEMO_CASES: String(DEFAULT_DEMO_CASES), LIANXIN_LOG_LEVEL: 'info', LIANXIN_JOB_POLL_MS: '200' },
        { readyTimeoutMs: 240_000 },
      ),
      launchBrowser(),
    ]);
    api = await apiClient(product.url, 'admin');
  }, 300_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await product?.stop();
  });

  const pageAt = async (viewport: (typeof VIEWPORTS)[number]) => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: viewport.width, height: viewport.height },
      ...(viewport.mobile ? { isMobile: true, hasTouch: true } : {}),
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    return page;
  };

  it('loaded a year of history by itself', async () => {
    expect(product.output()).toContain(`${DEFAULT_DEMO_CASES} opinions`);
    expect(await api.total({})).toBe(DEFAULT_DEMO_CASES);
  });

  for (const viewport of VIEWPORTS) {
    it(`at ${viewport.width}×${viewport.height} the cockpit, /screen and /m/open show the case list's figures`, async () => {
      const page = await pageAt(viewport);
      await signInConsole(page, product.url, 'admin', PASSWORD);
      const year = thisYear();

      // The cockpit: every headline figure with a drill-down equals the case list's total for its filters.
      await page.goto(`${product.url}/console/cockpit?period=year`);
      await page.getByTestId('cockpit').waitFor();
      for (const key of ['received', 'accepted', 'closed', 'overdue', 'supervised']) {
        await page.getByTestId(`kpi-link-${key}`).waitFor();
        const query = await drillQuery(page, key);
        const shown = await shownNumber(page, `[data-testid="kpi-${key}"] .ant-statistic-content-value`);
        expect(shown, `cockpit ${key}`).toBe(await api.total(query));
        expect(shown, `cockpit ${key}`).toBeGreaterThan(0);
      }
      expect(await shownNumber(page, '[data-testid="kpi-received"] .ant-statistic-content-value')).toBeGreaterThan(100);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshot(page, `demo-cockpit-${viewport.name}-${dialect}`);

      // The big screen, this year.
      await page.goto(`${product.url}/screen?period=year`);
      await page.getByTestId('screen-kpi-received').waitFor();
      await waitForCondition(page, `Number(document.querySelector('[data-testid="screen-kpi-received"]')?.textContent?.replace(/\\D/g, '') ?? 0) > 0`);
      const screen = (key: string) => shownNumber(page, `[data-testid="screen-kpi-${key}"]`);
      expect(await screen('received'), 'screen received').toBe(await api.total(year));
      expect(await screen('closed'), 'screen closed').toBe(await api.total({ ...year, status: 'closed' }));
      expect(await screen('overdue'), 'screen overdue').toBe(await api.total({ ...year, overdue: '1' }));
      expect(await screen('closed')).toBeGreaterThan(0);
      await screenshot(page, `demo-screen-${viewport.name}-${dialect}`);

      // The public figures, this year and all time (no account needed).
      await page.goto(`${product.url}/m/open`);
      const figures = page.getByTestId('open-figures');
      await figures.waitFor();
      const dd = (n: number) => shownNumber(page, `[data-testid="open-figures"] div:nth-child(${n}) dd`);
      expect(await dd(1), '/m/open received this year').toBe(await api.total({ from: year.from }));
      expect(await dd(2), '/m/open closed this year').toBe(await api.total({ from: year.from, status: 'closed' }));
      expect(await dd(1)).toBeGreaterThan(0);
      await page.getByRole('button', { name: '全部' }).click();
      const all = await api.total({});
      await waitForCondition(page, `document.querySelector('[data-testid="open-figures"] div:nth-child(1) dd')?.textContent?.trim() === '${all}'`);
      expect(await dd(2), '/m/open closed all time').toBe(await api.total({ status: 'closed' }));
      expect(await page.getByTestId('open-cases').locator('li').count()).toBeGreaterThan(0);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshot(page, `demo-open-${viewport.name}-${dialect}`);
      expect(errors).toEqual([]);
    });
  }

  it('shows what the demo sent in the admin’s outbox, as the log drivers printed it', async () => {
    // A citizen's opinion with a phone number: the worker texts and mails the receipt.
    const submitted = await fetch(`${product.url}/api/v1/public/opinions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content: '安阳街道某小区门口路灯坏了，晚上很黑，请尽快修复。', contact: { phone: '13700005678', email: 'resident@example.com' } }),
    });
    expect(submitted.status).toBe(201);
    const page = await pageAt(VIEWPORTS[1]);
    await signInConsole(page, product.url, 'admin', PASSWORD);
    await page.getByTestId('nav-demo-outbox').click();
    await page.waitForURL(/\/console\/demo-outbox/);
    const table = page.getByTestId('demo-outbox-table');
    await table.waitFor();
    for (let i = 0; i < 60 && !((await table.textContent()) ?? '').includes('137****5678'); i++) {
      await page.getByTestId('demo-outbox-refresh').click();
      await page.waitForTimeout(500);
    }
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('137****5678');
    expect(text).toContain('r***@example.com');
    expect(text).not.toContain('13700005678');
    // The pointer off the refresh button it clicked (a hovered button is measured in its hover colours).
    await page.mouse.move(0, 0);
    await page.locator('h1').click();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, `demo-outbox-${dialect}`);
    expect(product.output()).toMatch(/sms to=137\*\*\*\*5678/);
    expect(product.output()).not.toContain('13700005678');
    expect(errors).toEqual([]);
  });
});
