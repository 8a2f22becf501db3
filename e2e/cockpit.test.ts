/**
 * Browser journey of the cockpit (驾驶舱) and the big screen (issue #8) against the real
 * product: a seeded scenario of cases over two stations, three channels and two years; the
 * cockpit's figures equal the case list's totals for the same filters; changing the period,
 * station, category and channel changes the figures; a figure drills down to a case list
 * whose count is that figure; the station tiles show the hub and all 24 stations; the
 * big screen refreshes itself (interval from `?refresh=`) and shows a case recorded after
 * it opened; axe-core finds no serious or critical violations on either page.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@lianxin/storage/testing';
import { browserAvailable, launchBrowser, newJourneyPage, screenshot, seriousAxeViolations, signInConsole } from './support/browser';
import { startProduct, type RunningProduct } from './support/server';
import { eventually } from '../apps/server/test/eventually';

const dialects = browserAvailable() ? await testDialects() : [];
const PASSWORD = 'lianxin-demo';
const DAY_MS = 86_400_000;

/** An API client signed in as `username` (cookie and CSRF token), for seeding and recounting. */
async function apiClient(baseUrl: string, username: string) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body: unknown) => call<T>('POST', path, body),
    /** The case list's total for a query string. */
    total: async (query: URLSearchParams) => {
      const q = new URLSearchParams(query);
      q.set('pageSize', '1');
      return (await call<{ total: number }>('GET', `/api/v1/cases?${q.toString()}`)).total;
    },
  };
}
type ApiClient = Awaited<ReturnType<typeof apiClient>>;

interface Unit {
  id: string;
  name: string;
  kind: string;
}

/** The number an antd Statistic shows (group separators removed). */
function kpiValue(page: Page, key: string): Promise<number> {
  return shownNumber(page, `[data-testid="kpi-${key}"] .ant-statistic-content-value`);
}

/** The query behind a KPI's drill-down link (the case list's filters for that figure). */
async function drillQuery(page: Page, key: string): Promise<URLSearchParams> {
  const href = (await page.getByTestId(`kpi-link-${key}`).getAttribute('href')) ?? '';
  return new URL(href, 'http://x').searchParams;
}

/** The number shown in the element `selector` matches (group separators and units removed). */
async function shownNumber(page: Page, selector: string): Promise<number> {
  return Number(((await page.locator(selector).first().textContent()) ?? '').replace(/[^0-9.]/g, ''));
}

/** Waits until `selector` shows `value` (figures refetch after a filter change or on the screen's timer). */
async function waitForNumber(page: Page, selector: string, value: number, timeoutMs = 20_000): Promise<void> {
  await eventually(async () => expect(await shownNumber(page, selector), selector).toBe(value), { timeoutMs, intervalMs: 200 });
}

/** Waits until the cockpit shows `value` for `key`. */
const waitForKpi = (page: Page, key: string, value: number) => waitForNumber(page, `[data-testid="kpi-${key}"] .ant-statistic-content-value`, value);

/** Picks an option of an antd Select by its text (typing it first into a searchable one). */
async function pickOption(page: Page, testId: string, text: string, search = false): Promise<void> {
  await page.getByTestId(testId).click();
  if (search) await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text }).first().click();
}

/** The full names of the station tiles (each tile shows the short name, its title the full one). */
async function tileNames(page: Page, testId: string): Promise<string[]> {
  return page.locator(`[data-testid="${testId}"] [data-testid="station-tile-name"]`).evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
}

