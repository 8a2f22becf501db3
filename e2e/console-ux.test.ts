/**
 * What a first-time user tripped over in the console (issue #15 item 21), checked in Chromium
 * against the real product: the station tiles of the cockpit and the big screen never overlap
 * (1440×900 and a 390×844 phone); the case table fits 1440 px; console text is at least 14 px and
 * every control a 24 px target; each role's menu entries and tabs load without a 403 and the
 * department's and deputy's menus are short; the tab title names the page; no space inside
 * two-character buttons; dates are entered with antd's pickers (no browser `mm/dd/yyyy`), the
 * 考评 period with a period picker; the citizen voting forms use the citizen inputs; `/docs`
 * loads without a CSP error; axe-core stays clean.
 * The pages are one bundle over either database and nothing here is about storage, so one
 * product (SQLite) is enough.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, newJourneyPage, screenshot, seriousAxeViolations, signInConsole } from './support/browser';
import { startProduct, type RunningProduct } from './support/server';
import { eventually } from '../apps/server/test/eventually';

const run = browserAvailable();
const PASSWORD = 'lianxin-demo';

/** An API client signed in as `username`. */
async function apiClient(baseUrl: string, username: string) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login ${username}: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
}

interface Box {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The station tiles and their labels' boxes inside `testId` (a script string: the e2e project has
 * no DOM types, and the page's CSP leaves evaluation over the DevTools protocol alone).
 */
const tileBoxesScript = (testId: string) => `(() => {
  const list = document.querySelector('[data-testid="${testId}"]');
  const box = (el, name) => { const r = el.getBoundingClientRect(); return { name, x: r.x, y: r.y, width: r.width, height: r.height }; };
  const tiles = [...list.querySelectorAll('.station-tile')];
  return {
    tiles: tiles.map((t) => box(t, t.querySelector('[data-testid="station-tile-name"]')?.getAttribute('title') ?? '')),
    names: tiles.flatMap((tile) => {
      const t = tile.getBoundingClientRect();
      return [...tile.querySelectorAll('.station-tile-name, .station-tile-figures > span')].map((el) => {
        const r = el.getBoundingClientRect();
        const inside = r.left >= t.left - 0.5 && r.right <= t.right + 0.5 && r.top >= t.top - 0.5 && r.bottom <= t.bottom + 0.5;
        return { ...box(el, el.textContent ?? ''), inside, clipped: el.scrollWidth > el.clientWidth + 1 };
      });
    }),
  };
})()`;

async function tileBoxes(page: Page, testId: string): Promise<{ tiles: Box[]; names: Array<Box & { inside: boolean; clipped: boolean }> }> {
  return page.evaluate<{ tiles: Box[]; names: Array<Box & { inside: boolean; clipped: boolean }> }>(tileBoxesScript(testId));
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

/** Pairs of boxes that overlap. */
function overlapping(boxes: Box[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) if (overlap(boxes[i], boxes[j])) found.push(`${boxes[i].name} × ${boxes[j].name}`);
  return found;
}

/** Checks the tiles of `testId`: all 25 present, no two overlap, every label and figure inside its tile. */
async function expectLegibleTiles(page: Page, testId: string, where: string): Promise<void> {
  await page.locator(`[data-testid="${testId}"] .station-tile`).nth(24).waitFor();
  const { tiles, names } = await tileBoxes(page, testId);
  expect(tiles, where).toHaveLength(25);
  expect(overlapping(tiles), where).toEqual([]);
  expect(
    names.filter((n) => !n.inside || n.clipped).map((n) => n.name),
    where,
  ).toEqual([]);
  for (const n of names) expect(n.width * n.height, `${where} ${n.name}`).toBeGreaterThan(0);
}

/**
 * Text smaller than 14 px and controls smaller than 24 px on the page (hidden ones left out). A
 * select's inner search input, a picker's clear cross and a link inside a sentence are not
 * targets of their own (the select, the input and the line of text are; WCAG 2.5.8 exceptions).
 */
const SMALL_TEXT_AND_TARGETS = `(() => {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && !el.closest('[aria-hidden="true"]');
  };
  const text = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!el || !node.textContent.trim() || !visible(el)) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 14) text.push(size + 'px "' + node.textContent.trim().slice(0, 20) + '"');
  }
  const targets = [];
  const selector = 'button, a[href], [role="tab"], .ant-menu-item, input:not([type="hidden"]), .ant-select, .ant-pagination-item, summary';
  for (const el of document.querySelectorAll(selector)) {
    if (!visible(el) || el.matches('.ant-select-input, .ant-picker-clear, .ant-picker-clear *') || el.closest('p')) continue;
    let r = el.getBoundingClientRect();
    if (el.matches('input[type="checkbox"], input[type="radio"]')) r = (el.closest('label') ?? el).getBoundingClientRect();
    if (r.height < 24 || r.width < 24)
      targets.push(Math.round(r.width) + '×' + Math.round(r.height) + ' ' + el.tagName + ' "' + (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 20) + '"');
  }
  return { text: [...new Set(text)], targets: [...new Set(targets)] };
})()`;

async function smallTextAndTargets(page: Page): Promise<{ text: string[]; targets: string[] }> {
  return page.evaluate<{ text: string[]; targets: string[] }>(SMALL_TEXT_AND_TARGETS);
}

/** Buttons whose text antd spaced out ("受 理"). */
async function spacedButtons(page: Page): Promise<string[]> {
  return page
    .locator('button')
    .evaluateAll((buttons) => buttons.map((b) => (b.textContent ?? '').trim()).filter((text) => /^[\u4e00-\u9fff] [\u4e00-\u9fff]$/u.test(text)));
}

/** Waits for the page to settle (requests done, no spinner). */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await eventually(async () => expect(await page.locator('.ant-spin-spinning').count(), 'spinners still turning').toBe(0), {
    timeoutMs: 10_000,
    intervalMs: 100,
  });
}

describe.runIf(run)('console usability for first-time users (sqlite)', () => {
  let product: RunningProduct;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  let caseId = '';

  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct('sqlite'), launchBrowser()]);
    const admin = await apiClient(product.url, 'admin');
    const units = await admin<{ items: Array<{ id: string; kind: string; name: string }> }>('GET', '/api/v1/public/units');
    const stations = units.items.filter((u) => u.kind === 'station');
    const categories = (await admin<{ items: Array<{ id: string }> }>('GET', '/api/v1/categories?pageSize=20')).items;
    // Long titles and the longest station names: the case table must still fit.
    const longest = [...stations].sort((a, b) => b.name.length - a.name.length);
    for (let i = 0; i < 12; i++) {
      const created = await admin<{ case: { id: string } }>('POST', '/api/v1/cases', {
        content: `第${i + 1}件：瑞安经济开发区某企业夜间偷排废水，河道发黑发臭，周边居民多次反映仍未解决，请相关部门尽快查处并公开处理结果。`,
        unitId: longest[i % 3].id,
        categoryId: categories[i % categories.length].id,
        channel: 'walk_in',
        reporter: { name: '测试群众', phone: '13700001234' },
      });
      caseId = created.case.id;
    }
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await product?.stop();
  });

  it('station tiles on the cockpit and the big screen never overlap, on a desktop and on a phone', async () => {
    const page = await newJourneyPage(browser, contexts, errors, false);
    await signInConsole(page, product.url, 'admin', PASSWORD);
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`${product.url}/console/cockpit?period=year`);
      await expectLegibleTiles(page, 'cockpit-station-tiles', `cockpit ${width}×${height}`);
      await page.goto(`${product.url}/screen?period=year`);
      await expectLegibleTiles(page, 'screen-stations', `screen ${width}×${height}`);
      await screenshot(page, `screen-tiles-${width}`);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${product.url}/console/cockpit?period=year`);
    await page.getByTestId('cockpit-station-tiles').waitFor();
    await settled(page);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'cockpit-tiles-1440');
    expect(errors).toEqual([]);
  });

  it('the case table fits 1440 px; text is 14 px or more and controls 24 px targets; no spaced two-character buttons', async () => {
    const page = await newJourneyPage(browser, contexts, errors, false);
    await page.setViewportSize({ width: 1440, height: 900 });
    await signInConsole(page, product.url, 'admin', PASSWORD);
    await page.goto(`${product.url}/console/cases`);
    await page.locator('[data-testid="case-table"] tbody tr.ant-table-row').nth(11).waitFor();
    const fit = await page.getByTestId('case-table').evaluate((wrapper) => {
      const scroller = wrapper.querySelector('.ant-table-content, .ant-table-body')!;
      const lastHeader = [...wrapper.querySelectorAll('thead th')].at(-1)!.getBoundingClientRect();
      return {
        scrollWidth: scroller.scrollWidth,
        clientWidth: scroller.clientWidth,
        lastRight: lastHeader.right,
        right: wrapper.getBoundingClientRect().right,
      };
    });
    expect(fit.scrollWidth, 'the table scrolls sideways').toBeLessThanOrEqual(fit.clientWidth);
    expect(fit.lastRight, 'the last column is cut').toBeLessThanOrEqual(fit.right + 0.5);
    await screenshot(page, 'cases-1440');

    for (const path of [
      '/console/cases',
      `/console/cases/${caseId}`,
      '/console/cockpit',
      '/console/users',
      '/console/evaluations',
      '/console/calendar',
      '/console',
    ]) {
      await page.goto(`${product.url}${path}`);
      await page.locator('main h1').first().waitFor();
      await settled(page);
      const { text, targets } = await smallTextAndTargets(page);
      expect(text, `${path}: text under 14 px`).toEqual([]);
      expect(targets, `${path}: targets under 24 px`).toEqual([]);
      expect(await spacedButtons(page), path).toEqual([]);
      // The tab names the page: its heading, then the product.
      const heading = ((await page.locator('main h1').first().textContent()) ?? '').trim();
      expect(await page.title(), path).toBe(`${heading} · 连心`);
    }
    // The case page's actions read 受理, not 受 理.
    await page.goto(`${product.url}/console/cases/${caseId}`);
    await page.getByRole('button', { name: '受理', exact: true }).waitFor();
    // English titles too.
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.title()).toMatch(/ · Lianxin$/);
    expect(errors).toEqual([]);
  });

  it('dates are picked with antd pickers in one format; the 考评 period with a period picker', async () => {
    const page = await newJourneyPage(browser, contexts, errors, false);
    await page.setViewportSize({ width: 1440, height: 900 });
    await signInConsole(page, product.url, 'admin', PASSWORD);
    for (const path of ['/console/cases', '/console/cases/new', '/console/receptions', '/console/calendar', '/console/evaluations', '/console/duty']) {
      await page.goto(`${product.url}${path}`);
      await page.locator('main h1').first().waitFor();
      await settled(page);
      expect(await page.locator('input[type="date"], input[type="datetime-local"], input[type="month"], input[type="time"]').count(), path).toBe(0);
    }

    // The case list's date range: typed in YYYY-MM-DD, kept in the address in the same form.
    await page.goto(`${product.url}/console/cases`);
    const from = page.locator('#cases-filter-from');
    await from.click();
    await from.fill('2026-01-01');
    await from.press('Enter');
    await page.waitForURL(/from=2026-01-01/);
    await expect.poll(() => from.inputValue()).toBe('2026-01-01');

    // The evaluation period: a quarter chosen with the picker asks for 2026-Q1-style results.
    const asked: string[] = [];
    page.on('request', (r) => asked.push(decodeURIComponent(r.url())));
    await page.goto(`${product.url}/console/evaluations`);
    await page.getByTestId('evaluation-period-kind').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '季度' }).click();
    const quarter = await page.getByTestId('evaluation-period-picker').inputValue();
    expect(quarter).toMatch(/^\d{4}-Q[1-4]$/);
    await expect.poll(() => asked.some((url) => url.includes('/results') && url.includes(`period=${quarter}`))).toBe(true);
    await page.getByTestId('evaluation-period-picker').click();
    await page.locator('.ant-picker-dropdown:visible .ant-picker-quarter-panel .ant-picker-cell-in-view').first().click();
    expect(await page.getByTestId('evaluation-period-picker').inputValue()).toMatch(/^\d{4}-Q1$/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('each role sees only pages it can use: every menu entry and tab loads without a 403', async () => {
    // The admin's 25 include 智能分派 and, on this demo install, the demo outbox.
    const expected: Record<string, number> = { admin: 25, supervisor: 21, 'staff-anyang': 20, 'dept-zhujian': 7, 'deputy-demo': 6 };
    for (const [username, count] of Object.entries(expected)) {
      const page = await newJourneyPage(browser, contexts, errors, false);
      const denied: string[] = [];
      page.on('response', (r) => {
        if (r.status() === 403 && r.url().includes('/api/')) denied.push(`${r.request().method()} ${new URL(r.url()).pathname}`);
      });
      await signInConsole(page, product.url, username, PASSWORD);
      const links = await page.locator('.console-nav a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      expect(links, username).toHaveLength(count);
      for (const href of links) {
        await page.goto(`${product.url}${href}`);
        await page.locator('main h1').first().waitFor();
        await settled(page);
        expect(await page.getByTestId('forbidden').count(), `${username} ${href}`).toBe(0);
        const tabs = page.locator('main .ant-tabs-tab');
        for (let i = 0; i < (await tabs.count()); i++) {
          await tabs.nth(i).click();
          await settled(page);
        }
        expect(denied, `${username} ${href}`).toEqual([]);
      }
      await page.context().close();
    }
    expect(errors).toEqual([]);
    // Five roles, about 80 pages with their tabs.
  }, 600_000);

  it('the citizen voting forms use the citizen inputs: 16 px text or more, 44 px targets', async () => {
    const admin = await apiClient(product.url, 'admin');
    const collecting = await admin<{ id: string }>('POST', '/api/v1/voting/rounds', {
      year: 2027,
      title: '2027年民生实事项目票决',
      choose: 1,
      majorityRequired: false,
    });
    const commenting = await admin<{ id: string; version: number }>('POST', '/api/v1/voting/rounds', {
      year: 2026,
      title: '2026年民生实事项目票决',
      choose: 1,
      majorityRequired: false,
    });
    for (const title of ['老旧小区改造提升工程', '城乡公交一体化工程'])
      await admin('POST', `/api/v1/voting/rounds/${commenting.id}/candidates`, { title, description: `${title}的说明`, source: 'department' });
    await admin('POST', `/api/v1/voting/rounds/${commenting.id}/actions/open_comments`, { expectedVersion: commenting.version ?? 1 });

    const phone = await newJourneyPage(browser, contexts, errors, true);
    for (const [round, fields] of [
      [collecting.id, '#propose-name, #propose-description, #propose-proposer'],
      [commenting.id, 'textarea[id^="comment-"]'],
    ] as const) {
      await phone.goto(`${product.url}/m/voting/${round}`);
      await phone.locator(fields).first().waitFor();
      const sizes = await phone.evaluate<Array<{ font: number; height: number }>>(
        `[...document.querySelectorAll(${JSON.stringify(`${fields}, form .choice, form button`)})].map((el) => ({ font: parseFloat(getComputedStyle(el).fontSize), height: el.getBoundingClientRect().height }))`,
      );
      expect(sizes.length).toBeGreaterThan(0);
      for (const s of sizes) {
        expect(s.font).toBeGreaterThanOrEqual(16);
        expect(s.height).toBeGreaterThanOrEqual(44);
      }
      expect(await seriousAxeViolations(phone)).toEqual([]);
    }
    await screenshot(phone, 'citizen-voting-form');
    expect(errors).toEqual([]);
  });

  it('/docs loads without a Content Security Policy error', async () => {
    const page = await newJourneyPage(browser, contexts, errors, false);
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) problems.push(m.text());
    });
    await page.goto(`${product.url}/docs`);
    await page.locator('.swagger-ui .info .title').waitFor();
    await page.locator('.opblock').first().waitFor();
    await settled(page);
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
  });
});
