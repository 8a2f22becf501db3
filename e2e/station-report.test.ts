/**
 * Browser journey of the monthly station report (issue #5) against the real product with
 * demo data: station staff open their station's report from the ranking, the ECharts chart
 * draws (SVG), Chromium prints the page to an A4 PDF, and the PDF's text holds the station
 * name and the key figures the API gives — Chinese text included, so the CJK font is
 * embedded with its text mapping. The toolbar (打印 button) is not on paper.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@lianxin/storage/testing';
import { ARTIFACTS, browserAvailable, launchBrowser } from './support/browser';
import { startProduct, type RunningProduct } from './support/server';
import fs from 'node:fs';
import path from 'node:path';

const dialects = browserAvailable() ? await testDialects() : [];
const PASSWORD = 'lianxin-demo';

/**
 * The PDF's text mapping names some Noto CJK glyphs by the radical code points that share
 * them (⼈ for 人, ⻅ for 见): NFKC folds the Kangxi radicals, this table the simplified
 * radicals NFKC leaves alone.
 */
const RADICALS: Record<string, string> = {
  '⻅': '见',
  '⻉': '贝',
  '⻋': '车',
  '⻓': '长',
  '⻔': '门',
  '⻚': '页',
  '⻛': '风',
  '⻜': '飞',
  '⻢': '马',
  '⻩': '黄',
  '⻬': '齐',
  '⻰': '龙',
};
const plain = (text: string) =>
  text
    .replace(/[⻅⻉⻋⻓⻔⻚⻛⻜⻢⻩⻬⻰]/gu, (c) => RADICALS[c] ?? c)
    .normalize('NFKC')
    .replace(/\s+/g, '');

/** The pages of a PDF as text, whitespace removed (Chromium places CJK glyphs one by one). */
async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: bytes, disableFontFace: true, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str : ''))
        .join('')
        .replace(/\s+/g, ''),
    );
  }
  await doc.destroy();
  return pages;
}

/** Today's month in China, the evaluations page's default period. */
const chinaMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

describe.each(dialects)('monthly station report printed to PDF on %s', (dialect) => {
  let product: RunningProduct;
  let browser: Browser;
  let context: BrowserContext;
  const errors: string[] = [];

  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct(dialect), launchBrowser()]);
  });
  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    await product?.stop();
  });

  it('prints one A4 report whose text holds the station and its figures', async () => {
    context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${product.url}/console/login`);
    await page.getByTestId('login-username').fill('staff-anyang');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user-name').waitFor();

    const period = chinaMonth();
    const stations = (await (await page.request.get(`${product.url}/api/v1/public/units?kind=station`)).json()).items as Array<{ id: string; region: string }>;
    const station = stations.find((s) => s.region === '安阳街道')!;
    const res = await page.request.get(`${product.url}/api/v1/evaluations/default-station/stations/${station.id}/report?period=${period}`);
    expect(res.status(), await res.text()).toBe(200);
    const report = await res.json();

    // Reached from the ranking the way staff find it.
    await page.goto(`${product.url}/console/evaluations`);
    await page.getByTestId(`station-report-link-${station.id}`).click();
    await page.waitForURL(`**/console/evaluations/report/default-station/${station.id}/${period}`);
    await page.getByTestId('station-report-title').waitFor();
    await page.locator('[data-testid="station-report-chart"] svg').first().waitFor();
    await expect
      .poll(() => page.locator('[data-testid="station-report-chart"] svg rect, [data-testid="station-report-chart"] svg path').count())
      .toBeGreaterThan(0);
    expect(await page.getByTestId('station-report-print').textContent()).toBe('打印');

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, `station-report-${dialect}.pdf`), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pdfPages(new Uint8Array(pdf));
    expect(pages.length).toBeGreaterThanOrEqual(1);
    const text = plain(pages.join(''));
    const f = report.figures;
    const rate = (v: number | null) => (v === null ? '无数据' : `${v}%`);
    for (const expected of [
      `${report.unit.name}${period}月度考评报告`,
      `总分${report.score}`,
      `总名次${report.rank}/${report.total}`,
      `接待场次（实际/计划）${f.receptionsHeld}/${f.receptionsPlanned}`,
      `收集意见数${f.opinions}`,
      `按时答复率${rate(f.repliedOnTimeRate)}`,
      `满意率${rate(f.satisfactionRate)}`,
      '得分明细',
      '榜单规则',
      ...report.breakdown.map((b: { label: string }) => b.label),
    ]) {
      expect(text, `PDF text lacks ${expected}`).toContain(plain(expected));
    }
    // The toolbar stays on screen only.
    expect(text).not.toContain('返回考评排名');
    expect(errors).toEqual([]);
  });
});