describe.each(dialects)('cockpit and big screen in the browser on %s', (dialect) => {
  let product: RunningProduct;
  let browser: Browser;
  let api: ApiClient;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  let stations: Unit[];
  let hub: Unit;
  let anyang: Unit;
  let tangxia: Unit;
  let categoryA: { id: string; name: string };
  let categoryB: { id: string; name: string };

  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct(dialect), launchBrowser()]);
    api = await apiClient(product.url, 'admin');
    const units = await api.get<{ items?: Unit[] } | Unit[]>('/api/v1/public/units');
    const list = Array.isArray(units) ? units : (units.items ?? []);
    stations = list.filter((u) => u.kind === 'station');
    hub = list.find((u) => u.kind === 'hub')!;
    anyang = stations.find((u) => u.name.includes('安阳'))!;
    tangxia = stations.find((u) => u.name.includes('塘下'))!;
    const categories = (await api.get<{ items: Array<{ id: string; name: string; parentId: string | null }> }>('/api/v1/categories?pageSize=200')).items;
    const tops = categories.filter((c) => !c.parentId);
    categoryA = tops[0]!;
    categoryB = tops[1]!;

    // The scenario: this year through 安阳 and 塘下 over three channels, two older cases the
    // year's figures leave out, some accepted and one answered on the spot and rated satisfied (closed).
    const lastYear = new Date(Date.now() - 400 * DAY_MS).toISOString();
    const plan: Array<{ unit: Unit; category: { id: string }; channel: string; receivedAt?: string; accept?: boolean; close?: boolean }> = [
      { unit: anyang, category: categoryA, channel: 'walk_in', accept: true, close: true },
      { unit: anyang, category: categoryA, channel: 'walk_in', accept: true },
      { unit: anyang, category: categoryB, channel: 'phone' },
      { unit: anyang, category: categoryA, channel: 'visit', accept: true },
      { unit: anyang, category: categoryB, channel: 'walk_in' },
      { unit: tangxia, category: categoryB, channel: 'phone', accept: true },
      { unit: tangxia, category: categoryB, channel: 'walk_in' },
      { unit: tangxia, category: categoryA, channel: 'walk_in', receivedAt: lastYear },
      { unit: anyang, category: categoryB, channel: 'phone', receivedAt: lastYear },
    ];
    for (const [i, p] of plan.entries()) {
      const created = await api.post<{ case: { id: string; version: number; trackingCode: string } }>('/api/v1/cases', {
        content: `第${i + 1}件：村口道路路灯损坏，夜间通行不便，请尽快维修。`,
        unitId: p.unit.id,
        categoryId: p.category.id,
        channel: p.channel,
        reporter: { name: '测试群众', phone: '13700001234' },
        ...(p.receivedAt ? { receivedAt: p.receivedAt } : {}),
      });
      const { id } = created.case;
      let { version } = created.case;
      const act = async (action: string, body: Record<string, unknown> = {}) => {
        const next = await api.post<{ case: { version: number } } | { version: number }>(`/api/v1/cases/${id}/actions/${action}`, {
          expectedVersion: version,
          ...body,
        });
        version = 'case' in next ? next.case.version : next.version;
      };
      if (p.accept) await act('accept');
      if (p.close) {
        await act('answer_on_site', { content: '已现场联系供电所，路灯当天修复，群众表示认可。' });
        // The reporter rates the answer satisfied, which closes the case.
        const rated = await fetch(`${product.url}/api/v1/public/opinions/${created.case.trackingCode}/rating`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ verify: '1234', rating: 'satisfied' }),
        });
        if (rated.status !== 200) throw new Error(`rating: ${rated.status} ${await rated.text()}`);
      }
    }
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await product?.stop();
  });

  it('cockpit figures equal the case list, follow the filters and drill down', async () => {
    expect(stations).toHaveLength(24);
    const page = await newJourneyPage(browser, contexts, errors, false);
    await signInConsole(page, product.url, 'admin', PASSWORD);
    await page.goto(`${product.url}/console/cockpit?period=year`);
    try {
      await page.getByTestId('cockpit').waitFor();
    } catch (error) {
      await screenshot(page, `cockpit-failed-${dialect}`);
      throw new Error(`the cockpit did not load (page errors: ${errors.join('; ') || 'none'})`, { cause: error });
    }

    // Every headline figure equals the case list's total for the filters its link carries.
    const check = async () => {
      for (const key of ['received', 'accepted', 'closed']) {
        expect(await kpiValue(page, key), key).toBe(await api.total(await drillQuery(page, key)));
      }
    };
    await check();
    const yearReceived = await kpiValue(page, 'received');
    expect(yearReceived).toBeGreaterThanOrEqual(6);
    expect(await kpiValue(page, 'closed')).toBeGreaterThanOrEqual(1);

    // The station tiles: the hub and every one of the 24 stations.
    const labels = await tileNames(page, 'cockpit-station-tiles');
    for (const unit of [hub, ...stations]) expect(labels, unit.name).toContain(unit.name);
    expect(labels.filter((l) => stations.some((s) => s.name === l))).toHaveLength(24);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, `cockpit-${dialect}`);

    // Period: "all" adds the two older cases.
    await page.getByTestId('cockpit-period').getByText('全部', { exact: true }).click();
    await waitForKpi(page, 'received', yearReceived + 2);
    expect((await drillQuery(page, 'received')).get('from')).toBeNull();
    await check();

    // Channel: walk-in only.
    const walkIn = await api.total(new URLSearchParams({ channel: 'walk_in' }));
    await pickOption(page, 'cockpit-channel', '来访');
    await waitForKpi(page, 'received', walkIn);
    expect(walkIn).toBeLessThan(yearReceived + 2);
    await check();

    // Station: 安阳 and its points, walk-in.
    const anyangWalkIn = await api.total(new URLSearchParams({ channel: 'walk_in', underUnitId: anyang.id }));
    // 25 stations do not fit the dropdown's window: search, as a user would.
    await pickOption(page, 'cockpit-unit', anyang.name, true);
    await waitForKpi(page, 'received', anyangWalkIn);
    expect(anyangWalkIn).toBeLessThan(walkIn);
    await check();

    // Category: one top-level category under the same filters (its sub-categories count too).
    const anyangWalkInA = await api.total(new URLSearchParams({ channel: 'walk_in', underUnitId: anyang.id, categoryId: categoryA.id }));
    await page.getByTestId('cockpit-category').click();
    try {
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-title', { hasText: categoryA.name }).first().click();
      await page.waitForURL(/categoryId=/);
    } catch (error) {
      await screenshot(page, `cockpit-category-failed-${dialect}`);
      throw error;
    }
    await waitForKpi(page, 'received', anyangWalkInA);
    expect(anyangWalkInA).toBeLessThan(anyangWalkIn);
    await check();
    const query = await drillQuery(page, 'received');
    expect(Object.fromEntries(query)).toMatchObject({ channel: 'walk_in', underUnitId: anyang.id, categoryId: categoryA.id });

    // Drill-down: the accepted figure opens the case list with those filters and as many cases.
    const accepted = await kpiValue(page, 'accepted');
    expect(accepted).toBeGreaterThan(0);
    await page.getByTestId('kpi-link-accepted').click();
    await page.waitForURL(/\/console\/cases\?/);
    const listUrl = new URL(page.url()).searchParams;
    expect(Object.fromEntries(listUrl)).toMatchObject({ channel: 'walk_in', underUnitId: anyang.id, categoryId: categoryA.id });
    expect(listUrl.get('status')).toContain('accepted');
    await page.getByText(`共 ${accepted} 条`).waitFor();
    expect(await page.locator('[data-testid="case-table"] tbody tr.ant-table-row').count()).toBe(accepted);
    expect(errors).toEqual([]);
  });

  it('the big screen shows the figures, all stations, and a new case after its refresh', async () => {
    const page = await newJourneyPage(browser, contexts, errors, false);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await signInConsole(page, product.url, 'supervisor', PASSWORD);
    await page.goto(`${product.url}/screen?period=all&refresh=2`);
    await page.getByTestId('screen-kpi-received').waitFor();
    const text = (key: string) => shownNumber(page, `[data-testid="screen-kpi-${key}"]`);
    const before = await text('received');
    expect(before).toBe(await api.total(new URLSearchParams()));
    expect(await text('closed')).toBe(await api.total(new URLSearchParams({ status: 'closed' })));
    const labels = await tileNames(page, 'screen-stations');
    expect(labels.filter((l) => stations.some((s) => s.name === l))).toHaveLength(24);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, `screen-${dialect}`);

    // A case recorded now appears on the screen without anyone touching it.
    await api.post('/api/v1/cases', {
      content: '塘下镇罗凤街道交通信号灯配时过短，行人过街困难。',
      unitId: tangxia.id,
      categoryId: categoryB.id,
      channel: 'phone',
      reporter: { name: '测试群众', phone: '13700004321' },
    });
    await waitForNumber(page, '[data-testid="screen-kpi-received"]', before + 1, 30_000);
    expect(errors).toEqual([]);
  });
});
