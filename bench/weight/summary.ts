/** The weight bench's record (bench/results/weight.json) and its summary table. */
import { kb, type BUDGETS, type LoadWeight, type PageNavigation, type UsableTiming } from './measure';

/** What weight.json keeps of one run. */
export interface WeightRun {
  at: string;
  label: string | null;
  machine: { cpus: number; model: string | null; node: string };
  budgets: typeof BUDGETS;
  consoleLogin: LoadWeight;
  citizenSubmit: LoadWeight;
  /** What signing in adds to the login page's JavaScript (the signed-in frame, the home page). */
  signIn: LoadWeight;
  pages: PageNavigation[];
  /** Median of the runs per page and throttle, with every run's figure. */
  usable: Array<UsableTiming & { runs: number[] }>;
}

const verdict = (ok: boolean) => (ok ? 'meets' : 'MISSES');

/** The summary table of a run (printed by the bench, and part of bench/results/SUMMARY.md). */
export function weightSummary(run: WeightRun): string {
  const lines: string[] = [];
  const row = (name: string, l: { raw: number; gzip: number; br: number; asSent: number; files: number }, budget: number | null) =>
    `| ${name} | ${l.files} | ${kb(l.raw)} | ${kb(l.gzip)} | ${kb(l.br)} | ${kb(l.asSent)} | ${budget === null ? '—' : `≤ ${kb(budget)} — ${verdict(l.asSent <= budget)}`} |`;
  lines.push('| Load | Files | Raw | gzip | brotli | As sent (br, gzip) | Budget |', '|---|---|---|---|---|---|---|');
  lines.push(row('Console login, first visit: JavaScript', run.consoleLogin.js, run.budgets.consoleLoginJs));
  lines.push(row('Console login, first visit: everything', run.consoleLogin.all, null));
  lines.push(row('Citizen submit page, first visit: JavaScript', run.citizenSubmit.js, null));
  lines.push(row('Citizen submit page, first visit: everything', run.citizenSubmit.all, run.budgets.citizenSubmitAll));
  lines.push(row('Console sign-in: JavaScript the frame and home page add', run.signIn.js, null));
  for (const p of run.pages) {
    const budget = p.chartPage ? run.budgets.consoleChartPageJs : run.budgets.consolePageJs;
    lines.push(row(`Console ${p.url} from the home page: JavaScript added${p.loadsEcharts ? ' (with ECharts)' : ''}`, p.js, budget));
  }
  if (run.usable.length) {
    lines.push('', '| Form usable after (median) | Throttle | Runs (ms) |', '|---|---|---|');
    for (const u of run.usable) lines.push(`| ${u.name}: ${(u.usableMs / 1000).toFixed(2)} s | ${u.throttle} | ${u.runs.join(', ')} |`);
  }
  return lines.join('\n');
}
