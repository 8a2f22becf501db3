/**
 * Weight of the web app as people receive it (issue #17, items 2 and 9), measured from outside
 * against the running product: Chromium (playwright-core) loads a page and says which files it
 * asked for; each file is then fetched again over HTTP three ways — `Accept-Encoding: identity`
 * (raw), `gzip` and `br, gzip` — and the bytes of the body as the server sent them are counted.
 * "As sent" is the `br, gzip` answer: what a browser over HTTPS receives (browsers offer brotli
 * on secure origins only, so a plain-HTTP test browser would get gzip).
 *
 * Loads measured: the console's login page and the citizen submit page on a first visit (empty
 * cache), and each console page reached from the menu after the home page (the chunks that
 * navigation adds). `timeToUsable` loads a page under Chromium's network and CPU throttling and
 * reports when its form became usable (inputs there, visible and enabled) — a figure to record,
 * never asserted (no test asserts a time).
 */
import http from 'node:http';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';

/** The budgets, in bytes as sent (`Accept-Encoding: br, gzip`). */
export const BUDGETS = {
  /** Console login page, first visit: JavaScript. */
  consoleLoginJs: 250 * 1024,
  /** Citizen submit page (`/m/submit`), first visit: everything the page downloads (HTML, JS, CSS, API answers). */
  citizenSubmitAll: 120 * 1024,
  /** JavaScript one navigation to a console page adds (from the home page), pages that draw charts aside. */
  consolePageJs: 160 * 1024,
  /** … for the pages that draw charts (ECharts comes with them). */
  consoleChartPageJs: 320 * 1024,
} as const;

/** Console pages that draw charts: the only ones allowed to load ECharts. */
export const CHART_PAGES = ['/cockpit', '/comparison', '/evaluations'];
/** The chunk ECharts is built into (the cockpit's echart.tsx wrapper). */
export const ECHARTS_CHUNK = /\/assets\/echart-[^/]+\.js$/;

/** One file in three encodings, bytes of the body as sent. */
export interface FileWeight {
  path: string;
  kind: 'js' | 'css' | 'html' | 'json' | 'other';
  raw: number;
  gzip: number;
  br: number;
  /** Answer to `Accept-Encoding: br, gzip` and the encoding the server chose. */
  asSent: number;
  encoding: string;
}

/** Totals of a load, per kind and altogether. */
export interface Totals {
  raw: number;
  gzip: number;
  br: number;
  asSent: number;
  files: number;
}

/** One measured load. */
export interface LoadWeight {
  name: string;
  url: string;
  files: FileWeight[];
  js: Totals;
  all: Totals;
}

