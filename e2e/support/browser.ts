/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser). In CI the
 * browser is required; elsewhere a missing browser skips the journeys with a warning.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { eventually } from '../../apps/server/test/eventually';

export const CHROMIUM_PATH = process.env.LIANXIN_CHROMIUM ?? '/usr/bin/chromium';
export const BROWSER_REQUIRED = process.env.CI === 'true' || process.env.LIANXIN_REQUIRE_BROWSER === '1';
export const ARTIFACTS = path.resolve(import.meta.dirname, '../artifacts');

/** Whether journeys can run here. */
export function browserAvailable(): boolean {
  if (fs.existsSync(CHROMIUM_PATH)) return true;
  if (BROWSER_REQUIRED) throw new Error(`Chromium is required for browser tests but ${CHROMIUM_PATH} is missing (apt-get install chromium)`);
  console.warn(`[e2e] ${CHROMIUM_PATH} not found: browser journeys are SKIPPED on this run`);
  return false;
}

/** Launches headless Chromium with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      // The console turns antd's animations off for reduced motion: no clicks on moving dialogs.
      '--force-prefers-reduced-motion',
    ],
  });
}

/**
 * Waits until `expression` is true in the page, polling over the DevTools protocol: the string
 * form of `page.waitForFunction` is eval inside the page, which the product's CSP refuses.
 */
export async function waitForCondition(page: Page, expression: string, timeoutMs = 15_000): Promise<void> {
  await eventually(
    async () => {
      if (!(await page.evaluate<boolean>(`Boolean(${expression})`))) throw new Error(`not true after ${timeoutMs} ms: ${expression}`);
    },
    { timeoutMs, intervalMs: 100 },
  );
}

/** Saves a screenshot under e2e/artifacts. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const AXE_SOURCE = fs.readFileSync(path.resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

/** A violation axe-core found. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Runs axe-core in the page and returns serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // A list item fading in is measured at part opacity and fails contrast: let finite CSS
  // animations and transitions end first (spinners run forever; give up after 3 s).
  await page.evaluate(`Promise.race([
    Promise.all(document.getAnimations()
      .filter((a) => a.effect && Number.isFinite(a.effect.getComputedTiming().endTime))
      .map((a) => a.finished.catch(() => null))),
    new Promise((resolve) => setTimeout(resolve, 3000)),
  ])`);
  // Evaluated over the DevTools protocol, so the page's strict CSP stays in force.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<AxeViolation[]>(`(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) }));
  })()`);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * A page in its own context for a journey: a phone-sized one for citizens, a desktop one for
 * staff. The context is pushed to `contexts` for closing, page errors to `errors`.
 */
export async function newJourneyPage(browser: Browser, contexts: BrowserContext[], errors: string[], mobile: boolean): Promise<Page> {
  const context = await browser.newContext(
    mobile
      ? { locale: 'zh-CN', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true }
      : { locale: 'zh-CN', viewport: { width: 1366, height: 900 } },
  );
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  return page;
}

/** Signs `page` in to the console through the login form. */
export async function signInConsole(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/console/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user-name').waitFor();
}

/**
 * Picks options of an antd select by their labels (typed to filter, then clicked). A click that
 * lands while the option list re-renders (its data arriving, or the dialog still animating on a
 * busy machine) is lost: it is tried again, up to three times.
 */
export async function chooseOptions(page: Page, testId: string, labels: string[]): Promise<void> {
  const select = page.getByTestId(testId);
  for (const label of labels) {
    const chosen = select.locator(`[title^="${label}"]`).first();
    for (let attempt = 1; ; attempt++) {
      await select.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(label);
      const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).first();
      await option.waitFor();
      await option.click();
      try {
        // The chosen value shows inside the select (the dropdown lives outside it).
        await chosen.waitFor({ timeout: 3000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        await closeOpenDropdown(page);
      }
    }
  }
  await closeOpenDropdown(page);
}

/** Closes a select's open option list; Escape with none open would close the dialog around it. */
async function closeOpenDropdown(page: Page): Promise<void> {
  if (await page.locator('.ant-select-dropdown:visible').count()) await page.keyboard.press('Escape');
}
