/**
 * Budgets of issue #17, enforced in bytes (deterministic for a build; no time is asserted) on
 * the production build served by the real product, measured as sent over HTTP to a client that
 * accepts `br, gzip` (bench/weight/measure.ts, which `npm run bench` reports in full):
 *
 * - the console's login page, first visit: ≤ 250 KB of JavaScript, every text asset compressed;
 * - the citizen submit page, first visit: ≤ 120 KB altogether;
 * - each console page reached from the menu (one after the other) adds ≤ 160 KB of JavaScript
 *   (≤ 320 KB for the pages that draw charts), and ECharts comes only with those;
 * - a cheap phone (Chromium throttled to 400 Kbps, 400 ms RTT, 4× slower CPU) gets a usable login
 *   form and submit form — how long it took is printed, not asserted.
 *
 * The figures are printed as one line at the end, so CI's output shows them.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  BUDGETS,
  CITIZEN_SUBMIT,
  CONSOLE_LOGIN,
  consoleNavigations,
  ECHARTS_CHUNK,
  firstLoad,
  kb,
  THROTTLES,
  timeToUsable,
  type ConsoleNavigations,
  type FileWeight,
  type LoadWeight,
} from '../bench/weight/measure';
import { browserAvailable, launchBrowser } from './support/browser';
import { startProduct, type RunningProduct } from './support/server';

const PASSWORD = 'lianxin-demo';
const figures: string[] = [];

/** Text assets of 1 KB or more that did not arrive brotli-compressed. */
const uncompressed = (files: FileWeight[]) =>
  files.filter((f) => (f.kind === 'js' || f.kind === 'css') && f.raw >= 1024 && f.encoding !== 'br').map((f) => f.path);

describe.skipIf(!browserAvailable())('weight as sent and a cheap phone', () => {
  let product: RunningProduct;
  let browser: Browser;

  beforeAll(async () => {
    product = await startProduct('sqlite', { LIANXIN_RATE_LIMITS: 'off' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    if (figures.length) console.log(`weight budgets (as sent, br): ${figures.join('; ')}`);
  });

  test('the console login page loads at most 250 KB of JavaScript, all of it compressed, and no ECharts', async () => {
    const load: LoadWeight = await firstLoad(browser, product.url, 'console login', CONSOLE_LOGIN, false);
    figures.push(
      `console login JS ${kb(load.js.asSent)} of ${kb(BUDGETS.consoleLoginJs)} (raw ${kb(load.js.raw)}, gzip ${kb(load.js.gzip)}, ${load.js.files} files)`,
    );
    expect(load.js.files).toBeGreaterThan(0);
    expect(load.js.asSent).toBeLessThanOrEqual(BUDGETS.consoleLoginJs);
    expect(uncompressed(load.files)).toEqual([]);
    expect(load.files.filter((f) => ECHARTS_CHUNK.test(f.path))).toEqual([]);
  });

  test('the citizen submit page loads at most 120 KB altogether', async () => {
    const load = await firstLoad(browser, product.url, 'citizen submit', CITIZEN_SUBMIT, true);
    figures.push(`citizen submit ${kb(load.all.asSent)} of ${kb(BUDGETS.citizenSubmitAll)} (JS ${kb(load.js.asSent)}, ${load.all.files} files)`);
    expect(load.all.asSent).toBeLessThanOrEqual(BUDGETS.citizenSubmitAll);
    expect(uncompressed(load.files)).toEqual([]);
    expect(load.files.filter((f) => ECHARTS_CHUNK.test(f.path))).toEqual([]);
  });

  test('each console page adds at most its budget of JavaScript, and only the pages with charts load ECharts', async () => {
    // One page after the other (bench/weight loads each from the home page instead: slower, a page's own figure).
    const { signIn, pages }: ConsoleNavigations = await consoleNavigations(browser, product.url, 'admin', PASSWORD, { fromHome: false });
    expect(pages.length).toBeGreaterThan(15);
    const over = pages
      .filter((p) => p.js.asSent > (p.chartPage ? BUDGETS.consoleChartPageJs : BUDGETS.consolePageJs))
      .map((p) => `${p.url} ${kb(p.js.asSent)}`);
    const heaviest = (chart: boolean) => pages.filter((p) => p.chartPage === chart).reduce((a, b) => (b.js.asSent > a.js.asSent ? b : a));
    figures.push(
      `sign-in adds ${kb(signIn.js.asSent)}; a console page in turn adds at most ${kb(heaviest(false).js.asSent)} (${heaviest(false).url}) of ${kb(BUDGETS.consolePageJs)}, a chart page ${kb(heaviest(true).js.asSent)} (${heaviest(true).url}) of ${kb(BUDGETS.consoleChartPageJs)}`,
    );
    expect(over).toEqual([]);
    expect(pages.every((p) => p.js.files > 0)).toBe(true);
    expect(signIn.files.filter((f) => ECHARTS_CHUNK.test(f.path))).toEqual([]);
    expect(pages.filter((p) => p.loadsEcharts && !p.chartPage).map((p) => p.url)).toEqual([]);
    // Chart pages come last: the first of them brings ECharts.
    expect(pages.find((p) => p.chartPage)?.loadsEcharts).toBe(true);
    for (const p of pages) expect(uncompressed(p.files), p.url).toEqual([]);
  });

  test('on a throttled cheap phone the login form and the submit form become usable', async () => {
    const throttle = THROTTLES.brief;
    const login = await timeToUsable(browser, product.url, 'console login', CONSOLE_LOGIN, throttle, false);
    const submit = await timeToUsable(browser, product.url, 'citizen submit', CITIZEN_SUBMIT, throttle, true);
    // Usable is what is asserted (timeToUsable waits for the inputs, shown and enabled); the time is a figure.
    expect(login.usableMs).toBeGreaterThan(0);
    expect(submit.usableMs).toBeGreaterThan(0);
    figures.push(`usable at ${throttle.name}: login ${(login.usableMs / 1000).toFixed(1)} s, submit ${(submit.usableMs / 1000).toFixed(1)} s`);
  });
});