/** Bytes of `url`'s body as the server sends it for `acceptEncoding`, and the encoding used. */
export function fetchSize(url: string, acceptEncoding: string, cookie?: string): Promise<{ bytes: number; encoding: string; type: string; status: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { 'accept-encoding': acceptEncoding, ...(cookie ? { cookie } : {}) } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () =>
        resolve({
          bytes,
          encoding: String(res.headers['content-encoding'] ?? 'identity'),
          type: String(res.headers['content-type'] ?? ''),
          status: res.statusCode ?? 0,
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

function kindOf(path: string, type: string): FileWeight['kind'] {
  if (path.endsWith('.js') || type.includes('javascript')) return 'js';
  if (path.endsWith('.css') || type.includes('text/css')) return 'css';
  if (type.includes('text/html')) return 'html';
  if (type.includes('json')) return 'json';
  return 'other';
}

/** Weighs each URL (GET only) raw, gzip and as sent to a `br, gzip` client. */
export async function weighFiles(urls: string[], cookie?: string): Promise<FileWeight[]> {
  const out: FileWeight[] = [];
  for (const url of urls) {
    const [raw, gzip, sent] = [await fetchSize(url, 'identity', cookie), await fetchSize(url, 'gzip', cookie), await fetchSize(url, 'br, gzip', cookie)];
    const br = await fetchSize(url, 'br', cookie);
    const u = new URL(url);
    out.push({
      path: u.pathname + u.search,
      kind: kindOf(u.pathname, raw.type),
      raw: raw.bytes,
      gzip: gzip.bytes,
      br: br.bytes,
      asSent: sent.bytes,
      encoding: sent.encoding,
    });
  }
  return out;
}

export function totals(files: FileWeight[]): Totals {
  const sum = (k: 'raw' | 'gzip' | 'br' | 'asSent') => files.reduce((n, f) => n + f[k], 0);
  return { raw: sum('raw'), gzip: sum('gzip'), br: sum('br'), asSent: sum('asSent'), files: files.length };
}

function load(name: string, url: string, files: FileWeight[]): LoadWeight {
  return { name, url, files, js: totals(files.filter((f) => f.kind === 'js')), all: totals(files) };
}

/**
 * Records the GET requests a page makes (same origin), and how many are still in flight, so a
 * caller can wait until the network has been quiet for a while.
 */
function recorder(page: Page, origin: string) {
  const urls: string[] = [];
  let inFlight = 0;
  let lastChange = Date.now();
  page.on('request', (r) => {
    if (r.method() === 'GET' && r.url().startsWith(origin)) urls.push(r.url());
    inFlight++;
    lastChange = Date.now();
  });
  const done = () => {
    inFlight = Math.max(0, inFlight - 1);
    lastChange = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return {
    urls,
    /** Resolves once nothing has been in flight for `quietMs`. */
    async quiet(quietMs = 400, timeoutMs = 30_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (inFlight > 0 || Date.now() - lastChange < quietMs) {
        if (Date.now() > deadline) throw new Error(`network not quiet after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    take(): string[] {
      return [...new Set(urls.splice(0))];
    },
  };
}

/** The page's condition, checked over the DevTools protocol (the product's CSP forbids eval in the page). */
async function until(page: Page, expression: string, timeoutMs = 60_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate<boolean>(`Boolean(${expression})`))) {
    if (Date.now() > deadline) throw new Error(`not true after ${timeoutMs} ms: ${expression}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** JS expression: every element named by `testIds` is there, shown and enabled. */
export function usableExpression(testIds: string[]): string {
  return testIds
    .map(
      (id) =>
        `((e) => !!e && !e.disabled && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')(document.querySelector('[data-testid="${id}"]'))`,
    )
    .join(' && ');
}

/** What makes each measured form usable. */
export const CONSOLE_LOGIN = { path: '/console/login', ready: usableExpression(['login-username', 'login-password', 'login-submit']) };
export const CITIZEN_SUBMIT = { path: '/m/submit', ready: usableExpression(['submit-content', 'submit-button']) };

async function freshPage(browser: Browser, mobile: boolean): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(
    mobile
      ? { locale: 'zh-CN', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true }
      : { locale: 'zh-CN', viewport: { width: 1366, height: 900 } },
  );
  return { context, page: await context.newPage() };
}

/** A first visit of `path` (empty cache): every file it asks for until the form is usable and the network is quiet. */
export async function firstLoad(
  browser: Browser,
  baseUrl: string,
  name: string,
  target: { path: string; ready: string },
  mobile: boolean,
): Promise<LoadWeight> {
  const { context, page } = await freshPage(browser, mobile);
  try {
    const rec = recorder(page, baseUrl);
    await page.goto(`${baseUrl}${target.path}`);
    await until(page, target.ready);
    await rec.quiet();
    return load(name, target.path, await weighFiles(rec.take()));
  } finally {
    await context.close();
  }
}

/** A console page's navigation: from the home page (already loaded), the menu entry clicked. */
export interface PageNavigation extends LoadWeight {
  chartPage: boolean;
  loadsEcharts: boolean;
}

/** What signing in adds to the login page (the signed-in frame and the home page), and each page from the menu. */
export interface ConsoleNavigations {
  signIn: LoadWeight;
  pages: PageNavigation[];
}

/**
 * Signs in as `username` (the JavaScript that adds to the login page's) and clicks each menu
 * entry the user sees: the JavaScript that navigation adds (API answers depend on the data, not
 * on the build).
 *
 * `fromHome` (the bench): each entry from a fresh load of the home page, so a page's figure is
 * what it costs on its own. Otherwise (the browser test, quicker): one entry after the other in
 * the same page, those without charts first — each figure is what the page adds to the ones
 * before (shared chunks count once), and ECharts cannot hide behind a chart page seen earlier.
 */
export async function consoleNavigations(
  browser: Browser,
  baseUrl: string,
  username: string,
  password: string,
  options: { fromHome: boolean; log?: (line: string) => void },
): Promise<ConsoleNavigations> {
  const log = options.log ?? (() => {});
  const { context, page } = await freshPage(browser, false);
  try {
    const rec = recorder(page, baseUrl);
    await page.goto(`${baseUrl}${CONSOLE_LOGIN.path}`);
    await until(page, CONSOLE_LOGIN.ready);
    await rec.quiet();
    rec.take();
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user-name').waitFor();
    await until(page, `!document.querySelector('[data-testid="page-loading"]')`);
    await rec.quiet();
    const signIn = load('sign in: frame and home page', '/console/', await weighFiles(rec.take().filter((u) => new URL(u).pathname.endsWith('.js'))));
    log(`  sign-in adds ${signIn.js.files} chunks, ${kb(signIn.js.asSent)} as sent`);
    if (options.fromHome) {
      const cdp: CDPSession = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      // Each home page load starts from nothing: no chunk comes from the HTTP cache.
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    }
    // The menu the user sees: each entry's test id and path (the home page aside).
    const menu = await page.evaluate<Array<{ testId: string; path: string }>>(
      `[...document.querySelectorAll('a[data-testid^="nav-"]')].map((a) => ({ testId: a.dataset.testid, path: new URL(a.href).pathname.replace(/^\\/console/, '') || '/' }))`,
    );
    const out: PageNavigation[] = [];
    const entries = menu.filter((i) => i.path !== '/');
    if (!options.fromHome) entries.sort((a, b) => Number(CHART_PAGES.includes(a.path)) - Number(CHART_PAGES.includes(b.path)));
    for (const item of entries) {
      if (options.fromHome) {
        await page.goto(`${baseUrl}/console/`);
        await page.getByTestId('nav-home').waitFor();
        await until(page, `!document.querySelector('[data-testid="page-loading"]')`);
      }
      await rec.quiet();
      rec.take();
      await page.getByTestId(item.testId).click();
      await until(page, `location.pathname === '/console${item.path}' && !document.querySelector('[data-testid="page-loading"]')`);
      await rec.quiet();
      const js = rec.take().filter((u) => new URL(u).pathname.endsWith('.js'));
      const files = await weighFiles(js);
      const chartPage = CHART_PAGES.includes(item.path);
      out.push({ ...load(item.testId.replace(/^nav-/, ''), `/console${item.path}`, files), chartPage, loadsEcharts: js.some((u) => ECHARTS_CHUNK.test(u)) });
      log(`  ${item.path}: ${files.length} new chunks, ${kb(totals(files).asSent)} as sent`);
    }
    return { signIn, pages: out };
  } finally {
    await context.close();
  }
}

/** Network and CPU conditions for `timeToUsable`. */
export interface Throttle {
  name: string;
  /** Added to each request, ms. */
  latencyMs: number;
  downloadBytesPerSecond: number;
  uploadBytesPerSecond: number;
  cpuSlowdown: number;
}

export const THROTTLES: Record<'slow4g' | 'brief', Throttle> = {
  // Lighthouse's mobile profile ("Slow 4G", DevTools throttling): 150 ms RTT × 3.75, 1.6 Mbps × 0.9 down, 750 Kbps × 0.9 up, 4× CPU.
  slow4g: {
    name: 'Slow 4G (Lighthouse: 562.5 ms, 1,474.56 Kbps down, 675 Kbps up), 4× CPU',
    latencyMs: 562.5,
    downloadBytesPerSecond: (1474.56 * 1024) / 8,
    uploadBytesPerSecond: (675 * 1024) / 8,
    cpuSlowdown: 4,
  },
  // The slower link the brief names: 400 Kbps each way, 400 ms RTT.
  brief: { name: '400 Kbps, 400 ms RTT, 4× CPU', latencyMs: 400, downloadBytesPerSecond: 400_000 / 8, uploadBytesPerSecond: 400_000 / 8, cpuSlowdown: 4 },
};

/** A throttled first visit: when the form became usable, ms after navigation started (page clock), and what the browser received. */
export interface UsableTiming {
  name: string;
  throttle: string;
  usableMs: number;
  /** Bytes the browser received (encoded bodies) up to then, and the encodings it offered. */
  receivedBytes: number;
  acceptEncoding: string;
}

/** Loads `target` with an empty cache under `throttle` and returns when its form became usable. */
export async function timeToUsable(
  browser: Browser,
  baseUrl: string,
  name: string,
  target: { path: string; ready: string },
  throttle: Throttle,
  mobile: boolean,
): Promise<UsableTiming> {
  const { context, page } = await freshPage(browser, mobile);
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: throttle.latencyMs,
      downloadThroughput: throttle.downloadBytesPerSecond,
      uploadThroughput: throttle.uploadBytesPerSecond,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle.cpuSlowdown });
    let receivedBytes = 0;
    let acceptEncoding = '';
    page.on('requestfinished', (r) => {
      void r
        .sizes()
        .then((s) => (receivedBytes += s.responseBodySize))
        .catch(() => {});
    });
    page.on('request', (r) => {
      // The headers as the network stack sent them (Accept-Encoding is added there).
      if (!acceptEncoding && r.url().endsWith('.js')) void r.allHeaders().then((h) => (acceptEncoding ||= h['accept-encoding'] ?? ''));
    });
    await page.goto(`${baseUrl}${target.path}`, { waitUntil: 'commit', timeout: 120_000 });
    await until(page, target.ready, 120_000, 25);
    const usableMs = Math.round(await page.evaluate<number>('performance.now()'));
    return { name, throttle: throttle.name, usableMs, receivedBytes, acceptEncoding };
  } finally {
    await context.close();
  }
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
