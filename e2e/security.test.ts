/**
 * Issue #9 item 7, the browser half: XSS payloads stored through the public intake (and in a
 * staff reply) are rendered inert — the console case page and the citizen tracking page show
 * them as literal text, no dialog opens, no injected script or handler runs, no element is made
 * from them. The product's own log of the run holds no phone, session or CSRF token, or verify code.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, newJourneyPage, signInConsole } from './support/browser';
import { startProduct, type RunningProduct } from './support/server';

const run = browserAvailable();

const PAYLOAD = `<img src=x onerror="window.__xss=1;alert('xss-img')"><script>window.__xss=2;alert('xss-script')</script><svg onload="window.__xss=3">`;
const PHONE = '13812340000';

describe.runIf(run)('stored XSS is inert in the browser (sqlite)', () => {
  let product: RunningProduct;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    // At info level every request is logged, so the log check below sees the whole run.
    [product, browser] = await Promise.all([startProduct('sqlite', { LIANXIN_LOG_LEVEL: 'info' }), launchBrowser()]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await product?.stop();
  });

  /** Collects dialogs (and dismisses them) so a payload that ran is seen, not hung on. */
  function watchDialogs(page: Page): string[] {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    return dialogs;
  }

  async function expectInert(page: Page, testId: string, dialogs: string[]): Promise<void> {
    const region = page.getByTestId(testId);
    expect(await region.textContent()).toContain(PAYLOAD);
    expect(await region.locator('img, script, svg').count()).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(dialogs).toEqual([]);
  }

  it('shows the payload as text on the console case page and the citizen tracking page', async () => {
    const submitted = await fetch(`${product.url}/api/v1/public/opinions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content: `${PAYLOAD} 小区路灯坏了，请尽快修理。`, contact: { name: '测试', phone: PHONE } }),
    });
    expect(submitted.status).toBe(201);
    const { trackingCode } = (await submitted.json()) as { trackingCode: string };

    // Staff answer on the spot with the same payload, so the citizen page has it in the reply.
    const login = await fetch(`${product.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'lianxin-demo' }),
    });
    const cookie = login.headers
      .getSetCookie()
      .find((c) => c.startsWith('lx_session='))!
      .split(';')[0];
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
    const list = (await (await fetch(`${product.url}/api/v1/cases?pageSize=20`, { headers })).json()) as { items: Array<{ id: string; trackingCode: string }> };
    const caseId = list.items.find((c) => c.trackingCode === trackingCode)!.id;
    for (const [action, body] of [
      ['accept', { expectedVersion: 1 }],
      ['answer_on_site', { expectedVersion: 2, content: `${PAYLOAD} 已当场答复：路灯已报修。` }],
    ] as const) {
      const res = await fetch(`${product.url}/api/v1/cases/${caseId}/actions/${action}`, { method: 'POST', headers, body: JSON.stringify(body) });
      expect(res.status, await res.clone().text()).toBe(200);
    }

    const errors: string[] = [];
    const staff = await newJourneyPage(browser, contexts, errors, false);
    const staffDialogs = watchDialogs(staff);
    await signInConsole(staff, product.url, 'admin', 'lianxin-demo');
    await staff.goto(`${product.url}/console/cases/${caseId}`);
    await staff.getByTestId('case-content').waitFor();
    await expectInert(staff, 'case-content', staffDialogs);
    await expectInert(staff, 'case-reply', staffDialogs);

    const citizen = await newJourneyPage(browser, contexts, errors, true);
    const citizenDialogs = watchDialogs(citizen);
    await citizen.goto(`${product.url}/m/track`);
    await citizen.getByTestId('track-code').fill(trackingCode);
    await citizen.getByTestId('track-verify').fill(PHONE.slice(-4));
    await citizen.getByTestId('track-submit').click();
    await citizen.getByTestId('opinion-reply').waitFor();
    await expectInert(citizen, 'opinion-reply', citizenDialogs);
    expect(errors).toEqual([]);

    // The real product's log of this whole run (web and worker) holds no secret of it.
    const output = product.output();
    expect(output).toContain('/api/v1/public/opinions/');
    for (const secret of [PHONE, `verify=${PHONE.slice(-4)}`, cookie.split('=')[1], csrfToken]) {
      expect(output.includes(secret), `log contains ${secret.slice(0, 6)}…`).toBe(false);
    }
  });
});
