/**
 * Browser journey of the closed loop (issue #4) against the real product (`lianxin start`,
 * web and worker in one process) with a real SMTP receiver: a citizen submits on /m with an
 * email → station staff accept and assign to 市住房和城乡建设局 in the console → the
 * department signs and replies → the citizen rates 不满意 on the tracking page → the case
 * reopens → the department replies again → the citizen rates 满意 → closed. The tracking
 * page and the console show the same timeline; the receipt and both reply notifications
 * arrive by email. axe-core finds no serious or critical violations on the case page and
 * on the working-day calendar page, whose deadline calculator counts across National Day.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@lianxin/storage/testing';
import { eventually } from '../apps/server/test/eventually';
import { startSmtpReceiver, subjectOf } from '../apps/server/test/smtp-receiver';
import { browserAvailable, chooseOptions, launchBrowser, newJourneyPage, screenshot, seriousAxeViolations, signInConsole } from './support/browser';
import { startProduct, type RunningProduct } from './support/server';

const dialects = browserAvailable() ? await testDialects() : [];
const PASSWORD = 'lianxin-demo';
const CITIZEN_EMAIL = 'citizen.loop@example.com';
const PHONE = '13700005678';
const VERIFY = '5678';
const DEPARTMENT = '市住房和城乡建设局';

describe.each(dialects)('closed loop in the browser on %s', (dialect) => {
  let product: RunningProduct;
  let browser: Browser;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    [product, browser] = await Promise.all([startProduct(dialect, { LIANXIN_SMTP_URL: smtp.url, LIANXIN_JOB_POLL_MS: '200' }), launchBrowser()]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await product?.stop();
    await smtp?.close();
  });

  const newPage = (mobile: boolean) => newJourneyPage(browser, contexts, errors, mobile);

  async function signIn(username: string): Promise<Page> {
    const page = await newPage(false);
    await signInConsole(page, product.url, username, PASSWORD);
    return page;
  }

  /** Opens the case from a worklist tab, the way a handler finds new work. */
  async function openFromWorklist(page: Page, worklist: string, code: string): Promise<void> {
    await page.getByTestId('nav-cases').click();
    await page.getByTestId(`cases-tab-${worklist}`).click();
    await page.getByRole('link', { name: code, exact: true }).click();
    await page.getByTestId('case-actions').waitFor();
  }

  /** Applies an action through its dialog and waits until the case shows the new status. */
  async function act(page: Page, action: string, fill: (page: Page) => Promise<void>, status: string): Promise<void> {
    await page.getByTestId(`case-action-${action}`).click();
    await page.getByTestId('case-action-form').waitFor();
    try {
      await fill(page);
      await page.getByTestId('case-action-form-submit').click();
      await page.getByTestId('case-action-form').waitFor({ state: 'detached' });
      await page.locator(`[data-testid="case-facts"] [data-status="${status}"]`).waitFor();
    } catch (error) {
      await screenshot(page, `closed-loop-failed-${action}`);
      throw error;
    }
  }

  const noFields = async () => {};
  const reply = (text: string) => async (page: Page) => {
    await page.getByTestId('case-action-form-content').fill(text);
  };

  /**
   * The citizen looks the opinion up with tracking code and verify digits. Used again
   * later instead of `reload()`: the tracking page keeps its first answer in the history
   * state, and Chromium turns a reload (or a visit of the same URL) into a reload that
   * shows that stale answer.
   */
  async function lookUp(page: Page, code: string, status: string): Promise<void> {
    await page.goto(`${product.url}/m/track`);
    await page.getByTestId('track-code').fill(code);
    await page.getByTestId('track-verify').fill(VERIFY);
    await page.getByTestId('track-submit').click();
    await page.locator('[data-testid="opinion-status"]').filter({ hasText: status }).waitFor();
  }

  async function rate(page: Page, rating: 'unsatisfied' | 'satisfied', comment: string): Promise<void> {
    await page.getByTestId(`rate-${rating}`).check();
    await page.getByTestId('rate-comment').fill(comment);
    await page.getByTestId('rate-submit').click();
    await page.getByTestId('rate-form').waitFor({ state: 'detached' });
  }

  it('submit → accept → assign → sign → reply → 不满意 → reply again → 满意, with one timeline and the emails', async () => {
    const started = Date.now();

    // The citizen submits on a phone, giving an email for notifications.
    const citizen = await newPage(true);
    await citizen.goto(`${product.url}/m/submit`);
    await citizen.getByTestId('submit-content').fill('安阳街道某小区外墙瓷砖脱落，存在安全隐患，请尽快处理。');
    await citizen.getByTestId('submit-phone').fill(PHONE);
    await citizen.getByTestId('submit-email').fill(CITIZEN_EMAIL);
    await citizen.getByTestId('submit-button').click();
    await citizen.getByTestId('success-code').waitFor({ timeout: 30_000 });
    const code = (await citizen.getByTestId('success-code').textContent())!.trim();

    // Station staff accept and assign to the housing bureau.
    const staff = await signIn('staff-anyang');
    await openFromWorklist(staff, 'to_accept', code);
    await act(staff, 'accept', noFields, 'accepted');
    await act(staff, 'assign', (page) => chooseOptions(page, 'case-action-form-department', [DEPARTMENT]), 'assigned');
    expect(await staff.getByTestId('case-facts').textContent()).toContain(DEPARTMENT);

    // The department signs and replies.
    const dept = await signIn('dept-zhujian');
    await openFromWorklist(dept, 'to_sign', code);
    await act(dept, 'sign', noFields, 'in_progress');
    await act(dept, 'reply', reply('已安排施工队于3个工作日内清理脱落瓷砖并加固，联系人：王工。'), 'replied');

    // The citizen finds it by code and verify digits, and is not satisfied: it reopens.
    await lookUp(citizen, code, '已答复');
    expect(await citizen.getByTestId('opinion-reply').textContent()).toContain('清理脱落瓷砖');
    await rate(citizen, 'unsatisfied', '瓷砖仍未清理');
    expect(await citizen.getByTestId('opinion-rating').textContent()).toContain('不满意');

    // Reopened (重办) to the same department, which signed for it before: no second 签收; it
    // replies again with the citizen's comment in front of it.
    await dept.reload();
    await dept.locator('[data-testid="case-facts"] [data-status="in_progress"]').waitFor();
    expect(await dept.getByTestId('case-facts').textContent()).toContain('重办');
    await act(
      dept,
      'reply',
      async (page) => {
        expect(await page.getByTestId('case-action-form-unsatisfied').textContent()).toContain('瓷砖仍未清理');
        await reply('瓷砖已全部清理并完成加固，现场照片已存档。')(page);
      },
      'replied',
    );

    // Now satisfied: closed.
    await lookUp(citizen, code, '已答复');
    expect(await citizen.getByTestId('opinion-reply').textContent()).toContain('全部清理');
    await rate(citizen, 'satisfied', '已处理好，谢谢');
    await citizen.locator('[data-testid="opinion-status"]').filter({ hasText: '已办结' }).waitFor();
    await screenshot(citizen, `closed-loop-track-${dialect}`);

    // One timeline: the tracking page shows exactly the console's public events, at the same moments.
    await staff.reload();
    await staff.locator('[data-testid="case-facts"] [data-status="closed"]').waitFor();
    const consoleEvents = await staff.locator('[data-testid="case-timeline"] .case-event').evaluateAll((nodes) =>
      nodes.map((n) => ({
        type: n.getAttribute('data-type'),
        public: n.getAttribute('data-public') === 'true',
        at: n.querySelector('time')?.getAttribute('datetime'),
      })),
    );
    const publicConsole = consoleEvents.filter((e) => e.public);
    const trackingTimes = await citizen.locator('[data-testid="timeline"] time').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('datetime')));
    expect(trackingTimes).toEqual(publicConsole.map((e) => e.at));
    expect(publicConsole.map((e) => e.type)).toEqual(['submitted', 'accept', 'assign', 'sign', 'reply', 'rate', 'reassigned', 'sign', 'reply', 'rate']);
    expect(await staff.getByTestId('case-facts').textContent()).toContain('满意');
    // The workflow's own reason for 重办 reads as words, not as the code `unsatisfied`.
    const reassigned = await staff.getByTestId('case-event-reassigned').textContent();
    expect(reassigned).toContain('不满意');
    expect(reassigned).not.toContain('unsatisfied');
    expect(await seriousAxeViolations(staff)).toEqual([]);
    await screenshot(staff, `closed-loop-case-${dialect}`);

    // The emails: receipt and two reply notices to the citizen, and the department's notice
    // (mail goes out through the job queue, not at once).
    const citizenSubjects = () => smtp.mails.filter((m) => m.to.includes(CITIZEN_EMAIL)).map((m) => subjectOf(m.raw));
    const mailWait = { timeoutMs: 20_000, intervalMs: 100 };
    await eventually(() => {
      const subjects = citizenSubjects();
      expect(
        subjects.some((s) => s.includes('已收到')),
        `citizen mails: ${JSON.stringify(subjects)}`,
      ).toBe(true);
      expect(
        subjects.filter((s) => s.includes('已答复')),
        `citizen mails: ${JSON.stringify(subjects)}`,
      ).toHaveLength(2);
    }, mailWait);
    await eventually(() => expect(smtp.mails.map((m) => m.to).flat(), 'the department mail').toContain('dept-zhujian@demo.lianxin.local'), mailWait);
    expect(citizenSubjects().every((s) => s.includes(code))).toBe(true);

    expect(errors).toEqual([]);
    console.log(`[e2e] closed loop on ${dialect}: ${Date.now() - started} ms`);
  });

  it('the working-day calendar shows the year, counts a deadline across National Day, and passes axe', async () => {
    const admin = await signIn('admin');
    await admin.getByTestId('nav-calendar').click();
    await admin.getByTestId('calendar-grid').waitFor();
    expect(await admin.locator('[data-testid^="calendar-month-"]').count()).toBe(12);
    expect(await seriousAxeViolations(admin)).toEqual([]);

    // 2025-09-30 + 1 working day: 10/1–10/8 are off, so it ends on Thursday 10/9.
    // A date picker: typed, then Enter commits it.
    await admin.getByTestId('calendar-deadline-start').fill('2025-09-30');
    await admin.getByTestId('calendar-deadline-start').press('Enter');
    await admin.getByTestId('calendar-deadline-workdays').fill('1');
    await admin.getByTestId('calendar-deadline-submit').click();
    await admin.getByTestId('calendar-deadline-result').filter({ hasText: '2025-10-09 23:59' }).waitFor();

    // 2025 in the grid: National Day is a holiday and Sunday 9/28 a make-up workday, from the holiday data.
    await admin.getByTestId('calendar-year').click();
    await admin.keyboard.type('2025');
    await admin.keyboard.press('Enter');
    await admin.getByTestId('calendar-day-2025-10-01').waitFor();
    expect(await admin.getByTestId('calendar-day-2025-10-01').getAttribute('data-kind')).toBe('holiday');
    expect(await admin.getByTestId('calendar-day-2025-09-28').getAttribute('data-kind')).toBe('makeup_workday');
    expect(await admin.getByTestId('calendar-coverage').getAttribute('data-coverage')).toBe('library');
    await screenshot(admin, `calendar-${dialect}`);
    expect(errors).toEqual([]);
  });
});
