/**
 * Full-size fuzzing of every OpenAPI operation (issue #9 item 5), on SQLite and/or PostgreSQL:
 *
 *   npx tsx scripts/fuzz.ts [--iterations 40] [--seed 9] [--db sqlite,postgres] [--only REGEX]
 *
 * Prints the findings and a summary, writes bench/results/fuzz.json, and exits 1 when anything
 * broke API.md's promises (a 5xx, an error outside the shared shape, a stack trace, rows stored by
 * a rejected request). `apps/server/test/fuzz.test.ts` runs the same code at a small size in CI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Dialect } from '@lianxin/storage';
import { postgresReachable } from '@lianxin/storage/testing';
import { runFuzz, type FuzzReport } from '../apps/server/test/fuzz-runner';
import { createTestApp } from '../apps/server/test/support';

const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '40' },
    seed: { type: 'string', default: '9' },
    db: { type: 'string', default: 'sqlite,postgres' },
    only: { type: 'string' },
    out: { type: 'string', default: 'bench/results/fuzz.json' },
  },
});

const results: Array<{ dialect: Dialect } & Omit<FuzzReport, 'findings'> & { findings: number }> = [];
let failed = false;
for (const dialect of values.db.split(',') as Dialect[]) {
  if (dialect === 'postgres' && !(await postgresReachable())) {
    console.warn('PostgreSQL unreachable: skipped');
    continue;
  }
  const t = await createTestApp(dialect, { rateLimits: false });
  try {
    const report = await runFuzz(t, {
      iterations: Number(values.iterations),
      seed: Number(values.seed),
      only: values.only ? new RegExp(values.only) : undefined,
      onOperation: (op, done, total) => process.stderr.write(`\r[${dialect}] ${done + 1}/${total} ${op.key.padEnd(70).slice(0, 70)}`),
    });
    process.stderr.write('\n');
    for (const f of report.findings)
      console.log(
        `${dialect} ${f.actor} ${f.op} [${f.label}] → ${f.status}: ${f.problem}\n   ${f.url}\n   payload ${f.payload.slice(0, 160)}\n   body ${f.body.slice(0, 200)}`,
      );
    console.log(
      `${dialect}: ${report.operations} operations, ${report.requests} requests in ${(report.durationMs / 1000).toFixed(1)} s; statuses ${JSON.stringify(report.byStatus)}; ${report.findings.length} findings`,
    );
    results.push({ dialect, ...report, findings: report.findings.length });
    if (report.findings.length) failed = true;
  } finally {
    await t.close();
  }
}
fs.mkdirSync(path.dirname(values.out), { recursive: true });
fs.writeFileSync(
  values.out,
  `${JSON.stringify({ at: new Date().toISOString(), iterations: Number(values.iterations), seed: Number(values.seed), results }, null, 2)}\n`,
);
process.exit(failed ? 1 : 0);
