#!/usr/bin/env node
// Builds the web app when its sources changed since the last build (a content hash is
// kept beside the build), so `npm start` is quick after the first time.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const inputs = [
  'apps/web/src',
  'apps/web/console.html',
  'apps/web/m.html',
  'apps/web/screen.html',
  'apps/web/vite.config.ts',
  'apps/web/build-plugins.ts',
  'apps/web/package.json',
  'packages/contracts/src',
  'packages/core/src',
  'packages/core/package.json',
  'packages/text/src',
];
const dist = path.join(root, 'apps/web/dist');
const stamp = path.join(dist, '.source-hash');

function* files(p) {
  if (!fs.existsSync(p)) return;
  const stat = fs.statSync(p);
  if (stat.isFile()) yield p;
  else for (const entry of fs.readdirSync(p).sort()) yield* files(path.join(p, entry));
}

const hash = createHash('sha256');
for (const input of inputs) for (const file of files(path.join(root, input))) hash.update(path.relative(root, file)).update(fs.readFileSync(file));
const digest = hash.digest('hex');

if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === digest && fs.existsSync(path.join(dist, 'console.html'))) {
  console.log('web app is up to date');
} else {
  console.log('building the web app …');
  execFileSync('npm', ['run', 'build', '--workspace', 'apps/web'], { cwd: root, stdio: 'inherit' });
  fs.writeFileSync(stamp, digest);
}
