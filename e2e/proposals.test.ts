/**
 * Browser journey of a motion (issue #6) against the real product (`lianxin start`): a deputy
 * drafts a motion in the console from two citizen opinions, two co-signers sign, the deputy
 * submits; the office registers it and assigns a lead unit and a co-unit; the lead unit
 * answers (class B); the deputy rates 基本满意; the follow-up answer closes it; both citizens
 * see "已纳入代表建议：…" on their tracking pages. Setup that is not the journey (the two
 * opinions, the co-signers' accounts and signatures, a lower co-signer minimum) goes
 * through the HTTP API.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@lianxin/storage/testing';
import { browserAvailable, chooseOptions, launchBrowser, newJourneyPage, screenshot, signInConsole } from './support/browser';
import { startProduct, type RunningProduct } from './support/server';

const dialects = browserAvailable() ? await testDialects() : [];
const PASSWORD = 'lianxin-demo';
const LEAD_UNIT = '市住房和城乡建设局';
const TITLE = '关于推进老旧小区加装电梯的议案';

/** A signed-in API client: session cookie plus CSRF header, like the console sends. */
interface ApiSession {
  cookie: string;
  csrf: string;
  user: { id: string; scope: { deputyId?: string } };
}

describe.each(dialects)('motion journey in the browser on %s', (dialect) => {
  let product: RunningProduct;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    // Rate limits off: setup signs in several accounts within one minute.
    [product, browser] = await Promise.all([startProduct(dialect, { LIANXIN_RATE_LIMITS: 'false' }), launchBrowser()]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await product?.stop();
  });

  async function api<T>(method: string, url: string, session?: ApiSession, body?: unknown): Promise<T> {
    const res = await fetch(`${product.url}${url}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  async function apiLogin(username: string): Promise<ApiSession> {
    const res = await fetch(`${product.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    if (!res.ok) throw new Error(`login ${username} → ${res.status} ${await res.text()}`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .find((c) => c.startsWith('lx_session='));
    const body = (await res.json()) as { csrfToken: string; user: ApiSession['user'] };
    return { cookie: cookie!, csrf: body.csrfToken, user: body.user };
  }

  const newPage = (mobile: boolean) => newJourneyPage(browser, contexts, errors, mobile);

  async function signIn(username: string): Promise<Page> {
    const page = await newPage(false);
    await signInConsole(page, product.url, username, PASSWORD);
    return page;
  }

  /** Picks a radio option in the open dialog by its label, clicking again if a click right after opening is lost. */
  async function pick(page: Page, label: string): Promise<void> {
    const dialog = page.getByRole('dialog');
    const checked = dialog.locator('.ant-radio-wrapper-checked', { hasText: label });
    for (let attempt = 1; ; attempt++) {
      await dialog.locator('.ant-radio-wrapper', { hasText: label }).click();
      try {
        await checked.waitFor({ timeout: 3000 });
        return;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }

  /** Opens a proposal, applies one action through its dialog and waits for the new status. */
  async function act(page: Page, id: string, action: string, fill: (page: Page) => Promise<void>, status: string): Promise<void> {
    const dialog = page.getByRole('dialog');
    try {
      await page.goto(`${product.url}/console/proposals/${id}`);
      await page.getByTestId(`proposal-action-${action}`).click();
      await dialog.waitFor();
      await fill(page);
      // Retried like `pick`: a lost click leaves the dialog open; a second one on a pending request does nothing.
      for (let attempt = 1; ; attempt++) {
        await page.getByTestId('proposal-action-ok').click();
        try {
          await dialog.waitFor({ state: 'detached', timeout: attempt === 3 ? 30_000 : 5000 });
          break;
        } catch (error) {
          if (attempt === 3) throw error;
        }
      }
      await page.getByTestId('proposal-status').filter({ hasText: status }).waitFor();
    } catch (error) {
      await screenshot(page, `proposals-failed-${action}-${dialect}`);
      throw error;
    }
  }

  it('draft from two opinions → co-sign → submit → register → assign → answer B → 基本满意 → follow-up closes; citizens see the link', async () => {
    const started = Date.now();

    // Setup over the API: two accepted opinions addressed to the demo deputy, two co-signers, minimum 2.
    const admin = await apiLogin('admin');
    const staffApi = await apiLogin('staff-anyang');
    const deputyApi = await apiLogin('deputy-demo');
    const deputyId = deputyApi.user.scope.deputyId!;
    await api('PATCH', '/api/v1/suggestion-settings', admin, { motionMinCosigners: 2 });
    const opinions: Array<{ code: string; verify: string }> = [];
    for (const [content, phone] of [
      ['安阳街道老旧小区加装电梯难，希望政府出台补助政策。', '13700001111'],
      ['老旧小区加装电梯协调难，建议统一规划和资金支持。', '13700002222'],
    ]) {
      const { trackingCode } = await api<{ trackingCode: string }>('POST', '/api/v1/public/opinions', undefined, { content, deputyId, contact: { phone } });
      const found = await api<{ items: Array<{ id: string; trackingCode: string }> }>('GET', `/api/v1/cases?q=${encodeURIComponent(trackingCode)}`, staffApi);
      const caseId = found.items.find((c) => c.trackingCode === trackingCode)!.id;
      const detail = await api<{ case: { version: number } }>('GET', `/api/v1/cases/${caseId}`, staffApi);
      await api('POST', `/api/v1/cases/${caseId}/actions/accept`, staffApi, { expectedVersion: detail.case.version });
      opinions.push({ code: trackingCode, verify: phone.slice(-4) });
    }
    const deputies = await api<{ items: Array<{ id: string; name: string }> }>('GET', '/api/v1/deputies?pageSize=5', admin);
    const cosigners = deputies.items.filter((d) => d.id !== deputyId).slice(0, 2);
    for (const [i, d] of cosigners.entries()) {
      await api('POST', '/api/v1/users', admin, {
        username: `e2e-cosigner-${i}`,
        displayName: `联名代表${i}`,
        password: PASSWORD,
        roles: ['deputy'],
        scope: { deputyId: d.id },
      });
    }
    const departments = await api<{ items: Array<{ id: string; name: string; active: boolean }> }>('GET', '/api/v1/departments?pageSize=50', admin);
    const coUnit = departments.items.find((d) => d.active && d.name !== LEAD_UNIT)!.name;

    // The deputy drafts the motion in the console, linking both opinions and inviting the co-signers.
    const deputy = await signIn('deputy-demo');
    await deputy.goto(`${product.url}/console/proposals/new`);
    await deputy.getByRole('radio', { name: '议案' }).check();
    await deputy.getByTestId('proposal-title').fill(TITLE);
    await deputy.getByTestId('proposal-body').fill('老旧小区加装电梯是群众急难愁盼的问题，建议出台补助政策并统一规划。');
    await chooseOptions(
      deputy,
      'proposal-cosigners',
      cosigners.map((c) => c.name),
    );
    await chooseOptions(
      deputy,
      'proposal-cases',
      opinions.map((o) => o.code),
    );
    await deputy.getByTestId('proposal-save').click();
    await deputy.getByTestId('proposal-status').filter({ hasText: '草稿' }).waitFor();
    const id = deputy.url().split('/').pop()!;
    expect(await deputy.getByTestId('proposal-cosigners').textContent()).toContain(cosigners[0].name);

    // The co-signers sign (their own step, over the API).
    for (const i of cosigners.keys()) {
      const session = await apiLogin(`e2e-cosigner-${i}`);
      const view = await api<{ proposal: { version: number } }>('GET', `/api/v1/suggestions/${id}`, session);
      await api('POST', `/api/v1/suggestions/${id}/actions/cosign`, session, { expectedVersion: view.proposal.version });
    }

    // The deputy submits.
    await act(deputy, id, 'submit', async () => {}, '已提交');

    // The office registers and assigns a lead unit and a co-unit.
    const office = await signIn('supervisor');
    await act(office, id, 'register', async () => {}, '已立案');
    await act(
      office,
      id,
      'assign',
      async (page) => {
        await chooseOptions(page, 'action-lead-unit', [LEAD_UNIT]);
        await chooseOptions(page, 'action-co-units', [coUnit]);
      },
      '已交办',
    );
    expect(await office.getByText(`主办：${LEAD_UNIT}`).count()).toBe(1);

    // The lead unit answers, class B.
    const dept = await signIn('dept-zhujian');
    await act(
      dept,
      id,
      'answer',
      async (page) => {
        await pick(page, 'B类 正在解决或列入计划');
        await page.getByTestId('action-content').fill('已将加装电梯补助纳入明年计划，正在制定实施细则。');
      },
      '已答复',
    );

    // The deputy rates 基本满意: it goes to follow-up.
    await act(
      deputy,
      id,
      'rate',
      async (page) => {
        await pick(page, '基本满意');
        await page.getByTestId('action-comment').fill('希望尽快落实');
      },
      '跟踪落实',
    );

    // The follow-up answer closes it.
    await act(dept, id, 'follow_up', async (page) => void (await page.getByTestId('action-content').fill('补助政策已出台，首批20部电梯已开工。')), '已办结');
    expect(await dept.getByTestId('proposal-answer').textContent()).toContain('基本满意');
    await screenshot(dept, `proposals-closed-${dialect}`);

    // Both citizens see the link on their tracking pages.
    const citizen = await newPage(true);
    for (const o of opinions) {
      await citizen.goto(`${product.url}/m/track`);
      await citizen.getByTestId('track-code').fill(o.code);
      await citizen.getByTestId('track-verify').fill(o.verify);
      await citizen.getByTestId('track-submit').click();
      const link = citizen.getByTestId('opinion-suggestion');
      await link.waitFor();
      expect(await link.textContent()).toBe(`已纳入代表建议：${TITLE}`);
    }
    await screenshot(citizen, `proposals-track-${dialect}`);

    expect(errors).toEqual([]);
    console.log(`[e2e] motion journey on ${dialect}: ${Date.now() - started} ms`);
  });
});
