/**
 * Benchmark of the web app's weight and of a cheap phone's wait (issue #17, items 2 and 9), on
 * the production build served by the real product (`lianxin start`, SQLite, demo organisation):
 *
 * - bytes as sent (`Accept-Encoding: br, gzip`), and raw / gzip / brotli, of every file the
 *   console's login page and the citizen submit page load on a first visit, and of the chunks
 *   each console page adds when it is reached from the menu — against the budgets in measure.ts;
 * - when the login form and the submit form become usable under throttling (Lighthouse's Slow
 *   4G and the slower 400 Kbps / 400 ms link, both with 4× CPU): the median of `--runs` loads.
 *
 * Run from the repository root (builds the web app first if its sources changed):
 *   npx tsx bench/weight/weight.bench.ts [--runs 3] [--label TEXT] [--skip-throttled]
 * `npm run bench` runs it too (`--skip-weight` leaves it out). Writes bench/results/weight.json
 * and prints the summary. Figures only: budgets are reported here, enforced by e2e/weight.test.ts.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProduct } from '../../e2e/support/server';
import { CHROMIUM_PATH, launchBrowser } from '../../e2e/support/browser';
import { BUDGETS, CITIZEN_SUBMIT, CONSOLE_LOGIN, consoleNavigations, firstLoad, kb, THROTTLES, timeToUsable, type UsableTiming } from './measure';
import { weightSummary, type WeightRun } from './summary';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const resultsFile = path.join(here, '../results/weight.json');
const argv = process.argv.slice(2);
const value = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const RUNS = Number(value('--runs') ?? 3);
const LABEL = value('--label') ?? null;
const log = (line: string) => console.error(line);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function main(): Promise<void> {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is needed (${CHROMIUM_PATH}): apt-get install chromium`);
  execFileSync(process.execPath, [path.join(root, 'scripts/build-web-if-needed.mjs')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  const product = await startProduct('sqlite', { LIANXIN_RATE_LIMITS: 'off' });
  const browser = await launchBrowser();
  try {
    log('weight: console login, first visit');
    const consoleLogin = await firstLoad(browser, product.url, 'console login', CONSOLE_LOGIN, false);
    log(`  JavaScript ${kb(consoleLogin.js.asSent)} as sent (${consoleLogin.js.files} files)`);
    log('weight: citizen submit page, first visit');
    const citizenSubmit = await firstLoad(browser, product.url, 'citizen submit', CITIZEN_SUBMIT, true);
    log(`  everything ${kb(citizenSubmit.all.asSent)} as sent (${citizenSubmit.all.files} files)`);
    log('weight: console pages from the menu');
    const { signIn, pages } = await consoleNavigations(browser, product.url, 'admin', 'lianxin-demo', { fromHome: true, log });
    const usable: WeightRun['usable'] = [];
    if (!argv.includes('--skip-throttled'))
      for (const throttle of Object.values(THROTTLES))
        for (const [name, target, mobile] of [
          ['Console login form', CONSOLE_LOGIN, false],
          ['Citizen submit form', CITIZEN_SUBMIT, true],
        ] as const) {
          const runs: UsableTiming[] = [];
          for (let i = 0; i < RUNS; i++) runs.push(await timeToUsable(browser, product.url, name, target, throttle, mobile));
          const ms = runs.map((r) => r.usableMs);
          const mid = runs.find((r) => r.usableMs === median(ms))!;
          usable.push({ ...mid, runs: ms });
          log(
            `  ${name} usable after ${(mid.usableMs / 1000).toFixed(2)} s (median of ${ms.join(', ')} ms) — ${throttle.name}; browser offered ${mid.acceptEncoding}`,
          );
        }
    const run: WeightRun = {
      at: new Date().toISOString(),
      label: LABEL,
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? null, node: process.version },
      budgets: BUDGETS,
      consoleLogin,
      citizenSubmit,
      signIn,
      pages,
      usable,
    };
    const stored = fs.existsSync(resultsFile) ? (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as { runs: WeightRun[] }) : { runs: [] };
    // Labelled runs stay (a "before" beside the latest); an unlabelled one is replaced by the next.
    stored.runs = [...stored.runs.filter((r) => r.label !== null && r.label !== LABEL), run];
    fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
    fs.writeFileSync(resultsFile, `${JSON.stringify(stored, null, 2)}\n`);
    console.log(weightSummary(run));
  } finally {
    await browser.close();
    await product.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main();
