#!/usr/bin/env node
// The README's test command: builds the web app if needed, runs every vitest project
// (unit, storage contract on SQLite and PostgreSQL, API, browser journeys) and ends
// with the plain line `N passed, N failed, N skipped`. In CI, PostgreSQL and the
// browser are required: a missing one fails the run instead of skipping.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const resultsFile = path.join(root, '.vitest-results.json');
const extra = process.argv.slice(2);
const startedAt = Date.now();

const build = spawnSync(process.execPath, [path.join(root, 'scripts/build-web-if-needed.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

fs.rmSync(resultsFile, { force: true });
const vitest = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`, ...extra],
  { cwd: root, stdio: 'inherit', env: process.env },
);

let passed = 0;
let failed = 0;
let skipped = 0;
if (fs.existsSync(resultsFile)) {
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  passed = results.numPassedTests ?? 0;
  // Failed tests; a file that failed before running any (an import error) counts as one failure.
  const brokenFiles = (results.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  failed = (results.numFailedTests ?? 0) + brokenFiles;
  skipped = (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
} else {
  failed = 1;
}
const seconds = Math.round((Date.now() - startedAt) / 1000);
console.log(`tests took ${seconds} s`);
const status = vitest.status === 0 && failed === 0 ? 0 : 1;
if (status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(status);
